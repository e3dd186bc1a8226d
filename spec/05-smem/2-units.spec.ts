import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { units } from '#kata/05-smem';
import { fixture } from '#support/fixtures';

/** smem's own units(), run by spec/fixtures/smem/units-table.py: [kB, units(kB * 1024)]. */
const smemUnits = fixture('smem/units.tsv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t') as [string, string])
  .map(([kb, text]) => [Number(kb), text] as const);

const SUFFIX_POWER: Record<string, number> = { K: 1, M: 2, G: 3, T: 4 };

describe('units', () => {
  it('prints 0 as "0", without a decimal or a unit', () => {
    expect(units(0)).toBe('0');
  });

  it('prints 144 kB as 144.0K and 1660 kB as 1.6M: it divides by 1024 while the value is ≥ 1024', () => {
    expect([units(144 * 1024), units(1660 * 1024)]).toEqual(['144.0K', '1.6M']);
  });

  it('uses no B and no i: 2 GiB is 2.0G', () => {
    expect(units(2 * 1024 ** 3)).toBe('2.0G');
  });

  it("rounds a tie to the even digit, as Python's %.1f does: 1280 kB is 1.2M, 2304 kB 2.2M, 3840 kB 3.8M", () => {
    expect([1280, 2304, 3840].map((kb) => units(kb * 1024))).toEqual(['1.2M', '2.2M', '3.8M']);
  });

  it('rounds 1023.95 and more up to 1024.0 without moving on to the next unit: 1048575 kB is 1024.0M', () => {
    expect(units(1048575 * 1024)).toBe('1024.0M');
  });

  it('prints 1 PiB as 1.0T: past T the loop runs out of suffixes after one more division', () => {
    expect([units(2 ** 50), units(2 ** 50 - 1024)]).toEqual(['1.0T', '1024.0T']);
  });

  it(`agrees with smem 1.5's own units() on all ${smemUnits.length} sizes of units.tsv`, () => {
    const wrong = smemUnits.filter(([kb, text]) => units(kb * 1024) !== text);
    expect(wrong.map(([kb, text]) => `${kb} kB: ${text} expected, got ${units(kb * 1024)}`)).toEqual([]);
  });

  it('prints any size within 0.05 of its unit, with K, M, G or T', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 - 1 }), (kb) => {
        const match = /^(\d+\.\d)([KMGT])$/.exec(units(kb * 1024));
        if (!match) return false;
        const exact = kb / 1024 ** ((SUFFIX_POWER[match[2]!] ?? 0) - 1);
        return Math.abs(Number(match[1]) - exact) <= 0.05 + 1e-9 && exact < 1024;
      }),
    );
  });

  it('prints every digit of a size past 1e21 T, as Python does (toFixed would switch to 1e+21)', () => {
    expect(units(1e21 * 2 ** 50)).toBe('1000000000000000000000.0T');
    expect(units(2 ** 120)).toBe('1180591620717411303424.0T');
  });

  it('throws RangeError for a size that is not a finite number', () => {
    expect(() => units(Number.NaN)).toThrow(RangeError);
  });
});
