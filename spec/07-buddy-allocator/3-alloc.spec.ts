import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuddyAllocator } from '#kata/07-buddy-allocator';
import { allocAll, blocks, expectRefused } from './helpers.ts';

describe('BuddyAllocator', () => {
  describe('alloc', () => {
    it('splits an order-3 block for an order-0 request: frees 12@2, 10@1, 9@0 and returns 8', () => {
      const zone = new BuddyAllocator({ pages: 16, maxOrder: 3 });
      expect(zone.alloc(3)).toBe(0);
      expect(zone.freeCounts()).toEqual([0, 0, 0, 1]);
      expect(zone.alloc(0)).toBe(8);
      expect(blocks(zone.freeBlocks())).toEqual(['9@0', '10@1', '12@2']);
      expect(zone.freeCounts()).toEqual([1, 1, 1, 0]); // o3 −1, o2 +1, o1 +1, o0 +1
      expect(zone.freePages()).toBe(7);
    });

    it('keeps the lower half of a split block and gives back the upper halves', () => {
      const zone = new BuddyAllocator({ pages: 1024 });
      expect(zone.alloc(2)).toBe(0);
      expect(blocks(zone.freeBlocks())).toEqual(['4@2', '8@3', '16@4', '32@5', '64@6', '128@7', '256@8', '512@9']);
    });

    it('takes a block of the smallest order that has one before it splits a larger one, even at a higher PFN', () => {
      const zone = new BuddyAllocator({ pages: 16, maxOrder: 4 });
      const pages = allocAll(zone, 16);
      zone.free(pages[14]!, 0); // pfn 14: a lone free page at the top
      zone.free(0, 0);
      zone.free(1, 0); // 0 and 1 merge into 0@1
      expect(blocks(zone.freeBlocks())).toEqual(['0@1', '14@0']);
      expect(zone.alloc(0)).toBe(14);
      expect(zone.alloc(0)).toBe(0);
    });

    it('takes the lowest PFN of the free blocks of that order, whatever the order they were freed in', () => {
      const zone = new BuddyAllocator({ pages: 16, maxOrder: 4 });
      allocAll(zone, 16);
      for (const pfn of [13, 3, 9, 6]) zone.free(pfn, 0);
      expect([zone.alloc(0), zone.alloc(0), zone.alloc(0), zone.alloc(0)]).toEqual([3, 6, 9, 13]);
    });

    it('hands out the single pages of a fresh zone in PFN order, each once', () => {
      const zone = new BuddyAllocator({ pages: 27, basePfn: 5 });
      expect(allocAll(zone, 27)).toEqual(Array.from({ length: 27 }, (_, i) => 5 + i));
      expect(zone.freePages()).toBe(0);
    });

    it('hands out the 4 MiB blocks of a 16 MiB zone one after the other, then null', () => {
      const zone = new BuddyAllocator({ pages: 4096 });
      expect([zone.alloc(10), zone.alloc(10), zone.alloc(10), zone.alloc(10), zone.alloc(10)]).toEqual([
        0,
        1024,
        2048,
        3072,
        null,
      ]);
    });

    it('returns null when no free block is large enough, though enough pages are free, and changes nothing', () => {
      const zone = new BuddyAllocator({ pages: 8, maxOrder: 3 });
      const pages = allocAll(zone, 8);
      for (const pfn of pages.filter((p) => p % 2 === 0)) zone.free(pfn, 0); // 4 free pages, no two together
      const before = zone.freeBlocks();
      expect(zone.freePages()).toBe(4);
      expect(zone.alloc(1)).toBeNull();
      expect(zone.freeBlocks()).toEqual(before);
    });

    it('returns null for an order larger than the zone, which is not an error when maxOrder allows it', () => {
      expect(new BuddyAllocator({ pages: 100 }).alloc(7)).toBeNull();
    });

    it.each([11, -1, 1.5, Number.NaN])(
      "throws AllocatorError 'bad-order' for order %s and changes nothing",
      (order) => {
        const zone = new BuddyAllocator({ pages: 4096 });
        zone.alloc(3);
        expectRefused(zone, () => zone.alloc(order), 'bad-order');
      },
    );

    it("knows its own maxOrder: order 4 is 'bad-order' for a zone with maxOrder 3", () => {
      const zone = new BuddyAllocator({ pages: 64, maxOrder: 3 });
      expectRefused(zone, () => zone.alloc(4), 'bad-order');
    });

    it('returns blocks aligned on their size, inside the zone, that do not overlap', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }),
          fc.nat(5000),
          fc.array(fc.nat(6), { maxLength: 40 }),
          (pages, basePfn, orders) => {
            const zone = new BuddyAllocator({ pages, basePfn, maxOrder: 6 });
            const taken = new Set<number>();
            const wrong: string[] = [];
            for (const order of orders) {
              const pfn = zone.alloc(order);
              if (pfn === null) continue;
              if (pfn % 2 ** order !== 0) wrong.push(`${pfn}@${order} is not aligned`);
              if (pfn < basePfn || pfn + 2 ** order > basePfn + pages)
                wrong.push(`${pfn}@${order} is outside the zone`);
              for (let page = pfn; page < pfn + 2 ** order; page++) {
                if (taken.has(page)) wrong.push(`page ${page} handed out twice`);
                taken.add(page);
              }
            }
            expect(wrong).toEqual([]);
            expect(zone.freePages()).toBe(pages - taken.size);
          },
        ),
      );
    });
  });
});
