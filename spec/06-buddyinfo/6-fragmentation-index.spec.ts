import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentationIndex } from '#kata/06-buddyinfo';
import { area } from './arbitraries.ts';
import { CAPTURES, readCounts, SEED } from './captures.ts';

const zone = (free: number[]) => ({ node: 0, zone: 'Normal', free });
const normalOf = (name: string) => CAPTURES.find((c) => c.name === name)!.zones.find((z) => z.zone === 'Normal')!;

describe('fragmentationIndex', () => {
  it.each(CAPTURES.map((c) => [c.name, c] as const))(
    "gives the kernel's debugfs extfrag_index for every zone and every order of the capture %s",
    (_, capture) => {
      for (const [i, counts] of capture.zones.entries()) {
        const kernel = capture.extfrag[i]!;
        expect(kernel.zone).toBe(counts.zone);
        expect(counts.free.map((_, order) => fragmentationIndex(counts, order))).toEqual(kernel.thousandths);
      }
    },
  );

  it('is −1000 wherever a large enough block is free: the request would succeed, nothing to judge', () => {
    const dma = CAPTURES.find((c) => c.name === '2026-11-22')!.zones[0]!;
    expect(dma.free.map((_, order) => fragmentationIndex(dma, order))).toEqual(Array(11).fill(-1000));
  });

  it('is 993 and 997 at orders 9 and 10 of the fragmented Normal zone: above extfrag_threshold (500), so the kernel would compact', () => {
    expect(fragmentationIndex(normalOf('run1-fragmented'), 9)).toBe(993);
    expect(fragmentationIndex(normalOf('run1-fragmented'), 10)).toBe(997);
  });

  it("is 964 for seed 000's DMA at order 10: 1000 − (1000 + 1205 × 1000 / 1024) / 60", () => {
    expect(fragmentationIndex(readCounts(SEED.first)[0]!, 10)).toBe(964);
  });

  it('is 880 for [100, 50, 20, 5, 0, …] at order 4: 1000 − (1000 + 320 × 1000 / 16) / 175', () => {
    expect(fragmentationIndex(zone([100, 50, 20, 5, 0, 0, 0, 0, 0, 0, 0]), 4)).toBe(880);
  });

  it('is 0 for two order-9 blocks asked for order 10: not fragmentation, just not enough memory', () => {
    expect(fragmentationIndex(zone([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0]), 10)).toBe(0);
  });

  it('is 0 when nothing at all is free', () => {
    expect(fragmentationIndex(zone([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 10)).toBe(0);
  });

  it('is −500 for a single free order-9 block asked for order 10, as the kernel computes it: 1000 − (1000 + 500) / 1', () => {
    expect(fragmentationIndex(zone([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]), 10)).toBe(-500);
    expect(fragmentationIndex(zone([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 3)).toBe(-125);
  });

  it('is −1000 exactly when a block of the order or larger is free', () => {
    fc.assert(
      fc.property(area, fc.integer({ min: 0, max: 10 }), (a, order) => {
        fc.pre(a.free.some((c) => c > 0));
        expect(fragmentationIndex(a, order) === -1000).toBe(a.free.slice(order).some((c) => c > 0));
      }),
    );
  });

  it('lies between 0 and 1000 when the request would fail and at least two blocks are free', () => {
    const small = fc.record({
      node: fc.constant(0),
      zone: fc.constant('Normal'),
      free: fc
        .tuple(fc.array(fc.nat(3000), { minLength: 6, maxLength: 6 }), fc.constant([0, 0, 0, 0, 0]))
        .map(([a, b]) => [...a, ...b]),
    });
    fc.assert(
      fc.property(small, fc.integer({ min: 6, max: 10 }), (a, order) => {
        fc.pre(a.free.reduce((s, c) => s + c, 0) >= 2);
        const index = fragmentationIndex(a, order);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThan(1000);
      }),
    );
  });

  it.each([11, -1, 2.5])('throws RangeError for order %s of a zone with 11 orders', (order) => {
    expect(() => fragmentationIndex(normalOf('run1-idle'), order)).toThrow(RangeError);
  });
});
