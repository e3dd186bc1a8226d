import { type FullReclaimConfig, type ReclaimConfig, ReclaimConfigError } from './config.ts';
import { LruLists, type LruPage, type PageKind } from './lru.ts';
import type { Reclaimer } from './page-verdict.ts';
import { DEF_PRIORITY, MAX_SWAPPINESS } from './scan-balance.ts';
import { type ReclaimAction, type ShrinkStats, SWAP_CLUSTER_MAX, shrinkLruvec } from './shrink.ts';
import type { GfpFlags, ReclaimEvent, Task } from './trace.ts';
import { VMSTAT_NAMES, type Vmstat } from './vmstat.ts';
import { watermarkOk } from './watermark-ok.ts';

/** Reclaim gives up after this many passes in a row that freed nothing (MAX_RECLAIM_RETRIES, mm/internal.h). */
export const MAX_RECLAIM_RETRIES = 16;

/** kswapd asleep, working, or given up on the node after 16 fruitless runs (`kswapd_failures`). */
export type KswapdState = 'sleeping' | 'running' | 'hopeless';

/** Page-cache or anonymous pages go on the LRU; 'kernel' pages (page tables, slab) on none. */
export type AllocationKind = PageKind | 'kernel';

/** One order-0 allocation. */
export interface AllocationRequest {
  kind: AllocationKind;
  /** The id to give the page (a PFN, say); default: the next unused number from 1. */
  id?: number;
  /** Start dirty (a page written through the page cache). */
  dirty?: boolean;
  /** Start referenced. */
  referenced?: boolean;
  /** mlocked: on the unevictable list. */
  unevictable?: boolean;
  /** Who allocates, for the trace (default memkata-1). */
  task?: Task;
}

/** How an allocation got its page: above low, between low and min (kswapd woken), or after direct reclaim. */
export type AllocationPath = 'fast' | 'min' | 'direct';

export type AllocationResult =
  | { ok: true; id: number; path: AllocationPath; actions: ReclaimAction[] }
  | { ok: false; oom: true; actions: ReclaimAction[] };

/** Free pages at the end of a tick: the picture's input. */
export interface Sample {
  t: number;
  free: number;
}

/**
 * The free blocks per order of an order-0 watermark check, which watermarkOk reads only for order > 0: one shared
 * empty list, not a new one on every allocation (8 % fewer scavenges in scripts/bench/reclaim.mjs).
 */
// Stryker disable next-line ArrayDeclaration: watermarkOk reads freeCounts only for order > 0
const NO_BLOCKS: readonly number[] = [];

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Checks a config and fills in the defaults. ReclaimConfigError when a size is not a whole number ≥ 0
 * (managedPages, kswapdBatch and writebackTicks ≥ 1), the watermarks are out of order (min ≤ low ≤ high) or
 * above managedPages, or swappiness is outside 0..200.
 */
function checkConfig(config: ReclaimConfig): FullReclaimConfig {
  const { managedPages, watermarks, swappiness = 60, swapPages = 0, kswapdBatch = 1024, writebackTicks = 1 } = config;
  if (!isCount(managedPages) || managedPages < 1) {
    throw new ReclaimConfigError('managedPages', `${managedPages} is not a whole number of pages ≥ 1`);
  }
  const { min, low, high } = watermarks ?? {};
  if (!isCount(min) || !isCount(low) || !isCount(high)) {
    throw new ReclaimConfigError('watermarks', `min ${min}, low ${low}, high ${high} must be whole numbers ≥ 0`);
  }
  if (!(min <= low && low <= high)) {
    throw new ReclaimConfigError(
      'watermarks',
      `out of order: min ${min}, low ${low}, high ${high} (need min ≤ low ≤ high)`,
    );
  }
  if (high > managedPages) {
    throw new ReclaimConfigError('watermarks', `high ${high} is above the zone's ${managedPages} pages`);
  }
  if (!Number.isInteger(swappiness) || swappiness < 0 || swappiness > MAX_SWAPPINESS) {
    throw new ReclaimConfigError('swappiness', `${swappiness} is not a whole number 0..${MAX_SWAPPINESS}`);
  }
  if (!isCount(swapPages)) throw new ReclaimConfigError('swapPages', `${swapPages} is not a whole number ≥ 0`);
  if (!isCount(kswapdBatch) || kswapdBatch < 1) {
    throw new ReclaimConfigError('kswapdBatch', `${kswapdBatch} is not a whole number ≥ 1`);
  }
  if (!isCount(writebackTicks) || writebackTicks < 1) {
    throw new ReclaimConfigError('writebackTicks', `${writebackTicks} is not a whole number ≥ 1`);
  }
  return { managedPages, watermarks: { min, low, high }, swappiness, swapPages, kswapdBatch, writebackTicks };
}

