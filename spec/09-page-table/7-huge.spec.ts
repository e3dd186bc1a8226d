import { describe, expect, it } from 'vitest';
import {
  entryPfn,
  makeEntry,
  PageTableError,
  PTE_DIRTY,
  PTE_HUGE,
  PTE_NX,
  PTE_PRESENT,
  PTE_USER,
  PTE_WRITE,
} from '#kata/09-page-table';
import { lastStep, newTable, snapshot, THP, THP_PFN, tableWith } from './helpers.ts';

const MiB2 = 0x200000n;

describe('PageTable', () => {
  describe('2 MiB mappings (huge)', () => {
    it('maps a THP with one PMD entry: the walk ends at the PMD, with PS set', () => {
      const { table } = tableWith([[THP, THP_PFN, { huge: true, write: true }]]);
      const steps = table.walk(THP + 0x123456n);
      expect(steps.map((s) => s.level)).toEqual(['pgd', 'pud', 'pmd']);
      expect(lastStep(steps).entry).toBe(makeEntry(THP_PFN, PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_HUGE | PTE_NX));
    });

    it('translates any byte of the 2 MiB page: 0x7f6f10d23456 → frame 0x132c00 × 4096 + 0x123456', () => {
      const { table } = tableWith([[THP, THP_PFN, { huge: true }]]);
      expect(table.translate(THP + 0x123456n)).toEqual({
        kind: 'ok',
        pa: 0x132c00n * 4096n + 0x123456n,
        pageSize: 2097152,
      });
      expect(table.translate(THP + MiB2 - 1n)).toEqual({
        kind: 'ok',
        pa: 0x132c00n * 4096n + MiB2 - 1n,
        pageSize: 2097152,
      });
    });

    it('still holds one PTE table page, deposited for the day it is split: it counts in tableCount and VmPTE', () => {
      const { table, frames } = tableWith([[THP, THP_PFN, { huge: true }]]);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      expect(table.vmPteKb()).toBe(12);
      expect(frames.inUse).toBe(4);
    });

    it('costs the same VmPTE as the 512 small pages it replaces', () => {
      const huge = tableWith([[THP, THP_PFN, { huge: true }]]).table;
      const { table: small } = newTable();
      for (let i = 0n; i < 512n; i++) small.map(THP + i * 0x1000n, THP_PFN + Number(i));
      expect(huge.vmPteKb()).toBe(small.vmPteKb());
    });

    it('takes a deposited PTE table for each huge page, even when the PMD table exists', () => {
      const { table } = tableWith([
        [THP, THP_PFN, { huge: true }],
        [THP + MiB2, THP_PFN + 512, { huge: true }],
      ]);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 2 });
    });

    it('faults a write to a read-only huge page at the PMD level, and sets Dirty on the PMD entry of a write', () => {
      const { table } = tableWith([
        [THP, THP_PFN, { huge: true }],
        [THP + MiB2, THP_PFN + 512, { huge: true, write: true }],
      ]);
      expect(table.translate(THP + 0x5000n, 'write')).toEqual({ kind: 'fault', reason: 'protection', level: 'pmd' });
      table.translate(THP + MiB2 + 0x5000n, 'write');
      expect(lastStep(table.walk(THP + MiB2)).entry & PTE_DIRTY).toBe(PTE_DIRTY);
    });

    it('gives the deposited table back on unmap, with the rest of the empty path', () => {
      const { table, frames } = tableWith([[THP, THP_PFN, { huge: true }]]);
      expect(entryPfn(table.unmap(THP))).toBe(THP_PFN);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 0, pmd: 0, pte: 0 });
      expect(frames.inUse).toBe(1);
    });

    it('throws PageTableError (code misaligned) for an address that is not a multiple of 2 MiB', () => {
      const { table } = newTable();
      expect(() => table.map(THP + 0x1000n, THP_PFN, { huge: true })).toThrow(PageTableError);
      expect(() => table.map(THP + 0x1000n, THP_PFN, { huge: true })).toThrow(/2 MiB-aligned address/);
      expect(() => table.map(THP + 0x100000n, THP_PFN, { huge: true })).toThrow(
        expect.objectContaining({ code: 'misaligned' }),
      );
    });

    it('throws PageTableError (code misaligned) for a frame that is not a multiple of 512', () => {
      const { table } = newTable();
      expect(() => table.map(THP, THP_PFN + 1, { huge: true })).toThrow(
        expect.objectContaining({ code: 'misaligned' }),
      );
      expect(() => table.map(THP, THP_PFN + 1, { huge: true })).toThrow(/a PFN that is a multiple of 512/);
    });

    it('throws PageTableError (code misaligned) to unmap a 2 MiB page anywhere but its first byte', () => {
      const { table, frames } = tableWith([[THP, THP_PFN, { huge: true }]]);
      const before = snapshot(table, frames, [THP]);
      expect(() => table.unmap(THP + 0x1000n)).toThrow(
        expect.objectContaining({ name: 'PageTableError', code: 'misaligned' }),
      );
      expect(() => table.unmap(THP + 0x1000n)).toThrow(/0x7f6f10c01000 is inside a 2 MiB page/);
      expect(snapshot(table, frames, [THP])).toEqual(before);
    });

    it('refuses a 4 KiB page inside a 2 MiB page (already-mapped)', () => {
      const { table } = tableWith([[THP, THP_PFN, { huge: true }]]);
      expect(() => table.map(THP + 0x3000n, 7)).toThrow(
        expect.objectContaining({ name: 'PageTableError', code: 'already-mapped' }),
      );
      expect(() => table.map(THP + 0x3000n, 7)).toThrow(/0x7f6f10c03000 is already mapped: a 2 MiB page/);
    });

    it('refuses a 2 MiB page over 4 KiB pages, or over another 2 MiB page (already-mapped)', () => {
      const { table } = tableWith([
        [THP + 0x7000n, 7],
        [THP + MiB2, THP_PFN, { huge: true }],
      ]);
      expect(() => table.map(THP, THP_PFN, { huge: true })).toThrow(
        expect.objectContaining({ code: 'already-mapped' }),
      );
      expect(() => table.map(THP, THP_PFN, { huge: true })).toThrow(/a PTE table with 4 KiB pages/);
      expect(() => table.map(THP + MiB2, THP_PFN, { huge: true })).toThrow(
        expect.objectContaining({ code: 'already-mapped' }),
      );
    });

    it('gives back each deposited table once when two 2 MiB pages are unmapped', () => {
      const { table, frames } = tableWith([
        [THP, THP_PFN, { huge: true }],
        [THP + MiB2, THP_PFN + 512, { huge: true }],
      ]);
      table.unmap(THP + MiB2);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      table.unmap(THP);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 0, pmd: 0, pte: 0 });
      expect(frames.inUse).toBe(1);
    });

    it('maps a 2 MiB page where 4 KiB pages were, once they are all unmapped', () => {
      const { table } = tableWith([[THP + 0x7000n, 7]]);
      table.unmap(THP + 0x7000n);
      table.map(THP, THP_PFN, { huge: true });
      expect(table.translate(THP + 0x7000n)).toEqual({
        kind: 'ok',
        pa: BigInt(THP_PFN) * 4096n + 0x7000n,
        pageSize: 2097152,
      });
    });
  });
});
