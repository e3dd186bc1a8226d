import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, units } from '#kata/05-smem';
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

  it('throws RangeError for a size that is not a finite number', () => {
    expect(() => units(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatCell', () => {
  it('right-aligns a PID in 5 columns: "% 5s" → " 1203"', () => {
    expect(formatCell(1203, '% 5s')).toBe(' 1203');
  });

  it('does not cut a value wider than the width: a 7-digit PID stays 9999999', () => {
    expect(formatCell(9999999, '% 5s')).toBe('9999999');
  });

  it('left-aligns a user in 8 columns and leaves a longer name whole', () => {
    expect([formatCell('root', '%-8s'), formatCell('systemd-network', '%-8s')]).toEqual([
      'root    ',
      'systemd-network',
    ]);
  });

  it('cuts a command to 27 characters with "%-27.27s"', () => {
    expect(formatCell('/usr/sbin/apache2 -k start -DFOREGROUND', '%-27.27s')).toBe('/usr/sbin/apache2 -k start ');
    expect(formatCell('-bash', '%-27.27s')).toBe(`-bash${' '.repeat(22)}`);
  });

  it('counts characters, not bytes: a Korean command is cut after 27 characters, as smem printed it', () => {
    const printed = fixture('smem/outputs/swap-lab/t.txt')
      .split('\n')
      .find((line) => line.startsWith('  150 '))!;
    const cell = formatCell('python3 메모리-사용량-측정-도구-실험용-스크립트.py', '%-27.27s');
    expect(Array.from(cell)).toHaveLength(27);
    expect(printed.slice(15, 15 + cell.length)).toBe(cell);
  });

  it('prints the number 0 as "0" right-aligned in 8: "% 8s"', () => {
    expect(formatCell(0, '% 8s')).toBe('       0');
  });

  it.each([['%d'], ['% 8a'], ['%5x'], ['5s'], ['%s%s']])('throws RangeError for the format %j', (format) => {
    expect(() => formatCell('x', format)).toThrow(RangeError);
  });

  it('counts a character beyond U+FFFF as one, as Python does: "%-3.1s" of "😀x" is "😀  "', () => {
    expect(formatCell('😀x', '%-3.1s')).toBe('😀  ');
  });

  it('is max(width, min(length, precision)) characters long', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '메', '😀'), maxLength: 50 });
    fc.assert(
      fc.property(text, fc.nat(40), fc.option(fc.nat(40)), fc.boolean(), (text, width, precision, left) => {
        const format = `%${left ? '-' : ''}${width}${precision === null ? '' : `.${precision}`}s`;
        const length = Math.min(Array.from(text).length, precision ?? Number.POSITIVE_INFINITY);
        return Array.from(formatCell(text, format)).length === Math.max(width, length);
      }),
    );
  });
});
