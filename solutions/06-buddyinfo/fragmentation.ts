import type { ZoneFreeArea } from './free-area.ts';

/**
 * What the kernel counts before it judges fragmentation for a request of 2^order pages
 * (mm/vmstat.c fill_contig_page_info()):
 * - freePages: every free page, Σ free[o] × 2^o;
 * - freeBlocksTotal: every free block, Σ free[o];
 * - freeBlocksSuitable: how many blocks of 2^order pages the large enough free blocks make,
 *   Σ over o ≥ order of free[o] × 2^(o − order) (an order-10 block holds two order-9 blocks).
 */
export interface ContigPageInfo {
  freePages: number;
  freeBlocksTotal: number;
  freeBlocksSuitable: number;
}

/**
 * fill_contig_page_info() for one order. DMA `0 0 0 0 0 0 0 0 1 1 3`, order 9
 * → { freePages: 3840, freeBlocksTotal: 5, freeBlocksSuitable: 1 + 3 × 2 = 7 }.
 * RangeError for an order that is not one of the area's columns.
 */
export function contigPageInfo(area: ZoneFreeArea, order: number): ContigPageInfo {
  checkOrder(area, order);
  let freePages = 0;
  let freeBlocksTotal = 0;
  let freeBlocksSuitable = 0;
  area.free.forEach((blocks, o) => {
    freeBlocksTotal += blocks;
    freePages += blocks * 2 ** o;
    if (o >= order) freeBlocksSuitable += blocks * 2 ** (o - order);
  });
  return { freePages, freeBlocksTotal, freeBlocksSuitable };
}

/**
 * The unusable free space index of debugfs extfrag/unusable_index (mm/vmstat.c unusable_free_index()), in
 * thousandths: how much of the free memory cannot serve a request of 2^order pages, because it lies in
 * smaller blocks. 0 = every free page is in a large enough block, 1000 = none is (or nothing is free).
 * (free pages − suitable blocks × 2^order) × 1000 / free pages, rounded down as the kernel's integer
 * division does. DMA `0 0 0 0 0 0 0 0 1 1 3`: order 9 → (3840 − 7 × 512) × 1000 / 3840 = 66 (printed 0.066).
 * RangeError for an order that is not one of the area's columns.
 */
export function unusableIndex(area: ZoneFreeArea, order: number): number {
  const info = contigPageInfo(area, order);
  if (info.freePages === 0) return 1000; // no free memory: all of it (none) is unusable
  // Exact in doubles while freePages × 1000 < 2^53, that is for any zone smaller than 36 PB.
  return Math.floor(((info.freePages - info.freeBlocksSuitable * 2 ** order) * 1000) / info.freePages);
}

/**
 * The fragmentation index of debugfs extfrag/extfrag_index (mm/vmstat.c __fragmentation_index()), in
 * thousandths: when a request of 2^order pages would fail, is it for lack of memory (near 0) or because
 * the free memory is in pieces too small (near 1000)?
 * - −1000 when a large enough block is free: the request would succeed, there is nothing to judge;
 * - 0 when nothing at all is free;
 * - else 1000 − (1000 + freePages × 1000 / 2^order) / freeBlocksTotal, both divisions rounded down.
 * Seed 000's DMA `39 5 3 5 1 2 2 1 1 1 0`: order 10 → 1000 − (1000 + 1205000 / 1024) / 60 = 964.
 * RangeError for an order that is not one of the area's columns.
 */
export function fragmentationIndex(area: ZoneFreeArea, order: number): number {
  const info = contigPageInfo(area, order);
  if (info.freeBlocksTotal === 0) return 0;
  if (info.freeBlocksSuitable > 0) return -1000;
  const requests = Math.floor((info.freePages * 1000) / 2 ** order); // how many such requests, × 1000
  return 1000 - Math.floor((1000 + requests) / info.freeBlocksTotal);
}

function checkOrder(area: ZoneFreeArea, order: number): void {
  if (!Number.isInteger(order) || order < 0 || order >= area.free.length) {
    throw new RangeError(`order ${order} is not one of the ${area.free.length} orders 0..${area.free.length - 1}`);
  }
}
