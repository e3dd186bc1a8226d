import type { Mapping, SmapsRollup } from '#kata/03-smaps';
import type { Statm } from '#kata/04-status';
import type { BuddyAllocator } from '#kata/07-buddy-allocator';
import type { Access } from '#kata/09-page-table';
import type { AccessResult, MmapOptions, Page } from '#kata/10-demand-paging';
import type { HugepageAdvice, ThpAddressSpace, ThpState } from '#kata/11-transparent-huge-pages';
import type { KswapdState, ReclaimZone, Task } from '#kata/13-kswapd';
import type { SwapSpace } from '#kata/14-swap';
import type { OomContext } from '#kata/15-oom-killer';
import { notImplemented } from '#shared/errors';
import { SparseArray } from '#shared/sparse-array';
import type { TaskStatus } from './format-status.ts';
import type { ZoneinfoZone } from './format-zoneinfo.ts';
import type { MachineConfig, MachinePlan } from './machine-config.ts';
import type { MemoryCounts } from './meminfo.ts';
import type { PageCache } from './page-cache.ts';
import type { ZoneFrames } from './zone-frames.ts';

/** What a machine call refused, named as the system call would fail. */
export type MachineErrorCode = 'ESRCH' | 'EEXIST' | 'EINVAL' | 'ENOMEM' | 'ENOSPC' | 'ENOENT';

/** A call the machine refuses: no such process or file, a bad argument, no memory, no disk space. */
export class MachineError extends Error {
  override readonly name = 'MachineError';
  readonly code: MachineErrorCode;

