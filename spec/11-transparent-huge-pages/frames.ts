/**
 * The specs' own HugeFrameAllocator: frames from 0x100000 up, single frames lowest first, blocks of 2^order
 * frames aligned on 2^order (a free aligned run is reused, else it comes from above everything handed out),
 * each frame given back one by one as a buddy allocator accepts it. A limit makes it run out on purpose;
 * `blocks: false` makes it a plain FrameAllocator that cannot hand out blocks at all.
 */
import type { HugeFrameAllocator } from '#kata/11-transparent-huge-pages';

export const FIRST_PFN = 0x100000;
export const PAGE = 4096n;
export const HPAGE = 0x200000n;
export const MiB = 1024 * 1024;

export interface TestFrames extends HugeFrameAllocator {
  inUse(): number;
  has(pfn: number): boolean;
  limit: number;
  /** How many blocks allocFrames handed out. */
  blocks: number;
}

export function testFrames({ limit = Number.POSITIVE_INFINITY, blocks = true } = {}): TestFrames {
  const used = new Set<number>();
  let next = FIRST_PFN;
  const free = (pfn: number) => pfn < next && !used.has(pfn);
  const frames: TestFrames = {
    limit,
    blocks: 0,
    allocFrame() {
      if (used.size >= frames.limit) return null;
      let pfn = FIRST_PFN;
      while (pfn < next && used.has(pfn)) pfn++;
      if (pfn === next) next++;
      used.add(pfn);
      return pfn;
    },
    freeFrame(pfn: number) {
      if (!used.has(pfn)) throw new Error(`freeFrame(0x${pfn.toString(16)}): that frame is not in use`);
      used.delete(pfn);
    },
    allocFrames(order: number) {
      const n = 2 ** order;
      if (used.size + n > frames.limit) return null;
      let head = FIRST_PFN;
      for (; head < next; head += n) {
        let all = true;
        for (let i = 0; i < n && all; i++) all = free(head + i);
        if (all) break;
      }
      if (head >= next) next = head + n;
      for (let i = 0; i < n; i++) used.add(head + i);
      frames.blocks++;
      return head;
    },
    inUse: () => used.size,
    has: (pfn) => used.has(pfn),
  };
  if (!blocks) Reflect.deleteProperty(frames, 'allocFrames');
  return frames;
}

export const at = (base: bigint, bytes: number | bigint): bigint => base + BigInt(bytes);
