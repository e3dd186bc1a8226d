import { notImplemented } from '#shared/errors';
import type { FrameAllocator } from './frame-allocator.ts';
import type { Access, MapOptions, Mode, TableCount, Translation, WalkStep } from './translation.ts';

/**
 * A 4-level x86-64 page table whose table pages come from a FrameAllocator. What each method must do is
 * written on the PageTable interface below. Keep your state in private fields (`#pages`, `#pgd`, …).
 */
export const PageTable: new (frames: FrameAllocator) => PageTable = class PageTable {
  /** Takes the PGD page from `frames` (pgd_alloc); PageTableError 'out-of-memory' when there is none. */
  constructor(frames: FrameAllocator) {
    notImplemented('PageTable');
  }

  map(va: bigint, pfn: number, options: MapOptions = {}): void {
    notImplemented('PageTable.map');
  }

  unmap(va: bigint): bigint {
    return notImplemented('PageTable.unmap');
  }

  translate(va: bigint, access: Access = 'read', mode: Mode = 'user'): Translation {
    return notImplemented('PageTable.translate');
  }

  walk(va: bigint): WalkStep[] {
    return notImplemented('PageTable.walk');
  }

  tableCount(): TableCount {
    return notImplemented('PageTable.tableCount');
  }

  vmPteKb(): number {
    return notImplemented('PageTable.vmPteKb');
  }

  destroy(): void {
    notImplemented('PageTable.destroy');
  }
};

/** What a PageTable can do: `new PageTable(frames)` returns one. */
export interface PageTable {
  /**
   * Maps the 4 KiB page at `va` (or the 2 MiB page, with `huge`) to frame `pfn`, taking table pages from the
   * FrameAllocator for every level that has none yet. Defaults: read-only, user, not executable, 4 KiB.
   * Throws AddressError (non-canonical va), RangeError (bad pfn) or PageTableError ('misaligned',
   * 'already-mapped', 'out-of-memory'); a call that throws changes nothing.
   */
  map(va: bigint, pfn: number, options?: MapOptions): void;
  /**
   * Removes the mapping that starts at `va` and returns its old entry (Accessed and Dirty included, as
   * ptep_get_and_clear does). Table pages left empty go back to the FrameAllocator, the deposited PTE table
   * of a 2 MiB page too. PageTableError 'not-mapped' when nothing maps `va`.
   */
  unmap(va: bigint): bigint;
  /** What the MMU does with `va`: the physical address, or the fault and the level that raised it. */
  translate(va: bigint, access?: Access, mode?: Mode): Translation;
  /** The entries a walk of `va` reads, top down, ending at a leaf or at the entry that is not present. */
  walk(va: bigint): WalkStep[];
  /** Table pages in use per level (a 2 MiB mapping's deposited PTE table counts as a PTE table). */
  tableCount(): TableCount;
  /** VmPTE as /proc/PID/status prints it: 4 kB × (PUD + PMD + PTE table pages). */
  vmPteKb(): number;
  /** Gives every table page back, the PGD too (pgd_free). Afterwards every call but tableCount and vmPteKb throws. */
  destroy(): void;
}
