import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { totalPages } from '#kata/15-oom-killer';
import { PROBE_MEM_TOTAL_KB, SNAPSHOT } from './captures.ts';

describe('totalPages', () => {
  it("gives 6170914 pages for this machine's MemTotal of 24683656 kB and no swap", () => {
    expect(totalPages({ memTotalKb: PROBE_MEM_TOTAL_KB, swapTotalKb: 0 })).toBe(6170914);
  });

  it('counts swap as memory too: 16 GiB of RAM and 1 GiB of swap', () => {
    expect(totalPages({ memTotalKb: 16303412, swapTotalKb: 1048572 })).toBe(4075853 + 262143);
  });

  it('counts whole pages of each, rounding down', () => {
    expect(totalPages({ memTotalKb: 7, swapTotalKb: 7 })).toBe(2);
    expect(totalPages({ memTotalKb: SNAPSHOT.memTotalKb, swapTotalKb: SNAPSHOT.swapTotalKb })).toBe(6170887);
  });

  it.each([
    [{ memTotalKb: -4, swapTotalKb: 0 }],
    [{ memTotalKb: 4, swapTotalKb: -4 }],
    [{ memTotalKb: 1.5, swapTotalKb: 0 }],
    [{ memTotalKb: 4, swapTotalKb: Number.NaN }],
  ])('throws RangeError for %j', (sizes) => {
    expect(() => totalPages(sizes)).toThrow(RangeError);
  });

  it('is MemTotal / 4 + SwapTotal / 4, each rounded down', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 45), fc.nat(2 ** 45), (memTotalKb, swapTotalKb) => {
        expect(totalPages({ memTotalKb, swapTotalKb })).toBe(Math.floor(memTotalKb / 4) + Math.floor(swapTotalKb / 4));
      }),
    );
  });
});
