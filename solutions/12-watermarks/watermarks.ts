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
  if (!Number.isSafeInteger(minFreeKbytes) || minFreeKbytes < 0) {
    throw new RangeError(`minFreeKbytes must be a whole number of KiB ≥ 0, got ${minFreeKbytes}`);
  }
  if (!Number.isInteger(watermarkScaleFactor) || watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
    throw new RangeError(`watermarkScaleFactor must be a whole number in 1..3000, got ${watermarkScaleFactor}`);
  }
  for (const zone of zones) {
    if (!Number.isSafeInteger(zone.managed) || zone.managed < 0) {
      throw new RangeError(`zone ${zone.name}: managed must be a whole number of pages ≥ 0, got ${zone.managed}`);
    }
  }
  if (zones.length === 0) return [];

  const pagesMin = Math.floor(minFreeKbytes / 4);
  const lowmem = zones.filter((z) => !clamped(z)).reduce((sum, z) => sum + z.managed, 0);
  // Stryker disable next-line ConditionalExpression,BlockStatement,CallExpression: dividing a bigint by 0n throws a RangeError as well; this one says why
  if (lowmem === 0) throw new RangeError('no zone other than HighMem or Movable manages any page');

  return zones.map((zone) => {
    // The kernel multiplies in u64: pagesMin × managed can pass 2^53, so the product is a bigint.
    const tmp = Number((BigInt(pagesMin) * BigInt(zone.managed)) / BigInt(lowmem));
    const min = clamped(zone)
      ? Math.min(Math.max(Math.floor(zone.managed / 1024), HIGHMEM_MIN_FLOOR), HIGHMEM_MIN_CEILING)
      : tmp;
    const delta = Math.max(Math.floor(tmp / 4), Math.floor((zone.managed * watermarkScaleFactor) / 10000));
    return { min, low: min + delta, high: min + 2 * delta, promo: min + 3 * delta };
  });
}

/**
 * The rule before Linux 4.6, which the seed notes teach (low ≈ min × 1.25, high ≈ min × 1.5):
 * low = min + ⌊min/4⌋, high = min + ⌊min/2⌋. legacyWatermarks(15451) → { min: 15451, low: 19313, high: 23176 }.
 * RangeError for a negative or fractional min.
 */
export function legacyWatermarks(min: number): { min: number; low: number; high: number } {
  if (!Number.isSafeInteger(min) || min < 0)
    throw new RangeError(`min must be a whole number of pages ≥ 0, got ${min}`);
  return { min, low: min + Math.floor(min / 4), high: min + Math.floor(min / 2) };
}

/** HighMem and Movable zones get a small fixed min: the kernel never needs them for its own allocations. */
function clamped(zone: ZoneSize): boolean {
  return zone.name === 'HighMem' || zone.name === 'Movable';
}
