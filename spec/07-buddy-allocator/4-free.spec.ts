import { describe, expect, it } from 'vitest';
import { AllocatorError, BuddyAllocator } from '#kata/07-buddy-allocator';
import { allocAll, allocatorError, blocks, expectRefused } from './helpers.ts';

/** A zone of 16 pages, order ≤ 4, with every page allocated. */
function fullZone() {
  const zone = new BuddyAllocator({ pages: 16, maxOrder: 4 });
  allocAll(zone, 16);
  return zone;
}

describe('BuddyAllocator', () => {
  describe('free', () => {
    it('merges pfn 10 with its buddy 11, then the pair with 8: one order-2 block at 8', () => {
      const zone = fullZone();
      zone.free(11, 0);
      zone.free(8, 0);
      zone.free(9, 0); // 8 and 9 merge: 8@1
      expect(blocks(zone.freeBlocks())).toEqual(['8@1', '11@0']);
      zone.free(10, 0); // 10 ^ 1 = 11 is free: 10@1; 10 ^ 2 = 8 is free at order 1: 8@2; 8 ^ 4 = 12 is not free
      expect(zone.freeBlocks()).toEqual([{ pfn: 8, order: 2 }]);
      expect(zone.freeCounts()).toEqual([0, 0, 1, 0, 0]);
    });

    it('merges as far as the buddies go: freeing 12@2 next to 8@2 makes 8@3', () => {
      const zone = fullZone();
      zone.free(8, 0);
      zone.free(9, 0);
      zone.free(10, 1);
      zone.free(12, 2);
      expect(zone.freeBlocks()).toEqual([{ pfn: 8, order: 3 }]);
    });

    it('does not merge with a buddy that is free with another order', () => {
      const zone = fullZone();
      zone.free(8, 0); // 8 is free as a single page; 9 is not free, so there is no free 8@1
      zone.free(10, 1);
      expect(blocks(zone.freeBlocks())).toEqual(['8@0', '10@1']);
    });

    it('gives a freed block back whole: freeing 0@2 takes four pages at once', () => {
      const zone = fullZone();
      zone.free(0, 2);
      expect(zone.freeBlocks()).toEqual([{ pfn: 0, order: 2 }]);
      expect(zone.freePages()).toBe(4);
    });

    it('lets a block be given back page by page (as split_page allows), each page merging as its buddies come back', () => {
      const zone = new BuddyAllocator({ pages: 4, maxOrder: 2 });
      expect(zone.alloc(2)).toBe(0);
      zone.free(3, 0);
      zone.free(1, 0);
      zone.free(0, 0);
      expect(blocks(zone.freeBlocks())).toEqual(['0@1', '3@0']);
      zone.free(2, 0);
      expect(zone.freeBlocks()).toEqual([{ pfn: 0, order: 2 }]);
    });

    it('stops merging at maxOrder: four free order-10 blocks stay four', () => {
      const zone = new BuddyAllocator({ pages: 4096 });
      const pfns = [zone.alloc(10), zone.alloc(10), zone.alloc(10), zone.alloc(10)];
      for (const pfn of pfns) zone.free(pfn!, 10);
      expect(zone.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    });

    it('never merges with a buddy outside the zone: PFNs 0 to 5 end as 0@2 and 4@1 again', () => {
      const zone = new BuddyAllocator({ pages: 6, maxOrder: 3 });
      const pages = allocAll(zone, 6);
      for (const pfn of pages) zone.free(pfn, 0);
      expect(blocks(zone.freeBlocks())).toEqual(['0@2', '4@1']);
    });

    it('never merges with a buddy below the zone start: PFN 1 of the DMA zone stays alone', () => {
      const zone = new BuddyAllocator({ pages: 4095, basePfn: 1 });
      expect(zone.alloc(0)).toBe(1);
      zone.free(1, 0);
      expect(zone.freeCounts()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
    });

    describe('refuses', () => {
      it("an order outside 0..maxOrder: 'bad-order'", () => {
        const zone = fullZone();
        expectRefused(zone, () => zone.free(0, 5), 'bad-order');
        expectRefused(zone, () => zone.free(0, -1), 'bad-order');
        expectRefused(zone, () => zone.free(0, 0.5), 'bad-order');
      });

      it("a block that is not inside the zone: 'out-of-range'", () => {
        const zone = new BuddyAllocator({ pages: 12, basePfn: 4, maxOrder: 3 });
        allocAll(zone, 12);
        expectRefused(zone, () => zone.free(16, 0), 'out-of-range'); // one past the end
        expectRefused(zone, () => zone.free(3, 0), 'out-of-range'); // one before the start
        expectRefused(zone, () => zone.free(0, 3), 'out-of-range'); // 0..7 starts below the zone
        expectRefused(zone, () => zone.free(Number.NaN, 0), 'out-of-range');
      });

      it("a block that starts inside the zone and runs past its end: 'out-of-range'", () => {
        const zone = new BuddyAllocator({ pages: 10, maxOrder: 3 }); // PFNs 0 to 9
        allocAll(zone, 10);
        expectRefused(zone, () => zone.free(8, 2), 'out-of-range'); // 8..11, aligned, but 10 and 11 are not in the zone
        expectRefused(zone, () => zone.free(8, 3), 'out-of-range'); // 8..15
        zone.free(8, 1); // 8..9 is fine
        expect(zone.freeBlocks()).toEqual([{ pfn: 8, order: 1 }]);
      });

      it("a pfn that is not a multiple of 2^order: 'misaligned'", () => {
        const zone = fullZone();
        expectRefused(zone, () => zone.free(2, 2), 'misaligned');
        expectRefused(zone, () => zone.free(6, 3), 'misaligned');
        expectRefused(zone, () => zone.free(1, 1), 'misaligned');
      });

      it("a block whose pages are free already: 'double-free'", () => {
        const zone = fullZone();
        zone.free(5, 0);
        expectRefused(zone, () => zone.free(5, 0), 'double-free');
      });

      it("a block with only some of its pages free: 'double-free', for a free page inside or a free block around it", () => {
        const zone = fullZone();
        zone.free(5, 0);
        expectRefused(zone, () => zone.free(4, 2), 'double-free'); // 4..7 holds free page 5
        expectRefused(zone, () => zone.free(0, 4), 'double-free'); // the whole zone
        zone.free(8, 0);
        zone.free(9, 0); // 8@1
        expectRefused(zone, () => zone.free(9, 0), 'double-free'); // inside the free block 8@1
      });

      it("a block of 32 pages or more freed twice, or with a free page in it: 'double-free'", () => {
        const zone = new BuddyAllocator({ pages: 64, maxOrder: 6 });
        expect(zone.alloc(5)).toBe(0);
        zone.free(0, 5); // merges with 32@5 into 0@6
        expectRefused(zone, () => zone.free(0, 5), 'double-free');
        allocAll(zone, 64);
        zone.free(40, 0);
        expectRefused(zone, () => zone.free(32, 5), 'double-free'); // 32..63 holds free page 40
        expectRefused(zone, () => zone.free(0, 6), 'double-free');
      });

      it("a page of a fresh zone, which is all free: 'double-free'", () => {
        const zone = new BuddyAllocator({ pages: 4096 });
        expectRefused(zone, () => zone.free(77, 0), 'double-free');
        expectRefused(zone, () => zone.free(1024, 10), 'double-free');
      });

      it('in the contract order: bad-order before out-of-range before misaligned before double-free', () => {
        const zone = fullZone();
        zone.free(1, 0);
        expectRefused(zone, () => zone.free(99, 9), 'bad-order'); // also out of range and misaligned
        expectRefused(zone, () => zone.free(14, 2), 'out-of-range'); // 14..17 runs past 16, and 14 is misaligned
        expectRefused(zone, () => zone.free(1, 1), 'misaligned'); // page 1 is also free already
      });

      it('a fractional pfn, with an AllocatorError', () => {
        const zone = fullZone();
        expect(allocatorError(() => zone.free(1.5, 0))).toBeInstanceOf(AllocatorError);
        expect(zone.freePages()).toBe(0);
      });
    });
  });
});
