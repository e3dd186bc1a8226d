import { pagesToKb } from '#kata/01-pages-and-units';
import { notImplemented } from '#shared/errors';

/**
 * One line of /proc/buddyinfo: a zone's free lists, counted per order.
 * `free[order]` is the number of free blocks of 2^order contiguous pages (order 0 = 4 KiB, order 10 = 4 MiB).
 */
export interface ZoneFreeArea {
  /** The NUMA node: "Node 0". */
  node: number;
  /** The zone's name as the kernel prints it: DMA, DMA32, Normal, HighMem, Movable, Device. */
  zone: string;
  /** Free blocks per order, one column of buddyinfo each (11 columns on x86-64: orders 0 to 10). */
  free: number[];
}

/**
 * The free pages the counts stand for: Σ free[order] × 2^order.
 * DMA `0 0 0 0 0 0 0 0 1 1 3` → 256 + 512 + 3 × 1024 = 3840 pages.
 */
export function freePages(area: ZoneFreeArea): number {
  return notImplemented('freePages');
}

/** The same in KiB (4 KiB a page): DMA `0 0 0 0 0 0 0 0 1 1 3` → 15360 kB. */
export function freeKb(area: ZoneFreeArea): number {
  return notImplemented('freeKb');
}

/**
 * The largest order with a free block: the biggest request the zone can satisfy right now without
 * compaction or reclaim. −1 when the zone has no free block at all.
 */
export function largestFreeOrder(area: ZoneFreeArea): number {
  return notImplemented('largestFreeOrder');
}
