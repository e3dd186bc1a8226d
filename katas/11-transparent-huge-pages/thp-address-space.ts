import type { Access } from '#kata/09-page-table';
import { AddressSpace, type FaultReason, type FaultResult, type ResidentPage, type Vma } from '#kata/10-demand-paging';
import { notImplemented } from '#shared/errors';
import type { ThpAddressSpaceOptions, ThpState } from './thp-state.ts';

/** One VMA as smaps prints it for THP: Size, Rss and AnonHugePages in kB, and THPeligible. */
export interface SmapsThp {
  start: bigint;
  end: bigint;
  vmFlags: string[];
  fields: { Size: number; Rss: number; AnonHugePages: number };
  thpEligible: boolean;
}

/** What madvise can ask here: MADV_HUGEPAGE or MADV_NOHUGEPAGE. */
export type HugepageAdvice = 'hugepage' | 'nohugepage';

/**
 * Kata 10's address space with transparent huge pages: a fault in a VMA that may have them maps a whole
 * 2 MiB page with one PMD entry (an order-9 block of frames), a read maps the huge zero page, a partial
 * munmap splits the PMD into 512 PTEs, and khugepaged collapses PTE-mapped ranges back. It overrides kata 10's
 * hooks (getUnmappedArea, handleMmFault, zapRange) and fork, pagemap, residentPages; everything 4 KiB is
 * still kata 10's.
 */
export class ThpAddressSpace extends AddressSpace {
  readonly thp: ThpState;

  /**
   * Like kata 10's, with the THP state: `options.thpState` to share one (fork does), else a new one from
   * `options.thp` and THP_DEFAULTS. RangeError for an unknown mode or a max_ptes_* outside 0 … 511.
   */
  constructor(options: ThpAddressSpaceOptions) {
    super(options); // pass kata 10 the options with your ThpState in them (thpState), so that fork shares it
    notImplemented('ThpAddressSpace');
  }

  /**
   * Kernel ≥ 6.7 places an anonymous private mapping whose length is a multiple of 2 MiB on a 2 MiB boundary
   * (thp_get_unmapped_area): it asks for a gap 2 MiB longer and rounds the start up to the next boundary; a
   * start that is aligned already moves up by 2 MiB, to stay at the top. Other lengths: as kata 10.
   */
  override getUnmappedArea(length: bigint, shared: boolean): bigint | null {
    return notImplemented('ThpAddressSpace.getUnmappedArea');
  }

  /**
   * MADV_HUGEPAGE ('hg') or MADV_NOHUGEPAGE ('nh', which also drops 'hg' and the other way round) for every
   * VMA in [va, va + length): a VMA partly inside is split (and a 2 MiB page the new boundary cuts through
   * is split first, thp_split_pmd), neighbours left with the same flags merge again; a VMA that has the flag
   * already is left as it is. A length of 0 does nothing. EINVAL for an address that is not page-aligned or another advice; ENOMEM when
   * part of the range is not mapped — after advising the parts that are, as Linux does.
   */
  madvise(va: bigint, length: number, advice: HugepageAdvice): void {
    notImplemented('ThpAddressSpace.madvise');
  }

  /**
   * A fault in a 2 MiB block that has no page table below its PMD yet, in a VMA thpEligible allows
   * (do_huge_pmd_anonymous_page): a write (or a read without use_zero_page) maps a new order-9 block with
   * one PMD (thp_fault_alloc), or counts thp_fault_fallback and takes 4 KiB pages when there is none; a
   * read maps the huge zero page read-only. A write to a read-only 2 MiB PMD (do_huge_pmd_wp_page) makes it
   * writable when nobody else maps the page, else splits it and copies the 4 KiB page (kata 10).
   */
  override handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
    return notImplemented('ThpAddressSpace.handleMmFault');
  }

  /**
   * Turns the 2 MiB PMD mapping at `va`'s block into 512 PTEs that map the same frames, with the same
   * rights and the Dirty and Accessed bits handed down (__split_huge_pmd; thp_split_pmd). The huge zero page
   * becomes 512 PTEs of the 4 KiB zero page. Returns false (and does nothing) when no 2 MiB page is there.
   */
  splitHugePmd(va: bigint): boolean {
    return notImplemented('ThpAddressSpace.splitHugePmd');
  }

  /**
   * Before kata 10 frees the 4 KiB pages of [start, end): a 2 MiB page entirely inside goes at once (its
   * frames back when nobody else maps them); one only partly inside is split first, and queued for the
   * deferred split (thp_deferred_split_page) — here its unmapped 4 KiB frames go back at once.
   */
  override zapRange(start: bigint, end: bigint): void {
    notImplemented('ThpAddressSpace.zapRange');
  }

  /**
   * Kata 10's fork, then the 2 MiB pages it skipped: each PMD is shared read-only by both sides
   * (copy_huge_pmd), the huge zero page too; the first write on either side splits and copies 4 KiB.
   */
  override fork(): ThpAddressSpace {
    return notImplemented('ThpAddressSpace.fork');
  }

  /** Kata 10's pagemap; inside a 2 MiB page, the entry of its subpage: the head's PFN + the page's index. */
  override pagemap(va: bigint): bigint {
    return notImplemented('ThpAddressSpace.pagemap');
  }

  /** Kata 10's list, with the 512 subpages of every 2 MiB page (not the huge zero page) in address order. */
  override residentPages(): ResidentPage[] {
    return notImplemented('ThpAddressSpace.residentPages');
  }

  /**
   * One pass of khugepaged over every 2 MiB block of every VMA thpEligible allows that is mapped with 4 KiB
   * PTEs (hpage_collapse_scan_pmd): a block is collapsed into a new 2 MiB page when at most maxPtesNone of
   * its 512 PTEs are empty or the zero page (else thp_scan_exceed_none_pte), at most maxPtesSwap hold a swap
   * entry (else thp_scan_exceed_swap_pte; here any swap entry skips the block), at most maxPtesShared map a
   * page others map too (else thp_scan_exceed_share_pte), at least one is writable and one young. A
   * collapse takes an order-9 block (thp_collapse_alloc, else thp_collapse_alloc_failed). Returns how many
   * blocks it collapsed (khugepaged/pages_collapsed grows by as many).
   */
  khugepaged(): number {
    return notImplemented('ThpAddressSpace.khugepaged');
  }

  /**
   * The THP lines of /proc/PID/smaps for every VMA: Size, Rss (4 KiB pages and 2 MiB pages, not the zero
   * pages) and AnonHugePages in kB, and THPeligible: thpEligible at `end − 2 MiB`, that is, does a whole
   * aligned 2 MiB block fit (MAP_SHARED mappings: 0, shmem_enabled decides and says never here).
   */
  smaps(): SmapsThp[] {
    return notImplemented('ThpAddressSpace.smaps');
  }
}
