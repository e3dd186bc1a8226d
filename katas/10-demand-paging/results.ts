/** How a page fault was resolved (the kernel function in brackets). */
export type FaultCause =
  /** A write to an untouched private page: a new zeroed frame (do_anonymous_page). */
  | 'new-page'
  /** A read of an untouched private page: the shared zero page, read-only (do_anonymous_page). */
  | 'zero-page'
  /** A write to a read-only page that others map too (the zero page, a page shared since fork): copied (wp_page_copy). */
  | 'copy-on-write'
  /** A write to a read-only page nobody else maps any more: made writable in place (wp_page_reuse). */
  | 'reuse'
  /** A page of a MAP_SHARED mapping, found in or added to its shmem object (shmem_fault). */
  | 'shmem'
  /** A swapped-out page brought back (do_swap_page). */
  | 'swap-in'
  /** Kata 11: a write mapped a whole 2 MiB page (do_huge_pmd_anonymous_page). */
  | 'huge-page'
  /** Kata 11: a read mapped the huge zero page. */
  | 'huge-zero-page';

/** Why an access is refused with SIGSEGV. */
export type SegvReason =
  /** No VMA covers the address (si_code SEGV_MAPERR). */
  | 'no-vma'
  /** A VMA covers it but forbids this access (SEGV_ACCERR). */
  | 'protection'
  /** Bits 63..47 are not all equal: the CPU raises #GP before any table is read. */
  | 'non-canonical';

/** What one access does: the MMU found the page, a fault made it present first, or it was refused. */
export type AccessResult =
  | { kind: 'hit'; pa: bigint }
  | { kind: 'minor-fault'; pa: bigint; cause: FaultCause }
  | { kind: 'major-fault'; pa: bigint; cause: FaultCause }
  | { kind: 'segv'; reason: SegvReason }
  /** No frame for the page or its page table: nothing changed (the kernel would reclaim or kill, katas 13–16). */
  | { kind: 'oom' };

/** What handleMmFault did: the page is mapped now (minor or major), or there was no frame. */
export type FaultResult = { kind: 'minor-fault' | 'major-fault'; cause: FaultCause } | { kind: 'oom' };

/** Why a PTE faulted: nothing mapped (not-present) or a write to a read-only PTE (protection). */
export type FaultReason = 'not-present' | 'protection';

/** One page counted in RSS, with what reclaim (kata 13) looks at. */
export interface ResidentPage {
  va: bigint;
  pfn: number;
  kind: 'anon' | 'shmem';
  writable: boolean;
  /** The PTE's Accessed bit (young). */
  accessed: boolean;
  /** The PTE's Dirty bit, or the page was dirtied through a PTE that is gone. */
  dirty: boolean;
  /** PTEs mapping the frame, in every address space that shares it. */
  mapcount: number;
}

/** /proc/PID/status's memory lines in KiB, and the fault counts of /proc/PID/stat. */
export interface MemoryStats {
  minorFaults: number;
  majorFaults: number;
  vmPeakKb: number;
  vmSizeKb: number;
  vmHwmKb: number;
  /** RssAnon + RssShmem (no file mappings here). */
  rssKb: number;
  rssAnonKb: number;
  rssShmemKb: number;
  vmPteKb: number;
  vmSwapKb: number;
}

/** What swapOut did: the frame it unmapped, whether other PTEs still map it, and whether it was dirty. */
export interface SwapOutResult {
  pfn: number;
  stillMapped: boolean;
  dirty: boolean;
}
