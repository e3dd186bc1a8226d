import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSwapEntry, MAX_SWAP_OFFSET, MAX_SWAP_TYPE } from '#kata/14-swap';
import { pagemapEntries } from './captures.ts';

describe('encodeSwapEntry', () => {
  it('gives the entry pagemap printed for each of 64 pages swapped to area 3, slots 1 to 64', () => {
    const captured = pagemapEntries('pagemap-swap-root.txt', 'pagedout');
    expect(captured).toHaveLength(64);
    for (const [page, raw] of captured.entries()) expect(encodeSwapEntry({ type: 3, offset: page + 1 })).toBe(raw);
    expect(encodeSwapEntry({ type: 3, offset: 1 })).toBe(0x4000000000000023n);
  });

  it('sets bit 62 and nothing else for slot 0 of area 0', () => {
    expect(encodeSwapEntry({ type: 0, offset: 0 })).toBe(1n << 62n);
  });

  it('puts the type in bits 0–4 and the offset in bits 5–54, without overlap', () => {
    expect(encodeSwapEntry({ type: 31, offset: 0 })).toBe((1n << 62n) | 31n);
    expect(encodeSwapEntry({ type: 0, offset: 1 })).toBe((1n << 62n) | 32n);
    expect(encodeSwapEntry({ type: MAX_SWAP_TYPE, offset: MAX_SWAP_OFFSET })).toBe((1n << 62n) | ((1n << 55n) - 1n));
  });

  it('handles offsets beyond 2^32 and 2^53 − 1 is out of range', () => {
    expect(encodeSwapEntry({ type: 1, offset: 2 ** 40 })).toBe((1n << 62n) | 1n | (1n << 45n));
    expect(MAX_SWAP_OFFSET).toBe(2 ** 50 - 1);
  });

  it.each([
    ['a type of 32', { type: 32, offset: 1 }],
    ['a negative type', { type: -1, offset: 1 }],
    ['a fractional type', { type: 1.5, offset: 1 }],
    ['an offset of 2^50', { type: 0, offset: 2 ** 50 }],
    ['a negative offset', { type: 0, offset: -1 }],
    ['a fractional offset', { type: 0, offset: 0.5 }],
    ['a NaN offset', { type: 0, offset: Number.NaN }],
  ])('throws RangeError for %s', (_, entry) => {
    expect(() => encodeSwapEntry(entry)).toThrow(RangeError);
  });

  it('only ever sets bits 0–54 and 62', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: MAX_SWAP_OFFSET }), (type, offset) => {
        const e = encodeSwapEntry({ type, offset });
        expect(e & ~((1n << 55n) - 1n)).toBe(1n << 62n);
        expect(Number(e & 31n)).toBe(type);
        expect(Number((e >> 5n) & ((1n << 50n) - 1n))).toBe(offset);
      }),
    );
  });
});
