import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AllocFlag, MAX_PAGE_ORDER, watermarkOk } from '#kata/13-kswapd';

// This machine's Normal zone (spec/fixtures/zoneinfo/with-sysctls-2026-12-01.txt): min 7057, low 8821, high 10585,
// and its /proc/buddyinfo line at the same time.
const NORMAL = { min: 7057, low: 8821, high: 10585 };
const BUDDYINFO = [3564, 1481, 995, 585, 108, 49, 27, 19, 6, 2, 31];
const check = (freePages: number, mark: number, more: Partial<Parameters<typeof watermarkOk>[0]> = {}) =>
  watermarkOk({ freePages, order: 0, mark, reserve: 0, freeCounts: BUDDYINFO, ...more });

describe('watermarkOk', () => {
  it('needs free pages strictly above the mark: at low exactly the fast path already fails', () => {
    expect(check(NORMAL.low + 1, NORMAL.low)).toBe(true);
    expect(check(NORMAL.low, NORMAL.low)).toBe(false);
    expect(check(NORMAL.low - 1, NORMAL.low)).toBe(false);
  });

  it("takes the seed 003 zone's 1446382 free pages as far above its high watermark 30357", () => {
    expect(check(1446382, 30357)).toBe(true);
    expect(check(30357, 30357)).toBe(false);
  });

  it('adds the lowmem reserve (zoneinfo protection) to the mark', () => {
    expect(check(NORMAL.min + 100, NORMAL.min, { reserve: 99 })).toBe(true);
    expect(check(NORMAL.min + 100, NORMAL.min, { reserve: 100 })).toBe(false);
  });

  it('counts a block of 2^order pages as needing 2^order − 1 pages more than its first', () => {
    // order 3: free − 7 must stay above the mark
    expect(check(1008, 1000, { order: 3 })).toBe(true);
    expect(check(1007, 1000, { order: 3 })).toBe(false);
    expect(check(1001, 1000, { order: 0 })).toBe(true);
  });

  it('refuses a high-order allocation when no free block of that order or larger exists, however many pages are free', () => {
    const fragmented = [100000, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(check(100010, 1000, { order: 1, freeCounts: fragmented })).toBe(true);
    expect(check(100010, 1000, { order: 2, freeCounts: fragmented })).toBe(false);
    expect(check(100010, 1000, { order: 10, freeCounts: BUDDYINFO })).toBe(true);
    expect(check(100010, 1000, { order: 9, freeCounts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] })).toBe(true);
  });

  it('reads the free counts only for order > 0: an order-0 allocation ignores them', () => {
    expect(check(2000, 1000, { order: 0, freeCounts: [] })).toBe(true);
  });

  it("halves the mark for 'min-reserve' (__GFP_HIGH): 1000 becomes 500", () => {
    expect(check(501, 1000, { flags: ['min-reserve'] })).toBe(true);
    expect(check(500, 1000, { flags: ['min-reserve'] })).toBe(false);
  });

  it("takes a quarter more for an atomic allocation ('min-reserve' + 'non-block'): 1000 → 500 → 375", () => {
    expect(check(376, 1000, { flags: ['min-reserve', 'non-block'] })).toBe(true);
    expect(check(375, 1000, { flags: ['min-reserve', 'non-block'] })).toBe(false);
  });

  it("gives 'non-block' alone no reserve at all (GFP_NOWAIT)", () => {
    expect(check(1000, 1000, { flags: ['non-block'] })).toBe(false);
    expect(check(1001, 1000, { flags: ['non-block'] })).toBe(true);
  });

  it("halves the mark for the OOM victim ('oom'), after the other cuts: 1000 → 500 → 375 → 188", () => {
    expect(check(501, 1000, { flags: ['oom'] })).toBe(true);
    expect(check(500, 1000, { flags: ['oom'] })).toBe(false);
    expect(check(188, 1000, { flags: ['oom', 'non-block', 'min-reserve'] })).toBe(false);
    expect(check(189, 1000, { flags: ['oom', 'non-block', 'min-reserve'] })).toBe(true);
  });

  it('cuts with integer division, rounding each cut down: mark 7 → 7 − 3 = 4 → 4 − 1 = 3', () => {
    expect(check(3, 7, { flags: ['min-reserve', 'non-block'] })).toBe(false);
    expect(check(4, 7, { flags: ['min-reserve', 'non-block'] })).toBe(true);
    expect(check(4, 7, { flags: ['min-reserve'] })).toBe(false);
    expect(check(5, 7, { flags: ['min-reserve'] })).toBe(true);
  });

  it("applies the cuts in the kernel's order whatever the order of the flags", () => {
    const flags: AllocFlag[] = ['min-reserve', 'non-block', 'oom'];
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.shuffledSubarray(flags), (free, mark, chosen) => {
        expect(check(free, mark, { flags: chosen })).toBe(check(free, mark, { flags: [...chosen].reverse() }));
      }),
    );
  });

  it('never refuses what it allows with fewer free pages, nor what it allows without a flag', () => {
    fc.assert(
      fc.property(
        fc.nat(100000),
        fc.nat(100000),
        fc.nat(1000),
        fc.nat(1000),
        fc.subarray(['min-reserve', 'non-block', 'oom'] as AllocFlag[]),
        (free, mark, reserve, more, flags) => {
          if (check(free, mark, { reserve })) {
            expect(check(free + more, mark, { reserve })).toBe(true);
            expect(check(free, mark, { reserve, flags })).toBe(true);
          }
          expect(check(free, mark, { reserve })).toBe(free > mark + reserve);
        },
      ),
    );
  });

  it.each([
    ['an order above 10', { order: MAX_PAGE_ORDER + 1 }],
    ['a negative order', { order: -1 }],
    ['a fractional order', { order: 1.5 }],
    ['negative free pages', { freePages: -1 }],
    ['fractional free pages', { freePages: 10.5 }],
    ['a negative mark', { mark: -5 }],
    ['a negative reserve', { reserve: -1 }],
    ['free pages beyond 2^53', { freePages: 2 ** 53 }],
    ['an unknown flag', { flags: ['atomic' as AllocFlag] }],
  ])('throws RangeError for %s', (_, bad) => {
    expect(() => watermarkOk({ freePages: 100, order: 0, mark: 10, reserve: 0, freeCounts: [], ...bad })).toThrow(
      RangeError,
    );
  });
});
