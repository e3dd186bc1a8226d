import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressError, splitAddress } from '#kata/08-virtual-address';
import { canonical, nonCanonical, U64_END, USER_END } from './addresses.ts';

// Live addresses: the first four from reference captures (a libc page, a PIE text byte, a stack page, the
// vsyscall page); the others from spec/fixtures/proc/sleep/maps.txt. Indices worked out by hand:
// bits 47..39, 38..30, 29..21, 20..12, 11..0.
const LIVE = [
  { va: 0x7f6f11439000n, parts: { pgd: 254, pud: 444, pmd: 138, pte: 57, offset: 0 }, what: 'a libc page' },
  {
    va: 0x55cde951a375n,
    parts: { pgd: 171, pud: 311, pmd: 330, pte: 282, offset: 0x375 },
    what: 'a byte of program text',
  },
  { va: 0x7ffcf7980000n, parts: { pgd: 255, pud: 499, pmd: 444, pte: 384, offset: 0 }, what: 'a stack page' },
  { va: 0xffffffffff600000n, parts: { pgd: 511, pud: 511, pmd: 507, pte: 0, offset: 0 }, what: '[vsyscall]' },
  { va: 0x555a29c63000n, parts: { pgd: 170, pud: 360, pmd: 334, pte: 99, offset: 0 }, what: "sleep's text" },
  { va: 0x7f980628c000n, parts: { pgd: 255, pud: 96, pmd: 49, pte: 140, offset: 0 }, what: "sleep's libc text" },
  { va: 0x7ffcda639000n, parts: { pgd: 255, pud: 499, pmd: 211, pte: 57, offset: 0 }, what: "sleep's [stack]" },
  {
    va: 0x7ffcda659ff8n,
    parts: { pgd: 255, pud: 499, pmd: 211, pte: 89, offset: 4088 },
    what: 'the top word of that stack',
  },
];

describe('splitAddress', () => {
  for (const { va, parts, what } of LIVE) {
    it(`cuts 0x${va.toString(16)} (${what}) into ${parts.pgd} / ${parts.pud} / ${parts.pmd} / ${parts.pte} + ${parts.offset}`, () => {
      expect(splitAddress(va)).toEqual(parts);
    });
  }

  it('gives numbers, not bigints, for every part', () => {
    const parts = splitAddress(0x7ffcf7980123n);
    for (const value of Object.values(parts)) expect(typeof value).toBe('number');
  });

  it('puts the first kernel address 0xffff800000000000 at PGD index 256: bits 63..48 are not part of the index', () => {
    expect(splitAddress(0xffff800000000000n)).toEqual({ pgd: 256, pud: 0, pmd: 0, pte: 0, offset: 0 });
  });

  it('puts the last user page 0x7ffffffff000 at the last slot of every table below PGD 255', () => {
    expect(splitAddress(0x7ffffffff000n)).toEqual({ pgd: 255, pud: 511, pmd: 511, pte: 511, offset: 0 });
  });

  it('throws AddressError (code non-canonical) for 0x0000800000000000, naming the address and both halves', () => {
    expect(() => splitAddress(0x800000000000n)).toThrow(AddressError);
    expect(() => splitAddress(0x800000000000n)).toThrow(/0x0000800000000000/);
    expect(() => splitAddress(0x800000000000n)).toThrow(/0x00007fffffffffff.*0xffff800000000000/);
    expect(() => splitAddress(0x800000000000n)).toThrow(expect.objectContaining({ code: 'non-canonical' }));
  });

  it('throws AddressError (code not-an-address) for a negative bigint or one of 2^64 or more', () => {
    for (const va of [-1n, U64_END, U64_END + 0x1000n]) {
      expect(() => splitAddress(va)).toThrow(expect.objectContaining({ name: 'AddressError', code: 'not-an-address' }));
    }
    expect(() => splitAddress(-1n)).toThrow(/-1 is not a 64-bit address/);
  });

  it('throws AddressError for every value in the non-canonical hole', () => {
    fc.assert(
      fc.property(nonCanonical, (va) => {
        try {
          splitAddress(va);
          return false;
        } catch (error) {
          return error instanceof AddressError && error.code === 'non-canonical';
        }
      }),
    );
  });

  it('gives indices 0 … 511 and an offset 0 … 4095 that add back up to the low 48 bits', () => {
    fc.assert(
      fc.property(canonical, (va) => {
        const { pgd, pud, pmd, pte, offset } = splitAddress(va);
        const inRange = [pgd, pud, pmd, pte].every((i) => Number.isInteger(i) && i >= 0 && i < 512);
        const low48 = BigInt(pgd) * 2n ** 39n + BigInt(pud) * 2n ** 30n + BigInt(pmd) * 2n ** 21n;
        const sum = low48 + BigInt(pte) * 4096n + BigInt(offset);
        return inRange && offset >= 0 && offset < 4096 && sum === va % (USER_END * 2n);
      }),
    );
  });

  it('gives neighbouring pages of the same 2 MiB block the same PGD, PUD and PMD indices and PTE indices one apart', () => {
    fc.assert(
      fc.property(canonical, (va) => {
        const base = va - (va % 0x200000n);
        const a = splitAddress(base + 0x1000n * 7n);
        const b = splitAddress(base + 0x1000n * 8n);
        return a.pgd === b.pgd && a.pud === b.pud && a.pmd === b.pmd && b.pte === a.pte + 1 && a.pte === 7;
      }),
    );
  });
});
