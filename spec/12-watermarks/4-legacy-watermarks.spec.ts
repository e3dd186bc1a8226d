import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyWatermarks } from '#kata/12-watermarks';

describe('legacyWatermarks', () => {
  it("gives the seed's Normal zone (min 15451) low 19313 and high 23176, where its zoneinfo shows 22904 and 30357", () => {
    expect(legacyWatermarks(15451)).toEqual({ min: 15451, low: 19313, high: 23176 });
  });

  it('rounds each quarter and half down: min 46 → low 57, high 69 (Linux 4.6+ prints 68)', () => {
    expect(legacyWatermarks(46)).toEqual({ min: 46, low: 57, high: 69 });
    expect(legacyWatermarks(3)).toEqual({ min: 3, low: 3, high: 4 });
  });

  it.each([[-1], [2.5], [Number.NaN]])('throws RangeError for a min of %d', (min) => {
    expect(() => legacyWatermarks(min)).toThrow(RangeError);
  });

  it('puts low at min + ⌊min/4⌋ and high at min + ⌊min/2⌋: just under 1.25 × min and 1.5 × min', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), (min) => {
        const { low, high } = legacyWatermarks(min);
        expect(low).toBeLessThanOrEqual(min * 1.25);
        expect(low).toBeGreaterThan(min * 1.25 - 1);
        expect(high).toBeLessThanOrEqual(min * 1.5);
        expect(high).toBeGreaterThan(min * 1.5 - 1);
      }),
    );
  });
});
