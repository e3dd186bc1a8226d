import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as smapsReference from '#kata/03-smaps';
import * as reference from '#kata/04-status';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import {
  brokenInvariants,
  checkStatus,
  memoryKey,
  type SmapsParser,
  type StatusKata,
  statmDisagreements,
} from '../../scripts/lab/status.mjs';

const kata: StatusKata = reference;
const smapsKata: SmapsParser = smapsReference;
type Edit = (text: string) => string;
const sampleOf = (pid: number, edit: { status?: Edit; statm?: Edit } = {}) => {
  const status = fixture(`lab/proc/${pid}/status`);
  const statm = fixture(`lab/proc/${pid}/statm`);
  return {
    label: `PID ${pid}`,
    status: edit.status ? edit.status(status) : status,
    statm: edit.statm ? edit.statm(statm) : statm,
    smaps: fixture(`lab/proc/${pid}/smaps`),
    stable: true,
    attempts: 1,
  };
};
const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => [c.title, c.verdict]);
// sleep's status says VmRSS 1660 kB = RssAnon 108 + RssFile 1552 + RssShmem 0: make RssAnon 112.
const breakVmRss: Edit = (t) => t.replace('RssAnon:\t     108 kB', 'RssAnon:\t     112 kB');

describe('checkStatus', () => {
  it.each([13577, 2744, 13870])('finds every rule holds for the real capture of PID %i', (pid) => {
    expect(verdicts(checkStatus(kata, smapsKata, sampleOf(pid)))).toEqual([
      ['parseStatus reads the memory lines', 'pass'],
      ['checkMemoryInvariants(status, mappings)', 'pass'],
      ['parseStatm reads the seven numbers', 'pass'],
      ['checkStatmAgainstStatus(statm, status)', 'pass'],
    ]);
  });

  it('has no invariants to check for a kernel thread, and statm is seven zeros', () => {
    const checks = checkStatus(kata, smapsKata, { ...sampleOf(2), smaps: '' });
    expect(verdicts(checks)).toEqual([
      ['parseStatus reads the memory lines', 'pass'],
      ['memory invariants', 'note'],
      ['parseStatm reads the seven numbers', 'pass'],
      ['checkStatmAgainstStatus(statm, status)', 'pass'],
    ]);
    expect(checks[0]?.lines).toEqual(['a kernel thread: no memory lines, and your memory is absent']);
  });

  it('passes a checker that reports the broken invariant of an edited status', () => {
    const checks = checkStatus(kata, smapsKata, sampleOf(13577, { status: breakVmRss }));
    expect(checks[1]?.verdict).toBe('pass');
    expect(checks[1]?.lines[0]).toBe(
      'the numbers break 1: VmRSS 1660 kB ≠ RssAnon + RssFile + RssShmem = 1664 kB; your function reported:',
    );
  });

  it('fails a checker that misses it, and points at kata 4', () => {
    const blind: StatusKata = { ...kata, checkMemoryInvariants: () => [] };
    const checks = checkStatus(blind, smapsKata, sampleOf(13577, { status: breakVmRss }));
    expect(checks[1]?.verdict).toBe('fail');
    expect(checks[1]?.kata).toBe(4);
  });

  it('fails a checker that cries wolf on the real capture', () => {
    const nervous: StatusKata = { ...kata, checkMemoryInvariants: () => ['VmHWM >= VmRSS'] };
    const checks = checkStatus(nervous, smapsKata, sampleOf(2744));
    expect(checks[1]?.verdict).toBe('fail');
    expect(checks[1]?.lines.slice(0, 2)).toEqual([
      'Every rule holds on these numbers, but your function reports:',
      '  VmHWM >= VmRSS',
    ]);
  });

  it('only notes the difference when the process kept changing while it was read', () => {
    const blind: StatusKata = { ...kata, checkMemoryInvariants: () => [] };
    const sample = { ...sampleOf(13577, { status: breakVmRss }), stable: false, attempts: 10 };
    expect(checkStatus(blind, smapsKata, sample)[1]?.verdict).toBe('note');
  });

  it('names the memory field parseStatus misreads', () => {
    const off: StatusKata = {
      ...kata,
      parseStatus: (text) => {
        const status = kata.parseStatus(text);
        return { ...status, memory: { ...status.memory, vmRSS: 1616 } };
      },
    };
    const checks = checkStatus(off, smapsKata, sampleOf(13577));
    expect(checks[0]?.verdict).toBe('fail');
    expect(checks[0]?.lines[0]).toBe('memory.vmRSS: the file says VmRSS 1660 kB, yours 1616');
  });

  it('passes a checker that finds the statm line an edit made disagree with status', () => {
    const checks = checkStatus(kata, smapsKata, sampleOf(13577, { statm: () => '730 416 388 5 0 89 0\n' }));
    expect(checks.at(-1)?.verdict).toBe('pass');
    expect(checks.at(-1)?.lines[0]).toBe(
      'the numbers break 1: resident 416 pages × 4 = 1664 kB, VmRSS 1660 kB; your function reported:',
    );
  });

  it('names the statm number parseStatm misreads', () => {
    const off: StatusKata = { ...kata, parseStatm: (text) => ({ ...kata.parseStatm(text), data: 0 }) };
    const checks = checkStatus(off, smapsKata, sampleOf(2744));
    expect(checks.at(-1)?.verdict).toBe('fail');
    expect(checks.at(-1)?.lines[0]).toBe('data: the file says 324, yours 0');
  });

  it('compares statm with status itself when the kata has no checker for it', () => {
    const { checkStatmAgainstStatus: _, ...contractOnly } = kata;
    const checks = checkStatus(contractOnly, smapsKata, sampleOf(13870));
    expect(checks.at(-1)).toMatchObject({ title: 'statm agrees with status', verdict: 'pass' });
  });

  it('tells the learner to finish kata 4 when parseStatus is still a stub', () => {
    const stub: StatusKata = {
      ...kata,
      parseStatus: () => {
        throw new NotImplementedError('parseStatus');
      },
    };
    const [only, ...rest] = checkStatus(stub, smapsKata, sampleOf(2744));
    expect(rest).toEqual([]);
    expect(only?.verdict).toBe('todo');
    expect(only?.lines[0]).toBe('parseStatus is not written yet: finish kata 4 first.');
  });

  it("leaves the swap rule out when another user's smaps cannot be read (status and statm can)", () => {
    const checks = checkStatus(kata, smapsKata, { ...sampleOf(2744), smaps: undefined });
    expect(verdicts(checks).slice(0, 3)).toEqual([
      ['parseStatus reads the memory lines', 'pass'],
      ['VmSwap ≤ Σ smaps Swap', 'note'],
      ['checkMemoryInvariants(status)', 'pass'],
    ]);
  });

  it('still checks status when parseSmaps (kata 3) is a stub, and says kata 3 is next for the swap rule', () => {
    const stub: SmapsParser = {
      parseSmaps: () => {
        throw new NotImplementedError('parseSmaps');
      },
    };
    const checks = checkStatus(kata, stub, sampleOf(2744));
    expect(verdicts(checks)).toEqual([
      ['parseStatus reads the memory lines', 'pass'],
      ['parseSmaps', 'todo'],
      ['checkMemoryInvariants(status)', 'pass'],
      ['parseStatm reads the seven numbers', 'pass'],
      ['checkStatmAgainstStatus(statm, status)', 'pass'],
    ]);
  });
});

