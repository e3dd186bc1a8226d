import { describe, expect, it } from 'vitest';
import { LIBC, newTable, STACK, tableWith, VSYSCALL } from './helpers.ts';

describe('PageTable', () => {
  describe('translate', () => {
    it('turns 0x7f6f11439123 into frame 0x137be8 × 4096 + 0x123, in a 4 KiB page', () => {
      const { table } = tableWith([[LIBC, 0x137be8]]);
      expect(table.translate(LIBC + 0x123n)).toEqual({ kind: 'ok', pa: 0x137be8123n, pageSize: 4096 });
    });

    it('keeps the whole offset: the last byte of the page is frame × 4096 + 4095', () => {
      const { table } = tableWith([[STACK, 7]]);
      expect(table.translate(STACK + 0xfffn)).toEqual({ kind: 'ok', pa: 7n * 4096n + 4095n, pageSize: 4096 });
    });

    it('gives a physical address above 2^32 exactly: frame 2^40 − 1 ends at 2^52 − 1', () => {
      const { table } = tableWith([[LIBC, 2 ** 40 - 1]]);
      expect(table.translate(LIBC + 0xfffn)).toEqual({ kind: 'ok', pa: 2n ** 52n - 1n, pageSize: 4096 });
    });

    it('translates in the kernel half: the vsyscall page', () => {
      const { table } = tableWith([[VSYSCALL, 0x2000, { exec: true }]]);
      expect(table.translate(VSYSCALL + 0x10n, 'exec')).toEqual({ kind: 'ok', pa: 0x2000010n, pageSize: 4096 });
    });

    it('reads by default, in user mode', () => {
      const { table } = tableWith([
        [0x1000n, 1],
        [0x2000n, 2, { user: false }],
      ]);
      expect(table.translate(0x1000n).kind).toBe('ok');
      expect(table.translate(0x2000n)).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
    });

    it('reports not-present at the PGD when nothing is mapped in that 512 GiB', () => {
      const { table } = newTable();
      expect(table.translate(LIBC)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pgd' });
    });

    it('reports not-present at the PUD, the PMD or the PTE, wherever the walk runs out', () => {
      const { table } = tableWith([[LIBC, 1]]);
      expect(table.translate(LIBC + 0x40000000n)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pud' });
      expect(table.translate(LIBC + 0x200000n)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pmd' });
      expect(table.translate(LIBC + 0x1000n)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pte' });
      expect(table.translate(LIBC - 0x1000n)).toEqual({ kind: 'fault', reason: 'not-present', level: 'pte' });
    });

    it('reports a non-canonical address as a fault at the PGD level, without throwing', () => {
      const { table } = tableWith([[LIBC, 1]]);
      for (const va of [0x800000000000n, 0xffff7fffffffffffn, 1n << 64n, -1n]) {
        expect(table.translate(va)).toEqual({ kind: 'fault', reason: 'non-canonical', level: 'pgd' });
      }
    });

    it('faults a write to a read-only page (protection, at the PTE)', () => {
      const { table } = tableWith([[LIBC, 1]]);
      expect(table.translate(LIBC, 'write')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
    });

    it('faults a kernel write to a read-only page too: Linux runs with CR0.WP set', () => {
      const { table } = tableWith([[LIBC, 1]]);
      expect(table.translate(LIBC, 'write', 'kernel')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
    });

    it('lets a write through a writable page', () => {
      const { table } = tableWith([[LIBC, 3, { write: true }]]);
      expect(table.translate(LIBC + 8n, 'write')).toEqual({ kind: 'ok', pa: 3n * 4096n + 8n, pageSize: 4096 });
    });

    it('faults a user access to a kernel page, and lets the kernel through', () => {
      const { table } = tableWith([[VSYSCALL, 5, { user: false, write: true }]]);
      expect(table.translate(VSYSCALL, 'read', 'user')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
      expect(table.translate(VSYSCALL, 'write', 'user')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
      expect(table.translate(VSYSCALL, 'read', 'kernel')).toEqual({ kind: 'ok', pa: 5n * 4096n, pageSize: 4096 });
      expect(table.translate(VSYSCALL, 'write', 'kernel').kind).toBe('ok');
    });

    it('faults an instruction fetch from an NX page, in user and kernel mode, and allows it with exec', () => {
      const { table } = tableWith([
        [0x1000n, 1],
        [0x2000n, 2, { exec: true }],
      ]);
      expect(table.translate(0x1000n, 'exec')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
      expect(table.translate(0x1000n, 'exec', 'kernel')).toEqual({ kind: 'fault', reason: 'protection', level: 'pte' });
      expect(table.translate(0x2000n, 'exec')).toEqual({ kind: 'ok', pa: 0x2000n, pageSize: 4096 });
    });

    it('does not let write or exec rights leak from one page to its neighbour', () => {
      const { table } = tableWith([
        [0x1000n, 1, { write: true, exec: true }],
        [0x2000n, 2],
      ]);
      expect(table.translate(0x2000n, 'write').kind).toBe('fault');
      expect(table.translate(0x2000n, 'exec').kind).toBe('fault');
      expect(table.translate(0x1000n, 'write').kind).toBe('ok');
    });
  });
});
