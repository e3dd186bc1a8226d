import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unusableIndex } from '#kata/06-buddyinfo';
import { area } from './arbitraries.ts';
import { CAPTURES } from './captures.ts';

const zone = (free: number[]) => ({ node: 0, zone: 'Normal', free });
const dma = CAPTURES.find((c) => c.name === '2026-11-22')!.zones[0]!;

describe('unusableIndex', () => {
  it.each(CAPTURES.map((c) => [c.name, c] as const))(
    "gives the kernel's debugfs unusable_index for every zone and every order of the capture %s",
    (_, capture) => {
      for (const [i, counts] of capture.zones.entries()) {
        const kernel = capture.unusable[i]!;
        expect(kernel.zone).toBe(counts.zone);
        expect(counts.free.map((_, order) => unusableIndex(counts, order))).toEqual(kernel.thousandths);
      }
    },
  );

  it('is 66 for DMA at order 9: (3840 − 7 × 512) × 1000 / 3840 = 66.6, rounded down as C divides', () => {
    expect(unusableIndex(dma, 9)).toBe(66);
    expect(unusableIndex(dma, 10)).toBe(200);
  });

  it('is 312 for [100, 50, 20, 5, 0, …] at order 1: 100 of 320 free pages are single pages', () => {
    expect(unusableIndex(zone([100, 50, 20, 5, 0, 0, 0, 0, 0, 0, 0]), 1)).toBe(312);
  });

  it('is 1000 at the orders above the largest free block: none of the free memory can serve them', () => {
    const normal = CAPTURES.find((c) => c.name === 'run1-fragmented')!.zones.find((z) => z.zone === 'Normal')!;
    expect(unusableIndex(normal, 9)).toBe(1000);
    expect(unusableIndex(normal, 10)).toBe(1000);
  });

  it('is 1000 when nothing is free (the kernel counts no memory as all unusable), even at order 0', () => {
    expect(unusableIndex(zone([0, 0, 0, 0]), 0)).toBe(1000);
  });

  it('is 0 at order 0 as soon as anything is free: every free page serves a one-page request', () => {
    fc.assert(
      fc.property(area, (a) => {
        fc.pre(a.free.some((c) => c > 0));
        expect(unusableIndex(a, 0)).toBe(0);
      }),
    );
  });

  it('stays between 0 and 1000 and never falls as the order grows', () => {
    fc.assert(
      fc.property(area, (a) => {
        const indices = a.free.map((_, order) => unusableIndex(a, order));
        return indices.every((index, order) => index >= 0 && index <= 1000 && index >= (indices[order - 1] ?? 0));
      }),
    );
  });

  it.each([11, -1, 0.5])('throws RangeError for order %s of a zone with 11 orders', (order) => {
    expect(() => unusableIndex(dma, order)).toThrow(RangeError);
  });
});