describe('brokenInvariants', () => {
  it('finds none when the numbers are built the way task_mem() builds them', () => {
    const kb = fc.nat(1 << 30);
    fc.assert(
      fc.property(kb, kb, kb, kb, kb, kb, kb, (anon, file, shmem, hwmExtra, size, peakExtra, swap) => {
        const rss = anon + file + shmem;
        const status = {
          VmRSS: rss,
          RssAnon: anon,
          RssFile: file,
          RssShmem: shmem,
          VmHWM: rss + hwmExtra,
          VmSize: size,
          VmPeak: size + peakExtra,
          VmSwap: swap,
        };
        return brokenInvariants(status, swap).length === 0;
      }),
    );
  });

  it('finds VmSwap above the Σ of smaps Swap', () => {
    expect(brokenInvariants({ VmSwap: 8 }, 4)).toEqual(['VmSwap 8 kB > Σ smaps Swap 4 kB']);
  });
});

describe('statmDisagreements', () => {
  it('finds none between the real statm and status of the fixture program', () => {
    const kb = { VmSize: 10988, VmRSS: 3572, RssFile: 1328, RssShmem: 8, VmExe: 4, VmData: 8688, VmStk: 132 };
    expect(
      statmDisagreements({ size: 2747, resident: 893, shared: 334, text: 1, lib: 0, data: 2205, dt: 0 }, kb),
    ).toEqual([]);
  });

  it('allows text above VmExe (VmExe is capped at exec_vm) but not below', () => {
    const zero = { size: 0, resident: 0, shared: 0, lib: 0, data: 0, dt: 0 };
    expect(statmDisagreements({ ...zero, text: 2 }, { VmExe: 4 })).toEqual([]);
    expect(statmDisagreements({ ...zero, text: 0 }, { VmExe: 4 })).toEqual(['text 0 pages × 4 = 0 kB, VmExe 4 kB']);
  });
});

describe('memoryKey', () => {
  it("turns the kernel's key into the contract's", () => {
    expect(['VmPeak', 'VmHWM', 'VmRSS', 'RssAnon', 'VmPTE', 'HugetlbPages'].map(memoryKey)).toEqual([
      'vmPeak',
      'vmHWM',
      'vmRSS',
      'rssAnon',
      'vmPTE',
      'hugetlbPages',
    ]);
  });
});
