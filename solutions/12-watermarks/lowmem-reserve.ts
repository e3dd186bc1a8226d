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
  if (ratios.length !== zones.length) {
    throw new RangeError(`one ratio per zone: ${zones.length} zones, ${ratios.length} ratios`);
  }
  for (const ratio of ratios) {
    if (!Number.isSafeInteger(ratio) || ratio < 0) {
      throw new RangeError(`a lowmem_reserve_ratio must be a whole number ≥ 0, got ${ratio}`);
    }
  }
  for (const zone of zones) {
    if (!Number.isSafeInteger(zone.managed) || zone.managed < 0) {
      throw new RangeError(`zone ${zone.name}: managed must be a whole number of pages ≥ 0, got ${zone.managed}`);
    }
  }
  return zones.map((zone, i) => {
    const ratio = ratios[i] ?? 0;
    const clear = ratio === 0 || zone.managed === 0;
    let above = 0; // pages managed by zones i+1 … j
    return zones.map((upper, j) => {
      if (j <= i) return 0;
      above += upper.managed;
      return clear ? 0 : Math.floor(above / ratio);
    });
  });
}
