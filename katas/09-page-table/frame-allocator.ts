/**
 * Where a page table gets the 4 KiB frames for its table pages, and gives them back. Kata 07's
 * BuddyAllocator fits with a three-line adapter (see the README):
 * `{ allocFrame: () => buddy.alloc(0), freeFrame: (pfn) => buddy.free(pfn, 0) }`.
 */
export interface FrameAllocator {
  /** One free frame's PFN, or null when memory is exhausted. */
  allocFrame(): number | null;
  /** Gives back a frame allocFrame returned. */
  freeFrame(pfn: number): void;
}
