import { notImplemented } from '#shared/errors';

/**
 * The OOM killer's measure of all memory, in pages, for a machine-wide OOM (`constrained_alloc`,
 * mm/oom_kill.c): totalram_pages() + total_swap_pages = MemTotal/4 + SwapTotal/4.
 * totalPages({ memTotalKb: 24683656, swapTotalKb: 0 }) → 6170914.
 * RangeError for a negative or fractional size.
 */
export function totalPages({ memTotalKb, swapTotalKb }: { memTotalKb: number; swapTotalKb: number }): number {
  return notImplemented('totalPages');
}
