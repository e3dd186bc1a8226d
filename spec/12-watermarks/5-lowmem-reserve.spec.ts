import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowmemReserve } from '#kata/12-watermarks';
import { CAPTURES, NOV22 } from './captures.ts';

const sizes = (zones: readonly { name: string; managed: number }[]) =>
  zones.map(({ name, managed }) => ({ name, managed }));

describe('lowmemReserve', () => {
  it.each(CAPTURES.map((c) => [c.file, c] as const))("reproduces every zone's protection line of %s", (_, capture) => {
    expect(lowmemReserve(sizes(capture.zones), capture.lowmemReserveRatio)).toEqual(
      capture.zones.map((z) => z.protection),
    );
  });

  it('keeps 772808 / 256 = 3018 DMA pages from DMA32 allocations, and 1395400 / 256 = 5450 from Normal ones', () => {
    expect(lowmemReserve(sizes(NOV22.zones), [256, 256, 32, 0, 0])[0]).toEqual([0, 3018, 5450, 5450, 5450]);
  });

  it('gives a zone with no pages no protection, whatever its ratio', () => {
    const zones = [
      { name: 'DMA', managed: 0 },
      { name: 'DMA32', managed: 1000 },
      { name: 'Normal', managed: 2560 },
    ];
    expect(lowmemReserve(zones, [1, 10, 1])).toEqual([
      [0, 0, 0],
      [0, 0, 256],
      [0, 0, 0],
    ]);
  });

  it('gives a zone whose ratio is 0 no protection', () => {
    const zones = [
      { name: 'DMA', managed: 4000 },
      { name: 'DMA32', managed: 1000 },
      { name: 'Normal', managed: 2560 },
    ];
    expect(lowmemReserve(zones, [0, 10, 32])).toEqual([
      [0, 0, 0],
      [0, 0, 256],
      [0, 0, 0],
    ]);
  });

  it('still protects against empty zones above: their column repeats the sum so far', () => {
    const zones = [
      { name: 'DMA', managed: 100 },
      { name: 'Normal', managed: 1000 },
      { name: 'Movable', managed: 0 },
      { name: 'Device', managed: 0 },
    ];
    expect(lowmemReserve(zones, [3, 32, 0, 0])[0]).toEqual([0, 333, 333, 333]);
  });

  it.each([
    ['fewer ratios than zones', [256, 256, 32, 0]],
    ['more ratios than zones', [256, 256, 32, 0, 0, 0]],
    ['a negative ratio', [256, -1, 32, 0, 0]],
    ['a fractional ratio', [256, 2.5, 32, 0, 0]],
  ])('throws RangeError for %s', (_, ratios) => {
    expect(() => lowmemReserve(sizes(NOV22.zones), ratios)).toThrow(RangeError);
  });

  it('throws RangeError for a negative managed', () => {
    expect(() => lowmemReserve([{ name: 'DMA', managed: -1 }], [256])).toThrow(RangeError);
  });

  it('protects nothing on and below the diagonal, and more the higher the zone allocated from', () => {
    const zones = fc.array(fc.record({ name: fc.constant('Z'), managed: fc.nat(2 ** 36) }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        zones.chain((z) =>
          fc.tuple(fc.constant(z), fc.array(fc.nat(1000), { minLength: z.length, maxLength: z.length })),
        ),
        ([zs, ratios]) => {
          const protection = lowmemReserve(zs, ratios);
          expect(protection).toHaveLength(zs.length);
          protection.forEach((row, i) => {
            expect(row).toHaveLength(zs.length);
            row.forEach((value, j) => {
              if (j <= i) expect(value).toBe(0);
              else expect(value).toBeGreaterThanOrEqual(row[j - 1] ?? 0);
            });
            const above = zs.slice(i + 1).reduce((sum, z) => sum + z.managed, 0);
            const ratio = ratios[i] ?? 0;
            const expected = ratio === 0 || zs[i]?.managed === 0 ? 0 : Math.floor(above / ratio);
            expect(row.at(-1)).toBe(expected);
          });
        },
      ),
    );
  });
});
