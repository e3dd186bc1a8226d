/**
 * The OOM killer's measure of all memory, in pages, for a machine-wide OOM (`constrained_alloc`,
 * mm/oom_kill.c): totalram_pages() + total_swap_pages = MemTotal/4 + SwapTotal/4.
 * totalPages({ memTotalKb: 24683656, swapTotalKb: 0 }) → 6170914.
 * RangeError for a negative or fractional size.
 */
export function totalPages({ memTotalKb, swapTotalKb }: { memTotalKb: number; swapTotalKb: number }): number {
  for (const [name, kb] of [
    ['memTotalKb', memTotalKb],
    ['swapTotalKb', swapTotalKb],
  ] as const) {
    if (!Number.isSafeInteger(kb) || kb < 0)
      throw new RangeError(`${name} must be a whole number of KiB ≥ 0, got ${kb}`);
  }
  return Math.floor(memTotalKb / 4) + Math.floor(swapTotalKb / 4);
}
