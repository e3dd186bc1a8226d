import { describe, expect, it } from 'vitest';
import { PTE_ACCESSED, PTE_DIRTY, PTE_TABLE } from '#kata/09-page-table';
import { LIBC, lastStep, tableWith } from './helpers.ts';

const AD = PTE_ACCESSED | PTE_DIRTY;

describe('PageTable', () => {
  describe('Accessed and Dirty bits', () => {
    it('starts a new mapping with Accessed and Dirty clear', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      expect(lastStep(table.walk(LIBC)).entry & AD).toBe(0n);
    });

    it('sets Accessed, and only Accessed, on a read', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      table.translate(LIBC);
      expect(lastStep(table.walk(LIBC)).entry & AD).toBe(PTE_ACCESSED);
    });

    it('sets Accessed and Dirty on a write', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      table.translate(LIBC + 0x10n, 'write');
      expect(lastStep(table.walk(LIBC)).entry & AD).toBe(AD);
    });

    it('sets Accessed, not Dirty, on an instruction fetch and on a kernel read', () => {
      const { table } = tableWith([
        [0x1000n, 1, { exec: true }],
        [0x2000n, 2, { user: false }],
      ]);
      table.translate(0x1000n, 'exec');
      table.translate(0x2000n, 'read', 'kernel');
      expect(lastStep(table.walk(0x1000n)).entry & AD).toBe(PTE_ACCESSED);
      expect(lastStep(table.walk(0x2000n)).entry & AD).toBe(PTE_ACCESSED);
    });

    it('keeps Dirty once set: a read after a write leaves it', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      table.translate(LIBC, 'write');
      table.translate(LIBC, 'read');
      expect(lastStep(table.walk(LIBC)).entry & AD).toBe(AD);
    });

    it('sets nothing when the access faults: a write to a read-only page stays clean and unaccessed', () => {
      const { table } = tableWith([[LIBC, 1]]);
      table.translate(LIBC, 'write');
      table.translate(LIBC, 'exec');
      expect(lastStep(table.walk(LIBC)).entry & AD).toBe(0n);
    });

    it('touches only the page it translates, not its neighbours', () => {
      const { table } = tableWith([
        [LIBC, 1, { write: true }],
        [LIBC + 0x1000n, 2, { write: true }],
      ]);
      table.translate(LIBC, 'write');
      expect(lastStep(table.walk(LIBC + 0x1000n)).entry & AD).toBe(0n);
    });

    it('leaves the table entries above the leaf as _PAGE_TABLE, which has Accessed and Dirty already', () => {
      const { table } = tableWith([[LIBC, 1, { write: true }]]);
      table.translate(LIBC, 'write');
      for (const step of table.walk(LIBC).slice(0, 3)) expect(step.entry & 0xfffn).toBe(PTE_TABLE);
    });
  });
});
