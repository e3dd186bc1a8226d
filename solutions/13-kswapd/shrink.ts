import type { LruLists } from './lru.ts';
import { pageVerdict, type Reclaimer } from './page-verdict.ts';
import type { EvictableLru } from './scan-balance.ts';
import { EVICTABLE_LRUS, inactiveIsLow, scanCounts, scanFractions, scanMode } from './scan-balance.ts';

/** Reclaim works in batches of this many pages (SWAP_CLUSTER_MAX); direct reclaim wants this many back. */
export const SWAP_CLUSTER_MAX = 32;

/** What reclaim decided about one page: the machine carries it out on its page cache and address spaces. */
export type ReclaimAction =
  /** A clean file page was freed: take it out of the page cache and unmap it. */
  | { type: 'drop'; id: number }
  /** An anon page was written to a swap slot and freed: its PTEs become swap entries. */
  | { type: 'swap-out'; id: number }
  /** A dirty file page is being written back; it stays on the LRU. */
  | { type: 'writeback'; id: number }
  /** A writeback ended: the page is clean (and waits at the tail of the inactive list). */
  | { type: 'written'; id: number };

/** The control block of one reclaim pass (the kernel's `struct scan_control`). */
export interface ScanControl {
  reclaimer: Reclaimer;
  /** 12 (DEF_PRIORITY) down to 0: each list gives ⌊size / 2^priority⌋ pages to scan. */
  priority: number;
  swappiness: number;
  /** Free swap slots; each swap-out takes one (reclaim lowers this count). 0: anon cannot be reclaimed. */
  swapFree: number;
  /** Stop once this many pages were reclaimed. */
  nrToReclaim: number;
  /** Stop once this many pages were scanned (kswapd's work in one tick); no limit when absent. */
  scanLimit?: number;
  /** The zone's free pages and its high watermark, for `file_is_tiny`. */
  freePages: number;
  highWatermark: number;
}

/** What a pass did, counted as /proc/vmstat counts it. */
export interface ShrinkStats {
  /** Inactive pages looked at (pgscan_anon, pgscan_file). */
  scannedAnon: number;
  scannedFile: number;
  /** Pages freed (pgsteal_anon, pgsteal_file). */
  reclaimedAnon: number;
  reclaimedFile: number;
  /** Referenced pages given a second chance (the tracepoint's nr_ref_keep). */
  rotated: number;
  /** Pages moved to an active list (pgactivate). */
  activated: number;
  /** Active pages looked at (pgrefill) and moved to the inactive list (pgdeactivate). */
  refilled: number;
  deactivated: number;
  /** Writes reclaim started: swap-outs and file writebacks (nr_vmscan_write). */
  written: number;
  /** Dirty file pages direct reclaim marked to be freed once written (nr_vmscan_immediate_reclaim). */
  immediate: number;
  /** Anon pages written to swap (pswpout). */
  swappedOut: number;
  actions: ReclaimAction[];
}

/** A ShrinkStats of zeros. */
function emptyStats(): ShrinkStats {
  return {
    scannedAnon: 0,
    scannedFile: 0,
    reclaimedAnon: 0,
    reclaimedFile: 0,
    rotated: 0,
    activated: 0,
    refilled: 0,
    deactivated: 0,
    written: 0,
    immediate: 0,
    swappedOut: 0,
    actions: [],
  };
}

/** Adds `more` into `total`. */
function addStats(total: ShrinkStats, more: ShrinkStats): void {
  for (const key of Object.keys(total) as (keyof ShrinkStats)[]) {
    if (key === 'actions') total.actions.push(...more.actions);
    else total[key] += more[key];
  }
}

/**
 * `shrink_inactive_list`: takes up to `count` pages off the tail of an inactive list and treats each as
 * `pageVerdict` says: 'rotate' → referenced cleared, back to the head of the inactive list; 'activate' → head
 * of the active list (a dirty file page or one under writeback gets `reclaim` set; a dirty file page not
 * under writeback counts as immediate); 'writeback' → `writeback` and `reclaim` set, back to the inactive
 * head, counted as written; 'drop' and 'swap-out' → off the lists (the caller frees them), counted as
 * reclaimed; a swap-out takes one of `sc.swapFree` and counts as written and swapped out. Returns what it
 * did, with one action per page dropped, swapped out or written.
 */
export function shrinkInactiveList(
  lists: LruLists,
  lru: 'inactive_anon' | 'inactive_file',
  count: number,
  sc: ScanControl,
): ShrinkStats {
  const stats = emptyStats();
  for (const page of lists.isolate(lru, count)) {
    if (page.kind === 'anon') stats.scannedAnon++;
    else stats.scannedFile++;
    const verdict = pageVerdict(page, sc);
    switch (verdict) {
      case 'rotate':
        page.referenced = false;
        lists.putBack(page, lru);
        stats.rotated++;
        break;
      case 'activate':
        // "Immediately reclaim when written back": PG_reclaim, so the end of writeback rotates it to the tail.
        if (page.writeback || (page.kind === 'file' && page.dirty)) page.reclaim = true;
        if (page.kind === 'file' && page.dirty && !page.writeback) stats.immediate++;
        lists.putBack(page, activeOf(page.kind));
        stats.activated++;
        break;
      case 'writeback':
        page.writeback = true;
        page.reclaim = true;
        lists.putBack(page, lru);
        stats.written++;
        stats.actions.push({ type: 'writeback', id: page.id });
        break;
      case 'drop':
        lists.remove(page.id);
        stats.reclaimedFile++;
        stats.actions.push({ type: 'drop', id: page.id });
        break;
      case 'swap-out':
        lists.remove(page.id);
        sc.swapFree--;
        stats.reclaimedAnon++;
        stats.written++;
        stats.swappedOut++;
        stats.actions.push({ type: 'swap-out', id: page.id });
        break;
    }
  }
  return stats;
}

