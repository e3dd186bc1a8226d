import { describe, expect, it } from 'vitest';
import { AddressError, PageTable, PageTableError } from '#kata/09-page-table';
import { CountingFrames } from './frames.ts';
import { LIBC, STACK, snapshot, THP, THP_PFN, tableWith, VSYSCALL } from './helpers.ts';

/** A table with a page at LIBC (written once, so it is Accessed and Dirty) and a 2 MiB page at THP. */
function busyTable() {
  const made = tableWith([
    [LIBC, 1, { write: true }],
    [THP, THP_PFN, { huge: true }],
  ]);
  made.table.translate(LIBC, 'write');
  return made;
}
const WATCHED = [LIBC, LIBC + 0x1000n, STACK, THP, THP + 0x1000n, VSYSCALL];

describe('PageTable', () => {
  describe('bad input leaves the table as it was', () => {
    it('throws AddressError to map a non-canonical address', () => {
      const { table, frames } = busyTable();
      const before = snapshot(table, frames, WATCHED);
      for (const va of [0x800000000000n, 0xffff000000000000n, -0x1000n, 1n << 64n]) {
        expect(() => table.map(va, 5)).toThrow(AddressError);
      }
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('throws RangeError to map a frame that is negative, fractional or 2^40 or more', () => {
      const { table, frames } = busyTable();
      const before = snapshot(table, frames, WATCHED);
      for (const pfn of [-1, 0.5, 2 ** 40, Number.NaN]) expect(() => table.map(STACK, pfn)).toThrow(RangeError);
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('throws PageTableError (code misaligned) to map an address with a byte offset', () => {
      const { table, frames } = busyTable();
      const before = snapshot(table, frames, WATCHED);
      expect(() => table.map(STACK + 0x80n, 5)).toThrow(
        expect.objectContaining({ name: 'PageTableError', code: 'misaligned' }),
      );
      expect(() => table.map(STACK + 0x80n, 5)).toThrow(/0x7ffcf7980080 is not at the start of a 4 KiB page/);
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('throws PageTableError (code already-mapped) to map over a present page, and keeps its frame and bits', () => {
      const { table, frames } = busyTable();
      const before = snapshot(table, frames, WATCHED);
      expect(() => table.map(LIBC, 99, { write: true })).toThrow(PageTableError);
      expect(() => table.map(LIBC, 1)).toThrow(/0x7f6f11439000 is already mapped: the PTE is present/);
      expect(() => table.map(LIBC, 1)).toThrow(expect.objectContaining({ code: 'already-mapped' }));
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('throws PageTableError (code not-mapped) for an unmap of a page that is not there', () => {
      const { table, frames } = busyTable();
      const before = snapshot(table, frames, WATCHED);
      expect(() => table.unmap(LIBC + 0x1000n)).toThrow(expect.objectContaining({ code: 'not-mapped' }));
      expect(() => table.unmap(VSYSCALL)).toThrow(expect.objectContaining({ code: 'not-mapped' }));
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('throws PageTableError (code out-of-memory) when a table page cannot be had, gives back what it took', () => {
      const frames = new CountingFrames({ limit: 3 }); // PGD + 2: one short of a new path
      const table = new PageTable(frames);
      const before = snapshot(table, frames, WATCHED);
      expect(() => table.map(LIBC, 1)).toThrow(PageTableError);
      expect(() => table.map(LIBC, 1)).toThrow(expect.objectContaining({ code: 'out-of-memory' }));
      expect(() => table.map(LIBC, 1)).toThrow(/no free frame/);
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
      frames.limit = 4;
      table.map(LIBC, 1);
      expect(table.translate(LIBC)).toEqual({ kind: 'ok', pa: 0x1000n, pageSize: 4096 });
    });

    it('runs out of memory for the deposited table of a 2 MiB page too', () => {
      const frames = new CountingFrames({ limit: 4 });
      const table = new PageTable(frames);
      table.map(THP + 0x400000n, 1); // PGD, PUD, PMD and PTE tables: the allocator is empty now
      const before = snapshot(table, frames, WATCHED);
      expect(() => table.map(THP, THP_PFN, { huge: true })).toThrow(expect.objectContaining({ code: 'out-of-memory' }));
      expect(snapshot(table, frames, WATCHED)).toEqual(before);
    });

    it('needs no new frame for a page in an existing PTE table, even with the allocator empty', () => {
      const frames = new CountingFrames({ limit: 4 });
      const table = new PageTable(frames);
      table.map(LIBC, 1);
      table.map(LIBC + 0x1000n, 2);
      expect(table.translate(LIBC + 0x1000n).kind).toBe('ok');
    });
  });
});
