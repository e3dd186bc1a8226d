/**
 * The specs' own FrameAllocator: frames from 0x100000 up (far from the zero page's 0x3b32), the lowest free
 * one first, with a limit to run out of memory on purpose. It throws on a double free or a frame it never
 * handed out, so a spec sees a learner's accounting bug at once.
 */
import type { FrameAllocator } from '#kata/09-page-table';

export const FIRST_PFN = 0x100000;

export interface TestFrames extends FrameAllocator {
  /** Frames handed out and not given back. */
  inUse(): number;
  /** Frames that may still be handed out (Infinity without a limit). */
  limit: number;
  /** Every allocFrame call so far. */
  allocations: number;
  /** Is this frame handed out right now? */
  has(pfn: number): boolean;
}

export function testFrames(limit = Number.POSITIVE_INFINITY): TestFrames {
  const used = new Set<number>();
  const free: number[] = [];
  let next = FIRST_PFN;
  const frames: TestFrames = {
    limit,
    allocations: 0,
    allocFrame() {
      frames.allocations++;
      if (used.size >= frames.limit) return null;
      free.sort((a, b) => b - a);
      const pfn = free.pop() ?? next++;
      used.add(pfn);
      return pfn;
    },
    freeFrame(pfn: number) {
      if (!used.has(pfn)) throw new Error(`freeFrame(0x${pfn.toString(16)}): that frame is not in use`);
      used.delete(pfn);
      free.push(pfn);
    },
    inUse: () => used.size,
    has: (pfn) => used.has(pfn),
  };
  return frames;
}

export const PAGE = 4096n;
/** The address of page `i` after `base`. */
export const pageAt = (base: bigint, i: number): bigint => base + BigInt(i) * PAGE;