/**
 * `shrink_active_list`: takes up to `count` pages off the tail of an active list and moves each to the head
 * of its inactive list with `referenced` cleared (the kernel keeps only referenced executable file pages
 * active; memkata has none). Counts them as refilled and deactivated.
 */
export function shrinkActiveList(lists: LruLists, lru: 'active_anon' | 'active_file', count: number): ShrinkStats {
  const stats = emptyStats();
  for (const page of lists.isolate(lru, count)) {
    stats.refilled++;
    page.referenced = false;
    lists.putBack(page, page.kind === 'anon' ? 'inactive_anon' : 'inactive_file');
    stats.deactivated++;
  }
  return stats;
}

const activeOf = (kind: 'anon' | 'file'): 'active_anon' | 'active_file' =>
  kind === 'anon' ? 'active_anon' : 'active_file';
const isActive = (lru: EvictableLru): lru is 'active_anon' | 'active_file' => lru.startsWith('active');

/**
 * One reclaim pass over the lists at `sc.priority` (`shrink_lruvec` with `get_scan_count` and
 * `prepare_scan_control`):
 * 1. a type's inactive list is "low" when inactive · ratio < active, with ratio = ⌊√(10 · GiB)⌋ for lists of
 *    1 GiB (262144 pages) and more, else 1 (`inactive_is_low`);
 *    fileIsTiny = file + free ≤ high, the inactive anon list is not low and ⌊inactive anon / 2^priority⌋ > 0;
 *    cacheTrim = ⌊inactive file / 2^priority⌋ > 0 and the inactive file list is not low;
 * 2. scanMode, scanFractions with equal costs (0, 0), scanCounts;
 * 3. while inactive anon, inactive file or active file still has pages to scan: for each list in
 *    `EVICTABLE_LRUS` order take min(left, 32); an inactive list goes to shrinkInactiveList, an active list to
 *    shrinkActiveList only if its inactive list was low at the start; after each round stop when
 *    `nrToReclaim` pages are reclaimed or `scanLimit` pages scanned (inactive + active);
 * 4. then, if swap is free and the inactive anon list is low, shrinkActiveList(active_anon, 32).
 */
export function shrinkLruvec(lists: LruLists, sc: ScanControl): ShrinkStats {
  const sizes = lists.sizes();
  const anonLow = inactiveIsLow(sizes.inactive_anon, sizes.active_anon);
  const fileLow = inactiveIsLow(sizes.inactive_file, sizes.active_file);
  const scale = 2 ** sc.priority;
  const fileIsTiny =
    sizes.inactive_file + sizes.active_file + sc.freePages <= sc.highWatermark &&
    !anonLow &&
    Math.floor(sizes.inactive_anon / scale) > 0;
  const cacheTrim = Math.floor(sizes.inactive_file / scale) > 0 && !fileLow;
  const mode = scanMode({
    swapPages: sc.swapFree,
    swappiness: sc.swappiness,
    priority: sc.priority,
    fileIsTiny,
    cacheTrim,
  });
  const fractions = scanFractions({ swappiness: sc.swappiness, anonCost: 0, fileCost: 0 });
  const left = scanCounts({ sizes, priority: sc.priority, mode, fractions });

  const total = emptyStats();
  const limit = sc.scanLimit ?? Number.POSITIVE_INFINITY;
  while (left.inactive_anon > 0 || left.inactive_file > 0 || left.active_file > 0) {
    for (const lru of EVICTABLE_LRUS) {
      const count = Math.min(left[lru], SWAP_CLUSTER_MAX);
      // Stryker disable next-line ConditionalExpression: a count of 0 isolates no page, so the calls below would do nothing
      if (count === 0) continue;
      left[lru] -= count;
      if (!isActive(lru)) addStats(total, shrinkInactiveList(lists, lru, count, sc));
      else if (lru === 'active_anon' ? anonLow : fileLow) addStats(total, shrinkActiveList(lists, lru, count));
    }
    const reclaimed = total.reclaimedAnon + total.reclaimedFile;
    const scanned = total.scannedAnon + total.scannedFile + total.refilled;
    if (reclaimed >= sc.nrToReclaim || scanned >= limit) break;
  }
  // "Even if we did not try to evict anon pages at all, we want to rebalance the anon lru active/inactive ratio."
  const after = lists.sizes();
  if (sc.swapFree > 0 && inactiveIsLow(after.inactive_anon, after.active_anon)) {
    addStats(total, shrinkActiveList(lists, 'active_anon', SWAP_CLUSTER_MAX));
  }
  return total;
}
