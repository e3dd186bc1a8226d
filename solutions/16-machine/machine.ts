import { formatSmaps, type Mapping, type SmapsRollup } from '#kata/03-smaps';
import type { ProcMemory, Statm } from '#kata/04-status';
import { formatBuddyinfo } from '#kata/06-buddyinfo';
import { BuddyAllocator } from '#kata/07-buddy-allocator';
import type { Access, WalkStep } from '#kata/09-page-table';
import { entryPfn, PTE_HUGE, PTE_PRESENT } from '#kata/09-page-table';
import type { AccessResult, MmapOptions, Page, ShmemObject } from '#kata/10-demand-paging';
import {
  type HugeFrameAllocator,
  type HugepageAdvice,
  THP_DEFAULTS,
  ThpAddressSpace,
  type ThpState,
} from '#kata/11-transparent-huge-pages';
import { type KswapdState, type ReclaimAction, ReclaimZone, type Task } from '#kata/13-kswapd';
import { formatSwaps, SwapSpace } from '#kata/14-swap';
import { formatOomKill, type OomContext, oomScore, selectVictim, totalPages } from '#kata/15-oom-killer';
import { SparseArray } from '#shared/sparse-array';
import { formatMeminfo } from './format-meminfo.ts';
import { formatSmapsRollup } from './format-rollup.ts';
import { formatStatus, type TaskStatus } from './format-status.ts';
import { formatVmstat } from './format-vmstat.ts';
import { formatZoneinfo, type ZoneinfoZone } from './format-zoneinfo.ts';
import { type MachineConfig, type MachinePlan, planMachine, STRUCT_PAGE_BYTES } from './machine-config.ts';
import { type MemoryCounts, meminfoOf } from './meminfo.ts';
import { PageCache } from './page-cache.ts';
import { NODE_STAT_NAMES, VMSTAT_NAMES, ZONE_STAT_NAMES } from './proc-names.ts';
import { smapsOf } from './smaps.ts';
import { ZoneFrames } from './zone-frames.ts';

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

/** A PTE that maps a page: which process and where (the rmap, checked again before use). */
interface Mapper {
  pid: number;
  va: bigint;
}

