import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kbToPages, PAGE_SIZE, ParseError, pagesToKb, parseKb } from '#kata/01-pages-and-units';
import { fixture } from '#support/fixtures';

describe('pagesToKb', () => {
  it("turns the seed's `pages free 1446382` into 5785528 kB", () => {
    expect(pagesToKb(1446382)).toBe(5785528);
  });

  it('gives PAGE_SIZE / 1024 kB for one page', () => {
    expect(pagesToKb(1) * 1024).toBe(PAGE_SIZE);
  });

  it('is 4 kB per page for any page count', () => {
    fc.assert(fc.property(fc.nat(2 ** 40), (pages) => pagesToKb(pages) === pages * 4));
  });
});

describe('kbToPages', () => {
  it('rounds a partial page down', () => {
    expect([0, 3, 4, 7, 8].map(kbToPages)).toEqual([0, 0, 1, 1, 2]);
  });

  it('undoes pagesToKb', () => {
    fc.assert(fc.property(fc.nat(2 ** 40), (pages) => kbToPages(pagesToKb(pages)) === pages));
  });
});

describe('parseKb', () => {
  it('reads the value of a status line: "  111716 kB"', () => {
    expect(parseKb('  111716 kB')).toBe(111716);
  });

  it('reads every kB value of a real /proc/meminfo', () => {
    const lines = fixture('free/meminfo/live.txt').trimEnd().split('\n');
    const kbLines = lines.filter((l) => l.endsWith(' kB'));
    const values = kbLines.map((l) => parseKb(l.slice(l.indexOf(':') + 1)));
    expect(values[0]).toBe(24683656); // MemTotal
    expect(values).toContain(34359738367); // VmallocTotal: 32 TiB - 1, still exact in a number
    expect(values).toHaveLength(kbLines.length);
  });

  it('reads the tab-separated values of /proc/pid/status', () => {
    expect(parseKb('\t    3572 kB')).toBe(3572);
  });

  it.each([
    ['', 'nothing at all'],
    ['kB', 'a unit without a number'],
    ['12', 'a number without its unit'],
    ['12 MB', 'another unit'],
    ['-5 kB', 'a negative size'],
    ['1.5 kB', 'a fraction'],
    ['0x10 kB', 'hexadecimal'],
    ['99999999999999999 kB', 'a number beyond 2^53'],
  ])('throws ParseError for %j (%s)', (text) => {
    expect(() => parseKb(text)).toThrow(ParseError);
  });

  it('names the line it was given in the ParseError', () => {
    try {
      parseKb('lots', 7);
      expect.unreachable('parseKb should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(7);
    }
  });

  it('reads back any size it would print as "%8lu kB"', () => {
    fc.assert(fc.property(fc.nat(), (kb) => parseKb(`${String(kb).padStart(8, ' ')} kB`) === kb));
  });

  it('returns a number or throws ParseError, whatever the text (fuzz)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^ *-?\d{0,20}(\.\d)? ?k?B?\r?$/)), (text) => {
        try {
          const value = parseKb(text);
          return Number.isSafeInteger(value) && value >= 0;
        } catch (error) {
          return error instanceof ParseError;
        }
      }),
    );
  });
});