  constructor(code: MachineErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

/** One process of the machine. */
export interface MachineProcess {
  readonly pid: number;
  readonly ppid: number;
  /** Process group and session: its own pid, or its parent's after fork. */
  readonly pgid: number;
  readonly sid: number;
  /** comm: at most 15 bytes, as the kernel cuts it. */
  readonly name: string;
  /** /proc/PID/oom_score_adj, −1000..1000. */
  readonly oomScoreAdj: number;
  readonly space: ThpAddressSpace;
  /** Its comm and pid, as the vmscan trace lines name the task that allocates. */
  readonly task: Task;
  /** The last tick it touched memory (State: R during that tick). */
  lastRun: number;
}

/** How a process starts: its pid (default: the next free one from 1000), parent and oom_score_adj. */
export interface SpawnOptions {
  pid?: number;
  ppid?: number;
  oomScoreAdj?: number;
}

/** What one access did: kata 10's result, or 'killed' when the OOM killer chose the process itself. */
export type TouchResult = AccessResult | { kind: 'killed' };

/** One kill of the OOM killer. */
export interface OomKillRecord {
  /** The tick it happened. */
  t: number;
  pid: number;
  name: string;
  /** The two kernel log lines, without their timestamp (kata 15's formatOomKill). */
  lines: string[];
}

/** The counters the machine keeps itself (the zone, the swap space and THP keep theirs). */
export interface MachineCounters {
  pgfault: number;
  pgmajfault: number;
  /** KiB read from disk: swap-ins and file pages read. */
  pgpgin: number;
  /** KiB written to disk: swap-outs and file pages written back. */
  pgpgout: number;
  nr_dirtied: number;
  nr_written: number;
  oom_kill: number;
}

/** What one tick left behind. */
export interface TickReport {
  t: number;
  free: number;
  kswapd: KswapdState;
}

/** The context of a machine-wide OOM kill: no cgroup, no cpuset, node 0. */
export const GLOBAL_OOM: OomContext = {
  constraint: 'CONSTRAINT_NONE',
  nodemask: null,
  cpuset: '/',
  memsAllowed: '0',
  oomMemcg: null,
  taskMemcg: '/',
};
/** The flusher wakes every 5 s (vm.dirty_writeback_centisecs 500) … */
export const DIRTY_WRITEBACK_TICKS = 5000;
/** … and writes what has been dirty for 30 s (vm.dirty_expire_centisecs 3000). */
export const DIRTY_EXPIRE_TICKS = 30000;
/** vm.dirty_background_ratio and vm.dirty_ratio, % of dirtyable memory. */
export const DIRTY_BACKGROUND_RATIO = 10;
export const DIRTY_RATIO = 20;
/** The first pid spawn hands out. */
export const FIRST_PID = 1000;

/**
 * The whole machine: one Normal zone (kata 7's buddy allocator and kata 13's reclaim), processes (kata 11's
 * address spaces on kata 9's page tables), a page cache, a swap file (kata 14) and the OOM killer (kata 15),
 * in simulated time (one tick = 1 ms). What each member does is on the Machine interface below.
 */
export const Machine: new (config: MachineConfig) => Machine = class Machine {
  readonly plan: MachinePlan;
  readonly buddy: BuddyAllocator;
  readonly zone: ReclaimZone;
  readonly frames: ZoneFrames;
  readonly swap: SwapSpace;
  readonly thp: ThpState;
  readonly cache: PageCache;
  readonly pages = new SparseArray<Page>();
  readonly processes = new Map<number, MachineProcess>();
  readonly counters: MachineCounters = {
    pgfault: 0,
    pgmajfault: 0,
    pgpgin: 0,
    pgpgout: 0,
    nr_dirtied: 0,
    nr_written: 0,
    oom_kill: 0,
  };
  readonly kernelLog: string[] = [];
  readonly oomKills: OomKillRecord[] = [];

  constructor(config: MachineConfig) {
    notImplemented('Machine');
  }

  get time(): number {
    return notImplemented('Machine.time');
  }

  spawn(name: string, options: SpawnOptions = {}): number {
    return notImplemented('Machine.spawn');
  }

  fork(pid: number): number {
    return notImplemented('Machine.fork');
  }

  exit(pid: number): void {
    notImplemented('Machine.exit');
  }

  mmap(pid: number, length: number, options: MmapOptions): bigint {
    return notImplemented('Machine.mmap');
  }

  munmap(pid: number, va: bigint, length: number): void {
    notImplemented('Machine.munmap');
  }

  madvise(pid: number, va: bigint, length: number, advice: HugepageAdvice): void {
    notImplemented('Machine.madvise');
  }

  touch(pid: number, va: bigint, access: Access = 'write'): TouchResult {
    return notImplemented('Machine.touch');
  }

  write(name: string, bytes: number): void {
    notImplemented('Machine.write');
  }

  read(name: string): void {
    notImplemented('Machine.read');
  }

  unlink(name: string): void {
    notImplemented('Machine.unlink');
  }

  sync(): void {
    notImplemented('Machine.sync');
  }

  tick(): TickReport {
    return notImplemented('Machine.tick');
  }

  counts(): MemoryCounts {
    return notImplemented('Machine.counts');
  }

  meminfo(): Record<string, number> {
    return notImplemented('Machine.meminfo');
  }

  vmstat(): Record<string, number> {
    return notImplemented('Machine.vmstat');
  }

  zoneinfo(): ZoneinfoZone[] {
    return notImplemented('Machine.zoneinfo');
  }

  status(pid: number): TaskStatus {
    return notImplemented('Machine.status');
  }

  statm(pid: number): Statm {
    return notImplemented('Machine.statm');
  }

  smaps(pid: number): { mappings: Mapping[]; rollup: SmapsRollup } {
    return notImplemented('Machine.smaps');
  }

  readProc(path: string): string {
    return notImplemented('Machine.readProc');
  }
};

/** What the Machine can do: `new Machine(config)` boots one (planMachine's layout, everything free). */
export interface Machine {
  /** The layout planMachine gave. */
  readonly plan: MachinePlan;
  /** The Normal zone's buddy allocator (kata 7) over [plan.basePfn, plan.basePfn + managedPages). */
  readonly buddy: BuddyAllocator;
  /** The zone's reclaim (kata 13): plan's watermarks, swappiness, kswapdBatch, and swap slots = swap pages − 1. */
  readonly zone: ReclaimZone;
  /** The frames every allocation goes through (buddy and zone in step). */
  readonly frames: ZoneFrames;
  /** The swap space (kata 14) on `frames`, with /swapfile of plan.swapPages pages on when there are any. */
  readonly swap: SwapSpace;
  /** THP for the whole machine (kata 11): enabled as planned, the other settings THP_DEFAULTS. */
  readonly thp: ThpState;
  /** The page cache of the files. */
  readonly cache: PageCache;
  /** Every mapped page's state (kata 10's Page, by PFN), shared by all address spaces. */
  readonly pages: SparseArray<Page>;
  /** The live processes by pid. */
  readonly processes: Map<number, MachineProcess>;
  readonly counters: MachineCounters;
  /** dmesg: "[    1.234000] oom-kill:…" lines. */
  readonly kernelLog: string[];
  /** Every OOM kill, oldest first. */
  readonly oomKills: OomKillRecord[];
  /** Ticks since boot (1 tick = 1 ms): the zone's time. */
  readonly time: number;
  /**
   * A new process with an empty ThpAddressSpace (frames, swap, the shared pages Map and THP state); its PGD
   * is its first frame (with reclaim and the OOM killer if need be). Its pid: `options.pid`, else the lowest
   * free one from 1000. Its name cut to 15 bytes. Returns the pid. MachineError EEXIST for a pid in use,
   * EINVAL for a pid below 2 or not whole, or an oom_score_adj outside −1000..1000.
   */
  spawn(name: string, options?: SpawnOptions): number;
  /** A child of `pid` (kata 10/11's fork): the next free pid, same name, group and session; it maps the parent's pages. */
  fork(pid: number): number;
  /** The process exits: its address space gives back every page, table and swap slot. */
  exit(pid: number): void;
  /**
   * mmap for a process: one mapping larger than RAM + swap slots is refused (MachineError ENOMEM, heuristic
   * overcommit); kata 10's errors pass through. With `populate` every page is touched at once (written in a
   * private writable mapping, read otherwise).
   */
  mmap(pid: number, length: number, options: MmapOptions): bigint;
  /** munmap for a process; the pages go back at once. */
  munmap(pid: number, va: bigint, length: number): void;
  /** MADV_HUGEPAGE / MADV_NOHUGEPAGE for a process (kata 11). */
  madvise(pid: number, va: bigint, length: number, advice: HugepageAdvice): void;
  /**
   * One access (default a write). A hit marks the page accessed in the zone. A fault is counted (pgfault;
   * pgmajfault and 4 KiB of pgpgin when major); the new frames are filed — private anon pages to the head of
   * the inactive anon list, page tables, shmem and the huge zero page stay off the evictable lists — and the
   * rmap learns who maps the page; the queued reclaim is carried out. When kata 10 says 'oom', the access is
   * tried again after the queued reclaim, or after the OOM killer when the zone said so; { kind: 'killed' }
   * if the OOM killer chose this very process. Every call: MachineError ESRCH for an unknown pid.
   */
  touch(pid: number, va: bigint, access?: Access): TouchResult;
  /**
   * write(2) of `bytes` at the end of a file (made if new): each page is dirtied in the page cache, a missing
   * one first allocated as a dirty file page (nr_dirtied counts pages that were clean or new). MachineError
   * EINVAL for a bad name ('' or with a '/') or size, ENOSPC when the files and the swap file would not fit on the disk.
   */
  write(name: string, bytes: number): void;
  /** Reads a whole file: cached pages are marked accessed, missing ones read from disk (clean, pgpgin). ENOENT for no such file. */
  read(name: string): void;
  /** rm: the file's cached pages go back. ENOENT for no such file. */
  unlink(name: string): void;
  /** sync: every dirty page written (nr_written, pgpgout). */
  sync(): void;
  /**
   * One millisecond: the zone's tick (writebacks end, kswapd works) and its actions carried out, then the
   * flusher: the oldest dirty pages while Dirty is above 10 % of dirtyable memory (free above the high
   * watermark + file LRU pages), and every 5 s those dirty for 30 s.
   */
  tick(): TickReport;
  /** The numbers meminfoOf needs, from the machine's parts (Unevictable: the shmem pages). */
  counts(): MemoryCounts;
  /** meminfoOf(counts()). */
  meminfo(): Record<string, number>;
  /** /proc/vmstat: every VMSTAT_NAMES counter, from the zone, the swap space, THP, the machine's counters and counts(). */
  vmstat(): Record<string, number>;
  /** /proc/zoneinfo's five zones: Normal populated (node stats, zone stats, two pagesets as the kernel sizes them). */
  zoneinfo(): ZoneinfoZone[];
  /** /proc/PID/status of a process (a root process on this machine's 2 CPUs). */
  status(pid: number): TaskStatus;
  /** /proc/PID/statm in pages: size, resident, shared (file + shmem), text, lib, data (+ stack), dt. */
  statm(pid: number): Statm;
  /** /proc/PID/smaps and smaps_rollup (smapsOf with the swap space's use counts). */
  smaps(pid: number): { mappings: Mapping[]; rollup: SmapsRollup };
  /**
   * The text of a /proc file: meminfo, vmstat, zoneinfo, buddyinfo, swaps, and PID/status, statm, smaps,
   * smaps_rollup, oom_score, oom_score_adj ('/proc/' in front or not). MachineError ENOENT for anything else.
   */
  readProc(path: string): string;
}
