import type { ProcMemory } from '#kata/04-status';

/** What differs between two root processes' /proc/PID/status on this machine; the other lines are the same. */
export interface TaskStatus {
  /** comm: at most 15 bytes. */
  name: string;
  /** R (running) or S (sleeping). */
  state: 'R' | 'S';
  pid: number;
  ppid: number;
  /** Process group and session (NSpgid, NSsid). */
  pgid: number;
  sid: number;
  /** The memory lines, in KiB. */
  memory: ProcMemory;
  /** SigBlk, SigIgn, SigCgt: signal masks. */
  signals: { blocked: bigint; ignored: bigint; caught: bigint };
  /** RLIMIT_SIGPENDING: the N of "SigQ: 0/N" (max_threads / 2, from the machine's memory). */
  sigPendingLimit: number;
  /** CPUs the task may run on: all of them (Cpus_allowed is the mask, Cpus_allowed_list the range). */
  cpus: number;
  voluntarySwitches: number;
  nonvoluntarySwitches: number;
}

/** The memory lines, in status order, with their keys in kata 4's ProcMemory. */
const MEMORY_LINES: readonly [string, keyof ProcMemory][] = [
  ['VmPeak', 'vmPeak'],
  ['VmSize', 'vmSize'],
  ['VmLck', 'vmLck'],
  ['VmPin', 'vmPin'],
  ['VmHWM', 'vmHWM'],
  ['VmRSS', 'vmRSS'],
  ['RssAnon', 'rssAnon'],
  ['RssFile', 'rssFile'],
  ['RssShmem', 'rssShmem'],
  ['VmData', 'vmData'],
  ['VmStk', 'vmStk'],
  ['VmExe', 'vmExe'],
  ['VmLib', 'vmLib'],
  ['VmPTE', 'vmPTE'],
  ['VmSwap', 'vmSwap'],
];

/** The capability sets of root on this kernel (CAP_LAST_CAP 40, CAP_SETPCAP… all but none). */
const ROOT_CAPS = '000001fffeffffff';

/**
 * /proc/PID/status of a single-threaded root process, byte for byte as Linux 6.18 prints it
 * (fs/proc/array.c proc_pid_status): "Name:\t…" and every later line "Key:\tvalue"; a memory line is
 * "VmRSS:\t" + the KiB right-aligned in 8 + " kB" (task_mem, HugetlbPages the same); masks in 16 hex digits;
 * "Groups:\t " for no groups; Umask 0022, uid and gid 0, FDSize 256, the root capability sets, THP_enabled 1,
 * Cpus_allowed the mask in hex ("3") and Cpus_allowed_list the range ("0-1", "0" for one CPU),
 * Mems_allowed node 0 as 32 comma-separated 8-digit words. The lines are those of spec/fixtures/proc/sleep.
 */
export function formatStatus(task: TaskStatus): string {
  const { pid, memory, signals } = task;
  const kb = (value: number) => `${String(value).padStart(8)} kB`;
  const mask = (value: bigint) => value.toString(16).padStart(16, '0');
  const lines = [
    `Name:\t${task.name}`,
    'Umask:\t0022',
    `State:\t${task.state === 'R' ? 'R (running)' : 'S (sleeping)'}`,
    `Tgid:\t${pid}`,
    'Ngid:\t0',
    `Pid:\t${pid}`,
    `PPid:\t${task.ppid}`,
    'TracerPid:\t0',
    'Uid:\t0\t0\t0\t0',
    'Gid:\t0\t0\t0\t0',
    'FDSize:\t256',
    'Groups:\t ',
    `NStgid:\t${pid}`,
    `NSpid:\t${pid}`,
    `NSpgid:\t${task.pgid}`,
    `NSsid:\t${task.sid}`,
    'Kthread:\t0',
    ...MEMORY_LINES.map(([label, key]) => `${label}:\t${kb(memory[key])}`),
    `HugetlbPages:\t${kb(memory.hugetlbPages)}`,
    'CoreDumping:\t0',
    'THP_enabled:\t1',
    'untag_mask:\t0xffffffffffffffff',
    'Threads:\t1',
    `SigQ:\t0/${task.sigPendingLimit}`,
    `SigPnd:\t${mask(0n)}`,
    `ShdPnd:\t${mask(0n)}`,
    `SigBlk:\t${mask(signals.blocked)}`,
    `SigIgn:\t${mask(signals.ignored)}`,
    `SigCgt:\t${mask(signals.caught)}`,
    `CapInh:\t${mask(0n)}`,
    `CapPrm:\t${ROOT_CAPS}`,
    `CapEff:\t${ROOT_CAPS}`,
    `CapBnd:\t${ROOT_CAPS}`,
    `CapAmb:\t${mask(0n)}`,
    'NoNewPrivs:\t0',
    'Seccomp:\t0',
    'Seccomp_filters:\t0',
    'Speculation_Store_Bypass:\tthread vulnerable',
    'SpeculationIndirectBranch:\tconditional enabled',
    `Cpus_allowed:\t${(2 ** task.cpus - 1).toString(16)}`,
    `Cpus_allowed_list:\t${task.cpus === 1 ? '0' : `0-${task.cpus - 1}`}`,
    `Mems_allowed:\t${[...Array.from({ length: 31 }, () => '00000000'), '00000001'].join(',')}`,
    'Mems_allowed_list:\t0',
    `voluntary_ctxt_switches:\t${task.voluntarySwitches}`,
    `nonvoluntary_ctxt_switches:\t${task.nonvoluntarySwitches}`,
  ];
  return `${lines.join('\n')}\n`;
}
