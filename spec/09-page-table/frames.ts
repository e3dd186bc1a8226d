import type { FrameAllocator } from '#kata/09-page-table';

/**
 * A FrameAllocator for the specs: hands out PFNs from `first` up (reusing freed ones, last freed first),
 * returns null after `limit` frames are out, and throws on a free of a frame it did not hand out — so a
 * table that frees a page twice, or frees a data frame, fails the spec that did it.
 */
export class CountingFrames implements FrameAllocator {
  /** The frames handed out and not yet given back. */
  readonly taken = new Set<number>();
  allocs = 0;
  frees = 0;
  limit: number;
  #next: number;
  readonly #free: number[] = [];

  constructor({ first = 0x1000, limit = Number.POSITIVE_INFINITY }: { first?: number; limit?: number } = {}) {
    this.#next = first;
    this.limit = limit;
  }

  allocFrame(): number | null {
    if (this.taken.size >= this.limit) return null;
    const pfn = this.#free.pop() ?? this.#next++;
    this.taken.add(pfn);
    this.allocs++;
    return pfn;
  }

  freeFrame(pfn: number): void {
    if (!this.taken.delete(pfn))
      throw new Error(`freeFrame(${pfn}): this frame was not handed out (or was freed twice)`);
    this.frees++;
    this.#free.push(pfn);
  }

  /** Frames out right now. */
  get inUse(): number {
    return this.taken.size;
  }
}
