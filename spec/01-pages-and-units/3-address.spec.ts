import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignDown, alignUp, pageNumber, pageOffset } from '#kata/01-pages-and-units';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const powerOfTwo = fc.integer({ min: 0, max: 40 }).map((bit) => 1n << BigInt(bit));

describe('pageNumber', () => {
  it('drops the low 12 bits: 0x55cde951a375 is in page 0x55cde951a', () => {
    expect(pageNumber(0x55cde951a375n)).toBe(0x55cde951an);
  });

  it('handles the vsyscall page above 2^53', () => {
    expect(pageNumber(0xffffffffff600000n)).toBe(0xffffffffff600n);
  });
});

describe('pageOffset', () => {
  it('keeps the low 12 bits: 0x55cde951a375 is at offset 0x375', () => {
    expect(pageOffset(0x55cde951a375n)).toBe(0x375);
  });

  it('is 4095 for the last byte of a page above 2^53', () => {
    expect(pageOffset(0xffffffffff600fffn)).toBe(4095);
  });

  it('puts the address back together with pageNumber: page × 4096 + offset', () => {
    fc.assert(fc.property(u64, (addr) => pageNumber(addr) * 4096n + BigInt(pageOffset(addr)) === addr));
  });
});

describe('alignDown', () => {
  it('finds the 2 MiB block of an address inside the THP region', () => {
    expect(alignDown(0x7f6f10d23456n, 0x200000n)).toBe(0x7f6f10c00000n);
  });

  it('leaves an aligned address alone', () => {
    expect(alignDown(0x7f6f11439000n, 4096n)).toBe(0x7f6f11439000n);
  });

  it.each([0n, 3n, 4095n, 6144n, -4096n, -1n])('throws RangeError for the alignment %s', (bad) => {
    expect(() => alignDown(0x1000n, bad)).toThrow(RangeError);
  });

  it('accepts an alignment of 1 (2^0): every address is aligned', () => {
    expect(alignDown(0x55cde951a375n, 1n)).toBe(0x55cde951a375n);
  });

  it('lands on a multiple of the alignment with alignDown ≤ x < alignDown + alignment', () => {
    fc.assert(
      fc.property(u64, powerOfTwo, (x, a) => {
        const down = alignDown(x, a);
        return down % a === 0n && down <= x && x < down + a;
      }),
    );
  });
});

describe('alignUp', () => {
  it('rounds a byte count up to whole pages (PAGE_ALIGN)', () => {
    expect(alignUp(1n, 4096n)).toBe(4096n);
    expect(alignUp(4096n, 4096n)).toBe(4096n);
    expect(alignUp(4097n, 4096n)).toBe(8192n);
  });

  it.each([0n, 3n, 1000n, 4095n, -4096n, -1n])('throws RangeError for the alignment %s', (bad) => {
    expect(() => alignUp(0x1000n, bad)).toThrow(RangeError);
  });

  it('accepts an alignment of 1 (2^0) and leaves 0 at 0', () => {
    expect([alignUp(0x55cde951a375n, 1n), alignUp(0n, 4096n)]).toEqual([0x55cde951a375n, 0n]);
  });

  it('lands on a multiple of the alignment with x ≤ alignUp < x + alignment', () => {
    fc.assert(
      fc.property(u64, powerOfTwo, (x, a) => {
        const up = alignUp(x, a);
        return up % a === 0n && x <= up && up < x + a;
      }),
    );
  });

  it('agrees with alignDown on aligned addresses and is one step above it otherwise', () => {
    fc.assert(
      fc.property(u64, powerOfTwo, (x, a) => {
        const down = alignDown(x, a);
        return alignUp(x, a) === (down === x ? x : down + a);
      }),
    );
  });
});
