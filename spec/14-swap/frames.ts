/**
 * The specs' own FrameAllocator: frames from 0x100000 up (far from the zero page's 0x3b32), the lowest free
 * first, with a limit to run out of memory on purpose. It throws on a double free or a frame it never gave.
 */
import type { FrameAllocator } from '#kata/09-page-table';

export interface TestFrames extends FrameAllocator {
  /** Frames handed out and not given back. */
  inUse(): number;
  /** Frames that may be in use at once. */
  limit: number;
}

export function testFrames(limit = Number.POSITIVE_INFINITY): TestFrames {
  const used = new Set<number>();
  const free: number[] = [];
  let next = 0x100000;
  const frames: TestFrames = {
    limit,
    allocFrame() {
      if (used.size >= frames.limit) return null;
      free.sort((a, b) => b - a);
      const pfn = free.pop() ?? next++;
      used.add(pfn);
      return pfn;
    },
    freeFrame(pfn) {
      if (!used.has(pfn)) throw new Error(`freeFrame(0x${pfn.toString(16)}): that frame is not in use`);
      used.delete(pfn);
      free.push(pfn);
    },
    inUse: () => used.size,
  };
  return frames;
}
