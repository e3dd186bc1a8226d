/** The default's lower bound: 128 KiB. */
export const MIN_FREE_KBYTES_FLOOR = 128;
/** The default's upper bound: 256 MiB since Linux 5.7 (65536 before). */
export const MIN_FREE_KBYTES_CEILING = 262144;
/** Pages in one pageblock on x86-64 (order 9, 2 MiB): khugepaged's unit. */
export const PAGEBLOCK_PAGES = 512;
/** Migrate types with per-CPU lists: unmovable, movable, reclaimable. */
export const MIGRATE_PCPTYPES = 3;

/**
 * The default vm.min_free_kbytes (`calculate_min_free_kbytes`, mm/page_alloc.c):
 * int_sqrt(lowmemKb × 16), clamped to [128, 262144]. `lowmemKb` is nr_free_buffer_pages() in KiB: Σ over
 * the zones up to Normal of (managed − high), in KiB. minFreeKbytes(5495608) → 9377.
 * RangeError for a negative or fractional lowmemKb.
 */
export function minFreeKbytes(lowmemKb: number): number {
  if (!Number.isSafeInteger(lowmemKb) || lowmemKb < 0) {
    throw new RangeError(`lowmemKb must be a whole number of KiB ≥ 0, got ${lowmemKb}`);
  }
  // int_sqrt rounds down. Math.sqrt is exact enough: where a double could be one off (near 2^52), the
  // result is far above the ceiling anyway.
  const root = Math.floor(Math.sqrt(lowmemKb * 16));
  return Math.min(Math.max(root, MIN_FREE_KBYTES_FLOOR), MIN_FREE_KBYTES_CEILING);
}

/**
 * What khugepaged raises min_free_kbytes to when transparent huge pages are `always` or `madvise`
 * (`set_recommended_min_free_kbytes`, mm/khugepaged.c): for each populated zone up to Normal, two free
 * pageblocks plus one per pair of per-CPU migrate types (512 × (2 + 3 × 3) = 5632 pages), but never more
 * than 5 % of lowmem; in KiB. The kernel takes it only when it is larger than the value it has.
 * thpMinFreeKbytes({ zones: 3, lowmemKb: 5495608 }) → 67584.
 * RangeError for a negative or fractional argument.
 */
export function thpMinFreeKbytes({ zones, lowmemKb }: { zones: number; lowmemKb: number }): number {
  if (!Number.isSafeInteger(zones) || zones < 0) {
    throw new RangeError(`zones must be a whole number ≥ 0, got ${zones}`);
  }
  if (!Number.isSafeInteger(lowmemKb) || lowmemKb < 0) {
    throw new RangeError(`lowmemKb must be a whole number of KiB ≥ 0, got ${lowmemKb}`);
  }
  const perZone = PAGEBLOCK_PAGES * 2 + PAGEBLOCK_PAGES * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
  const lowmemPages = Math.floor(lowmemKb / 4);
  const pages = Math.min(perZone * zones, Math.floor(lowmemPages / 20)); // "never more than 5 % of lowmem"
  return pages * 4;
}
