import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWatermarks, type ZoneSize } from '#kata/12-watermarks';
import { CAPTURES, NOV22 } from './captures.ts';

const sizes = (zones: readonly ZoneSize[]) => zones.map(({ name, managed }) => ({ name, managed }));

describe('computeWatermarks', () => {
  it.each(CAPTURES.map((c) => [c.file, c] as const))(
    "reproduces every zone's min/low/high/promo of %s, boost subtracted",
    (_, capture) => {
      const computed = computeWatermarks(sizes(capture.zones), capture.minFreeKbytes, capture.watermarkScaleFactor);
      const printed = capture.zones.map((z) => ({
        min: z.min - z.boost,
        low: z.low - z.boost,
        high: z.high - z.boost,
        promo: (z.promo ?? 0) - z.boost,
      }));
      expect(computed).toEqual(printed);
    },
  );

  it('gives the DMA zone of 3840 pages its share: 16896 × 3840 / 1399240 = 46, then 57 / 68 / 79', () => {
    expect(computeWatermarks(sizes(NOV22.zones), 67584)[0]).toEqual({ min: 46, low: 57, high: 68, promo: 79 });
  });

  it('uses the default watermark_scale_factor of 10 when none is given', () => {
    const zones = [{ name: 'Normal', managed: 16577216 }];
    expect(computeWatermarks(zones, 32572)).toEqual(computeWatermarks(zones, 32572, 10));
  });

  it('widens the gap with managed × scale / 10000 on a large zone: 64 GiB gives low 3.0 × min, high 5.1 × min', () => {
    expect(computeWatermarks([{ name: 'Normal', managed: 16577216 }], 32572)).toEqual([
      { min: 8143, low: 24720, high: 41297, promo: 57874 },
    ]);
  });

  it.each([
    [262144, 4096, { min: 1024, low: 1286, high: 1548, promo: 1810 }],
    [1048576, 8192, { min: 2048, low: 3096, high: 4144, promo: 5192 }],
    [4194304, 16384, { min: 4096, low: 8290, high: 12484, promo: 16678 }],
    [16777216, 32768, { min: 8192, low: 24969, high: 41746, promo: 58523 }],
    [67108864, 65536, { min: 16384, low: 83492, high: 150600, promo: 217708 }],
    [268435456, 131072, { min: 32768, low: 301203, high: 569638, promo: 838073 }],
  ])(
    'widens the gap faster than min as machines grow: one Normal zone of %i pages, min_free_kbytes %i',
    (managed, minFree, marks) => {
      expect(computeWatermarks([{ name: 'Normal', managed }], minFree)).toEqual([marks]);
    },
  );

  it('rounds the scale term down: managed 772798 at scale 200 gives a gap of 15455', () => {
    const [, dma32] = computeWatermarks(
      [
        { name: 'DMA', managed: 3840 },
        { name: 'DMA32', managed: 772798 },
        { name: 'Normal', managed: 360448 },
      ],
      67584,
      200,
    );
    expect(dma32).toEqual({ min: 11483, low: 26938, high: 42393, promo: 57848 });
  });

  it('gives a Movable zone with no pages a min of 32, and no gap', () => {
    expect(computeWatermarks(sizes(NOV22.zones), 67584)[3]).toEqual({ min: 32, low: 32, high: 32, promo: 32 });
  });

  it('clamps the min of HighMem and Movable zones to managed / 1024 within [32, 128]', () => {
    const mins = (managed: number) =>
      computeWatermarks(
        [
          { name: 'Normal', managed: 1_000_000 },
          { name: 'HighMem', managed },
          { name: 'Movable', managed },
        ],
        4096,
      )
        .slice(1)
        .map((w) => w.min);
    expect(mins(20_000)).toEqual([32, 32]);
    expect(mins(102_400)).toEqual([100, 100]);
    expect(mins(1_000_000)).toEqual([128, 128]);
  });

  it("leaves HighMem and Movable out of lowmem: the Normal zone's share is all of min_free_kbytes", () => {
    const [normal] = computeWatermarks(
      [
        { name: 'Normal', managed: 1_000_000 },
        { name: 'Movable', managed: 1_000_000 },
      ],
      16384,
    );
    expect(normal?.min).toBe(4096);
  });

  it("takes a Movable zone's gap from its share of min_free_kbytes, not from its clamped min", () => {
    // tmp = 4096 × 1000000 / 1000000 = 4096, so the gap is max(4096 / 4, 1000000 × 10 / 10000) = 1024.
    const [, movable] = computeWatermarks(
      [
        { name: 'Normal', managed: 1_000_000 },
        { name: 'Movable', managed: 1_000_000 },
      ],
      16384,
    );
    expect(movable).toEqual({ min: 128, low: 1152, high: 2176, promo: 3200 });
  });

  it('turns min_free_kbytes into pages by dividing by 4 and rounding down', () => {
    expect(computeWatermarks([{ name: 'Normal', managed: 100 }], 67587)[0]?.min).toBe(16896);
  });

  it('multiplies in 64 bits as the kernel does: pagesMin × managed may pass 2^53, where a double rounds', () => {
    // 357913941 × 1073741827 = 178956970 × 2^31 + 2^31 − 1: the exact share is 178956970.99…, which a
    // double rounds up to 178956971 before the division.
    const [dma32] = computeWatermarks(
      [
        { name: 'DMA32', managed: 1073741827 },
        { name: 'Normal', managed: 1073741821 },
      ],
      1431655764,
    );
    expect(dma32?.min).toBe(178956970);
  });

  it('accepts the edges of the ranges: min_free_kbytes 0, watermark_scale_factor 1 and 3000', () => {
    const zones = [{ name: 'Normal', managed: 10000 }];
    expect(computeWatermarks(zones, 0)).toEqual([{ min: 0, low: 10, high: 20, promo: 30 }]);
    expect(computeWatermarks(zones, 0, 1)).toEqual([{ min: 0, low: 1, high: 2, promo: 3 }]);
    expect(computeWatermarks(zones, 0, 3000)).toEqual([{ min: 0, low: 3000, high: 6000, promo: 9000 }]);
  });

  it('returns no watermarks for no zones', () => {
    expect(computeWatermarks([], 67584)).toEqual([]);
  });

  it.each([
    ['a negative min_free_kbytes', [{ name: 'Normal', managed: 1000 }], -4, 10],
    ['a fractional min_free_kbytes', [{ name: 'Normal', managed: 1000 }], 1.5, 10],
    ['a watermark_scale_factor of 0', [{ name: 'Normal', managed: 1000 }], 1024, 0],
    ['a watermark_scale_factor of 3001', [{ name: 'Normal', managed: 1000 }], 1024, 3001],
    ['a fractional watermark_scale_factor', [{ name: 'Normal', managed: 1000 }], 1024, 10.5],
    ['a negative managed', [{ name: 'Normal', managed: -1 }], 1024, 10],
    ['a fractional managed', [{ name: 'Normal', managed: 10.5 }], 1024, 10],
    [
      'no lowmem zone with pages',
      [
        { name: 'Movable', managed: 1000 },
        { name: 'Normal', managed: 0 },
      ],
      1024,
      10,
    ],
  ])('throws RangeError for %s', (_, zones, minFree, scale) => {
    expect(() => computeWatermarks(zones, minFree, scale)).toThrow(RangeError);
  });

  const zoneSet = fc.array(
    fc.record({
      name: fc.constantFrom('DMA', 'DMA32', 'Normal', 'HighMem', 'Movable', 'Device'),
      managed: fc.nat(2 ** 32),
    }),
    { minLength: 1, maxLength: 6 },
  );
  const lowmemZone = fc.record({
    name: fc.constantFrom('DMA', 'DMA32', 'Normal'),
    managed: fc.integer({ min: 1, max: 2 ** 32 }),
  });
  const config = fc.tuple(zoneSet, lowmemZone, fc.nat(2 ** 20), fc.integer({ min: 1, max: 3000 }));

  it('keeps min ≤ low ≤ high ≤ promo in every zone', () => {
    fc.assert(
      fc.property(config, ([zones, lowmem, minFree, scale]) => {
        for (const w of computeWatermarks([lowmem, ...zones], minFree, scale)) {
          expect(w.min).toBeLessThanOrEqual(w.low);
          expect(w.low).toBeLessThanOrEqual(w.high);
          expect(w.high).toBeLessThanOrEqual(w.promo);
        }
      }),
    );
  });

  it('spaces the watermarks evenly: high − low = low − min = promo − high, at least managed × scale / 10000', () => {
    fc.assert(
      fc.property(config, ([zones, lowmem, minFree, scale]) => {
        const all = [lowmem, ...zones];
        computeWatermarks(all, minFree, scale).forEach((w, i) => {
          const gap = w.low - w.min;
          expect(w.high - w.low).toBe(gap);
          expect(w.promo - w.high).toBe(gap);
          expect(gap).toBeGreaterThanOrEqual(Math.floor(((all[i]?.managed ?? 0) * scale) / 10000));
        });
      }),
    );
  });

  it('shares min_free_kbytes out among the lowmem zones, losing less than a page per zone to rounding', () => {
    fc.assert(
      fc.property(config, ([zones, lowmem, minFree, scale]) => {
        const all = [lowmem, ...zones];
        const marks = computeWatermarks(all, minFree, scale);
        const lowmemMins = marks.filter((_, i) => !['HighMem', 'Movable'].includes(all[i]?.name ?? ''));
        const total = lowmemMins.reduce((sum, w) => sum + w.min, 0);
        const pagesMin = Math.floor(minFree / 4);
        expect(total).toBeLessThanOrEqual(pagesMin);
        expect(total).toBeGreaterThan(pagesMin - lowmemMins.length);
      }),
    );
  });
});
