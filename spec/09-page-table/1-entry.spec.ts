import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  entryPfn,
  makeEntry,
  PTE_ACCESSED,
  PTE_DIRTY,
  PTE_GLOBAL,
  PTE_HUGE,
  PTE_NX,
  PTE_PRESENT,
  PTE_USER,
  PTE_WRITE,
} from '#kata/09-page-table';

const FLAGS = [PTE_PRESENT, PTE_WRITE, PTE_USER, PTE_ACCESSED, PTE_DIRTY, PTE_HUGE, PTE_GLOBAL, PTE_NX];
const pfn = fc.integer({ min: 0, max: 2 ** 40 - 1 });
const flags = fc.subarray(FLAGS).map((fs) => fs.reduce((a, b) => a | b, 0n));

describe('makeEntry', () => {
  it('puts the PFN in bits 12..51: frame 0x137be8, present and writable → 0x137be8003', () => {
    expect(makeEntry(0x137be8, PTE_PRESENT | PTE_WRITE)).toBe(0x137be8003n);
  });

  it('builds the entry of a written anonymous page: P, R/W, U/S, A, D and NX → 0x8000000137be8067', () => {
    const flags = PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_ACCESSED | PTE_DIRTY | PTE_NX;
    expect(makeEntry(0x137be8, flags)).toBe(0x8000000137be8067n);
  });

  it('sets bit 7 (PS) for a 2 MiB page: frame 0x132c00, present and huge → 0x132c00081', () => {
    expect(makeEntry(0x132c00, PTE_PRESENT | PTE_HUGE)).toBe(0x132c00081n);
  });

  it('keeps the largest PFN, 2^40 − 1, below bit 52', () => {
    expect(makeEntry(2 ** 40 - 1, 0n)).toBe(0xffffffffff000n);
  });

  it('gives 0 for frame 0 with no flags: an empty slot', () => {
    expect(makeEntry(0, 0n)).toBe(0n);
  });

  it('throws RangeError for a PFN that is negative, fractional, 2^40 or more, or not a number', () => {
    for (const bad of [-1, 1.5, 2 ** 40, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => makeEntry(bad, PTE_PRESENT)).toThrow(RangeError);
    }
  });

  it('throws RangeError for flags that overlap the PFN field (bits 12..51) or do not fit 64 bits', () => {
    for (const bad of [1n << 12n, 1n << 51n, 0x1000n | PTE_PRESENT, -1n, 1n << 64n]) {
      expect(() => makeEntry(1, bad)).toThrow(RangeError);
    }
  });

  it('accepts the bits above the PFN field: 52..62 (software, protection key) and 63 (NX)', () => {
    expect(makeEntry(1, 1n << 52n)).toBe((1n << 52n) | 0x1000n);
    expect(makeEntry(1, 1n << 62n)).toBe((1n << 62n) | 0x1000n);
  });

  it('keeps PFN and flags apart for any PFN and any set of flags', () => {
    fc.assert(
      fc.property(pfn, flags, (p, f) => {
        const entry = makeEntry(p, f);
        return (entry & f) === f && (entry ^ f) === BigInt(p) * 4096n;
      }),
    );
  });
});

describe('entryPfn', () => {
  it('reads frame 0x137be8 out of 0x8000000137be8067: NX and the low flags are not part of it', () => {
    expect(entryPfn(0x8000000137be8067n)).toBe(0x137be8);
  });

  it('reads a THP frame out of a PMD entry: 0x8000000132c000e7 → 0x132c00', () => {
    expect(entryPfn(0x8000000132c000e7n)).toBe(0x132c00);
  });

  it('ignores bits 52..62 (software bits, protection keys)', () => {
    expect(entryPfn((0x7ffn << 52n) | 0x5000n | 0x67n)).toBe(5);
  });

  it('reads the largest PFN, 2^40 − 1, as a number', () => {
    expect(entryPfn(0xffffffffffffffffn)).toBe(2 ** 40 - 1);
  });

  it('undoes makeEntry for any PFN and flags', () => {
    fc.assert(fc.property(pfn, flags, (p, f) => entryPfn(makeEntry(p, f)) === p));
  });
});
