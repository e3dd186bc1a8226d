import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHex, ParseError, parseHex } from '#kata/01-pages-and-units';
import { fixture } from '#support/fixtures';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

describe('parseHex', () => {
  it('reads the vsyscall address exactly, beyond 2^53', () => {
    expect(parseHex('ffffffffff600000')).toBe(0xffffffffff600000n);
  });

  it('keeps the low bits a number would lose: ffffffffff600123', () => {
    expect(parseHex('ffffffffff600123') - parseHex('ffffffffff600000')).toBe(0x123n);
  });

  it('accepts 0x and either case', () => {
    expect([parseHex('0x7FFF'), parseHex('7fff'), parseHex('0X7fFf')]).toEqual([0x7fffn, 0x7fffn, 0x7fffn]);
  });

  it('reads every address of a real smaps header', () => {
    const headers = fixture('proc/fixture/smaps.txt')
      .split('\n')
      .filter((l) => /^[0-9a-f]+-[0-9a-f]+ /.test(l));
    const ranges = headers.map((l) =>
      l
        .split(' ')[0]!
        .split('-')
        .map((a) => parseHex(a)),
    );
    expect(ranges[0]).toEqual([0x55cde9519000n, 0x55cde951a000n]);
    expect(ranges.at(-1)).toEqual([0xffffffffff600000n, 0xffffffffff601000n]);
    for (const [start, end] of ranges) expect(end! > start!).toBe(true);
  });

  it('reads a 0 and a 64-bit all-ones value', () => {
    expect([parseHex('0'), parseHex('00000000'), parseHex('ffffffffffffffff')]).toEqual([0n, 0n, 2n ** 64n - 1n]);
  });

  it.each([
    ['', 'nothing'],
    ['0x', '0x alone'],
    ['xyz', 'no hex digit'],
    ['12g', 'a digit beyond f'],
    ['-1', 'a sign'],
    [' 10', 'a blank before'],
    ['10 ', 'a blank after'],
    ['10\n', 'a newline after'],
    ['0x-1', 'a sign after 0x'],
    ['0x0x10', '0x twice'],
    ['x10', 'an x without its 0'],
    ['ab_cd', 'an underscore'],
  ])('throws ParseError for %j (%s)', (text) => {
    expect(() => parseHex(text)).toThrow(ParseError);
  });

  it('names the line it was given in the ParseError (line 1 when none)', () => {
    const errorOf = (run: () => bigint): ParseError => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        return error as ParseError;
      }
      return expect.unreachable('parseHex should have thrown');
    };
    expect(errorOf(() => parseHex('12g', 12)).line).toBe(12);
    expect(errorOf(() => parseHex('12g')).line).toBe(1);
  });

  it('returns a bigint or throws ParseError with the line it was given, whatever the text (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^ ?(0[xX])?[0-9a-fA-FxX -]{0,20}$/)),
        fc.integer({ min: 1, max: 1000 }),
        (text, line) => {
          try {
            const value = parseHex(text, line);
            // Whatever it accepts is hex digits, after an optional 0x, and it reads them exactly.
            const digits = /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(text);
            return digits !== null && value === BigInt(`0x${digits[1]}`);
          } catch (error) {
            return error instanceof ParseError && error.line === line;
          }
        },
      ),
    );
  });
});

describe('formatHex', () => {
  it('pads to 8 digits, lower case, without 0x, as smaps prints', () => {
    expect(formatHex(0x1000n)).toBe('00001000');
    expect(formatHex(0x55cde9519000n)).toBe('55cde9519000');
    expect(formatHex(0xffffffffff600000n)).toBe('ffffffffff600000');
  });

  it('pads to the number of digits asked for (a device major is 2: "fe")', () => {
    expect(formatHex(0xfen, 2)).toBe('fe');
    expect(formatHex(0n, 2)).toBe('00');
  });

  it('throws RangeError for a negative value', () => {
    expect(() => formatHex(-1n)).toThrow(RangeError);
    expect(() => formatHex(-4096n, 2)).toThrow(RangeError);
  });

  it('pads to no digits when asked for 0 or 1, but never prints an empty string', () => {
    expect([formatHex(0n, 1), formatHex(0n, 0), formatHex(0xabcn, 1)]).toEqual(['0', '0', 'abc']);
  });

  it('round-trips with parseHex for every 64-bit value', () => {
    fc.assert(fc.property(u64, (value) => parseHex(formatHex(value)) === value));
  });

  it('prints minDigits digits, or as many as the value needs, lower case, with zeros only in front', () => {
    fc.assert(
      fc.property(u64, fc.integer({ min: 1, max: 20 }), (value, minDigits) => {
        const text = formatHex(value, minDigits);
        const needed = value.toString(16).length;
        return (
          text.length === Math.max(minDigits, needed) &&
          /^[0-9a-f]+$/.test(text) &&
          text.endsWith(value.toString(16)) &&
          /^0*$/.test(text.slice(0, -needed))
        );
      }),
    );
  });
});
