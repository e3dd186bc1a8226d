import { notImplemented } from '#shared/errors';
import type { ZoneSize } from './zone.ts';

/**
 * Every zone's `protection: (…)` line (`setup_per_zone_lowmem_reserve`, mm/page_alloc.c): protection[i][j]
 * is how many pages zone i keeps back from an allocation that could have used the higher zone j:
 *
 *     protection[i][j] = ⌊(managed[i+1] + … + managed[j]) / ratios[i]⌋   for j > i
 *                      = 0                                               for j ≤ i, or when ratios[i] is 0
 *                                                                        or zone i manages no page
 *
 * `ratios` is /proc/sys/vm/lowmem_reserve_ratio, one per zone (256 256 32 0 0 here).
 * lowmemReserve([DMA 3840, DMA32 772808, Normal 622592, Movable 0, Device 0], [256, 256, 32, 0, 0])[0]
 * → [0, 3018, 5450, 5450, 5450].
 * RangeError when there is not one ratio per zone, or for a negative or fractional ratio or managed.
 */
export function lowmemReserve(zones: readonly ZoneSize[], ratios: readonly number[]): number[][] {
  return notImplemented('lowmemReserve');
}
