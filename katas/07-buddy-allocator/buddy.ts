import { notImplemented } from '#shared/errors';

/**
 * The largest order the buddy allocator hands out: 2^10 pages = 4 MiB, the last column of /proc/buddyinfo
 * (include/linux/mmzone.h; MAX_ORDER until Linux 6.8, and 11, one past the last order, before 6.4).
 */
export const MAX_PAGE_ORDER = 10;

/**
 * The PFN of the block's buddy: the other half of the block of order + 1 that contains it
 * (mm/internal.h __find_buddy_pfn(): `pfn ^ (1 << order)`, which flips the bit worth 2^order).
 * buddyOf(8, 1) → 10, buddyOf(10, 1) → 8, buddyOf(10, 0) → 11, buddyOf(8, 2) → 12.
 * Works for any PFN up to 2^53 (JavaScript's `^` and `<<` stop at 32 bits: PFN 2^32 is 16 TiB).
 * RangeError when pfn is not a whole, non-negative multiple of 2^order, or order is not a whole number 0..52.
 */
export function buddyOf(pfn: number, order: number): number {
  return notImplemented('buddyOf');
}
