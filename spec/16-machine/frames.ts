import type { HugeFrameAllocator } from '#kata/11-transparent-huge-pages';

/**
 * Frames for a lone address space (no machine): from PFN 0x100000 up, 2 MiB blocks aligned, freed 4 KiB frames
 * reused first. It throws on a double free, so a spec notices a frame given back twice.
 */
export function testFrames(): HugeFrameAllocator & { free: Set<number>; taken: Set<number> } {
  let next = 0x100000;
  const free = new Set<number>();
  const taken = new Set<number>();
  return {
    free,
    taken,
    allocFrame() {
      const reused = free.values().next();
      const pfn = reused.done ? next++ : reused.value;
      free.delete(pfn);
      taken.add(pfn);
      return pfn;
    },
    allocFrames(order: number) {
      const size = 2 ** order;
      next = Math.ceil(next / size) * size;
      const head = next;
      next += size;
      for (let i = 0; i < size; i++) taken.add(head + i);
      return head;
    },
    freeFrame(pfn: number) {
      if (!taken.delete(pfn)) throw new Error(`frame ${pfn} freed twice or never handed out`);
      free.add(pfn);
    },
  };
}
