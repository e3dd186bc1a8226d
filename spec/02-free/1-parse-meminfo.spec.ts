import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseMeminfo } from '#kata/02-free';
import { fixture } from './captures.ts';

const live = fixture('free/meminfo/live.txt');

/** Whatever parseMeminfo does with the text, it returns numbers or throws a ParseError that names a line. */
function valueOrParseError(text: string): boolean {
  try {
    const meminfo = parseMeminfo(text);
    return Object.values(meminfo).every((v) => Number.isSafeInteger(v) && v >= 0);
  } catch (error) {
    const lines = text.split('\n').length;
    return error instanceof ParseError && error.line >= 1 && error.line <= lines;
  }
}

function parseErrorLine(text: string): number | undefined {
  try {
    parseMeminfo(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

describe('parseMeminfo', () => {
  it('reads every line of a real /proc/meminfo, in KiB', () => {
    const meminfo = parseMeminfo(live);
    expect(Object.keys(meminfo)).toHaveLength(live.trimEnd().split('\n').length);
    expect(meminfo).toMatchObject({
      MemTotal: 24683656,
      MemFree: 22678072,
      MemAvailable: 24309976,
      'Active(anon)': 1528,
      SReclaimable: 103648,
      VmallocTotal: 34359738367,
      DirectMap1G: 25165824,
    });
  });

  it('keeps the HugePages_* lines as page counts, not KiB (they have no unit)', () => {
    const text =
      'HugePages_Total:     512\nHugePages_Free:      500\nHugePages_Rsvd:        3\nHugepagesize:    2048 kB\n';
    expect(parseMeminfo(text)).toEqual({
      HugePages_Total: 512,
      HugePages_Free: 500,
      HugePages_Rsvd: 3,
      Hugepagesize: 2048,
    });
  });

  it('keeps a line it has never heard of, as a newer kernel may add one', () => {
    expect(
      parseMeminfo('MemTotal:       16303412 kB\nUnaccepted:            0 kB\nFutureThing:      4096 kB\n'),
    ).toEqual({
      MemTotal: 16303412,
      Unaccepted: 0,
      FutureThing: 4096,
    });
  });

  it('reads a file with CRLF line endings', () => {
    expect(parseMeminfo('MemTotal:       8040056 kB\r\nMemFree:        1958140 kB\r\n')).toEqual({
      MemTotal: 8040056,
      MemFree: 1958140,
    });
  });

  it.each([
    ['', 1, 'an empty file'],
    ['MemTotal       24683656 kB\n', 1, 'a line without a colon'],
    ['MemTotal:       24683656 kB\nMemFree:        2267', 2, 'a kB line cut off before its unit'],
    ['MemTotal:       24683656 MB\n', 1, 'another unit'],
    ['MemTotal:\n', 1, 'no value'],
    ['MemTotal:       -5 kB\n', 1, 'a negative size'],
    ['MemTotal:       1.5 kB\n', 1, 'a fraction'],
    ['MemTotal:       99999999999999999 kB\n', 1, 'a size beyond 2^53'],
    ['MemTotal:       1 kB\nMemFree:        1 kB\nMemTotal:       2 kB\n', 3, 'the same name twice'],
    ['MemTotal:       1 kB\n MemFree:       1 kB\n', 2, 'a blank before the name'],
    ['MemTotal:       5 kB\rjunk\n', 1, 'a carriage return inside the line'],
    ['Mem Total:       5 kB\n', 1, 'a blank inside the name'],
    ['MemTotal:       5 kB \n', 1, 'a blank after the unit'],
    ['HugePages_Total:   99999999999999999\n', 1, 'a page count beyond 2^53'],
    ['HugePages_Total:     512 kB\n', 1, 'a page count with a unit'],
    ['HugePages_Total:     512 \n', 1, 'a blank after a page count'],
    ['HugePages_Free:    x 512\n', 1, 'junk before a page count'],
    ['HugePages_Rsvd:      51x\n', 1, 'junk in a page count'],
    ['HugePages_Surp:\n', 1, 'no page count'],
  ])('throws ParseError for %j on line %i (%s)', (text, line) => {
    expect(() => parseMeminfo(text)).toThrow(ParseError);
    expect(parseErrorLine(text)).toBe(line);
  });

  it('reads back any meminfo rendered the way the kernel prints it', () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z0-9_()]{0,15}$/).filter((n) => !n.startsWith('HugePages_'));
    const kbLines = fc.dictionary(name, fc.maxSafeNat(), { minKeys: 1, maxKeys: 40 });
    const counts = fc.dictionary(
      fc.constantFrom('HugePages_Total', 'HugePages_Free', 'HugePages_Rsvd', 'HugePages_Surp'),
      fc.nat(1 << 30),
    );
    fc.assert(
      fc.property(kbLines, counts, (kb, pages) => {
        // fs/proc/meminfo.c show_val_kb(): the name padded to 16, the value to 8, then " kB";
        // mm/hugetlb.c hugetlb_report_meminfo(): "HugePages_Total:   %5lu".
        const text = [
          ...Object.entries(kb).map(([n, v]) => `${`${n}:`.padEnd(16)}${String(v).padStart(8)} kB`),
          ...Object.entries(pages).map(([n, v]) => `${n}:   ${String(v).padStart(5)}`),
        ].join('\n');
        expect(parseMeminfo(`${text}\n`)).toEqual({ ...kb, ...pages });
      }),
    );
  });

  it('returns numbers or throws ParseError with a line, whatever the text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), valueOrParseError));
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z_()]{0,12}:? *-?\d{0,20} ?(kB|MB|B)?\r?$/)), (lines) =>
        valueOrParseError(lines.join('\n')),
      ),
    );
  });

  it('returns numbers or throws ParseError with a line for a real file cut off anywhere (fuzz)', () => {
    fc.assert(fc.property(fc.nat(live.length), (end) => valueOrParseError(live.slice(0, end))));
  });

  it('throws ParseError, not a wrong number, for values beyond 2^53 (fuzz)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), (big) => {
        expect(() => parseMeminfo(`MemTotal:       ${big} kB\n`)).toThrow(ParseError);
      }),
    );
  });
});
