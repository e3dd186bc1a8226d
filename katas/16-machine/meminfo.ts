import type { LruSizes } from '#kata/13-kswapd';
import { notImplemented } from '#shared/errors';

/** What /proc/meminfo is computed from: the machine's counts, in pages unless the name says KiB. */
export interface MemoryCounts {
  /** The zone's managed pages: MemTotal. */
  managedPages: number;
  /** nr_free_pages. */
  freePages: number;
  /** The LRU lists, counting only pages that belong on them (not the machine's page tables). */
  lru: LruSizes;
  /** Page-cache pages of files. */
  filePages: number;
  /** Pages of shared anonymous memory (shmem). */
  shmemPages: number;
  /** Pages in the swap cache. */
  swapCachePages: number;
  dirtyPages: number;
  writebackPages: number;
  /** Private anonymous pages mapped (each page once): NR_ANON_MAPPED. */
  anonPages: number;
  /** Of those, pages in transparent huge pages. */
  anonHugePages: number;
  /** File and shmem pages mapped into some process: NR_FILE_MAPPED. */
  mappedPages: number;
  /** Page-table pages of every process, PGDs included: NR_PAGETABLE. */
  pageTablePages: number;
  swapTotalKb: number;
  swapFreeKb: number;
  /** vm_committed_as: pages of every mapping that counts against the commit limit. */
  committedPages: number;
  /** Σ of every zone's low watermark. */
  lowWatermark: number;
  /** totalreserve_pages: Σ of every zone's high watermark plus its largest protection, at most its managed pages. */
  totalReservePages: number;
}

/** vm.overcommit_ratio's default: CommitLimit counts half of RAM. */
export const OVERCOMMIT_RATIO = 50;
/** VmallocTotal on x86-64 with 4-level page tables: 32 TiB − 1 KiB, printed whatever the machine. */
export const VMALLOC_TOTAL_KB = 34359738367;
/** Hugepagesize: 2 MiB. */
export const HUGEPAGE_KB = 2048;

/**
 * The numbers of /proc/meminfo, in KiB (HugePages_* are counts), every name of MEMINFO_NAMES in its order
 * (fs/proc/meminfo.c meminfo_proc_show). The rules that are not a plain "pages × 4":
 *
 *     MemAvailable = free − totalReserve + pagecache − min(⌊pagecache/2⌋, lowWatermark), at least 0
 *                    with pagecache = active_file + inactive_file   (si_mem_available, no slab here)
 *     Cached       = filePages + shmemPages      (NR_FILE_PAGES − SwapCached − Buffers; Buffers is 0)
 *     Active       = active_anon + active_file, Inactive = inactive_anon + inactive_file
 *     CommitLimit  = ⌊managed × 50 / 100⌋ × 4 + SwapTotal
 *     AnonHugePages = anonHugePages × 4, Hugepagesize 2048, VmallocTotal 34359738367, DirectMap2M = MemTotal
 *                    rounded up to 2 MiB; every line the machine has nothing for is 0.
 * RangeError for a count that is not a whole number ≥ 0.
 */
export function meminfoOf(counts: MemoryCounts): Record<string, number> {
  return notImplemented('meminfoOf');
}
