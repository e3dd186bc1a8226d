import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSwaps, ParseError, parseSwaps, SWAPS_HEADER, type SwapArea } from '#kata/14-swap';
import { MANY, swaps } from './captures.ts';

function lineOfError(text: string): number | undefined {
  try {
    parseSwaps(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

const row = (line: string) => `${SWAPS_HEADER}${line}\n`;

/** Whatever parseSwaps does with the text, it returns sane areas or throws a ParseError naming a line of it. */
function valueOrParseError(text: string): boolean {
  try {
    return parseSwaps(text).every((a) => Number.isSafeInteger(a.sizeKb) && a.usedKb <= a.sizeKb && a.path !== '');
  } catch (error) {
    return error instanceof ParseError && error.line >= 1 && error.line <= text.split('\n').length;
  }
}

describe('parseSwaps', () => {
  it('reads an empty /proc/swaps as no areas', () => {
    expect(parseSwaps(swaps('swapfile/swaps-after-swapoff.txt'))).toEqual([]);
  });

  it('reads the ten awkward areas back, unescaping the paths', () => {
    expect(parseSwaps(swaps('areas/swaps-many.txt'))).toEqual(MANY);
  });

  it('reads the captures after a swapoff and a swapon: priorities moved up, the new area in the freed slot', () => {
    const after = parseSwaps(swaps('areas/swaps-after-swapoff.txt'));
    expect(after.map((a) => a.priority)).toEqual([-2, -3, 5, -4, -5, -6, 0, -7, -8]);
    const again = parseSwaps(swaps('areas/swaps-after-swapon.txt'));
    expect(again[1]).toEqual({
      path: '/var/tmp/memkata-swaps/again',
      kind: 'file',
      sizeKb: 16380,
      usedKb: 0,
      priority: -9,
    });
  });

  it("reads the used KiB of an area in use, and the 2 GiB swap file at the hog's peak", () => {
    expect(parseSwaps(swaps('areas/swaps-used.txt'))[3]).toMatchObject({
      path: '/var/tmp/memkata-swaps/스왑 파일',
      usedKb: 256,
      priority: 5,
    });
    expect(parseSwaps(swaps('../reclaim/hog/with-swap/swaps-at-peak.txt'))).toEqual([
      { path: '/var/tmp/memkata-hog/swapfile', kind: 'file', sizeKb: 2097148, usedKb: 1080736, priority: -2 },
    ]);
  });

  it('reads the edges: an area used to its last slot, a used count of 8 digits, priorities −32768 and 32767', () => {
    expect(parseSwaps(row(`/a${' '.repeat(38)}file\t\t8\t\t8\t\t-32768`))).toEqual([
      { path: '/a', kind: 'file', sizeKb: 8, usedKb: 8, priority: -32768 },
    ]);
    expect(parseSwaps(row(`/b${' '.repeat(38)}partition\t20000000\t10000000\t32767`))).toEqual([
      { path: '/b', kind: 'partition', sizeKb: 20000000, usedKb: 10000000, priority: 32767 },
    ]);
  });

  it('reads back what formatSwaps prints, for any areas', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.string({ minLength: 1, maxLength: 50, unit: 'grapheme' }).filter((p) => !p.includes('\0')),
            kind: fc.constantFrom('file' as const, 'partition' as const),
            sizeKb: fc.nat(2 ** 45),
            usedShare: fc.double({ min: 0, max: 1, noNaN: true }),
            priority: fc.integer({ min: -32768, max: 32767 }),
          }),
          { maxLength: 6 },
        ),
        (rows) => {
          const areas: SwapArea[] = rows.map(({ usedShare, ...r }) => ({
            ...r,
            usedKb: Math.floor(r.sizeKb * usedShare),
          }));
          expect(parseSwaps(formatSwaps(areas))).toEqual(areas);
        },
      ),
    );
  });

  it.each([
    ['an empty text', '', 1],
    ['a header without its tabs', 'Filename Type Size Used Priority\n', 1],
    ['no final newline', SWAPS_HEADER.slice(0, -1), 1],
    ['a row without a final newline', `${SWAPS_HEADER}/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2`, 2],
    ['a row with too few spaces', row(`/swapfile${' '.repeat(30)}file\t\t1024\t\t0\t\t-2`), 2],
    ['a row with too many spaces', row(`/swapfile${' '.repeat(32)}file\t\t1024\t\t0\t\t-2`), 2],
    ['a type that is neither', row(`/swapfile${' '.repeat(31)}zram\t\t1024\t\t0\t\t-2`), 2],
    ['a file without its tab', row(`/swapfile${' '.repeat(31)}file\t1024\t\t0\t\t-2`), 2],
    ['a missing second tab after a small size', row(`/swapfile${' '.repeat(31)}file\t\t1024\t0\t\t-2`), 2],
    ['a second tab after a large size', row(`/swapfile${' '.repeat(31)}file\t\t10000000\t\t0\t\t-2`), 2],
    ['a size with a leading zero', row(`/swapfile${' '.repeat(31)}file\t\t01024\t\t0\t\t-2`), 2],
    ['a hex size', row(`/swapfile${' '.repeat(31)}file\t\t0x400\t\t0\t\t-2`), 2],
    ['a size beyond 2^53', row(`/swapfile${' '.repeat(31)}file\t\t99999999999999999\t0\t\t-2`), 2],
    ['used above the size', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t2048\t\t-2`), 2],
    ['a priority of 32768', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t32768`), 2],
    ['a priority of -0', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-0`), 2],
    ['a fractional priority', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2.5`), 2],
    ['trailing junk', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2 x`), 2],
    ['a missing field', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0`), 2],
    ['an unknown escape', row(`/a\\101b${' '.repeat(33)}file\t\t1024\t\t0\t\t-2`), 2],
    ['a lone backslash', row(`/a\\b${' '.repeat(36)}file\t\t1024\t\t0\t\t-2`), 2],
    ['CRLF line ends', `${SWAPS_HEADER.replace('\n', '\r\n')}`, 1],
    ['a CR before the newline of a row', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2\r`), 2],
    ['an empty line', `${SWAPS_HEADER}\n`, 2],
    ['a leading space', row(` /swapfile${' '.repeat(30)}file\t\t1024\t\t0\t\t-2`), 2],
    ['text before a well-padded path', row(`# /swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2`), 2],
    ['a used count with a leading zero', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t00\t\t-2`), 2],
    ['a missing second tab after a small used count', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t-2`), 2],
    ['a second tab after a large used count', row(`/swapfile${' '.repeat(31)}file\t20000000\t10000000\t\t-2`), 2],
    ['a priority with a leading zero', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t012`), 2],
    ['a priority below −32768', row(`/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-32769`), 2],
    ['a bad third line', `${SWAPS_HEADER}/swapfile${' '.repeat(31)}file\t\t1024\t\t0\t\t-2\n/x junk\n`, 3],
  ])('throws ParseError for %s, naming the line', (_, text, line) => {
    expect(() => parseSwaps(text)).toThrow(ParseError);
    expect(lineOfError(text)).toBe(line);
  });

  it('returns areas or throws ParseError with a line inside the text, for any text', () => {
    const real = swaps('areas/swaps-many.txt');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          // the characters /proc/swaps is made of, shuffled (fast-check's 'binary' unit costs seconds to set up)
          fc.string({ unit: fc.constantFrom(...'Filename\t\n 0123456789-\\/éa스partition'), maxLength: 300 }),
          fc
            .constant(SWAPS_HEADER)
            .chain((h) =>
              fc.string({ unit: fc.constantFrom(...'\t\n 019-\\/é스file'), maxLength: 120 }).map((s) => h + s),
            ),
          fc.nat(real.length).map((n) => real.slice(0, n)),
          fc
            .tuple(fc.nat(real.length), fc.string({ maxLength: 3 }))
            .map(([n, s]) => real.slice(0, n) + s + real.slice(n + 1)),
        ),
        (text) => valueOrParseError(text),
      ),
    );
  });
});
