import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeKb, freePages, largestFreeOrder } from '#kata/06-buddyinfo';
import { area } from './arbitraries.ts';
import { CAPTURES, readCounts, readMallocTouch, SEED } from './captures.ts';

const zone = (free: number[]) => ({ node: 0, zone: 'Normal', free });
const seedDma = readCounts(SEED.first)[0]!; // 39 5 3 5 1 2 2 1 1 1 0
const dma = CAPTURES.find((c) => c.name === '2026-11-22')!.zones;

describe('freePages', () => {
  it("adds up seed 000's DMA the seed's way: 4 KiB × 39 + 8 KiB × 5 + 16 KiB × 3 + … = 1205 pages", () => {
    expect(freePages(seedDma)).toBe(39 + 5 * 2 + 3 * 4 + 5 * 8 + 16 + 2 * 32 + 2 * 64 + 128 + 256 + 512);
    expect(freePages(seedDma)).toBe(1205);
  });

  it('counts the zones of this machine: DMA is 256 + 512 + 3 × 1024 = 3840 pages', () => {
    expect(freePages(dma[0]!)).toBe(3840);
    expect(freePages(dma[1]!)).toBe(772808);
    // Normal: 6647 7926 6391 3143 1465 195 52 16 44 74 120
    expect(freePages(dma[2]!)).toBe(280295);
  });

  it("answers seed 000's puzzle: after the malloc the small-order counts grew, but the free pages fell by 213 MiB", () => {
    const [dmaBefore, dma32Before] = readCounts(SEED.beforeMalloc);
    const [dmaAfter, dma32After] = readCounts(SEED.afterMalloc);
    expect([freePages(dmaBefore!), freePages(dma32Before!)]).toEqual([3808, 96361]);
    expect([freePages(dmaAfter!), freePages(dma32After!)]).toEqual([1165, 44445]);
    expect(dma32After!.free.slice(1, 3)).toEqual([262, 924]); // were 0 and 0: larger blocks were split
    expect(3808 + 96361 - (1165 + 44445)).toBe(54559); // pages: 213 MiB, far more than 4 MiB
  });

  it('saw nothing of a 4 MiB malloc and memset on this machine: they came from the per-CPU lists', () => {
    const snapshots = readMallocTouch('buddyinfo/malloc-touch-4mib.txt');
    expect(snapshots.map((s) => s.what)).toEqual([
      'before malloc',
      'after malloc, nothing written',
      'after memset of every byte',
      'after free',
    ]);
    const normal = snapshots.map((s) => readCounts(s.buddyinfo).find((z) => z.zone === 'Normal')!);
    expect(normal.map((z) => freePages(z))).toEqual([181878, 181878, 181878, 181878]);
    expect(snapshots.map((s) => s.pcp[0])).toEqual([14340, 14337, 12402, 13426]); // CPU 0, where it ran
    expect(snapshots[0]!.high[0]).toBe(16688); // how many pages CPU 0's list may hold
  });

  it('counts 3,000,000 free order-10 blocks as 3,072,000,000 pages (`<<` in JavaScript stops at 2^31)', () => {
    expect(freePages(zone([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3_000_000]))).toBe(3_072_000_000);
    expect(freePages(zone([2 ** 32, 1]))).toBe(2 ** 32 + 2);
  });

  it('is 0 for a zone with nothing free', () => {
    expect(freePages(zone([0, 0, 0]))).toBe(0);
  });

  it('does not change when a block is split in two buddies, or two buddies merge (pages are conserved)', () => {
    fc.assert(
      fc.property(area, fc.integer({ min: 1, max: 10 }), (a, order) => {
        const split = [...a.free];
        split[order]! += 1; // one more block of this order …
        const before = freePages(zone(split));
        split[order]! -= 1; // … split: one fewer of it, two more one order down
        split[order - 1]! += 2;
        expect(freePages(zone(split))).toBe(before);
      }),
    );
  });
});

describe('freeKb', () => {
  it("turns seed 000's DMA into 4820 kB (1205 pages of 4 KiB)", () => {
    expect(freeKb(seedDma)).toBe(4820);
  });

  it('is 4 × freePages for every zone', () => {
    fc.assert(
      fc.property(area, (a) => {
        expect(freeKb(a)).toBe(4 * freePages(a));
      }),
    );
    expect(freeKb(dma[2]!)).toBe(4 * 280295);
  });
});

describe('largestFreeOrder', () => {
  it('is 10 for a zone with a free 4 MiB block', () => {
    expect(largestFreeOrder(dma[0]!)).toBe(10);
  });

  it("is 9 for seed 000's DMA: nothing free at order 10, so no 4 MiB request can be served", () => {
    expect(largestFreeOrder(seedDma)).toBe(9);
  });

  it('is 8 for the Normal zone of the fragmented capture', () => {
    const normal = CAPTURES.find((c) => c.name === 'run1-fragmented')!.zones.find((z) => z.zone === 'Normal')!;
    expect(largestFreeOrder(normal)).toBe(8);
  });

  it('is 0 when only single pages are free, and −1 when nothing is', () => {
    expect(largestFreeOrder(zone([5, 0, 0]))).toBe(0);
    expect(largestFreeOrder(zone([0, 0, 0]))).toBe(-1);
  });

  it('names an order with a free block and no free block above it', () => {
    fc.assert(
      fc.property(area, (a) => {
        const order = largestFreeOrder(a);
        const last = a.free.findLastIndex((c) => c > 0);
        expect(order).toBe(last);
        if (order >= 0) expect(a.free[order]).toBeGreaterThan(0);
        expect(a.free.slice(order + 1).every((c) => c === 0)).toBe(true);
      }),
    );
  });
});
