/** The largest buddy order (MAX_PAGE_ORDER, Linux 6.8+; MAX_ORDER − 1 before 6.4): 2^10 pages = 4 MiB. */
export const MAX_PAGE_ORDER = 10;

/**
 * Allocation flags that let an allocation dig below a watermark (`gfp_to_alloc_flags`, mm/page_alloc.c):
 * 'min-reserve' = ALLOC_MIN_RESERVE (__GFP_HIGH), 'non-block' = ALLOC_NON_BLOCK (an atomic allocation, which
 * cannot sleep), 'oom' = ALLOC_OOM (the OOM victim, so that it can exit).
 */
export type AllocFlag = 'min-reserve' | 'non-block' | 'oom';

/** What `watermarkOk` weighs. Counts are pages; `freeCounts[o]` is the number of free blocks of order o. */
export interface WatermarkCheck {
  /** The zone's free pages (`zone_page_state(z, NR_FREE_PAGES)`). */
  freePages: number;
  /** The allocation's order: 2^order pages. */
  order: number;
  /** The watermark to keep above: the zone's min, low or high (pages). */
  mark: number;
  /** lowmem_reserve[] of the zone for this allocation (the `protection:` of /proc/zoneinfo). */
  reserve: number;
  /** Free blocks per order, as the columns of /proc/buddyinfo; only read for order > 0. */
  freeCounts: readonly number[];
  flags?: readonly AllocFlag[];
}

const FLAGS: readonly AllocFlag[] = ['min-reserve', 'non-block', 'oom'];

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a whole number ≥ 0`);
}

/**
 * May an allocation of 2^order pages take them from this zone and stay above `mark`? `__zone_watermark_ok`:
 * free = freePages − (2^order − 1); the mark is lowered, in this fixed order whatever the order of `flags`:
 * 'min-reserve' → mark −= ⌊mark/2⌋, then (only with 'min-reserve') 'non-block' → mark −= ⌊mark/4⌋, then
 * 'oom' → mark −= ⌊mark/2⌋. False when free ≤ mark + reserve (the kernel needs free strictly above).
 * For order 0 that is all; for a larger order some block of order ≥ `order` must be free too.
 * watermarkOk({ freePages: 1281, order: 0, mark: 1280, reserve: 0, freeCounts: [] }) → true; 1280 → false.
 * RangeError for an order outside 0..10, a count that is not a whole number ≥ 0, or an unknown flag.
 */
export function watermarkOk({ freePages, order, mark, reserve, freeCounts, flags = [] }: WatermarkCheck): boolean {
  if (!Number.isInteger(order) || order < 0 || order > MAX_PAGE_ORDER) {
    throw new RangeError(`order ${order} is not a whole number 0..${MAX_PAGE_ORDER}`);
  }
  checkCount('freePages', freePages);
  checkCount('mark', mark);
  checkCount('reserve', reserve);
  for (const flag of flags) {
    if (!FLAGS.includes(flag)) throw new RangeError(`unknown allocation flag ${JSON.stringify(flag)}`);
  }

  // __zone_watermark_unusable_free(): the pages after the first of the block do not count.
  const free = freePages - (2 ** order - 1);
  let min = mark;
  if (flags.includes('min-reserve')) {
    min -= Math.floor(min / 2);
    // GFP_ATOMIC digs deeper; GFP_NOWAIT ('non-block' alone) gets no reserve at all.
    if (flags.includes('non-block')) min -= Math.floor(min / 4);
  }
  if (flags.includes('oom')) min -= Math.floor(min / 2);
  if (free <= min + reserve) return false;
  if (order === 0) return true;
  // For a high order the free pages must also hold a block that large (free_area[o] not empty, o ≥ order).
  return freeCounts.slice(order).some((count) => count > 0);
}
