import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buddyOf } from '#kata/07-buddy-allocator';

describe('buddyOf', () => {
  it.each([
    [10, 0, 11],
    [11, 0, 10],
    [10, 1, 8],
    [8, 1, 10],
    [8, 2, 12],
    [12, 2, 8],
    [0, 10, 1024],
    [1024, 10, 0],
    [3072, 10, 2048],
  ])('finds the buddy of pfn %i at order %i: %i', (pfn, order, buddy) => {
    expect(buddyOf(pfn, order)).toBe(buddy);
  });

  it('finds buddies beyond 2^32 (16 TiB of RAM), where `pfn ^ (1 << order)` in JavaScript goes wrong', () => {
    expect(buddyOf(2 ** 32, 0)).toBe(2 ** 32 + 1);
    expect(buddyOf(3 * 2 ** 31, 31)).toBe(2 ** 32);
    expect(buddyOf(2 ** 40 + 1024, 10)).toBe(2 ** 40);
    expect(buddyOf(2 ** 40, 39)).toBe(2 ** 40 + 2 ** 39);
  });

  it('works up to order 52, whose blocks end at 2^53', () => {
    expect(buddyOf(0, 52)).toBe(2 ** 52);
    expect(buddyOf(2 ** 52, 52)).toBe(0);
  });

  it('pairs blocks: the buddy of the buddy is the block, 2^order pages away, and together they are aligned on 2^(order + 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.nat(2 ** 20), (order, index) => {
        const pfn = index * 2 ** order;
        const buddy = buddyOf(pfn, order);
        expect(buddyOf(buddy, order)).toBe(pfn);
        expect(Math.abs(buddy - pfn)).toBe(2 ** order);
        expect(Math.min(pfn, buddy) % 2 ** (order + 1)).toBe(0);
      }),
    );
  });

  it.each([
    [9, 1, 'pfn 9 does not start an order-1 block'],
    [12, 3, 'pfn 12 does not start an order-3 block'],
    [-2, 1, 'a negative pfn'],
    [2.5, 0, 'a fractional pfn'],
    [8, -1, 'a negative order'],
    [8, 1.5, 'a fractional order'],
    [Number.NaN, 0, 'NaN'],
    [2 ** 60, 0, 'a pfn beyond 2^53'],
    [0, 53, 'an order whose block is beyond 2^53'],
    [8, Number.NaN, 'order NaN'],
  ])('throws RangeError for pfn %s at order %s (%s)', (pfn, order) => {
    expect(() => buddyOf(pfn, order)).toThrow(RangeError);
  });
});
