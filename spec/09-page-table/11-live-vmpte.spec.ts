import { describe, expect, it } from 'vitest';
import { fixture } from '#support/fixtures';
import { newTable } from './helpers.ts';

/** A capture made by spec/fixtures/vmpte/capture/capture.mjs (see the README there). */
interface VmPteCapture {
  name: string;
  what: string;
  /** Page-table pages the kernel keeps that no present or swapped page needs, known from how the process was made. */
  emptyTables: number | null;
  vmPteKb: number;
  present: [string, number][];
  swapped: [string, number][];
  /** Virtual page numbers (hex) of the first page of each 2 MiB block a THP maps with one PMD. */
  huge: string[];
}

const load = (name: string): VmPteCapture => JSON.parse(fixture(`vmpte/${name}.json`));

/**
 * Maps every present or swapped page of the capture into a fresh table (a swapped-out page keeps its PTE: it
 * holds the swap entry) and returns the table's VmPTE. THP blocks become 2 MiB mappings.
 */
function replay(capture: VmPteCapture, { thpAsSmallPages = false } = {}): number {
  const { table } = newTable();
  const huge = new Set(capture.huge.map((vpn) => BigInt(`0x${vpn}`)));
  let pfn = 0;
  for (const [first, count] of [...capture.present, ...capture.swapped]) {
    for (let vpn = BigInt(`0x${first}`), i = 0; i < count; i++, vpn++) {
      const block = vpn - (vpn % 512n);
      if (!thpAsSmallPages && huge.has(block)) {
        if (vpn === block) table.map(block * 4096n, 512 * 1024 + 512 * (pfn++ % 1024), { huge: true });
        continue;
      }
      table.map(vpn * 4096n, pfn++ % 2 ** 20);
    }
  }
  return table.vmPteKb();
}

describe('PageTable', () => {
  describe('vmPteKb against live processes (VmPTE of /proc/PID/status, Linux 6.18)', () => {
    for (const name of ['sleep', 'bash', 'python', 'node']) {
      const capture = load(name);
      it(`equals the VmPTE of ${capture.what}: ${capture.vmPteKb} kB`, () => {
        expect(replay(capture)).toBe(capture.vmPteKb);
      });
    }

    it('equals the VmPTE of a process with two THPs: each still holds a deposited PTE table', () => {
      const capture = load('thp');
      expect(capture.huge).toHaveLength(2);
      expect(replay(capture)).toBe(capture.vmPteKb);
      expect(replay(capture, { thpAsSmallPages: true })).toBe(capture.vmPteKb);
    });

    it('equals the VmPTE of a process with 512 pages swapped out: a swap entry keeps its PTE table', () => {
      const capture = load('pageout');
      expect(capture.swapped.reduce((n, [, count]) => n + count, 0)).toBe(512);
      expect(replay(capture)).toBe(capture.vmPteKb);
    });

    it('is 4 kB short after MADV_DONTNEED in two halves: the kernel keeps the emptied PTE table', () => {
      const capture = load('dontneed');
      expect(capture.vmPteKb - replay(capture)).toBe(4 * (capture.emptyTables ?? Number.NaN));
      expect(capture.emptyTables).toBe(1);
    });

    it('is 4 kB short after a partial munmap: the PTE table the remaining VMA shares is kept, empty', () => {
      const capture = load('munmap');
      expect(capture.vmPteKb - replay(capture)).toBe(4 * (capture.emptyTables ?? Number.NaN));
      expect(capture.emptyTables).toBe(1);
    });
  });
});
