import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minFreeKbytes, thpMinFreeKbytes } from '#kata/12-watermarks';
import { CAPTURES, lowmemKb, NOV22 } from './captures.ts';

describe('minFreeKbytes', () => {
  it("gives 9377 KiB for this machine's lowmem of 5495608 KiB: int_sqrt(5495608 × 16)", () => {
    expect(lowmemKb(NOV22.zones)).toBe(5495608);
    expect(minFreeKbytes(5495608)).toBe(9377);
  });

  it('rounds the square root down, as int_sqrt does (1100 KiB → √17600 = 132.66 → 132)', () => {
    expect(minFreeKbytes(1100)).toBe(132);
    expect(minFreeKbytes(1024)).toBe(128);
    expect(minFreeKbytes(1089)).toBe(132); // 1089 × 16 = 132², exactly
  });

  it.each([
    [1, 4096],
    [4, 8192],
    [16, 16384],
    [64, 32768],
    [256, 65536],
    [1024, 131072],
  ])('gives a machine of %i GiB of lowmem %i KiB: the square root doubles when memory quadruples', (gib, expected) => {
    expect(minFreeKbytes(gib * 1048576)).toBe(expected);
  });

  it('never goes below 128 KiB, even with no lowmem at all', () => {
    expect(minFreeKbytes(0)).toBe(128);
    expect(minFreeKbytes(1000)).toBe(128); // √16000 = 126.5
  });

  it('never goes above 262144 KiB (256 MiB, since Linux 5.7), reached at 4 TiB of lowmem', () => {
    expect(minFreeKbytes(4294967295)).toBe(262143);
    expect(minFreeKbytes(4294967296)).toBe(262144);
    expect(minFreeKbytes(2 ** 40)).toBe(262144);
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])('throws RangeError for a lowmem of %d KiB', (lowmem) => {
    expect(() => minFreeKbytes(lowmem)).toThrow(RangeError);
  });

  it('grows with lowmem and stays within [128, 262144]', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 44), fc.nat(2 ** 44), (a, b) => {
        const [small, large] = a < b ? [a, b] : [b, a];
        expect(minFreeKbytes(small)).toBeLessThanOrEqual(minFreeKbytes(large));
        expect(minFreeKbytes(large)).toBeGreaterThanOrEqual(128);
        expect(minFreeKbytes(large)).toBeLessThanOrEqual(262144);
      }),
    );
  });

  it('is the largest whole number whose square is at most 16 × lowmem, between the clamps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 4294967295 }), (lowmem) => {
        const root = minFreeKbytes(lowmem);
        expect(root * root).toBeLessThanOrEqual(lowmem * 16);
        expect((root + 1) * (root + 1)).toBeGreaterThan(lowmem * 16);
      }),
    );
  });
});

describe('thpMinFreeKbytes', () => {
  it.each(CAPTURES.map((c) => [c.file, c] as const))(
    "gives %s's min_free_kbytes: 3 zones × 5632 pages = 67584 KiB, khugepaged's raise",
    (_, capture) => {
      expect(thpMinFreeKbytes({ zones: 3, lowmemKb: lowmemKb(capture.zones) })).toBe(capture.minFreeKbytes);
      expect(capture.minFreeKbytes).toBe(67584);
    },
  );

  it('counts 2 + 3 × 3 pageblocks of 512 pages per zone', () => {
    expect(thpMinFreeKbytes({ zones: 1, lowmemKb: 2 ** 30 })).toBe(5632 * 4);
    expect(thpMinFreeKbytes({ zones: 2, lowmemKb: 2 ** 30 })).toBe(11264 * 4);
  });

  it('never asks for more than 5 % of lowmem (nr_free_buffer_pages / 20, in pages)', () => {
    // 512 MiB of lowmem: 131072 pages, 5 % is 6553 pages (rounded down), less than 2 × 5632.
    expect(thpMinFreeKbytes({ zones: 2, lowmemKb: 524288 })).toBe(6553 * 4);
    // 1001 KiB is 250 whole pages: 250 / 20 = 12 pages.
    expect(thpMinFreeKbytes({ zones: 1, lowmemKb: 1001 })).toBe(48);
  });

  it('asks for nothing when no zone is populated, or there is no lowmem', () => {
    expect(thpMinFreeKbytes({ zones: 0, lowmemKb: 5495608 })).toBe(0);
    expect(thpMinFreeKbytes({ zones: 3, lowmemKb: 0 })).toBe(0);
  });

  it.each([
    [{ zones: -1, lowmemKb: 1024 }],
    [{ zones: 1.5, lowmemKb: 1024 }],
    [{ zones: 1, lowmemKb: -4 }],
    [{ zones: 1, lowmemKb: 0.5 }],
  ])('throws RangeError for %j', (input) => {
    expect(() => thpMinFreeKbytes(input)).toThrow(RangeError);
  });
});
