import { notImplemented } from '#shared/errors';
import type { Watermarks, ZoneSize } from './zone.ts';

/** SWAP_CLUSTER_MAX: the smallest min of a HighMem or Movable zone. */
export const HIGHMEM_MIN_FLOOR = 32;
/** The largest min of a HighMem or Movable zone. */
export const HIGHMEM_MIN_CEILING = 128;

/**
 * Every zone's min/low/high/promo as Linux ≥ 4.6 sets them (`__setup_per_zone_wmarks`, mm/page_alloc.c):
 *
 *     pagesMin = ⌊minFreeKbytes / 4⌋                        (KiB → pages)
 *     lowmem   = Σ managed of the zones that are neither HighMem nor Movable
 *     tmp      = ⌊pagesMin × managed / lowmem⌋             (the zone's share of pagesMin)
 *     min      = tmp, or clamp(⌊managed / 1024⌋, 32, 128) for HighMem and Movable
 *     delta    = max(⌊tmp / 4⌋, ⌊managed × watermarkScaleFactor / 10000⌋)
 *     low = min + delta, high = min + 2·delta, promo = min + 3·delta
 *
 * delta comes from tmp even where min does not. computeWatermarks([{ name: 'DMA', managed: 3840 },
 * { name: 'DMA32', managed: 772808 }, { name: 'Normal', managed: 622592 }], 67584)[0]
 * → { min: 46, low: 57, high: 68, promo: 79 }.
 * RangeError for a negative or fractional minFreeKbytes or managed, a watermarkScaleFactor outside 1..3000
 * (the sysctl's range), or zones of which none counts as lowmem (the kernel would divide by zero).
 */
export function computeWatermarks(
  zones: readonly ZoneSize[],
  minFreeKbytes: number,
  watermarkScaleFactor = 10,
): Watermarks[] {
  return notImplemented('computeWatermarks');
}

/**
 * The rule before Linux 4.6, which the seed notes teach (low ≈ min × 1.25, high ≈ min × 1.5):
 * low = min + ⌊min/4⌋, high = min + ⌊min/2⌋. legacyWatermarks(15451) → { min: 15451, low: 19313, high: 23176 }.
 * RangeError for a negative or fractional min.
 */
export function legacyWatermarks(min: number): { min: number; low: number; high: number } {
  return notImplemented('legacyWatermarks');
}
