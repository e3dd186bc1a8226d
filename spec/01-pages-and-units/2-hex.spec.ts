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

  it.each([[''], ['0x'], ['xyz'], ['12g'], ['-1'], [' 10'], ['0x-1']])('throws ParseError for %j', (text) => {
    expect(() => parseHex(text)).toThrow(ParseError);
  });

  it('returns a bigint or throws ParseError, whatever the text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          return typeof parseHex(text) === 'bigint';
        } catch (error) {
          return error instanceof ParseError;
        }
      }),
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
  });

  it('round-trips with parseHex for every 64-bit value', () => {
    fc.assert(fc.property(u64, (value) => parseHex(formatHex(value)) === value));
  });

  it('prints at least minDigits lower-case hex digits', () => {
    fc.assert(
      fc.property(u64, fc.integer({ min: 1, max: 20 }), (value, minDigits) => {
        const text = formatHex(value, minDigits);
        return text.length >= minDigits && /^[0-9a-f]+$/.test(text);
      }),
    );
  });
});
