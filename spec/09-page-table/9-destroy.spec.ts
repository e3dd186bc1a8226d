import { describe, expect, it } from 'vitest';
import { PageTableError } from '#kata/09-page-table';
import { LIBC, STACK, THP, THP_PFN, tableWith } from './helpers.ts';

describe('PageTable', () => {
  describe('destroy', () => {
    it('gives every table page back, the PGD and the deposited tables too (pgd_free at exit)', () => {
      const { table, frames } = tableWith([
        [LIBC, 1],
        [STACK, 2],
        [THP, THP_PFN, { huge: true }],
      ]);
      table.destroy();
      expect(frames.inUse).toBe(0);
      expect(frames.frees).toBe(frames.allocs);
    });

    it('gives each frame back exactly once after pages and 2 MiB pages came and went', () => {
      const { table, frames } = tableWith([
        [LIBC, 1],
        [STACK, 2],
        [THP, THP_PFN, { huge: true }],
        [THP + 0x200000n, THP_PFN + 512, { huge: true }],
      ]);
      table.unmap(LIBC);
      table.unmap(THP);
      table.destroy(); // a frame given back twice makes CountingFrames throw
      expect(frames.inUse).toBe(0);
      expect(frames.frees).toBe(frames.allocs);
    });

    it('leaves a table that counts nothing', () => {
      const { table } = tableWith([[LIBC, 1]]);
      table.destroy();
      expect(table.tableCount()).toEqual({ pgd: 0, pud: 0, pmd: 0, pte: 0 });
      expect(table.vmPteKb()).toBe(0);
    });

    it('refuses every other call afterwards with PageTableError (code destroyed)', () => {
      const { table } = tableWith([[LIBC, 1]]);
      table.destroy();
      const destroyed = expect.objectContaining({ name: 'PageTableError', code: 'destroyed' });
      expect(() => table.map(STACK, 2)).toThrow(destroyed);
      expect(() => table.unmap(LIBC)).toThrow(destroyed);
      expect(() => table.translate(LIBC)).toThrow(destroyed);
      expect(() => table.walk(LIBC)).toThrow(destroyed);
      expect(() => table.destroy()).toThrow(PageTableError);
      expect(() => table.walk(LIBC)).toThrow(/destroyed/);
    });
  });
});
