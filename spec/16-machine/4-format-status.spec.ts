import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMemoryInvariants, parseStatus } from '#kata/04-status';
import { formatStatus, type TaskStatus } from '#kata/16-machine';
import { fixture, PROCESSES, statusLines } from './captures.ts';

/** The TaskStatus of a captured process: what differs between root processes, read off its own file. */
function taskOf(text: string): TaskStatus {
  const lines = statusLines(text);
  const kb = (key: string) => Number((lines.get(key) ?? '').replace(' kB', '').trim());
  const keys = [
    'VmPeak',
    'VmSize',
    'VmLck',
    'VmPin',
    'VmHWM',
    'VmRSS',
    'RssAnon',
    'RssFile',
    'RssShmem',
    'VmData',
    'VmStk',
    'VmExe',
    'VmLib',
    'VmPTE',
    'VmSwap',
    'HugetlbPages',
  ];
  // kata 04's ProcMemory keys: the label with a lower-case first letter (VmHWM → vmHWM, HugetlbPages → hugetlbPages)
  const memory = Object.fromEntries(keys.map((key) => [`${key[0]?.toLowerCase()}${key.slice(1)}`, kb(key)]));
  return {
    name: lines.get('Name') as string,
    state: (lines.get('State') as string)[0] as 'R' | 'S',
    pid: Number(lines.get('Pid')),
    ppid: Number(lines.get('PPid')),
    pgid: Number(lines.get('NSpgid')),
    sid: Number(lines.get('NSsid')),
    memory: memory as unknown as TaskStatus['memory'],
    signals: {
      blocked: BigInt(`0x${lines.get('SigBlk')}`),
      ignored: BigInt(`0x${lines.get('SigIgn')}`),
      caught: BigInt(`0x${lines.get('SigCgt')}`),
    },
    sigPendingLimit: Number((lines.get('SigQ') as string).split('/')[1]),
    cpus: 2,
    voluntarySwitches: Number(lines.get('voluntary_ctxt_switches')),
    nonvoluntarySwitches: Number(lines.get('nonvoluntary_ctxt_switches')),
  };
}

const sleeping = (): TaskStatus => taskOf(fixture('proc/sleep/status.txt'));

describe('formatStatus', () => {
  it.each(PROCESSES)('prints /proc/PID/status of the captured %s byte for byte', (name) => {
    const text = fixture(`proc/${name}/status.txt`);
    expect(formatStatus(taskOf(text))).toBe(text);
  });

  it('right-aligns a memory line in 8 after the tab ("VmRSS:\\t    1660 kB"), and a wider value pushes " kB" right', () => {
    const task = sleeping();
    task.memory.vmSize = 123456789;
    const lines = formatStatus(task).split('\n');
    expect(lines).toContain('VmRSS:\t    1660 kB');
    expect(lines).toContain('VmSize:\t123456789 kB');
  });

  it('prints R (running) or S (sleeping), and Tgid, Pid, NStgid and NSpid are the pid', () => {
    const task = { ...sleeping(), state: 'R' as const, pid: 4242 };
    const lines = formatStatus(task).split('\n');
    expect(lines).toContain('State:\tR (running)');
    for (const key of ['Tgid', 'Pid', 'NStgid', 'NSpid']) expect(lines).toContain(`${key}:\t4242`);
  });

  it('prints the signal masks as 16 hex digits and SigQ against the limit', () => {
    const task = {
      ...sleeping(),
      signals: { blocked: 0x10000n, ignored: 0x4n, caught: 0x43817efbn },
      sigPendingLimit: 3903,
    };
    const lines = formatStatus(task).split('\n');
    expect(lines).toContain('SigBlk:\t0000000000010000');
    expect(lines).toContain('SigIgn:\t0000000000000004');
    expect(lines).toContain('SigCgt:\t0000000043817efb');
    expect(lines).toContain('SigQ:\t0/3903');
  });

  it.each([
    [1, '1', '0'],
    [2, '3', '0-1'],
    [4, 'f', '0-3'],
    [12, 'fff', '0-11'],
  ])('with %i CPUs prints Cpus_allowed %s and Cpus_allowed_list %s', (cpus, mask, list) => {
    const lines = formatStatus({ ...sleeping(), cpus }).split('\n');
    expect(lines).toContain(`Cpus_allowed:\t${mask}`);
    expect(lines).toContain(`Cpus_allowed_list:\t${list}`);
  });

  it('is read back by your kata 04 parseStatus, and its memory invariants hold when the numbers do', () => {
    const sizes = fc.record({
      vmRSS: fc.nat({ max: 2 ** 30 }),
      rssAnon: fc.nat({ max: 2 ** 30 }),
      rssShmem: fc.nat({ max: 2 ** 30 }),
      vmSwap: fc.nat({ max: 2 ** 30 }),
      vmPTE: fc.nat({ max: 2 ** 20 }),
      pid: fc.integer({ min: 2, max: 4194304 }),
    });
    fc.assert(
      fc.property(sizes, ({ rssAnon, rssShmem, vmSwap, vmPTE, pid }) => {
        const rss = rssAnon + rssShmem;
        const task = sleeping();
        task.pid = pid;
        task.memory = {
          ...task.memory,
          vmRSS: rss,
          vmHWM: rss,
          rssAnon,
          rssFile: 0,
          rssShmem,
          vmSwap,
          vmPTE,
          vmSize: rss + vmSwap,
          vmPeak: rss + vmSwap,
        };
        const status = parseStatus(formatStatus(task));
        expect(status.pid).toBe(pid);
        expect(status.memory).toEqual(task.memory);
        expect(checkMemoryInvariants(status)).toEqual([]);
      }),
    );
  });
});
