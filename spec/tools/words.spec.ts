import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWords, wordsOf } from '#shared/words';

// A given module (katas/shared/), not an exercise: these specs run on the one tree only.

describe('wordsOf and fromWords', () => {
  it('splits a page-table entry into bits 31..0 and bits 63..32: 0x8000000137be8067 → 0x37be8067, 0x80000001', () => {
    const words = wordsOf(0x8000000137be8067n);
    expect([words[0], words[1]]).toEqual([0x37be8067, 0x80000001]);
  });

  it('takes a bigint modulo 2^64, as `value & mask` would: −1 is all ones, 2^64 + 5 is 5', () => {
    let words = wordsOf(-1n);
    expect([words[0], words[1]]).toEqual([0xffffffff, 0xffffffff]);
    words = wordsOf(2n ** 64n + 5n);
    expect([words[0], words[1]]).toEqual([5, 0]);
  });

  it('joins what it split, for any 64-bit value, and splits what it joined', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        const words = wordsOf(value);
        const [low, high] = [words[0] as number, words[1] as number];
        expect(fromWords(low, high)).toBe(value);
      }),
    );
  });
});
