import { describe, expect, it } from 'vitest';
import { PageTable, PageTableError } from '#kata/09-page-table';
import { CountingFrames } from './frames.ts';

describe('PageTable', () => {
  describe('constructor', () => {
    it('takes one frame from the FrameAllocator for the PGD, as pgd_alloc does', () => {
      const frames = new CountingFrames();
      new PageTable(frames);
      expect(frames.inUse).toBe(1);
      expect([...frames.taken]).toEqual([0x1000]);
    });

    it('starts with only the PGD: tableCount { pgd: 1, pud: 0, pmd: 0, pte: 0 }', () => {
      const table = new PageTable(new CountingFrames());
      expect(table.tableCount()).toEqual({ pgd: 1, pud: 0, pmd: 0, pte: 0 });
    });

    it('starts at VmPTE 0 kB: the PGD page is not counted', () => {
      const table = new PageTable(new CountingFrames());
      expect(table.vmPteKb()).toBe(0);
    });

    it('throws PageTableError (code out-of-memory) when the FrameAllocator has no frame', () => {
      const frames = new CountingFrames({ limit: 0 });
      expect(() => new PageTable(frames)).toThrow(PageTableError);
      expect(() => new PageTable(frames)).toThrow(expect.objectContaining({ code: 'out-of-memory' }));
      expect(frames.allocs).toBe(0);
    });

    it('takes a PGD for each table: two tables on one allocator use two frames', () => {
      const frames = new CountingFrames();
      const tables = [new PageTable(frames), new PageTable(frames)];
      expect(tables.map((t) => t.tableCount().pgd)).toEqual([1, 1]);
      expect(frames.inUse).toBe(2);
    });
  });
});
