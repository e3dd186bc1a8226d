import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressError, joinAddress, splitAddress } from '#kata/08-virtual-address';
import { canonical } from './addresses.ts';

const index = fc.integer({ min: 0, max: 511 });
const parts = fc.record({ pgd: index, pud: index, pmd: index, pte: index, offset: fc.integer({ min: 0, max: 4095 }) });

describe('joinAddress', () => {
  it('puts the vsyscall page back together: 511 / 511 / 507 / 0 + 0 → 0xffffffffff600000', () => {
    expect(joinAddress({ pgd: 511, pud: 511, pmd: 507, pte: 0, offset: 0 })).toBe(0xffffffffff600000n);
  });

  it('puts a stack page back together: 255 / 499 / 444 / 384 + 0 → 0x7ffcf7980000', () => {
    expect(joinAddress({ pgd: 255, pud: 499, pmd: 444, pte: 384, offset: 0 })).toBe(0x7ffcf7980000n);
  });

  it('keeps the byte offset: 171 / 311 / 330 / 282 + 885 → 0x55cde951a375', () => {
    expect(joinAddress({ pgd: 171, pud: 311, pmd: 330, pte: 282, offset: 885 })).toBe(0x55cde951a375n);
  });

  it('sign-extends bit 47: PGD index 256 is 0xffff800000000000, not 0x800000000000', () => {
    expect(joinAddress({ pgd: 256, pud: 0, pmd: 0, pte: 0, offset: 0 })).toBe(0xffff800000000000n);
  });

  it('does not sign-extend below PGD 256: 255 / 511 / 511 / 511 + 4095 is 0x7fffffffffff', () => {
    expect(joinAddress({ pgd: 255, pud: 511, pmd: 511, pte: 511, offset: 4095 })).toBe(0x7fffffffffffn);
  });

  it('gives 0 for all-zero parts', () => {
    expect(joinAddress({ pgd: 0, pud: 0, pmd: 0, pte: 0, offset: 0 })).toBe(0n);
  });

  it('throws AddressError (code bad-part) for an index of 512, a negative index or a fraction, naming the part', () => {
    const base = { pgd: 1, pud: 2, pmd: 3, pte: 4, offset: 5 };
    for (const [key, value] of [
      ['pgd', 512],
      ['pud', -1],
      ['pmd', 1.5],
      ['pte', Number.NaN],
      ['pte', 1024],
    ] as const) {
      expect(() => joinAddress({ ...base, [key]: value })).toThrow(AddressError);
      expect(() => joinAddress({ ...base, [key]: value })).toThrow(new RegExp(key));
      expect(() => joinAddress({ ...base, [key]: value })).toThrow(expect.objectContaining({ code: 'bad-part' }));
    }
  });

  it('throws AddressError for an offset of 4096 or more: that is the next page', () => {
    expect(() => joinAddress({ pgd: 1, pud: 2, pmd: 3, pte: 4, offset: 4096 })).toThrow(AddressError);
    expect(() => joinAddress({ pgd: 1, pud: 2, pmd: 3, pte: 4, offset: 4096 })).toThrow(/0 … 4095/);
    expect(() => joinAddress({ pgd: 512, pud: 2, pmd: 3, pte: 4, offset: 0 })).toThrow(/0 … 511/);
    expect(() => joinAddress({ pgd: 1, pud: 2, pmd: 3, pte: 4, offset: -1 })).toThrow(/offset/);
  });

  it('accepts the largest index and offset: 511 and 4095', () => {
    expect(joinAddress({ pgd: 511, pud: 511, pmd: 511, pte: 511, offset: 4095 })).toBe(0xffffffffffffffffn);
  });

  it('undoes splitAddress for every canonical address: joinAddress(splitAddress(va)) = va', () => {
    fc.assert(fc.property(canonical, (va) => joinAddress(splitAddress(va)) === va));
  });

  it('is undone by splitAddress for every set of parts: splitAddress(joinAddress(p)) = p', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const back = splitAddress(joinAddress(p));
        return (['pgd', 'pud', 'pmd', 'pte', 'offset'] as const).every((k) => back[k] === p[k]);
      }),
    );
  });
});
