import { describe, expect, it } from 'vitest';
import {
  AddressError,
  entryPfn,
  makeEntry,
  PTE_NX,
  PTE_PRESENT,
  PTE_TABLE,
  PTE_USER,
  PTE_WRITE,
} from '#kata/09-page-table';
import { LIBC, lastStep, newTable, STACK, tableWith, VSYSCALL } from './helpers.ts';

describe('PageTable', () => {
  describe('map and walk', () => {
    it('builds the path to 0x7f6f11439000 with one new table page per level: PUD, PMD, PTE', () => {
      const { table, frames } = tableWith([[LIBC, 0x137be8]]);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      expect(frames.inUse).toBe(4);
    });

    it('walks 0x7f6f11439000 through slots 254, 444, 138 and 57, starting at the PGD frame', () => {
      const { table } = tableWith([[LIBC, 0x137be8]]);
      const steps = table.walk(LIBC);
      expect(steps.map((s) => s.level)).toEqual(['pgd', 'pud', 'pmd', 'pte']);
      expect(steps.map((s) => s.index)).toEqual([254, 444, 138, 57]);
      expect(steps[0]?.tablePfn).toBe(0x1000);
    });

    it('links each level to the next: a table entry holds the PFN of the table page below it', () => {
      const { table, frames } = tableWith([[LIBC, 0x137be8]]);
      const steps = table.walk(LIBC);
      for (let i = 0; i < 3; i++) expect(entryPfn(steps[i]?.entry ?? 0n)).toBe(steps[i + 1]?.tablePfn);
      const pages = steps.map((s) => s.tablePfn);
      expect(new Set(pages).size).toBe(4);
      expect(pages.every((pfn) => frames.taken.has(pfn))).toBe(true);
    });

    it("writes the kernel's _PAGE_TABLE flags (P, R/W, U/S, A, D) in every table entry", () => {
      const { table } = tableWith([[LIBC, 0x137be8]]);
      const steps = table.walk(LIBC);
      for (const step of steps.slice(0, 3)) expect(step.entry - BigInt(entryPfn(step.entry)) * 4096n).toBe(PTE_TABLE);
    });

    it('maps read-only, user, not executable by default, with Accessed and Dirty clear', () => {
      const { table } = tableWith([[LIBC, 0x137be8]]);
      expect(lastStep(table.walk(LIBC)).entry).toBe(makeEntry(0x137be8, PTE_PRESENT | PTE_USER | PTE_NX));
    });

    it('sets R/W for write, clears U/S for user: false, clears NX for exec', () => {
      const { table } = tableWith([
        [0x1000n, 1, { write: true }],
        [0x2000n, 2, { user: false }],
        [0x3000n, 3, { exec: true }],
        [0x4000n, 4, { write: true, user: false, exec: true }],
      ]);
      expect(lastStep(table.walk(0x1000n)).entry).toBe(makeEntry(1, PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_NX));
      expect(lastStep(table.walk(0x2000n)).entry).toBe(makeEntry(2, PTE_PRESENT | PTE_NX));
      expect(lastStep(table.walk(0x3000n)).entry).toBe(makeEntry(3, PTE_PRESENT | PTE_USER));
      expect(lastStep(table.walk(0x4000n)).entry).toBe(makeEntry(4, PTE_PRESENT | PTE_WRITE));
    });

    it('adds no table page for a second page in the same 2 MiB: the PTE table has 512 slots', () => {
      const { table, frames } = tableWith([
        [LIBC, 1],
        [LIBC + 0x1000n, 2],
      ]);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 1 });
      expect(frames.inUse).toBe(4);
    });

    it('adds one PTE table for the next 2 MiB, PMD + PTE for the next 1 GiB, PUD + PMD + PTE for the next 512 GiB', () => {
      const { table } = tableWith([[0x40000000000n, 1]]);
      table.map(0x40000000000n + 0x200000n, 2);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 1, pte: 2 });
      table.map(0x40000000000n + 0x40000000n, 3);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 1, pmd: 2, pte: 3 });
      table.map(0x40000000000n + 0x8000000000n, 4);
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 2, pmd: 3, pte: 4 });
    });

    it('counts VmPTE as 4 kB per PUD, PMD and PTE table page, never the PGD', () => {
      const { table } = tableWith([
        [LIBC, 1],
        [STACK, 2],
      ]);
      // LIBC is in PGD slot 254 and STACK in 255: each needs its own PUD, PMD and PTE table.
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 2, pmd: 2, pte: 2 });
      expect(table.vmPteKb()).toBe(24);
    });

    it('maps in the kernel half: the vsyscall page sits at PGD slot 511', () => {
      const { table } = tableWith([[VSYSCALL, 0x1234, { user: true, exec: true }]]);
      expect(table.walk(VSYSCALL).map((s) => s.index)).toEqual([511, 511, 507, 0]);
      expect(entryPfn(lastStep(table.walk(VSYSCALL)).entry)).toBe(0x1234);
    });

    it('stops a walk at the first entry that is not present, and includes that entry', () => {
      const { table } = newTable();
      expect(table.walk(LIBC)).toEqual([{ level: 'pgd', tablePfn: 0x1000, index: 254, entry: 0n }]);
      table.map(LIBC, 1);
      const other = table.walk(LIBC + 0x40000000n); // same PUD table, another 1 GiB
      expect(other.map((s) => s.level)).toEqual(['pgd', 'pud']);
      expect(lastStep(other).entry).toBe(0n);
    });

    it('walks without touching the entries: Accessed and Dirty stay as they were', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      const before = table.walk(LIBC);
      table.walk(LIBC);
      expect(table.walk(LIBC)).toEqual(before);
    });

    it('throws AddressError for a walk of a non-canonical address', () => {
      const { table } = newTable();
      expect(() => table.walk(0x800000000000n)).toThrow(AddressError);
    });
  });
});
