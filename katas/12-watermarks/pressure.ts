import { notImplemented } from '#shared/errors';

/** How short of memory a zone is, judged against its watermarks. */
export type Pressure = 'ok' | 'low' | 'min';

/**
 * Where `free` pages stand against a zone's watermarks, with the kernel's strict comparisons:
 * 'ok' when free > low (nothing to do), 'low' when free > min (kswapd is woken), else 'min' (an allocation
 * must reclaim by itself: direct reclaim). pressure(57, { min: 46, low: 57, high: 68 }) → 'low': exactly at
 * low is already below it for `__zone_watermark_ok`, which needs free > mark.
 */
export function pressure(free: number, marks: { min: number; low: number; high: number }): Pressure {
  return notImplemented('pressure');
}
