/**
 * A tiny buddy allocator for the model-based specs, written the slow and obvious way: the free blocks are a
 * list, alloc scans it, free merges by searching it. Only the specs use it; it is what BuddyAllocator must
 * agree with after every operation.
 */
export interface Block {
  pfn: number;
  order: number;
}

export class BuddyModel {
  readonly first: number;
  readonly end: number;
  readonly maxOrder: number;
  blocks: Block[] = [];

  constructor(pages: number, basePfn: number, maxOrder: number) {
    this.first = basePfn;
    this.end = basePfn + pages;
    this.maxOrder = maxOrder;
    // The largest aligned blocks that fit, from the start.
    for (let pfn = basePfn; pfn < this.end; ) {
      let order = 0;
      while (order < maxOrder && pfn % 2 ** (order + 1) === 0 && pfn + 2 ** (order + 1) <= this.end) order++;
      this.blocks.push({ pfn, order });
      pfn += 2 ** order;
    }
  }

  /** The lowest-PFN block of the smallest order ≥ order, split down; null when there is none. */
  alloc(order: number): number | null {
    for (let current = order; current <= this.maxOrder; current++) {
      const candidates = this.blocks.filter((b) => b.order === current).sort((a, b) => a.pfn - b.pfn);
      const block = candidates[0];
      if (!block) continue;
      this.blocks = this.blocks.filter((b) => b !== block);
      for (let high = current - 1; high >= order; high--) this.blocks.push({ pfn: block.pfn + 2 ** high, order: high });
      return block.pfn;
    }
    return null;
  }

  /** Puts the block back and merges it with its free buddy of the same order, as far as it goes. */
  free(pfn: number, order: number): void {
    let block = { pfn, order };
    while (block.order < this.maxOrder) {
      const size = 2 ** block.order;
      const buddyPfn = (block.pfn / size) % 2 === 0 ? block.pfn + size : block.pfn - size;
      const buddy = this.blocks.find((b) => b.pfn === buddyPfn && b.order === block.order);
      if (!buddy) break;
      this.blocks = this.blocks.filter((b) => b !== buddy);
      block = { pfn: Math.min(block.pfn, buddyPfn), order: block.order + 1 };
    }
    this.blocks.push(block);
  }

  sorted(): Block[] {
    return [...this.blocks].sort((a, b) => a.pfn - b.pfn);
  }

  /** The page is inside a free block. */
  isFree(page: number): boolean {
    return this.blocks.some((b) => page >= b.pfn && page < b.pfn + 2 ** b.order);
  }
}
