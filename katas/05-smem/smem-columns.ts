import { notImplemented } from '#shared/errors';

/**
 * smem units(), which -k uses for every size: bytes → "%.1f" and a suffix '', K, M, G or T (no B, no i);
 * 0 → "0". It divides by 1024 while the value is ≥ 1024: units(144 * 1024) → "144.0K",
 * units(1660 * 1024) → "1.6M", units(1280 * 1024) → "1.2M" (1.25 is a tie: Python rounds it to even).
 * A quirk kept from smem: from 1024 T up the loop runs out of suffixes after one more division, so
 * 2^50 bytes (1 PiB) prints "1.0T". A size that is not a finite number throws RangeError.
 */
export function units(bytes: number): string {
  return notImplemented('units');
}

/**
 * Python's `format % value` for the formats smem uses: str(value), cut to the precision, padded to the width
 * (on the left, or on the right with the '-' flag). Widths count characters (code points), as Python does:
 * formatCell(1203, '% 5s') → " 1203"; formatCell('/usr/sbin/apache2 -k start -DFOREGROUND', '%-27.27s') →
 * "/usr/sbin/apache2 -k start " (27). A value wider than the width is not cut: formatCell(9999999, '% 5s')
 * → "9999999". Any other format throws RangeError.
 */
export function formatCell(value: string | number, format: string): string {
  return notImplemented('formatCell');
}
