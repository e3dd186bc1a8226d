import { notImplemented } from '#shared/errors';
import type { LruPage } from './lru.ts';

/** Who reclaims: the kswapd thread, or the allocating task itself (direct reclaim: an allocation stall). */
export type Reclaimer = 'kswapd' | 'direct';

/**
 * What `shrink_folio_list` does with one page taken from the tail of an inactive list:
 * - 'rotate': referenced since the last look: a second chance, back to the head of the inactive list;
 * - 'activate': cannot be reclaimed now: to the active list (under writeback, dirty file page in direct
 *   reclaim, anon page with no free swap slot);
 * - 'writeback': a dirty file page kswapd starts writing; it stays inactive and goes once clean;
 * - 'drop': a clean file page: freed, its data is still in the file;
 * - 'swap-out': an anon page: written to a swap slot and freed.
 */
export type PageVerdict = 'rotate' | 'activate' | 'writeback' | 'drop' | 'swap-out';

/**
 * The decision for one inactive page, in `shrink_folio_list`'s order: under writeback → 'activate';
 * referenced → 'rotate'; anon → 'swap-out' if a swap slot is free, else 'activate'; dirty file page →
 * 'writeback' for kswapd, 'activate' for direct reclaim (only kswapd may write, memkata's rule from Linux
 * ≤ 6.16); clean file page → 'drop'.
 * pageVerdict({ kind: 'file', dirty: true, referenced: false, writeback: false, … }, { reclaimer: 'direct',
 * swapFree: 0 }) → 'activate'.
 */
export function pageVerdict(
  page: Pick<LruPage, 'kind' | 'referenced' | 'dirty' | 'writeback'>,
  { reclaimer, swapFree }: { reclaimer: Reclaimer; swapFree: number },
): PageVerdict {
  return notImplemented('pageVerdict');
}
