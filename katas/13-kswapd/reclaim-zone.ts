import { notImplemented } from '#shared/errors';
import type { FullReclaimConfig, ReclaimConfig } from './config.ts';
import type { LruLists, PageKind } from './lru.ts';
import type { ReclaimAction } from './shrink.ts';
import type { ReclaimEvent, Task } from './trace.ts';
import type { Vmstat } from './vmstat.ts';

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

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * One zone (and its node) under memory pressure: `new ReclaimZone(config)`. It owns the free-page count, the
 * LRU lists, kswapd and direct reclaim, and records /proc/vmstat counters, a timeline of vmscan events and a
 * sample of free pages per tick. What each member does is written on the ReclaimZone interface below.
 * The constructor checks the config (ReclaimConfigError naming the field, see ReclaimConfig) and fills in the
 * defaults. Keep the rest of your state in private fields (`#free`, `#kswapd`, …).
 */
export const ReclaimZone: new (config: ReclaimConfig) => ReclaimZone = class ReclaimZone {
  readonly config: FullReclaimConfig;
  readonly lists: LruLists;
  readonly vmstat: Vmstat;
  readonly events: ReclaimEvent[];
  readonly samples: Sample[];

  constructor(config: ReclaimConfig) {
    notImplemented('ReclaimZone');
  }

  get freePages(): number {
    return notImplemented('ReclaimZone.freePages');
  }

  get swapFree(): number {
    return notImplemented('ReclaimZone.swapFree');
  }

  get time(): number {
    return notImplemented('ReclaimZone.time');
  }

  get kswapd(): KswapdState {
    return notImplemented('ReclaimZone.kswapd');
  }

  allocate(request: AllocationRequest): AllocationResult {
    return notImplemented('ReclaimZone.allocate');
  }

  touch(id: number): void {
    notImplemented('ReclaimZone.touch');
  }

  markDirty(id: number): void {
    notImplemented('ReclaimZone.markDirty');
  }

  release(id: number): void {
    notImplemented('ReclaimZone.release');
  }

  releaseSwap(slots: number): void {
    notImplemented('ReclaimZone.releaseSwap');
  }

  tick(): { actions: ReclaimAction[] } {
    return notImplemented('ReclaimZone.tick');
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
