import { describe, expect, it } from 'vitest';
import { BuddyAllocator, type BuddyAllocatorOptions, MAX_PAGE_ORDER } from '#kata/07-buddy-allocator';
import { blocks } from './helpers.ts';

describe('BuddyAllocator', () => {
  describe('a new zone', () => {
    it('starts as the largest aligned blocks that fit: 16 pages with maxOrder 3 are two order-3 blocks', () => {
      const zone = new BuddyAllocator({ pages: 16, maxOrder: 3 });
      expect(zone.freeBlocks()).toEqual([
        { pfn: 0, order: 3 },
        { pfn: 8, order: 3 },
      ]);
      expect(zone.freeCounts()).toEqual([0, 0, 0, 2]);
      expect(zone.freePages()).toBe(16);
    });

    it('has MAX_PAGE_ORDER = 10 by default: 4096 pages are four order-10 blocks, 11 buddyinfo columns', () => {
      expect(MAX_PAGE_ORDER).toBe(10);
      const zone = new BuddyAllocator({ pages: 4096 });
      expect(zone.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
      expect(blocks(zone.freeBlocks())).toEqual(['0@10', '1024@10', '2048@10', '3072@10']);
    });

    it("carves x86-64's DMA zone (PFN 1 to 4095) as boot-time freeing does: 1 + 2 + 4 + … + 512 + 3 × 1024", () => {
      const zone = new BuddyAllocator({ pages: 4095, basePfn: 1 });
      expect(zone.freeCounts()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
      expect(blocks(zone.freeBlocks())).toEqual([
        '1@0',
        '2@1',
        '4@2',
        '8@3',
        '16@4',
        '32@5',
        '64@6',
        '128@7',
        '256@8',
        '512@9',
        '1024@10',
        '2048@10',
        '3072@10',
      ]);
      expect(zone.freePages()).toBe(4095);
    });

    it("gives the real DMA zone's buddyinfo when freeing what its kernel frees at boot: PFNs 256 to 4095", () => {
      // zoneinfo: start_pfn 1, present 3998, managed 3840; pages 1 to 158 are reserved, 159 to 255 a hole.
      const zone = new BuddyAllocator({ pages: 3840, basePfn: 256 });
      expect(zone.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3]);
    });

    it('aligns blocks on absolute PFNs, not on the zone start: PFNs 3 to 15 are 3@0, 4@2, 8@3', () => {
      const zone = new BuddyAllocator({ pages: 13, basePfn: 3, maxOrder: 3 });
      expect(blocks(zone.freeBlocks())).toEqual(['3@0', '4@2', '8@3']);
    });

    it('fits the blocks before the end: 1000 pages from PFN 1048576 (4 GiB) are 512 + 256 + 128 + 64 + 32 + 8', () => {
      const zone = new BuddyAllocator({ pages: 1000, basePfn: 1048576 });
      expect(zone.freeCounts()).toEqual([0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0]);
      expect(zone.freeBlocks()[0]).toEqual({ pfn: 1048576, order: 9 });
    });

    it('works at PFNs beyond 2^32, where 32-bit bit operations would go wrong', () => {
      const zone = new BuddyAllocator({ pages: 3, basePfn: 2 ** 40 + 1, maxOrder: 2 });
      expect(zone.freeBlocks()).toEqual([
        { pfn: 2 ** 40 + 1, order: 0 },
        { pfn: 2 ** 40 + 2, order: 1 },
      ]);
      expect(zone.alloc(1)).toBe(2 ** 40 + 2);
    });

    it('accepts maxOrder 30, the largest: 31 buddyinfo columns', () => {
      const zone = new BuddyAllocator({ pages: 8, maxOrder: 30 });
      expect(zone.freeCounts()).toHaveLength(31);
      expect(zone.freeBlocks()).toEqual([{ pfn: 0, order: 3 }]);
    });

    it('can be empty: nothing free, nothing to allocate', () => {
      const zone = new BuddyAllocator({ pages: 0, basePfn: 10 });
      expect(zone.freeCounts()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(zone.freeBlocks()).toEqual([]);
      expect(zone.alloc(0)).toBeNull();
    });

    it.each<[BuddyAllocatorOptions, string]>([
      [{ pages: -1 }, 'a negative size'],
      [{ pages: 1.5 }, 'a fractional size'],
      [{ pages: 2 ** 31 }, 'a zone beyond 2^30 pages (4 TiB)'],
      [{ pages: 8, basePfn: -1 }, 'a negative basePfn'],
      [{ pages: 8, basePfn: 0.5 }, 'a fractional basePfn'],
      [{ pages: 8, maxOrder: -1 }, 'a negative maxOrder'],
      [{ pages: 8, maxOrder: 31 }, 'a maxOrder beyond 30'],
      [{ pages: 8, maxOrder: 2.5 }, 'a fractional maxOrder'],
      [{ pages: Number.NaN }, 'NaN pages'],
      [{ pages: 8, basePfn: 2 ** 53 - 2, maxOrder: 0 }, 'PFNs beyond 2^53'],
      [{ pages: 8, basePfn: 2 ** 53 - 2 }, 'PFNs beyond 2^53, with the default maxOrder'],
    ])('throws RangeError for %j (%s)', (options) => {
      expect(() => new BuddyAllocator(options)).toThrow(RangeError);
    });
  });
});
