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

/** The ParseError parseKb throws for text (the test fails if it throws anything else, or nothing). */
function parseKbError(text: string, line?: number): ParseError {
  try {
    if (line === undefined) parseKb(text);
    else parseKb(text, line);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  return expect.unreachable(`parseKb(${JSON.stringify(text)}) should have thrown`);
}

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

  it('reads a value wider than its 8 columns, with no blank before it', () => {
    expect(parseKb('1073741824 kB')).toBe(1073741824);
    expect(parseKb('0 kB')).toBe(0);
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
    ['4 kB x', 'text after the unit'],
    ['4 kB ', 'a blank after the unit (Linux ends the line at kB)'],
    ['4 kB\t', 'a tab after the unit'],
    ['4 kBx', 'a longer unit'],
    ['4  kB', 'two spaces before the unit'],
    ['4kB', 'no space before the unit'],
    ['4 KB', 'KB in capitals'],
    ['x4 kB', 'text before the number'],
    ['1e3 kB', 'an exponent'],
    ['+4 kB', 'a plus sign'],
  ])('throws ParseError for %j (%s)', (text) => {
    expect(() => parseKb(text)).toThrow(ParseError);
  });

  it('names the line it was given in the ParseError, and line 1 when it was given none', () => {
    expect(parseKbError('lots', 7).line).toBe(7);
    expect(parseKbError('lots').line).toBe(1);
  });

  it('names the line of a number beyond 2^53 too', () => {
    expect(parseKbError('99999999999999999 kB', 3).line).toBe(3);
  });

  it('reads back any size it would print as "%8lu kB"', () => {
    fc.assert(fc.property(fc.nat(), (kb) => parseKb(`${String(kb).padStart(8, ' ')} kB`) === kb));
  });

  it('returns a number or throws ParseError with the line it was given, whatever the text (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[ \t]*-?\d{0,20}(\.\d)? ?k?B?[ x\r]?$/)),
        fc.integer({ min: 1, max: 1000 }),
        (text, line) => {
          try {
            const value = parseKb(text, line);
            // Whatever it accepts is what the kernel prints: blanks, the digits of that very number, " kB".
            const printed = /^[ \t]*(\d+) kB$/.exec(text);
            return printed !== null && Number(printed[1]) === value && Number.isSafeInteger(value);
          } catch (error) {
            return error instanceof ParseError && error.line === line;
          }
        },
      ),
    );
  });
});
