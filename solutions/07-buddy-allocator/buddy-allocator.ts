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
  // Inside, a block is named by its offset from `#origin`, basePfn rounded down to a multiple of 2^maxOrder.
  // Offsets are below 2^31 and keep the PFNs' alignment, so the kernel's bit operations work on them
  // (`^`, `&`, `<<` are 32-bit in JavaScript): the buddy of `offset` is `offset ^ (1 << order)`.
  readonly #origin: number;
  readonly #first: number; // the offset of basePfn
  readonly #end: number; // the offset one past the zone's last page
  readonly #maxOrder: number;
  readonly #lists: FreeList[]; // zone->free_area[order], one per order; a block's slot is offset >>> order
  readonly #freeMap: PageBitmap; // a bit per page: set while the page is free
  #freePages = 0;

  constructor({ pages, basePfn = 0, maxOrder = MAX_PAGE_ORDER }: BuddyAllocatorOptions) {
    if (!Number.isInteger(maxOrder) || maxOrder < 0 || maxOrder > 30) {
      throw new RangeError(`maxOrder ${maxOrder} is not a whole number 0..30`);
    }
    if (!Number.isInteger(pages) || pages < 0 || pages > 2 ** 30) {
      throw new RangeError(`a zone of ${pages} pages: the size must be a whole number 0..2^30`);
    }
    if (!Number.isSafeInteger(basePfn) || basePfn < 0 || !Number.isSafeInteger(basePfn + pages)) {
      throw new RangeError(`basePfn ${basePfn}: the zone's PFNs must be whole numbers 0..2^53`);
    }
    this.#origin = basePfn - (basePfn % 2 ** maxOrder);
    this.#first = basePfn - this.#origin;
    this.#end = this.#first + pages;
    this.#maxOrder = maxOrder;
    // Stryker disable next-line ArithmeticOperator: a list with more slots than the zone needs works the same
    this.#lists = Array.from({ length: maxOrder + 1 }, (_, order) => new FreeList(Math.ceil(this.#end / 2 ** order)));
    this.#freeMap = new PageBitmap(this.#end);

    // mm/memblock.c __free_pages_memory(): boot-time freeing hands the range to the buddy allocator in the
    // largest blocks that its alignment allows and that fit before the end. Every page starts allocated
    // (reserved), so each block is simply freed. (Freeing page by page would end the same, merged by free();
    // the large blocks only make it 1024 times fewer calls.)
    for (let pfn = basePfn; pfn < basePfn + pages; ) {
      let order = alignmentOrder(pfn, maxOrder);
      while (pfn + 2 ** order > basePfn + pages) order--;
      this.free(pfn, order);
      pfn += 2 ** order;
    }
  }

  alloc(order: number): number | null {
    this.#checkOrder(order);
    // __rmqueue_smallest(): the first free list, from the requested order up, that has a block …
    for (let current = order; current <= this.#maxOrder; current++) {
      const list = this.#lists[current] as FreeList;
      if (list.size === 0) continue;
      // … and on it the block with the lowest PFN (the kernel takes the head of the list: see the README).
      const offset = list.lowest() << current;
      this.#take(offset, current);
      // expand(): halve the block until it has the requested order, keep the lower half, and put each upper
      // half back on the free list of its order.
      for (let high = current - 1; high >= order; high--) this.#put(offset + (1 << high), high);
      this.#freeMap.clear(offset, order);
      return this.#origin + offset;
    }
    return null; // no free block is large enough
  }

  free(pfn: number, order: number): void {
    this.#checkOrder(order);
    let offset = pfn - this.#origin;
    const size = 1 << order;
    if (!Number.isInteger(offset) || offset < this.#first || offset + size > this.#end) {
      throw new AllocatorError(
        `the block of order ${order} at pfn ${pfn} is not inside the zone [${this.#origin + this.#first}, ${this.#origin + this.#end})`,
        'out-of-range',
      );
    }
    // The origin is a multiple of 2^maxOrder, so the offset is aligned exactly when the PFN is.
    if ((offset & (size - 1)) !== 0) {
      throw new AllocatorError(`pfn ${pfn} is not a multiple of 2^${order} = ${size}`, 'misaligned');
    }
    if (this.#freeMap.anyFree(offset, order)) {
      throw new AllocatorError(`a page of the block of order ${order} at pfn ${pfn} is already free`, 'double-free');
    }
    this.#freeMap.set(offset, order);
    // __free_one_page(): while the buddy (__find_buddy_pfn: offset ^ (1 << order)) is a free block of the
    // same order, take it off its list and merge; the merged block starts at the lower of the two
    // (pfn & buddy_pfn) and is one order larger.
    while (order < this.#maxOrder) {
      const buddy = offset ^ (1 << order);
      if (!this.#isFreeBlock(buddy, order)) break;
      this.#take(buddy, order);
      // Stryker disable next-line AssignmentOperator: offset | buddy names the same block, as slots drop the low bits
      offset &= buddy;
      order++;
    }
    this.#put(offset, order);
  }

  freeCounts(): number[] {
    return this.#lists.map((list) => list.size);
  }

  freePages(): number {
    return this.#freePages;
  }

  freeBlocks(): FreeBlock[] {
    const blocks: FreeBlock[] = [];
    this.#lists.forEach((list, order) => {
      list.forEach((slot) => {
        blocks.push({ pfn: this.#origin + slot * 2 ** order, order });
      });
    });
    return blocks.sort((a, b) => a.pfn - b.pfn);
  }

  #checkOrder(order: number): void {
    if (!Number.isInteger(order) || order < 0 || order > this.#maxOrder) {
      throw new AllocatorError(`order ${order} is not a whole number 0..${this.#maxOrder}`, 'bad-order');
    }
  }

  /**
   * A free block of exactly this order starts at offset (page_is_buddy(): free, same order, same zone). A
   * block outside the zone is never on a list, so its bit is 0 (or past the end of the list, which reads 0).
   */
  #isFreeBlock(offset: number, order: number): boolean {
    return (this.#lists[order] as FreeList).has(offset >>> order);
  }

  #put(offset: number, order: number): void {
    (this.#lists[order] as FreeList).add(offset >>> order);
    this.#freePages += 1 << order;
  }

  #take(offset: number, order: number): void {
    (this.#lists[order] as FreeList).remove(offset >>> order);
    this.#freePages -= 1 << order;
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

/** The largest order ≤ maxOrder whose blocks pfn can start (__ffs(pfn); PFN 0 starts blocks of every order). */
function alignmentOrder(pfn: number, maxOrder: number): number {
  let order = 0;
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: smaller boot blocks merge into these same blocks
  while (order < maxOrder && pfn % 2 ** (order + 1) === 0) order++;
  return order;
}

/**
 * One order's free list (the kernel's zone->free_area[order]): which blocks of that order are free.
 * The kernel links the free blocks' struct pages into a list and takes its head. Here every block the order
 * could have gets a bit (a "slot"), so that "is this block free?" reads one bit, and "which free block has
 * the lowest PFN?" walks down a few levels of summaries, where a bit of level i + 1 says "word w of level i
 * is not 0". Order 0 of a 4 GiB zone (1,048,576 slots) has 32768 words, then 1024, 32 and 1.
 */
class FreeList {
  size = 0;
  readonly #levels: Uint32Array[] = [];

  constructor(slots: number) {
    let bits = Math.max(slots, 1);
    do {
      const words = Math.ceil(bits / 32);
      this.#levels.push(new Uint32Array(words));
      bits = words;
    } while (bits > 1);
  }

  has(slot: number): boolean {
    const words = this.#levels[0] as Uint32Array;
    return ((words[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;
  }

  add(slot: number): void {
    this.size++;
    for (const words of this.#levels) {
      const word = slot >>> 5;
      const before = words[word] as number;
      words[word] = before | (1 << (slot & 31));
      // Stryker disable next-line ConditionalExpression: setting the summary bits again changes nothing, it only takes longer
      if (before !== 0) return; // the levels above already know that this word is not empty
      slot = word;
    }
  }

  remove(slot: number): void {
    this.size--;
    for (const words of this.#levels) {
      const word = slot >>> 5;
      const after = (words[word] as number) & ~(1 << (slot & 31));
      words[word] = after;
      if (after !== 0) return; // the word still has a bit: the levels above stay as they are
      slot = word;
    }
  }

  /** The lowest slot in the list; call it only when size > 0. */
  lowest(): number {
    let slot = 0;
    for (let level = this.#levels.length - 1; level >= 0; level--) {
      const words = this.#levels[level] as Uint32Array;
      slot = slot * 32 + lowestBit(words[slot] as number);
    }
    return slot;
  }

  forEach(visit: (slot: number) => void): void {
    (this.#levels[0] as Uint32Array).forEach((word, index) => {
      for (let bits = word; bits !== 0; bits &= bits - 1) visit(index * 32 + lowestBit(bits));
    });
  }
}

/**
 * A bit per page of the zone, set while the page is free: "is any page of this block free?" (a double free)
 * is a look at the few words the block covers. (The kernel marks only a free block's first page, PageBuddy,
 * and trusts its callers.) Blocks are aligned: one of 32 pages or more covers whole words, a smaller one
 * lies inside one word.
 */
class PageBitmap {
  readonly #words: Int32Array;

  constructor(pages: number) {
    // Stryker disable next-line ArithmeticOperator: a longer bitmap works the same
    this.#words = new Int32Array(Math.ceil(pages / 32));
  }

  /** Some page of the block of 2^order pages at offset is free. */
  anyFree(offset: number, order: number): boolean {
    if (order < 5) return ((this.#words[offset >>> 5] as number) & blockMask(offset, order)) !== 0;
    const end = (offset + (1 << order)) >>> 5;
    for (let word = offset >>> 5; word < end; word++) if (this.#words[word] !== 0) return true;
    return false;
  }

  /** Marks the block's pages free. */
  set(offset: number, order: number): void {
    const word = offset >>> 5;
    if (order < 5) this.#words[word] = (this.#words[word] as number) | blockMask(offset, order);
    else this.#words.fill(-1, word, (offset + (1 << order)) >>> 5);
  }

  /** Marks the block's pages allocated. */
  clear(offset: number, order: number): void {
    const word = offset >>> 5;
    if (order < 5) this.#words[word] = (this.#words[word] as number) & ~blockMask(offset, order);
    else this.#words.fill(0, word, (offset + (1 << order)) >>> 5);
  }
}

/** The bits of a block of fewer than 32 pages in its word: blockMask(36, 2) → 0b11110000. */
function blockMask(offset: number, order: number): number {
  return ((1 << (1 << order)) - 1) << (offset & 31);
}

/** The index of the lowest 1 bit of a non-zero 32-bit word: 0b1000 → 3. */
function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}
