import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseRangeList, RANGE_LIST_MAX } from '#kata/04-status';
import { formatRangeList } from './helpers.ts';

/** Sorted unique numbers, as a CPU or node bitmap holds them. */
const numberSet = fc
  .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 60 })
  .map((numbers) => numbers.sort((a, b) => a - b));

describe('parseRangeList', () => {
  it('reads "0-3,8" as [0, 1, 2, 3, 8]', () => {
    expect(parseRangeList('0-3,8')).toEqual([0, 1, 2, 3, 8]);
  });

  it('reads the Cpus_allowed_list of this 2-CPU machine, "0-1"', () => {
    expect(parseRangeList('0-1')).toEqual([0, 1]);
  });

  it('reads a single CPU, as ksoftirqd/1 is pinned to "1"', () => {
    expect(parseRangeList('1')).toEqual([1]);
  });

  it('reads an empty list (an empty bitmap) as []', () => {
    expect(parseRangeList('')).toEqual([]);
  });

  it('reads a wide machine\'s list "0-3,8-11,64"', () => {
    expect(parseRangeList('0-3,8-11,64')).toEqual([0, 1, 2, 3, 8, 9, 10, 11, 64]);
  });

  it('treats the list as a set, as bitmap_parselist() does: overlaps and disorder give each number once, sorted', () => {
    expect(parseRangeList('8,0-3,2-5,3')).toEqual([0, 1, 2, 3, 4, 5, 8]);
  });

  it.each([
    ['3-0', 'a range that runs backwards'],
    ['1,', 'an empty item at the end'],
    [',1', 'an empty item at the start'],
    ['0,,1', 'an empty item in the middle'],
    ['1--2', 'a doubled dash'],
    ['-1', 'a negative number'],
    [' 0-1', 'a space'],
    ['0-1\n', 'a newline'],
    ['0x3', 'hexadecimal'],
    ['cpu0', 'a word'],
    ['0-7:2/4', 'a stride group (accepted when written to the kernel, never printed by it)'],
  ])('throws ParseError for %j (%s)', (text) => {
    expect(() => parseRangeList(text)).toThrow(ParseError);
  });

  it(`throws ParseError above ${RANGE_LIST_MAX} rather than building a 4-billion-entry array for "0-4294967295"`, () => {
    expect(() => parseRangeList('0-4294967295')).toThrow(ParseError);
    expect(() => parseRangeList(`${RANGE_LIST_MAX + 1}`)).toThrow(ParseError);
    expect(parseRangeList(`${RANGE_LIST_MAX}`)).toEqual([RANGE_LIST_MAX]);
  });

  it('names the line it was given in the ParseError', () => {
    try {
      parseRangeList('0-', 57);
      expect.unreachable('parseRangeList should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(57);
    }
  });

  it('reads back every list the kernel would print (bitmap_list_string) for any set of numbers', () => {
    fc.assert(
      fc.property(numberSet, (numbers) => {
        expect(parseRangeList(formatRangeList(numbers))).toEqual(numbers);
      }),
    );
  });

  it('returns the union of any ranges, sorted and unique, whatever their order or overlap', () => {
    const range = fc.tuple(fc.nat(200), fc.nat(20)).map(([first, length]) => [first, first + length] as const);
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 10 }), (ranges) => {
        const text = ranges.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(',');
        const union = new Set(
          ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i)),
        );
        expect(parseRangeList(text)).toEqual([...union].sort((a, b) => a - b));
      }),
    );
  });

  it('returns sorted unique numbers or throws ParseError, whatever the text (fuzz)', () => {
    const listish = fc.stringMatching(/^[0-9,-]{0,30}$/);
    const bigNumbers = fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 2n ** 70n }))
      .map(([a, b]) => `${a}-${b}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), listish, bigNumbers), (text) => {
        try {
          const numbers = parseRangeList(text);
          return numbers.every((n, i) => Number.isSafeInteger(n) && n >= 0 && (i === 0 || n > numbers[i - 1]!));
        } catch (error) {
          return error instanceof ParseError && error.line === 1;
        }
      }),
    );
  });
});
