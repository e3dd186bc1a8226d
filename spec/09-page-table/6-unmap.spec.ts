import { describe, expect, it } from 'vitest';
import {
  AddressError,
  makeEntry,
  PageTableError,
  PTE_ACCESSED,
  PTE_DIRTY,
  PTE_NX,
  PTE_PRESENT,
  PTE_USER,
  PTE_WRITE,
} from '#kata/09-page-table';
import { isMapped, LIBC, STACK, tableWith } from './helpers.ts';

describe('PageTable', () => {
  describe('unmap', () => {
    it('returns the old entry, Accessed and Dirty included, as ptep_get_and_clear does', () => {
      const { table } = tableWith([[LIBC, 0x137be8, { write: true }]]);
      table.translate(LIBC, 'write');
      const flags = PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_ACCESSED | PTE_DIRTY | PTE_NX;
      expect(table.unmap(LIBC)).toBe(makeEntry(0x137be8, flags));
    });

    it('makes the page not present again', () => {
      const { table } = tableWith([
        [LIBC, 1],
        [LIBC + 0x1000n, 2],
      ]);
      table.unmap(LIBC);
      expect(table.translate(LIBC)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pte' });
      expect(table.translate(LIBC + 0x1000n)).toEqual({ kind: 'ok', pa: 0x2000n, pageSize: 4096 });
    });

    it('gives back the PTE, PMD and PUD table pages it leaves empty: only the PGD stays', () => {
      const { table, frames } = tableWith([[LIBC, 1]]);
      table.unmap(LIBC);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 0, pmd: 0, pte: 0 });
      expect(table.vmPteKb()).toBe(0);
      expect([...frames.taken]).toEqual([0x1000]);
      expect(table.translate(LIBC)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pgd' });
    });

    it('keeps a PTE table that still maps a page', () => {
      const { table, frames } = tableWith([
        [LIBC, 1],
        [0x7f6f115ff000n, 2], // the last page of the same 2 MiB block
      ]);
      table.unmap(LIBC);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      expect(frames.inUse).toBe(4);
    });

    it('frees only the levels that became empty: a PTE table goes, the PMD table that holds another stays', () => {
      const { table } = tableWith([
        [LIBC, 1],
        [LIBC + 0x200000n, 2],
      ]);
      table.unmap(LIBC + 0x200000n);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      expect(isMapped(table, LIBC)).toBe(true);
    });

    it('frees the PMD table with its last PTE table, and keeps the PUD table that holds another PMD table', () => {
      const { table } = tableWith([
        [LIBC, 1],
        [LIBC + 0x40000000n, 2],
      ]);
      table.unmap(LIBC);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      table.unmap(LIBC + 0x40000000n);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 0, pmd: 0, pte: 0 });
    });

    it('gives back the frames it took, and nothing else', () => {
      const { table, frames } = tableWith([
        [LIBC, 1],
        [STACK, 2],
      ]);
      table.unmap(STACK);
      table.unmap(LIBC);
      expect(frames.allocs).toBe(7);
      expect(frames.frees).toBe(6);
      expect([...frames.taken]).toEqual([0x1000]);
    });

    it('lets the same page be mapped again after unmap', () => {
      const { table } = tableWith([[LIBC, 1]]);
      table.unmap(LIBC);
      table.map(LIBC, 9, { write: true });
      expect(table.translate(LIBC, 'write')).toEqual({ kind: 'ok', pa: 9n * 4096n, pageSize: 4096 });
    });

    it('throws PageTableError (code not-mapped) for a page nothing maps, naming it', () => {
      const { table } = tableWith([[LIBC, 1]]);
      for (const va of [LIBC + 0x1000n, STACK, 0n]) {
        expect(() => table.unmap(va)).toThrow(PageTableError);
        expect(() => table.unmap(va)).toThrow(expect.objectContaining({ code: 'not-mapped' }));
      }
      expect(() => table.unmap(STACK)).toThrow(/0x7ffcf7980000/);
    });

    it('throws PageTableError (code not-mapped) for a second unmap of the same page', () => {
      const { table } = tableWith([[LIBC, 1]]);
      table.unmap(LIBC);
      expect(() => table.unmap(LIBC)).toThrow(expect.objectContaining({ name: 'PageTableError', code: 'not-mapped' }));
    });

    it('throws PageTableError (code misaligned) for an address inside a page, even a mapped one', () => {
      const { table } = tableWith([[LIBC, 1]]);
      expect(() => table.unmap(LIBC + 0x10n)).toThrow(/0x7f6f11439010 is not at the start of a page/);
      expect(() => table.unmap(LIBC + 0x10n)).toThrow(
        expect.objectContaining({ name: 'PageTableError', code: 'misaligned' }),
      );
      expect(isMapped(table, LIBC)).toBe(true);
    });

    it('throws AddressError for a non-canonical address', () => {
      const { table } = tableWith([[LIBC, 1]]);
      expect(() => table.unmap(0x800000000000n)).toThrow(AddressError);
    });
  });
});
