import type { ThpMode } from './thp-setting.ts';

/** 2 MiB: what one PMD entry maps (HPAGE_PMD_SIZE). */
export const HPAGE_PMD_SIZE = 0x200000n;

/** What thpEligible needs of a VMA; kata 3's Mapping and kata 10's Vma both fit. */
export interface ThpVma {
  start: bigint;
  end: bigint;
  /** The two-letter VmFlags codes as smaps prints them: 'hg' after MADV_HUGEPAGE, 'nh' after MADV_NOHUGEPAGE. */
  vmFlags: readonly string[];
}

const MODES: readonly ThpMode[] = ['always', 'madvise', 'never'];

/**
 * May a fault at `faultAddress` in `vma` be served with a 2 MiB page, when the enabled file says `mode`?
 * All of these must hold (mm/huge_memory.c __thp_vma_allowable_orders, include/linux/huge_mm.h
 * thp_vma_suitable_order):
 * - the VMA has no `nh` flag (MADV_NOHUGEPAGE refuses, whatever the mode);
 * - mode 'always', or mode 'madvise' and the VMA has the `hg` flag ('never' refuses everything);
 * - the aligned 2 MiB block around the address, [faultAddress & ~(2 MiB − 1), + 2 MiB), lies inside the VMA.
 * smaps' THPeligible is this check at `vma.end − 2 MiB`: does any aligned 2 MiB block fit in the VMA?
 * A mode other than the three throws RangeError.
 */
export function thpEligible(vma: ThpVma, faultAddress: bigint, mode: ThpMode): boolean {
  if (!MODES.includes(mode)) throw new RangeError(`THP mode must be always, madvise or never, not ${String(mode)}`);
  if (vma.vmFlags.includes('nh')) return false; // vma_thp_disabled(): VM_NOHUGEPAGE
  if (mode === 'never') return false;
  if (mode === 'madvise' && !vma.vmFlags.includes('hg')) return false; // VM_HUGEPAGE
  const haddr = faultAddress & ~(HPAGE_PMD_SIZE - 1n);
  return haddr >= vma.start && haddr + HPAGE_PMD_SIZE <= vma.end; // thp_vma_suitable_order()
}