const PAGE = 4096n;
const HPAGE = 2n * 1024n * 1024n;
const THP_EVENTS = [
  'thp_fault_alloc',
  'thp_fault_fallback',
  'thp_zero_page_alloc',
  'thp_zero_page_alloc_failed',
  'thp_split_pmd',
  'thp_deferred_split_page',
  'thp_collapse_alloc',
  'thp_collapse_alloc_failed',
  'thp_scan_exceed_none_pte',
  'thp_scan_exceed_swap_pte',
  'thp_scan_exceed_share_pte',
  'pages_collapsed',
] as const;

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
  readonly #spaceFrames: HugeFrameAllocator;
  // The rmap, by frame (pfn − basePfn), as struct page keeps page->mapping and page->index: the first PTE
  // that maps each page (pid 0: none; the address as a number, exact below 2^53), and the rare others
  // (fork, a page swapped back in that two processes share) in a Map.
  readonly #mapperPid: Int32Array;
  readonly #mapperVa: Float64Array;
  readonly #moreMappers = new Map<number, Mapper[]>();
  readonly #inodes = new WeakMap<ShmemObject, number>();
  #nextPid = FIRST_PID;
  #nextInode = 1024;

  constructor(config: MachineConfig) {
    const plan = planMachine(config);
    this.plan = plan;
    this.buddy = new BuddyAllocator({ pages: plan.managedPages, basePfn: plan.basePfn });
    const { min, low, high } = plan.watermarks;
    this.zone = new ReclaimZone({
      managedPages: plan.managedPages,
      watermarks: { min, low, high },
      swappiness: plan.swappiness,
      swapPages: Math.max(plan.swapPages - 1, 0), // the first page of a swap file is its header
      kswapdBatch: plan.kswapdBatch,
    });
    this.frames = new ZoneFrames({ buddy: this.buddy, zone: this.zone });
    this.swap = new SwapSpace({ frames: this.frames });
    if (plan.swapPages > 0) this.swap.swapon('/swapfile', plan.swapPages);
    // The swap system's frames drop a freed page from the swap cache; huge pages come straight from the zone.
    this.#spaceFrames = {
      allocFrame: () => this.swap.frames.allocFrame(),
      freeFrame: (pfn) => this.swap.frames.freeFrame(pfn),
      allocFrames: (order) => this.frames.allocFrames(order),
    };
    this.thp = {
      ...THP_DEFAULTS,
      enabled: plan.thp,
      events: Object.fromEntries(THP_EVENTS.map((name) => [name, 0])) as unknown as ThpState['events'],
      hugeZeroPfn: null,
      hugeZeroMaps: 0,
    };
    this.cache = new PageCache(this.zone);
    this.#mapperPid = new Int32Array(plan.managedPages);
    this.#mapperVa = new Float64Array(plan.managedPages);
  }

  get time(): number {
    return this.zone.time;
  }

  spawn(name: string, options: SpawnOptions = {}): number {
    const { ppid = 1, oomScoreAdj = 0 } = options;
    const pid = options.pid ?? this.#freePid();
    if (!Number.isSafeInteger(pid) || pid < 2) throw new MachineError('EINVAL', `pid ${pid}: a whole number ≥ 2`);
    if (this.processes.has(pid)) throw new MachineError('EEXIST', `pid ${pid} is taken`);
    if (!Number.isInteger(oomScoreAdj) || oomScoreAdj < -1000 || oomScoreAdj > 1000) {
      throw new MachineError('EINVAL', `oom_score_adj ${oomScoreAdj}: a whole number −1000..1000`);
    }
    const comm = Buffer.from(name).subarray(0, 15).toString(); // TASK_COMM_LEN 16, the NUL included
    const task = { comm, pid };
    this.frames.task = task;
    const space = this.#withMemory(null, () => {
      try {
        return new ThpAddressSpace({
          frames: this.#spaceFrames,
          swap: this.swap,
          pages: this.pages,
          thpState: this.thp,
        });
      } catch (error) {
        if (error instanceof Error && (error as { code?: string }).code === 'out-of-memory') return null; // no PGD frame
        throw error;
      }
    });
    this.processes.set(pid, { pid, ppid, pgid: pid, sid: pid, name: comm, oomScoreAdj, space, task, lastRun: -1 });
    return pid;
  }

  fork(pid: number): number {
    const parent = this.#process(pid);
    const child = this.#freePid();
    this.frames.task = { comm: parent.name, pid };
    const space = this.#withMemory(null, () => {
      try {
        return parent.space.fork();
      } catch (error) {
        if (error instanceof Error && (error as { code?: string }).code === 'ENOMEM') return null;
        throw error;
      }
    });
    const task = { comm: parent.name, pid: child };
    this.processes.set(child, { ...parent, pid: child, ppid: pid, space, task, lastRun: -1 });
    // The child maps every page the parent maps, at the same address.
    for (const page of space.residentPages()) this.#addMapper(page.pfn, child, page.va);
    return child;
  }

  exit(pid: number): void {
    this.#reap(this.#process(pid));
  }

  mmap(pid: number, length: number, options: MmapOptions): bigint {
    const process = this.#process(pid);
    // Heuristic overcommit (vm.overcommit_memory 0): one mapping larger than RAM + swap is refused.
    const swapSlots = this.zone.config.swapPages;
    if (Number.isSafeInteger(length) && length > 0 && Math.ceil(length / 4096) > this.plan.managedPages + swapSlots) {
      throw new MachineError('ENOMEM', `mmap of ${length} bytes: more than RAM and swap together`);
    }
    const va = process.space.mmap(length, { prot: options.prot, shared: options.shared ?? false });
    if (options.populate) {
      // MAP_POPULATE: every page faulted in now, for write in a private writable mapping.
      const access: Access = !options.shared && options.prot[1] === 'w' ? 'write' : 'read';
      for (let page = va; page < va + BigInt(length); page += PAGE) {
        if (this.touch(pid, page, access).kind === 'killed') break;
      }
    }
    return va;
  }

  munmap(pid: number, va: bigint, length: number): void {
    this.#process(pid).space.munmap(va, length);
    this.#settle();
    this.#syncSwapSlots();
  }

  madvise(pid: number, va: bigint, length: number, advice: HugepageAdvice): void {
    this.#process(pid).space.madvise(va, length, advice);
    this.#settle();
  }

  touch(pid: number, va: bigint, access: Access = 'write'): TouchResult {
    const process = this.#process(pid);
    process.lastRun = this.time;
    this.frames.task = process.task;
    for (;;) {
      const result = process.space.access(va, access);
      if (result.kind === 'hit') {
        this.#referenced(Number(result.pa >> 12n));
        return result;
      }
      if (result.kind === 'minor-fault' || result.kind === 'major-fault') {
        this.counters.pgfault++;
        if (result.kind === 'major-fault') {
          this.counters.pgmajfault++;
          this.counters.pgpgin += 4;
        }
        this.#mapped(pid, va, result.pa, result.cause);
      }
      const progress = this.#settle();
      if (result.kind !== 'oom') return result;
      if (this.frames.takeOom()) {
        if (this.#oomKill() === process) return { kind: 'killed' };
      } else if (!progress) {
        // Stryker disable next-line CallExpression: unreachable: ZoneFrames refuses a frame without setting takeOom() only when the buddy allocator is empty, and then the zone holds at most the queued frees, which #settle just carried out (progress); with none, the zone's free count is 0, below min (≥ 1), and it refused first (takeOom() true)
        throw new Error('the machine is out of step: a fault found no frame, and reclaim freed none');
      }
    }
  }

  write(name: string, bytes: number): void {
    const size = this.#fileSize(name, true);
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new MachineError('EINVAL', `${bytes} bytes to write`);
    const first = Math.floor(size / 4096);
    const end = Math.ceil((size + bytes) / 4096);
    if (this.#diskUsedKb() + 4 * Math.max(0, end - Math.ceil(size / 4096)) > this.plan.diskKb) {
      throw new MachineError('ENOSPC', `writing ${bytes} bytes to ${name}: the disk is full`);
    }
    this.cache.grow(name, size);
    for (let index = first; index < end; index++) {
      const cached = this.cache.lookup(name, index);
      if (cached === undefined) {
        const pfn = this.#withMemory(null, () => this.frames.allocFile(true));
        this.cache.insert(name, index, pfn, this.time);
        this.counters.nr_dirtied++;
      } else {
        // Stryker disable next-line OptionalChaining: a cached frame is on the zone's lists until the cache removes it (PageCache.insert's contract)
        if (!this.zone.lists.get(cached)?.dirty) this.counters.nr_dirtied++;
        this.cache.markDirty(cached, this.time);
        this.zone.touch(cached);
      }
    }
    this.cache.grow(name, size + bytes);
  }

  read(name: string): void {
    const pages = Math.ceil(this.#fileSize(name, false) / 4096);
    for (let index = 0; index < pages; index++) {
      const cached = this.cache.lookup(name, index);
      if (cached !== undefined) {
        this.zone.touch(cached);
        continue;
      }
      const pfn = this.#withMemory(null, () => this.frames.allocFile(false));
      this.cache.insert(name, index, pfn, null);
      this.counters.pgpgin += 4;
    }
  }

  unlink(name: string): void {
    this.#fileSize(name, false);
    for (const pfn of this.cache.unlink(name)) this.frames.freeFrame(pfn);
  }

  sync(): void {
    for (let oldest = this.cache.oldestDirty(); oldest; oldest = this.cache.oldestDirty()) this.#written(oldest[0]);
  }

  tick(): TickReport {
    for (const action of this.zone.tick().actions) this.#carryOut(action);
    this.#settle();
    this.#syncSwapSlots();
    this.#flush();
    return { t: this.time, free: this.zone.freePages, kswapd: this.zone.kswapd };
  }

  counts(): MemoryCounts {
    let anon = 0;
    let shmem = 0;
    let shmemMapped = 0;
    for (const page of this.pages.values()) {
      if (page.kind === 'anon') anon++;
      else {
        shmem++;
        if (page.mapcount > 0) shmemMapped++;
      }
    }
    let pageTables = 0;
    let committed = 0;
    const huge = new Set<number>();
    for (const { space } of this.processes.values()) {
      const tables = space.mm.pageTable.tableCount();
      pageTables += tables.pgd + tables.pud + tables.pmd + tables.pte;
      for (const vma of space.mm.vmas) {
        if (vma.shared || vma.vmFlags.includes('ac')) committed += Number((vma.end - vma.start) / PAGE);
        for (let haddr = (vma.start + HPAGE - 1n) & ~(HPAGE - 1n); haddr + HPAGE <= vma.end; haddr += HPAGE) {
          const last = space.mm.pageTable.walk(haddr).at(-1);
          // Stryker disable next-line OptionalChaining: kata 9's walk always returns at least the PGD's step
          if (last?.level !== 'pmd' || !(last.entry & PTE_PRESENT) || !(last.entry & PTE_HUGE)) continue;
          if (entryPfn(last.entry) !== this.thp.hugeZeroPfn) huge.add(entryPfn(last.entry));
        }
      }
    }
    const { SwapTotal, SwapFree, SwapCached } = this.swap.meminfo();
    const cache = this.cache.counts();
    const zones = this.plan.zones;
    return {
      managedPages: this.plan.managedPages,
      freePages: this.zone.freePages,
      lru: { ...this.zone.lists.sizes(), unevictable: shmem },
      filePages: cache.pages,
      shmemPages: shmem,
      swapCachePages: SwapCached / 4,
      dirtyPages: cache.dirty,
      writebackPages: cache.writeback,
      anonPages: anon,
      anonHugePages: huge.size * 512,
      mappedPages: shmemMapped,
      pageTablePages: pageTables,
      swapTotalKb: SwapTotal,
      swapFreeKb: SwapFree,
      committedPages: committed,
      lowWatermark: zones.reduce((sum, zone) => sum + zone.low, 0),
      totalReservePages: zones.reduce(
        (sum, zone) => sum + Math.min(zone.high + Math.max(...zone.protection), zone.managed),
        0,
      ),
    };
  }

  meminfo(): Record<string, number> {
    return meminfoOf(this.counts());
  }

  vmstat(): Record<string, number> {
    const c = this.counts();
    const { lru } = c;
    const freeCounts = this.buddy.freeCounts();
    const dirtyable = Math.max(c.freePages - c.totalReservePages, 0) + lru.active_file + lru.inactive_file;
    const known: Record<string, number> = {
      ...this.zone.vmstat,
      ...this.swap.vmstat,
      ...this.thp.events,
      ...this.counters,
      nr_free_pages: c.freePages,
      nr_free_pages_blocks: freeCounts.reduce((sum, count, order) => (order >= 9 ? sum + count * 2 ** order : sum), 0),
      nr_zone_inactive_anon: lru.inactive_anon,
      nr_zone_active_anon: lru.active_anon,
      nr_zone_inactive_file: lru.inactive_file,
      nr_zone_active_file: lru.active_file,
      nr_zone_unevictable: lru.unevictable,
      nr_zone_write_pending: c.dirtyPages + c.writebackPages,
      nr_inactive_anon: lru.inactive_anon,
      nr_active_anon: lru.active_anon,
      nr_inactive_file: lru.inactive_file,
      nr_active_file: lru.active_file,
      nr_unevictable: lru.unevictable,
      nr_anon_pages: c.anonPages,
      nr_mapped: c.mappedPages,
      nr_file_pages: c.filePages + c.shmemPages + c.swapCachePages,
      nr_dirty: c.dirtyPages,
      nr_writeback: c.writebackPages,
      nr_shmem: c.shmemPages,
      nr_anon_transparent_hugepages: c.anonHugePages / 512,
      nr_page_table_pages: c.pageTablePages,
      nr_swapcached: c.swapCachePages,
      nr_dirty_threshold: Math.floor((dirtyable * DIRTY_RATIO) / 100),
      nr_dirty_background_threshold: Math.floor((dirtyable * DIRTY_BACKGROUND_RATIO) / 100),
      nr_memmap_boot_pages: Math.ceil((this.plan.totalPages * STRUCT_PAGE_BYTES) / 4096),
    };
    return Object.fromEntries(VMSTAT_NAMES.map((name) => [name, known[name] ?? 0]));
  }

  zoneinfo(): ZoneinfoZone[] {
    const vmstat = this.vmstat();
    const pick = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, vmstat[name] ?? 0]));
    const { cpus } = this.plan;
    return this.plan.zones.map((zone) => {
      const populated = zone.present > 0;
      const batch = zoneBatchsize(zone.managed);
      const highMin = zoneHighsize(zone.low, batch, cpus);
      const pageset = {
        count: 0,
        high: highMin,
        batch,
        highMin,
        highMax: zoneHighsize(Math.floor(zone.managed / 8), batch, cpus),
        statThreshold: normalThreshold(zone.managed, cpus),
      };
      return {
        node: 0,
        name: zone.name,
        free: populated ? this.zone.freePages : 0,
        boost: 0,
        min: zone.min,
        low: zone.low,
        high: zone.high,
        promo: zone.promo,
        spanned: zone.spanned,
        present: zone.present,
        managed: zone.managed,
        cma: 0,
        protection: zone.protection,
        ...(populated && { nodeStats: pick(NODE_STAT_NAMES) }),
        stats: populated ? pick(ZONE_STAT_NAMES) : {},
        pagesets: populated ? Array.from({ length: cpus }, () => ({ ...pageset })) : [],
        nodeUnreclaimable: this.zone.kswapd === 'hopeless',
        startPfn: zone.startPfn,
      };
    });
  }

  status(pid: number): TaskStatus {
    const process = this.#process(pid);
    const s = process.space.stats();
    const data = process.space.mm.vmas.reduce(
      (sum, vma) => (!vma.shared && vma.prot[1] === 'w' ? sum + Number((vma.end - vma.start) / 1024n) : sum),
      0,
    );
    const memory: ProcMemory = {
      vmPeak: s.vmPeakKb,
      vmSize: s.vmSizeKb,
      vmLck: 0,
      vmPin: 0,
      vmHWM: s.vmHwmKb,
      vmRSS: s.rssKb,
      rssAnon: s.rssAnonKb,
      rssFile: 0,
      rssShmem: s.rssShmemKb,
      vmData: data,
      vmStk: 0,
      vmExe: 0,
      vmLib: 0,
      vmPTE: s.vmPteKb,
      vmSwap: s.vmSwapKb,
      hugetlbPages: 0,
    };
    return {
      name: process.name,
      state: process.lastRun === this.time ? 'R' : 'S',
      pid,
      ppid: process.ppid,
      pgid: process.pgid,
      sid: process.sid,
      memory,
      signals: { blocked: 0n, ignored: 0n, caught: 0n },
      // fork_init(): max_threads = RAM / (8 × THREAD_SIZE); RLIMIT_SIGPENDING is half of it.
      sigPendingLimit: Math.floor(Math.floor((this.plan.managedPages * 4096) / (8 * 16384)) / 2),
      cpus: this.plan.cpus,
      voluntarySwitches: 0,
      nonvoluntarySwitches: 0,
    };
  }

  statm(pid: number): Statm {
    const { memory } = this.status(pid);
    return {
      size: memory.vmSize / 4,
      resident: memory.vmRSS / 4,
      shared: (memory.rssFile + memory.rssShmem) / 4,
      // Stryker disable next-line ArithmeticOperator: VmExe is always 0 here (status() maps no executable), and 0 × 4 = 0 / 4
      text: memory.vmExe / 4,
      lib: 0,
      data: (memory.vmData + memory.vmStk) / 4,
      dt: 0,
    };
  }

  smaps(pid: number): { mappings: Mapping[]; rollup: SmapsRollup } {
    return smapsOf(this.#process(pid).space, {
      swapCount: (entry) => this.swap.useCount(entry),
      inodeOf: (object) => {
        let inode = this.#inodes.get(object);
        if (inode === undefined) {
          inode = this.#nextInode++;
          this.#inodes.set(object, inode);
        }
        return inode;
      },
    });
  }

  readProc(path: string): string {
    const file = path.replace(/^\/proc\//, '');
    switch (file) {
      case 'meminfo':
        return formatMeminfo(this.meminfo());
      case 'vmstat':
        return formatVmstat(this.vmstat());
      case 'zoneinfo':
        return formatZoneinfo(this.zoneinfo());
      case 'buddyinfo':
        return formatBuddyinfo([{ node: 0, zone: 'Normal', free: this.buddy.freeCounts() }]);
      case 'swaps':
        return formatSwaps(this.swap.areas());
    }
    const m = /^(\d+)\/(status|statm|smaps|smaps_rollup|oom_score|oom_score_adj)$/.exec(file);
    const process = m ? this.processes.get(Number(m[1])) : undefined;
    if (!m || !process) throw new MachineError('ENOENT', `no such file: ${path}`);
    const pid = process.pid;
    switch (m[2]) {
      case 'status':
        return formatStatus(this.status(pid));
      case 'statm': {
        const s = this.statm(pid);
        return `${s.size} ${s.resident} ${s.shared} ${s.text} ${s.lib} ${s.data} ${s.dt}\n`;
      }
      case 'smaps':
        return formatSmaps(this.smaps(pid).mappings);
      case 'smaps_rollup':
        return formatSmapsRollup(this.smaps(pid).rollup);
      case 'oom_score':
        return `${oomScore(this.#oomTask(process), this.#oomTotalPages())}\n`;
      default:
        return `${process.oomScoreAdj}\n`;
    }
  }

  #process(pid: number): MachineProcess {
    const process = this.processes.get(pid);
    if (!process) throw new MachineError('ESRCH', `no process ${pid}`);
    return process;
  }

  #freePid(): number {
    while (this.processes.has(this.#nextPid)) this.#nextPid++;
    return this.#nextPid++;
  }

  /** Size of a file; a new one is made when `create`, else ENOENT. */
  #fileSize(name: string, create: boolean): number {
    if (typeof name !== 'string' || name === '' || name.includes('/')) {
      throw new MachineError('EINVAL', `${JSON.stringify(name)} is not a file name`);
    }
    const size = this.cache.size(name);
    if (size === undefined && !create) throw new MachineError('ENOENT', `no file ${name}`);
    return size ?? 0;
  }

  #diskUsedKb(): number {
    let kb = this.plan.swapPages * 4;
    for (const name of this.cache.files()) kb += 4 * Math.ceil((this.cache.size(name) as number) / 4096);
    return kb;
  }

  /**
   * Runs `attempt` until it gets its memory: after each try the queued reclaim is carried out; a try that
   * found the zone out of memory calls the OOM killer first. `process` is who asks (null: nobody in particular).
   */
  #withMemory<T>(process: MachineProcess | null, attempt: () => T | null): T {
    for (;;) {
      const value = attempt();
      const progress = this.#settle();
      if (value !== null) return value;
      if (this.frames.takeOom()) {
        if (this.#oomKill() === process) throw new MachineError('ENOMEM', `process ${process?.pid} was killed`);
      } else if (!progress) {
        // Stryker disable next-line CallExpression: unreachable: ZoneFrames refuses a frame without setting takeOom() only when the buddy allocator is empty, and then the zone holds at most the queued frees, which #settle just carried out (progress); with none, the zone's free count is 0, below min (≥ 1), and it refused first (takeOom() true)
        throw new Error('the machine is out of step: an allocation found no frame, and reclaim freed none');
      }
    }
  }

  /** After a fault mapped `pa` for `va`: the rmap learns who maps the page (a new page: only this PTE). */
  #mapped(pid: number, va: bigint, pa: bigint, cause: string): void {
    const pfn = Number(pa >> 12n);
    const pageVa = va & ~(PAGE - 1n);
    switch (cause) {
      case 'new-page':
      case 'copy-on-write':
        this.#setMapper(pfn, pid, pageVa);
        break;
      case 'huge-page': {
        const haddr = va & ~(HPAGE - 1n);
        const head = pfn - Number((va - haddr) / PAGE);
        for (let i = 0; i < 512; i++) this.#setMapper(head + i, pid, haddr + BigInt(i) * PAGE);
        break;
      }
      case 'swap-in':
      case 'shmem':
        this.#addMapper(pfn, pid, pageVa);
        this.#file(pfn);
        this.#syncSwapSlots(); // a swap-in frees the PTE's hold on its slot
        break;
    }
  }

  /** A new page: `pid` at `va` is its only mapper. */
  #setMapper(pfn: number, pid: number, va: bigint): void {
    const i = pfn - this.plan.basePfn;
    this.#mapperPid[i] = pid;
    this.#mapperVa[i] = Number(va);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,CallExpression: a stale extra mapper left here is harmless: #swapOut checks every mapper against the page table again (mappedBy) and skips one that no longer maps the frame
    if (this.#moreMappers.size > 0) this.#moreMappers.delete(pfn);
  }

  /** One more PTE maps the page. */
  #addMapper(pfn: number, pid: number, va: bigint): void {
    const i = pfn - this.plan.basePfn;
    if (this.#mapperPid[i] === 0) {
      this.#setMapper(pfn, pid, va);
      return;
    }
    const more = this.#moreMappers.get(pfn);
    if (more) more.push({ pid, va });
    else this.#moreMappers.set(pfn, [{ pid, va }]);
  }

  /** Who may map the page (the rmap is checked again before use), and the rmap forgets it. */
  #takeMappers(pfn: number): Mapper[] {
    const i = pfn - this.plan.basePfn;
    const mappers: Mapper[] = [];
    if (this.#mapperPid[i] !== 0)
      mappers.push({ pid: this.#mapperPid[i] as number, va: BigInt(this.#mapperVa[i] as number) });
    this.#mapperPid[i] = 0;
    const more = this.#moreMappers.get(pfn);
    if (more) {
      mappers.push(...more);
      this.#moreMappers.delete(pfn);
    }
    return mappers;
  }

  /** A new frame that holds a private anonymous page goes on the inactive anon list (folio_add_lru). */
  #file(pfn: number): void {
    if (this.pages.get(pfn)?.kind !== 'anon') return; // page tables, the huge zero page, shmem: off the LRU
    const page = this.zone.lists.get(pfn);
    if (page?.lru === 'unevictable') this.zone.lists.putBack(page, 'inactive_anon');
  }

  /** An access found the page present: reclaim must see it as used. */
  #referenced(pfn: number): void {
    if (this.pages.has(pfn)) this.zone.touch(pfn);
  }

  /** New frames filed, queued reclaim carried out, until neither is left. Returns whether reclaim acted. */
  #settle(): boolean {
    // Stryker disable next-line BooleanLiteral: starting at true only adds a #syncSwapSlots, which changes nothing when the counts agree; the value returned matters only where a null allocation came without takeOom(), which cannot happen (see #withMemory)
    let acted = false;
    for (;;) {
      for (const pfn of this.frames.takeNew()) this.#file(pfn);
      const actions = this.frames.takeActions();
      if (actions.length === 0) break;
      acted = true;
      for (const action of actions) this.#carryOut(action);
    }
    if (acted) this.#syncSwapSlots();
    return acted;
  }

  /** What reclaim decided, done on the machine (the zone counted the page free already). */
  #carryOut(action: ReclaimAction): void {
    switch (action.type) {
      case 'swap-out':
        this.#swapOut(action.id);
        this.counters.pgpgout += 4;
        break;
      case 'drop':
        this.cache.remove(action.id);
        this.frames.freeFrame(action.id);
        break;
      case 'writeback':
        this.cache.startWriteback(action.id);
        break;
      case 'written':
        this.cache.endWriteback(action.id);
        this.counters.nr_written++;
        this.counters.pgpgout += 4;
        break;
    }
  }

  /** try_to_unmap: every PTE that still maps the page becomes a swap entry; the last one frees the frame. */
  #swapOut(pfn: number): void {
    for (const { pid, va } of this.#takeMappers(pfn)) {
      const process = this.processes.get(pid);
      if (!process) continue; // gone
      const mapped = mappedBy(process.space, va, pfn);
      if (!mapped) continue; // copied, unmapped, swapped
      if (mapped === 'pmd') process.space.splitHugePmd(va); // a 2 MiB page is split first: swap works on 4 KiB pages
      // Stryker disable next-line BlockStatement: unreachable: the zone swaps out only while it counts a free slot, and its count of used slots never falls below the swap space's (each swap-out adds one to both; #syncSwapSlots lowers the zone's to the swap space's)
      if (this.swap.swapOut(process.space, va) === null) {
        // Stryker disable next-line CallExpression: unreachable, as the line above says
        throw new Error(`no swap slot for page ${pfn}, though the zone counted one`);
      }
    }
  }

  /** The zone counts swap slots for its decisions; the swap space knows which ones are really used. */
  #syncSwapSlots(): void {
    const { SwapTotal, SwapFree } = this.swap.meminfo();
    const used = (SwapTotal - SwapFree) / 4;
    const counted = this.zone.config.swapPages - this.zone.swapFree;
    if (counted > used) this.zone.releaseSwap(counted - used);
  }

  /** A dirty page written to disk by the flusher or sync. */
  #written(pfn: number): void {
    this.cache.clean(pfn);
    this.counters.nr_written++;
    this.counters.pgpgout += 4;
  }

  /** The flusher: above the background threshold it writes the oldest dirty pages; every 5 s the expired ones. */
  #flush(): void {
    const c = this.cache.counts();
    if (c.dirty === 0) return;
    const { inactive_file, active_file } = this.zone.lists.sizes();
    const reserve = this.plan.watermarks.high;
    const dirtyable = Math.max(this.zone.freePages - reserve, 0) + inactive_file + active_file;
    let over = c.dirty - Math.floor((dirtyable * DIRTY_BACKGROUND_RATIO) / 100);
    const expired = this.time % DIRTY_WRITEBACK_TICKS === 0 ? this.time - DIRTY_EXPIRE_TICKS : -1;
    for (let oldest = this.cache.oldestDirty(); oldest; oldest = this.cache.oldestDirty()) {
      if (over <= 0 && oldest[1] > expired) break;
      this.#written(oldest[0]);
      over--;
    }
  }

  #oomTask(process: MachineProcess) {
    const s = process.space.stats();
    return {
      pid: process.pid,
      name: process.name,
      rssPages: s.rssKb / 4,
      swapPages: s.vmSwapKb / 4,
      pgtablesBytes: s.vmPteKb * 1024,
      oomScoreAdj: process.oomScoreAdj,
      process,
      stats: s,
    };
  }

  #oomTotalPages(): number {
    return totalPages({ memTotalKb: this.plan.managedPages * 4, swapTotalKb: this.swap.meminfo().SwapTotal });
  }

  /** out_of_memory(): kata 15 chooses, the kernel logs two lines, the victim's memory comes back. */
  #oomKill(): MachineProcess {
    const tasks = [...this.processes.values()].map((process) => this.#oomTask(process));
    const victim = selectVictim(tasks, this.#oomTotalPages());
    if (!victim) {
      throw new MachineError('ENOMEM', 'out of memory and no process to kill: System is deadlocked on memory');
    }
    const { stats } = victim;
    const lines = formatOomKill(
      {
        pid: victim.pid,
        name: victim.name,
        uid: 0,
        totalVmKb: stats.vmSizeKb,
        anonRssKb: stats.rssAnonKb,
        fileRssKb: 0,
        shmemRssKb: stats.rssShmemKb,
        pgtablesBytes: victim.pgtablesBytes,
        oomScoreAdj: victim.oomScoreAdj,
      },
      GLOBAL_OOM,
    );
    for (const line of lines) this.kernelLog.push(`${dmesgTime(this.time)} ${line}`);
    this.oomKills.push({ t: this.time, pid: victim.pid, name: victim.name, lines });
    this.counters.oom_kill++;
    this.#reap(victim.process);
    return victim.process;
  }

  /** exit_mmap(): every page, table and swap slot of the process comes back. */
  #reap(process: MachineProcess): void {
    process.space.exit();
    this.processes.delete(process.pid);
    this.#settle();
    this.#syncSwapSlots();
  }
};