/** Every counter at 0. */
function emptyVmstat(): Vmstat {
  return Object.fromEntries(VMSTAT_NAMES.map((name) => [name, 0])) as Vmstat;
}

/**
 * One zone (and its node) under memory pressure: `new ReclaimZone(config)`. It owns the free-page count, the
 * LRU lists, kswapd and direct reclaim, and records /proc/vmstat counters, a timeline of vmscan events and a
 * sample of free pages per tick. What each member does is written on the ReclaimZone interface below.
 */
export const ReclaimZone: new (config: ReclaimConfig) => ReclaimZone = class ReclaimZone {
  readonly config: FullReclaimConfig;
  readonly lists: LruLists = new LruLists();
  readonly vmstat: Vmstat = emptyVmstat();
  readonly events: ReclaimEvent[] = [];
  readonly samples: Sample[] = [];
  #free: number;
  #swapFree: number;
  #time = 0;
  #kswapd: KswapdState = 'sleeping';
  // Stryker disable next-line BooleanLiteral: only read while kswapd runs, and #wakeKswapd sets it before it ever does
  #kswapdStarting = false; // woken, but has not run yet: its mm_vmscan_kswapd_wake comes at the next tick
  #priority = DEF_PRIORITY;
  #failures = 0; // pgdat->kswapd_failures
  #nextId = 1;
  #namedIds = 0; // pages allocated with an id of the caller's: only then can 1, 2, 3 … be taken
  readonly #kernelPages = new Set<number>();
  readonly #writebacks: { page: LruPage; done: number }[] = [];
  #writebackHead = 0;

  constructor(config: ReclaimConfig) {
    this.config = checkConfig(config);
    this.#free = this.config.managedPages;
    this.#swapFree = this.config.swapPages;
    this.samples.push({ t: 0, free: this.#free });
  }

  get freePages(): number {
    return this.#free;
  }

  get swapFree(): number {
    return this.#swapFree;
  }

  get time(): number {
    return this.#time;
  }

  get kswapd(): KswapdState {
    return this.#kswapd;
  }

  allocate(request: AllocationRequest): AllocationResult {
    const { kind, task } = request;
    if (kind !== 'anon' && kind !== 'file' && kind !== 'kernel') {
      throw new RangeError(`allocation kind ${JSON.stringify(kind)} is not anon, file or kernel`);
    }
    if (request.id !== undefined) {
      if (!Number.isSafeInteger(request.id)) throw new RangeError(`page id ${request.id} is not a whole number`);
      if (this.#holds(request.id)) throw new RangeError(`page ${request.id} is already allocated`);
      this.#namedIds++;
    }
    const id = request.id ?? this.#unusedId();
    const gfp: GfpFlags = kind === 'kernel' ? 'GFP_KERNEL' : 'GFP_HIGHUSER_MOVABLE';
    const actions: ReclaimAction[] = [];
    const { min, low } = this.config.watermarks;

    let path: AllocationPath;
    if (this.#above(low)) {
      // get_page_from_freelist with ALLOC_WMARK_LOW: the fast path.
      path = 'fast';
    } else {
      // __alloc_pages_slowpath: wake kswapd, then try again at min.
      this.#wakeKswapd(gfp, task);
      if (this.#above(min)) {
        path = 'min';
      } else {
        // __alloc_pages_direct_reclaim, retried while it makes progress (should_reclaim_retry).
        let noProgress = 0;
        for (;;) {
          this.events.push({ t: this.#time, type: 'direct_reclaim_begin', order: 0, gfp, ...(task && { task }) });
          this.vmstat.allocstall_normal++;
          const reclaimed = this.#directReclaim(actions);
          this.events.push({
            t: this.#time,
            type: 'direct_reclaim_end',
            nrReclaimed: reclaimed,
            ...(task && { task }),
          });
          if (this.#above(min)) break;
          // Stryker disable next-line ConditionalExpression: free ≥ min always, so a pass that freed a page has left the loop above (reclaimed is 0 here); only the "→ false" twin is equivalent, "→ true" loops forever
          noProgress = reclaimed > 0 ? 0 : noProgress + 1;
          if (noProgress >= MAX_RECLAIM_RETRIES) {
            this.events.push({ t: this.#time, type: 'oom', order: 0, ...(task && { task }) });
            return { ok: false, oom: true, actions };
          }
        }
        path = 'direct';
      }
    }

    this.#free--;
    if (kind === 'kernel') this.#kernelPages.add(id);
    else {
      this.lists.add({
        id,
        kind,
        unevictable: request.unevictable ?? false,
        dirty: request.dirty ?? false,
        referenced: request.referenced ?? false,
      });
    }
    return { ok: true, id, path, actions };
  }

  touch(id: number): void {
    if (this.#kernelPages.has(id)) return;
    if (this.lists.touch(id)) this.vmstat.pgactivate++;
  }

  markDirty(id: number): void {
    const page = this.lists.get(id);
    if (!page) throw new RangeError(`page ${id} is not on the LRU`);
    page.dirty = true;
  }

  release(id: number): void {
    if (!this.#kernelPages.delete(id)) this.lists.remove(id);
    this.#free++;
  }

  releaseSwap(slots: number): void {
    if (!Number.isSafeInteger(slots) || slots < 0 || this.#swapFree + slots > this.config.swapPages) {
      throw new RangeError(
        `cannot give back ${slots} swap slots: ${this.config.swapPages - this.#swapFree} are in use`,
      );
    }
    this.#swapFree += slots;
  }

  tick(): { actions: ReclaimAction[] } {
    this.#time++;
    const actions: ReclaimAction[] = [];
    this.#endWritebacks(actions);
    if (this.#kswapd === 'running') this.#runKswapd(actions);
    this.samples.push({ t: this.#time, free: this.#free });
    return { actions };
  }

  /** Is free strictly above `mark` (an order-0 `__zone_watermark_ok`)? */
  #above(mark: number): boolean {
    return watermarkOk({ freePages: this.#free, order: 0, mark, reserve: 0, freeCounts: NO_BLOCKS });
  }

  #holds(id: number): boolean {
    return this.#kernelPages.has(id) || this.lists.get(id) !== undefined;
  }

  #unusedId(): number {
    // Stryker disable next-line EqualityOperator,ConditionalExpression: looking when no id was named finds none taken: only slower
    while (this.#namedIds > 0 && this.#holds(this.#nextId)) this.#nextId++;
    return this.#nextId++;
  }

  /** wakeup_kswapd(): only a sleeping kswapd is woken; a hopeless one stays asleep. */
  #wakeKswapd(gfp: GfpFlags, task: Task | undefined): void {
    if (this.#kswapd !== 'sleeping') return;
    this.events.push({ t: this.#time, type: 'wakeup_kswapd', order: 0, gfp, ...(task && { task }) });
    this.#kswapd = 'running';
    this.#kswapdStarting = true;
  }

  /** do_try_to_free_pages(): priority 12 down to 0 until 32 pages (SWAP_CLUSTER_MAX) came back. */
  #directReclaim(actions: ReclaimAction[]): number {
    let reclaimed = 0;
    for (let priority = DEF_PRIORITY; priority >= 0; priority--) {
      // Stryker disable next-line StringLiteral: every check compares the reclaimer with 'kswapd', so any other name acts as 'direct'
      reclaimed += this.#shrink('direct', priority, SWAP_CLUSTER_MAX, Number.POSITIVE_INFINITY, actions).reclaimed;
      if (reclaimed >= SWAP_CLUSTER_MAX) break;
    }
    return reclaimed;
  }

  /** kswapd's share of one tick (balance_pgdat): reclaim until free > high, at most kswapdBatch pages scanned. */
  #runKswapd(actions: ReclaimAction[]): void {
    const { high } = this.config.watermarks;
    if (this.#kswapdStarting) {
      this.#kswapdStarting = false;
      this.#priority = DEF_PRIORITY;
      this.events.push({ t: this.#time, type: 'kswapd_wake', order: 0 });
      this.vmstat.pageoutrun++;
    }
    let budget = this.config.kswapdBatch;
    for (;;) {
      if (this.#above(high)) {
        this.#sleep('sleeping');
        return;
      }
      if (budget <= 0) return;
      const { scanned, reclaimed } = this.#shrink(
        'kswapd',
        this.#priority,
        Math.max(high, SWAP_CLUSTER_MAX),
        budget,
        actions,
      );
      budget -= scanned;
      if (reclaimed > 0) continue;
      if (this.#priority > 0) {
        this.#priority--;
        continue;
      }
      // A whole run down to priority 0 freed nothing.
      this.#priority = DEF_PRIORITY;
      this.#failures++;
      if (this.#failures >= MAX_RECLAIM_RETRIES) this.#sleep('hopeless');
      return;
    }
  }

  #sleep(state: 'sleeping' | 'hopeless'): void {
    this.#kswapd = state;
    this.events.push({ t: this.#time, type: 'kswapd_sleep' });
  }

  /** One shrinkLruvec pass, counted into vmstat, the free count and the swap slots. */
  #shrink(
    reclaimer: Reclaimer,
    priority: number,
    nrToReclaim: number,
    scanLimit: number,
    actions: ReclaimAction[],
  ): { scanned: number; reclaimed: number } {
    const sc = {
      reclaimer,
      priority,
      swappiness: this.config.swappiness,
      swapFree: this.#swapFree,
      nrToReclaim,
      scanLimit,
      freePages: this.#free,
      highWatermark: this.config.watermarks.high,
    };
    const stats = shrinkLruvec(this.lists, sc);
    this.#swapFree = sc.swapFree;
    this.#count(reclaimer, stats);
    const reclaimed = stats.reclaimedAnon + stats.reclaimedFile;
    this.#free += reclaimed;
    // shrink_node(): "A successful direct reclaim run will revive a dormant kswapd."
    if (reclaimed > 0) {
      this.#failures = 0;
      if (this.#kswapd === 'hopeless') this.#kswapd = 'sleeping';
    }
    for (const action of stats.actions) {
      actions.push(action);
      // Stryker disable next-line ConditionalExpression: the other actions name pages reclaim took off the lists: get() finds none
      if (action.type === 'writeback') {
        const page = this.lists.get(action.id);
        // Stryker disable next-line ConditionalExpression: a page kswapd starts writing stays on its inactive list
        if (page) this.#writebacks.push({ page, done: this.#time + this.config.writebackTicks });
      }
    }
    return { scanned: stats.scannedAnon + stats.scannedFile + stats.refilled, reclaimed };
  }

  #count(reclaimer: Reclaimer, stats: ShrinkStats): void {
    const v = this.vmstat;
    const scanned = stats.scannedAnon + stats.scannedFile;
    const reclaimed = stats.reclaimedAnon + stats.reclaimedFile;
    if (reclaimer === 'kswapd') {
      v.pgscan_kswapd += scanned;
      v.pgsteal_kswapd += reclaimed;
    } else {
      v.pgscan_direct += scanned;
      v.pgsteal_direct += reclaimed;
    }
    v.pgscan_anon += stats.scannedAnon;
    v.pgscan_file += stats.scannedFile;
    v.pgsteal_anon += stats.reclaimedAnon;
    v.pgsteal_file += stats.reclaimedFile;
    v.pgactivate += stats.activated;
    v.pgdeactivate += stats.deactivated;
    v.pgrefill += stats.refilled;
    v.nr_vmscan_write += stats.written;
    v.nr_vmscan_immediate_reclaim += stats.immediate;
    v.pswpout += stats.swappedOut;
  }

  /** folio_end_writeback(): the page is clean; with PG_reclaim it goes to the inactive tail (pgrotated). */
  #endWritebacks(actions: ReclaimAction[]): void {
    while (this.#writebackHead < this.#writebacks.length) {
      const next = this.#writebacks[this.#writebackHead] as { page: LruPage; done: number };
      if (next.done > this.#time) break;
      this.#writebackHead++;
      const { page } = next;
      if (this.lists.get(page.id) !== page || !page.writeback) continue; // freed meanwhile
      page.writeback = false;
      page.dirty = false;
      actions.push({ type: 'written', id: page.id });
      // Stryker disable next-line ConditionalExpression: every page under writeback has PG_reclaim: set when kswapd starts it, cleared only here
      if (page.reclaim) {
        page.reclaim = false;
        // Stryker disable next-line ConditionalExpression,StringLiteral: only file pages are written back (anon goes to swap), and putBack takes any end but 'head' as the tail
        this.lists.putBack(page, page.kind === 'anon' ? 'inactive_anon' : 'inactive_file', 'tail');
        this.vmstat.pgrotated++;
      }
    }
    // Stryker disable next-line ConditionalExpression,BlockStatement: only gives back the finished queue's memory; the head index skips it either way
    if (this.#writebackHead === this.#writebacks.length) {
      this.#writebacks.length = 0;
      this.#writebackHead = 0;
    }
  }
};

/** What a ReclaimZone can do. */
export interface ReclaimZone {
  /** The config, defaults filled in. */
  readonly config: FullReclaimConfig;
  /** Its LRU lists. */
  readonly lists: LruLists;
  /** Counters, named as /proc/vmstat names them. */
  readonly vmstat: Vmstat;
  /** The timeline, oldest first. */
  readonly events: ReclaimEvent[];
  /** Free pages at t = 0 and after every tick. */
  readonly samples: Sample[];
  /** nr_free_pages. */
  readonly freePages: number;
  /** Free swap slots. */
  readonly swapFree: number;
  /** Ticks since the zone was made. */
  readonly time: number;
  readonly kswapd: KswapdState;
  /**
   * Allocates one page (`__alloc_pages`): above low it just takes it ('fast'); else it wakes a sleeping
   * kswapd and takes it if free > min ('min'); else it reclaims by itself — direct reclaim, counted in
   * allocstall_normal, between direct_reclaim_begin and _end events — until free > min ('direct'), or reports
   * OOM after 16 passes in a row that freed nothing. RangeError for a bad kind or an id already in use.
   */
  allocate(request: AllocationRequest): AllocationResult;
  /** An access to a page (`folio_mark_accessed`); an activation counts in pgactivate. */
  touch(id: number): void;
  /** A write to a page through the page cache: it is dirty until written back. RangeError if it is on no LRU list. */
  markDirty(id: number): void;
  /** The owner freed the page (munmap, exit, truncate): off the lists, one more free page. RangeError for an unknown id. */
  release(id: number): void;
  /** Swap slots freed by the machine (swap-in, exit) are free for reclaim again. RangeError beyond swapPages. */
  releaseSwap(slots: number): void;
  /**
   * One tick: writebacks that are due end (clean, and with `reclaim` to the inactive tail, pgrotated), then a
   * running kswapd reclaims — its first tick records kswapd_wake and pageoutrun — until free > high (then it
   * records kswapd_sleep and sleeps) or it has scanned kswapdBatch pages; a run down to priority 0 that frees
   * nothing is a failure, and after 16 it gives up ('hopeless'). Then a sample of free pages.
   */
  tick(): { actions: ReclaimAction[] };
}
