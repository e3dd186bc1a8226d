/**
 * What /proc/PID/status and /proc/PID/statm hold, as types. The kernel writes status in
 * fs/proc/array.c proc_pid_status() (task_state, task_sig, task_cap, …) and the memory lines in
 * fs/proc/task_mmu.c task_mem(); statm in fs/proc/array.c proc_pid_statm() with task_statm().
 */

/** The one-letter task states, as fs/proc/array.c task_state_array lists them. */
export type StateCode = 'R' | 'S' | 'D' | 'T' | 't' | 'X' | 'Z' | 'P' | 'I';

/** The words the kernel prints after each letter: `State:\tS (sleeping)`. */
export const STATE_DESCRIPTIONS: Readonly<Record<StateCode, string>> = {
  R: 'running',
  S: 'sleeping',
  D: 'disk sleep',
  T: 'stopped',
  t: 'tracing stop',
  X: 'dead',
  Z: 'zombie',
  P: 'parked',
  I: 'idle',
};

/** `State:\tS (sleeping)` → `{ code: 'S', description: 'sleeping' }`. */
export interface ProcState {
  code: StateCode;
  description: string;
}

/** The memory lines of status, in KiB (task_mem() prints pages × 4 or bytes >> 10). */
export interface ProcMemory {
  /** VmPeak: the largest VmSize so far (hiwater_vm). */
  vmPeak: number;
  /** VmSize: all mapped virtual memory (total_vm), touched or not. */
  vmSize: number;
  /** VmLck: mlock()ed memory (locked_vm). */
  vmLck: number;
  /** VmPin: pinned pages that can be neither moved nor reclaimed (pinned_vm). */
  vmPin: number;
  /** VmHWM: the largest VmRSS so far (hiwater_rss). */
  vmHWM: number;
  /** VmRSS: pages in RAM now = RssAnon + RssFile + RssShmem. */
  vmRSS: number;
  /** RssAnon: resident anonymous pages (heap, stack, private copies). */
  rssAnon: number;
  /** RssFile: resident pages of mapped files (code, libraries, file mmaps). */
  rssFile: number;
  /** RssShmem: resident shared memory (shmem, tmpfs, MAP_SHARED|MAP_ANONYMOUS). */
  rssShmem: number;
  /** VmData: private writable mappings other than the stack (data_vm). */
  vmData: number;
  /** VmStk: the stack (stack_vm). */
  vmStk: number;
  /** VmExe: the program's own code. */
  vmExe: number;
  /** VmLib: executable mappings other than the program's code (shared libraries). */
  vmLib: number;
  /** VmPTE: page-table pages (PTE, PMD and PUD tables, not the PGD). */
  vmPTE: number;
  /** VmSwap: anonymous pages of this process now in swap (shmem in swap is not counted). */
  vmSwap: number;
  /** HugetlbPages: hugetlbfs pages mapped by this process. */
  hugetlbPages: number;
}

/** The status line each ProcMemory key is read from, in the order task_mem() prints them. */
export const MEMORY_LINES: Readonly<Record<keyof ProcMemory, string>> = {
  vmPeak: 'VmPeak',
  vmSize: 'VmSize',
  vmLck: 'VmLck',
  vmPin: 'VmPin',
  vmHWM: 'VmHWM',
  vmRSS: 'VmRSS',
  rssAnon: 'RssAnon',
  rssFile: 'RssFile',
  rssShmem: 'RssShmem',
  vmData: 'VmData',
  vmStk: 'VmStk',
  vmExe: 'VmExe',
  vmLib: 'VmLib',
  vmPTE: 'VmPTE',
  vmSwap: 'VmSwap',
  hugetlbPages: 'HugetlbPages',
};

/** Signal sets (16 hex digits each): bit n − 1 stands for signal n, so SIGUSR1 (10) is 0x200n. */
export interface ProcSignals {
  /** SigPnd: pending for this thread. */
  sigPnd: bigint;
  /** ShdPnd: pending for the whole process (kill() sends here). */
  shdPnd: bigint;
  /** SigBlk: blocked. */
  sigBlk: bigint;
  /** SigIgn: ignored. */
  sigIgn: bigint;
  /** SigCgt: caught by a handler. */
  sigCgt: bigint;
}

/** Capability sets (16 hex digits each): bit n is capability n, e.g. bit 24 CAP_SYS_RESOURCE. */
export interface ProcCapabilities {
  capInh: bigint;
  capPrm: bigint;
  capEff: bigint;
  capBnd: bigint;
  capAmb: bigint;
}

/** `Uid:` and `Gid:` hold four ids, in this order, separated by tabs. */
export type IdQuad = [real: number, effective: number, saved: number, filesystem: number];

/** One /proc/PID/status file. */
export interface ProcStatus {
  /** The command name (comm), exactly: the kernel's escapes `\\` and `\n` undone. */
  name: string;
  /** `0022`, as printed (%#04o). Absent when the kernel prints no Umask line: a zombie has no fs_struct. */
  umask?: string;
  state: ProcState;
  tgid: number;
  pid: number;
  ppid: number;
  /** The pid of the tracer (a debugger, strace), 0 when none. */
  tracerPid: number;
  uid: IdQuad;
  gid: IdQuad;
  /** Supplementary groups; `[]` for `Groups:\t ` (the kernel always prints a trailing space). */
  groups: number[];
  /** NStgid, NSpid, NSpgid, NSsid: one id per pid namespace, outermost first. */
  nsTgid: number[];
  nsPid: number[];
  nsPgid: number[];
  nsSid: number[];
  /** `Kthread:\t1` for a kernel thread; absent on kernels that do not print the line. */
  kthread?: boolean;
  /** The 16 memory lines. Absent when the task has no mm: a kernel thread, or a zombie. */
  memory?: ProcMemory;
  /** `THP_enabled:` (printed only for a task with an mm). */
  thpEnabled?: boolean;
  threads: number;
  /** `SigQ:\t0/96365`: signals queued for this task's real user / RLIMIT_SIGPENDING. */
  sigQ: { queued: number; limit: number };
  signals: ProcSignals;
  capabilities: ProcCapabilities;
  /** `Cpus_allowed:\t3`: a bitmap, bit n = CPU n. */
  cpusAllowed: bigint;
  /** `Cpus_allowed_list:\t0-1` → [0, 1]. */
  cpusAllowedList: number[];
  /** `Mems_allowed:` 32-bit hex groups joined, bit n = memory node n. */
  memsAllowed: bigint;
  /** `Mems_allowed_list:\t0` → [0]. */
  memsAllowedList: number[];
  /** Every line, key → value trimmed, as printed: known or unknown, nothing is dropped. */
  fields: Record<string, string>;
}

/** /proc/PID/statm: seven counts in pages (proc_pid_statm prints "%lu %lu %lu %lu 0 %lu 0"). */
export interface Statm {
  /** total_vm: VmSize / 4. */
  size: number;
  /** anon + file + shmem: VmRSS / 4. */
  resident: number;
  /** file + shmem: (RssFile + RssShmem) / 4. */
  shared: number;
  /** pages from the start to the end of the program's code: ≥ VmExe / 4. */
  text: number;
  /** always 0: proc_pid_statm prints a constant. */
  lib: number;
  /** data_vm + stack_vm: (VmData + VmStk) / 4. */
  data: number;
  /** always 0: proc_pid_statm prints a constant. */
  dt: number;
}
