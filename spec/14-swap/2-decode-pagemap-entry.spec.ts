import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePagemapEntry, encodeSwapEntry, MAX_SWAP_OFFSET } from '#kata/14-swap';
import { fixture } from '#support/fixtures';
import { pagemapEntries } from './captures.ts';

const none = { softDirty: false, exclusive: false, uffdWp: false, guard: false, fileOrSharedAnon: false };

describe('decodePagemapEntry', () => {
  it('reads a swapped-out page: area 3, slot 1, no PFN (root reader)', () => {
    expect(decodePagemapEntry(0x4000000000000023n)).toEqual({
      present: false,
      swapped: true,
      pfn: null,
      swapType: 3,
      swapOffset: 1,
      ...none,
    });
  });

  it('reads the 64 captured swap entries as slots 1..64 of area 3', () => {
    pagemapEntries('pagemap-swap-root.txt', 'pagedout').forEach((raw, page) => {
      expect(decodePagemapEntry(raw)).toMatchObject({
        swapped: true,
        present: false,
        swapType: 3,
        swapOffset: page + 1,
      });
    });
  });

  it('reads zeros where an unprivileged reader is shown a swapped page: the kernel hides type and offset', () => {
    const entries = pagemapEntries('pagemap-swap-nobody.txt', 'pagedout');
    expect(entries[5]).toBe(1n << 62n);
    expect(decodePagemapEntry(entries[5] as bigint)).toMatchObject({
      swapped: true,
      swapType: 0,
      swapOffset: 0,
      pfn: null,
    });
    expect(decodePagemapEntry(pagemapEntries('pagemap-swap-nobody.txt', 'written')[0] as bigint)).toMatchObject({
      present: true,
      pfn: 0,
      exclusive: true,
    });
  });

  it('reads a page swapped back in as present again, exclusive, with its new frame', () => {
    const after = pagemapEntries('pagemap-swap-root.txt', 'read16');
    expect(decodePagemapEntry(after[16] as bigint)).toMatchObject({
      present: true,
      swapped: false,
      exclusive: true,
      swapType: null,
      swapOffset: null,
    });
    expect(decodePagemapEntry(after[16] as bigint).pfn).toBe(Number((after[16] as bigint) & 0x7fffffffffffffn));
    expect(decodePagemapEntry(after[0] as bigint)).toMatchObject({ swapped: true, swapOffset: 1 }); // not read: still out
  });

  it('reads a guard region (MADV_GUARD_INSTALL) as a swap-format entry with bit 58: type 31, offset 4', () => {
    const guard = pagemapEntries('pagemap-swap-root.txt', 'guard');
    expect(guard[2]).toBe(0x440000000000009fn);
    expect(decodePagemapEntry(0x440000000000009fn)).toEqual({
      present: false,
      swapped: true,
      pfn: null,
      swapType: 31,
      swapOffset: 4,
      ...none,
      guard: true,
    });
    expect(decodePagemapEntry(guard[1] as bigint)).toEqual({
      present: false,
      swapped: false,
      pfn: null,
      swapType: null,
      swapOffset: null,
      ...none,
    });
  });

  it('reads every field of the decoded pagemap capture of kata 10 (spec/fixtures/pagemap)', () => {
    const lines = fixture('pagemap/pagemap-decoded.txt')
      .split('\n')
      .filter((l) => l.includes('raw='));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const field = (name: string) => new RegExp(` ${name}=(\\S+)`).exec(line)?.[1];
      const raw = BigInt(field('raw') as string);
      const e = decodePagemapEntry(raw);
      expect(e.present).toBe(field('present') === '1');
      expect(e.swapped).toBe(field('swapped') === '1');
      expect(e.fileOrSharedAnon).toBe(field('file_or_shared_anon') === '1');
      expect(e.exclusive).toBe(field('exclusive') === '1');
      expect(e.softDirty).toBe(field('soft_dirty') === '1');
      expect(e.uffdWp).toBe(field('uffd_wp') === '1');
      expect(e.pfn).toBe(e.present ? Number(field('pfn')) : null);
    }
  });

  it('reads each flag bit on its own: 55 soft-dirty, 56 exclusive, 57 uffd-wp, 58 guard, 61 file', () => {
    const present = 1n << 63n;
    expect(decodePagemapEntry(present | (1n << 55n)).softDirty).toBe(true);
    expect(decodePagemapEntry(present | (1n << 56n)).exclusive).toBe(true);
    expect(decodePagemapEntry(present | (1n << 57n)).uffdWp).toBe(true);
    expect(decodePagemapEntry(present | (1n << 58n)).guard).toBe(true);
    expect(decodePagemapEntry(present | (1n << 61n)).fileOrSharedAnon).toBe(true);
    expect(decodePagemapEntry(present | (1n << 61n))).toMatchObject({
      softDirty: false,
      exclusive: false,
      uffdWp: false,
      guard: false,
      pfn: 0,
    });
  });

  it('reads a PFN far beyond 2^32 exactly, up to 2^53 − 1', () => {
    expect(decodePagemapEntry((1n << 63n) | 0x1ffffffffn).pfn).toBe(0x1ffffffff);
    expect(decodePagemapEntry((1n << 63n) | ((1n << 53n) - 1n)).pfn).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    ['a negative number', -1n],
    ['a number of 65 bits', 1n << 64n],
    ['both present and swapped', (1n << 63n) | (1n << 62n)],
    ['a PFN of 2^53, which a number cannot hold exactly', (1n << 63n) | (1n << 53n)],
    ['a number instead of a bigint', 5 as unknown as bigint],
  ])('throws RangeError for %s', (_, entry) => {
    expect(() => decodePagemapEntry(entry)).toThrow(RangeError);
  });

  it('undoes encodeSwapEntry for every slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: MAX_SWAP_OFFSET }), (type, offset) => {
        expect(decodePagemapEntry(encodeSwapEntry({ type, offset }))).toEqual({
          present: false,
          swapped: true,
          pfn: null,
          swapType: type,
          swapOffset: offset,
          ...none,
        });
      }),
    );
  });

  it('reads any 64-bit value without losing a flag, or refuses it with RangeError', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (raw) => {
        let e: ReturnType<typeof decodePagemapEntry>;
        try {
          e = decodePagemapEntry(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect(((raw >> 62n) & 3n) === 3n || (raw >> 63n === 1n && (raw & ((1n << 55n) - 1n)) >= 1n << 53n)).toBe(
            true,
          );
          return;
        }
        expect(e.present).toBe(((raw >> 63n) & 1n) === 1n);
        expect(e.guard).toBe(((raw >> 58n) & 1n) === 1n);
        if (e.present) expect(BigInt(e.pfn as number)).toBe(raw & ((1n << 55n) - 1n));
        if (e.swapped)
          expect((BigInt(e.swapOffset as number) << 5n) | BigInt(e.swapType as number)).toBe(raw & ((1n << 55n) - 1n));
      }),
    );
  });
});
