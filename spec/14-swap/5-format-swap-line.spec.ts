import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSwapLine } from '#kata/14-swap';
import { fixture } from '#support/fixtures';

/** The Swap: line of a captured `free`, and the Swap fields of the /proc/meminfo it read. */
function capture(freeFile: string, meminfoFile: string) {
  const line = fixture(freeFile)
    .split('\n')
    .find((l) => l.startsWith('Swap:')) as string;
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(fixture(meminfoFile))?.[1]);
  return {
    line,
    meminfo: { SwapTotal: field('SwapTotal'), SwapFree: field('SwapFree'), SwapCached: field('SwapCached') },
  };
}

describe('formatSwapLine', () => {
  it("prints free's Swap line for the 2 GiB swap file just turned on, as procps-ng 4.0.2 did", () => {
    const { line, meminfo } = capture('swap/swapfile/free-swapfile.txt', 'swap/swapfile/meminfo-swapfile.txt');
    expect(line).toBe('Swap:        2097148           0     2097148');
    expect(formatSwapLine(meminfo)).toBe(line);
  });

  it('prints the total of ten areas (10698712 KiB, 8 digits) in the same 11-column cells', () => {
    const { line, meminfo } = capture('swap/areas/free-many.txt', 'swap/areas/meminfo-many.txt');
    expect(formatSwapLine(meminfo)).toBe(line);
  });

  it('counts slots held by the swap cache as used: used = SwapTotal − SwapFree, SwapCached or not', () => {
    const { line, meminfo } = capture('free/outputs/swap16g/free_default.txt', 'free/meminfo/swap16g.txt');
    expect(formatSwapLine(meminfo)).toBe(line);
    expect(formatSwapLine({ SwapTotal: 1048572, SwapFree: 959412, SwapCached: 12000 })).toBe(
      'Swap:        1048572       89160      959412',
    );
  });

  it('prints no swap as three zeros', () => {
    expect(formatSwapLine({ SwapTotal: 0, SwapFree: 0, SwapCached: 0 })).toBe(
      'Swap:              0           0           0',
    );
  });

  it('widens a cell for a number of more than 11 digits instead of cutting it', () => {
    expect(formatSwapLine({ SwapTotal: 123456789012, SwapFree: 0, SwapCached: 0 })).toBe(
      'Swap:    123456789012 123456789012           0',
    );
  });

  it.each([
    ['SwapFree above SwapTotal', { SwapTotal: 10, SwapFree: 11, SwapCached: 0 }],
    ['a negative SwapTotal', { SwapTotal: -4, SwapFree: 0, SwapCached: 0 }],
    ['a negative SwapFree', { SwapTotal: 10, SwapFree: -1, SwapCached: 0 }],
    ['a fractional SwapFree', { SwapTotal: 10, SwapFree: 2.5, SwapCached: 0 }],
  ])('throws RangeError for %s', (_, meminfo) => {
    expect(() => formatSwapLine(meminfo)).toThrow(RangeError);
  });

  it('always reads back: total, used and free with used + free = total', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), fc.double({ min: 0, max: 1, noNaN: true }), (total, share) => {
        const free = Math.floor(total * share);
        const cells = formatSwapLine({ SwapTotal: total, SwapFree: free, SwapCached: 0 })
          .slice(5)
          .trim()
          .split(/ +/)
          .map(Number);
        expect(cells).toEqual([total, total - free, free]);
      }),
    );
  });
});
