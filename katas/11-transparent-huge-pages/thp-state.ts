import type { FrameAllocator } from '#kata/09-page-table';
import type { AddressSpaceOptions } from '#kata/10-demand-paging';
import type { ThpMode } from './thp-setting.ts';

/** What /sys/kernel/mm/transparent_hugepage sets (the defaults are this machine's, and the kernel's). */
export interface ThpSettings {
  /** enabled: 'always', 'madvise' (only `hg` VMAs) or 'never'. */
  enabled: ThpMode;
  /** use_zero_page: a read fault maps the huge zero page. */
  useZeroPage: boolean;
  /** khugepaged/max_ptes_none: how many of 512 PTEs may be empty (or the zero page) in a range it collapses. */
  maxPtesNone: number;
  /** khugepaged/max_ptes_swap: how many may be swapped out. */
  maxPtesSwap: number;
  /** khugepaged/max_ptes_shared: how many may map a page another PTE maps too. */
  maxPtesShared: number;
}

export const THP_DEFAULTS: Readonly<ThpSettings> = {
  enabled: 'madvise',
  useZeroPage: true,
  maxPtesNone: 511,
  maxPtesSwap: 64,
  maxPtesShared: 256,
};

/** The thp_* lines of /proc/vmstat this kata counts, and khugepaged/pages_collapsed. */
export interface ThpEvents {
  thp_fault_alloc: number;
  thp_fault_fallback: number;
  thp_zero_page_alloc: number;
  thp_zero_page_alloc_failed: number;
  thp_split_pmd: number;
  thp_deferred_split_page: number;
  thp_collapse_alloc: number;
  thp_collapse_alloc_failed: number;
  thp_scan_exceed_none_pte: number;
  thp_scan_exceed_swap_pte: number;
  thp_scan_exceed_share_pte: number;
  pages_collapsed: number;
}

/**
 * THP as the whole machine sees it: the settings, the event counters, and the huge zero page (one for
 * everybody, allocated at its first use). fork hands the same object to the child; a machine gives one to
 * every process.
 */
export interface ThpState extends ThpSettings {
  events: ThpEvents;
  /** The huge zero page's first frame, or null while none is allocated. */
  hugeZeroPfn: number | null;
  /** PMDs that map it, in every address space: at 0 its 512 frames go back. */
  hugeZeroMaps: number;
}

/** A FrameAllocator that can also hand out 2^order contiguous frames, the first a multiple of 2^order. */
export interface HugeFrameAllocator extends FrameAllocator {
  allocFrames(order: number): number | null;
}

/** kata 10's options, with frames that may come in 2 MiB blocks, and the THP settings or shared state. */
export interface ThpAddressSpaceOptions extends AddressSpaceOptions {
  frames: FrameAllocator | HugeFrameAllocator;
  /** Settings for a new ThpState (THP_DEFAULTS for what is missing). */
  thp?: Partial<ThpSettings>;
  /** A ThpState to share (fork passes its own); `thp` is then ignored. */
  thpState?: ThpState;
}
