import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pressure } from '#kata/12-watermarks';

const dma = { min: 46, low: 57, high: 68 };

describe('pressure', () => {
  it("says 'ok' above low: nothing to do", () => {
    expect(pressure(58, dma)).toBe('ok');
    expect(pressure(3840, dma)).toBe('ok');
  });

  it("says 'low' exactly at low, as the kernel needs free > mark", () => {
    expect(pressure(57, dma)).toBe('low');
  });

  it("says 'low' between min and low: kswapd is woken", () => {
    expect(pressure(47, dma)).toBe('low');
  });

  it("says 'min' exactly at min and below: the allocation reclaims directly", () => {
    expect(pressure(46, dma)).toBe('min');
    expect(pressure(0, dma)).toBe('min');
  });

  it('agrees with the strict comparisons against low and min for any free count', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(5_000), fc.nat(5_000), fc.nat(5_000), (free, min, a, b) => {
        const marks = { min, low: min + a, high: min + a + b };
        const expected = free > marks.low ? 'ok' : free > marks.min ? 'low' : 'min';
        expect(pressure(free, marks)).toBe(expected);
      }),
    );
  });
});