/**
 * page_vma_mapped_walk(): does `va` still map frame `pfn`, with a 4 KiB PTE ('pte') or inside a 2 MiB page
 * ('pmd')? null when it was unmapped, copied or swapped since the rmap learnt of it. One walk of the page
 * table: reading pagemap and trying a split took three walks and a lookup among the swap entries (swap_test at
 * full size, CPU: 6.0–7.4 s → 5.4–6.1 s).
 */
function mappedBy(space: ThpAddressSpace, va: bigint, pfn: number): 'pte' | 'pmd' | null {
  const steps = space.mm.pageTable.walk(va);
  const { level, entry } = steps[steps.length - 1] as WalkStep;
  if (!(entry & PTE_PRESENT)) return null;
  if (level === 'pte') return entryPfn(entry) === pfn ? 'pte' : null;
  // A walk that stops above the PTE level on a present entry stopped on a 2 MiB page (kata 9 makes no 1 GiB ones).
  return entryPfn(entry) + Number((va % HPAGE) / PAGE) === pfn ? 'pmd' : null;
}

/** dmesg's "[%5lu.%06lu]" from a tick (1 ms). */
function dmesgTime(t: number): string {
  return `[${String(Math.floor(t / 1000)).padStart(5)}.${String((t % 1000) * 1000).padStart(6, '0')}]`;
}

/** zone_batchsize(): ~0.1 % of the zone, at most 1 MiB, /4, then 2^n − 1; at least 1. */
function zoneBatchsize(managed: number): number {
  let batch = Math.floor(Math.min(Math.floor(managed / 1024), 256) / 4);
  if (batch < 1) batch = 1;
  batch = 2 ** Math.floor(Math.log2(batch + Math.floor(batch / 2))) - 1;
  return Math.max(batch, 1);
}

/** zone_highsize(): pages split among the node's CPUs, at least 4 batches. */
function zoneHighsize(pages: number, batch: number, cpus: number): number {
  return Math.max(Math.floor(pages / cpus), batch * 4);
}

/** calculate_normal_threshold(): 2 × fls(cpus) × (1 + fls(memory in 128 MiB units)), at most 125. */
function normalThreshold(managed: number, cpus: number): number {
  const fls = (x: number) => (x === 0 ? 0 : Math.floor(Math.log2(x)) + 1);
  return Math.min(125, 2 * fls(cpus) * (1 + fls(Math.floor(managed / 32768))));
}

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
