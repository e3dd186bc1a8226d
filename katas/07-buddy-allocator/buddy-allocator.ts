import { notImplemented } from '#shared/errors';
import { AllocatorError } from './allocator-error.ts';
import { MAX_PAGE_ORDER } from './buddy.ts';

/** What a zone is made of: `new BuddyAllocator({ pages: 4095, basePfn: 1 })` is x86-64's DMA zone. */
export interface BuddyAllocatorOptions {
  /** The zone's size in pages, a whole number 0..2^30 (4 TiB). */
  pages: number;
  /** Its first page frame number (0 by default). */
  basePfn?: number;
  /** The largest order it hands out and merges up to, 0..30 (MAX_PAGE_ORDER = 10 by default). */
  maxOrder?: number;
}

/** A free block: 2^order pages starting at page frame `pfn`. */
export interface FreeBlock {
  pfn: number;
  order: number;
}

/**
 * The buddy allocator of one zone: `new BuddyAllocator({ pages, basePfn, maxOrder })`.
 * It starts with the zone free, as the largest blocks aligned on absolute PFNs that fit (the way boot-time
 * freeing carves memory), hands out blocks of 2^order pages and merges freed blocks with their buddies.
 * What each method must do is written on the BuddyAllocator interface below. Keep your state in private
 * fields (`#freeLists`, …). RangeError for options that are not whole numbers in their ranges.
 */
export const BuddyAllocator: new (options: BuddyAllocatorOptions) => BuddyAllocator = class BuddyAllocator {
  constructor({ pages, basePfn = 0, maxOrder = MAX_PAGE_ORDER }: BuddyAllocatorOptions) {
    notImplemented('BuddyAllocator');
  }

  alloc(order: number): number | null {
    return notImplemented('BuddyAllocator.alloc');
  }

  free(pfn: number, order: number): void {
    notImplemented('BuddyAllocator.free');
  }

  freeCounts(): number[] {
    return notImplemented('BuddyAllocator.freeCounts');
  }

  freePages(): number {
    return notImplemented('BuddyAllocator.freePages');
  }

  freeBlocks(): FreeBlock[] {
    return notImplemented('BuddyAllocator.freeBlocks');
  }
};

/** What a BuddyAllocator can do: `new BuddyAllocator({ pages, basePfn, maxOrder })` returns one. */
export interface BuddyAllocator {
  /**
   * Takes a free block of 2^order pages and returns its first PFN, or null when no free block is large
   * enough. It takes the lowest-PFN block of the smallest order ≥ `order` that has one, and splits a larger
   * block in halves, keeping the lower half and putting each upper half on the free list of its order.
   * AllocatorError 'bad-order' for an order outside 0..maxOrder.
   */
  alloc(order: number): number | null;
  /**
   * Gives back the 2^order pages at pfn, merging the block with its buddy (buddyOf(pfn, order)) as long as
   * the buddy is a free block of the same order inside the zone, up to maxOrder. AllocatorError, checked in
   * this order: 'bad-order', 'out-of-range', 'misaligned', 'double-free' (a page of it is already free).
   * A call that throws changes nothing.
   */
  free(pfn: number, order: number): void;
  /** Free blocks per order, as the zone's line of /proc/buddyinfo counts them: maxOrder + 1 numbers. */
  freeCounts(): number[];
  /** Free pages: Σ freeCounts()[order] × 2^order. */
  freePages(): number;
  /** Every free block, sorted by pfn. */
  freeBlocks(): FreeBlock[];
}
