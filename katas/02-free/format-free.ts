import { notImplemented } from '#shared/errors';
import type { FreeReport } from './compute-free.ts';
import type { Locale } from './labels.ts';
import type { ScaleOptions } from './scale-size.ts';

/** free's options: -b/-k/-m/-g/--tebi/--pebi (unit), --si, -h, -w, -l, -t, -v, and the language. */
export interface FreeOptions extends ScaleOptions {
  wide?: boolean;
  lohi?: boolean;
  totals?: boolean;
  committed?: boolean;
  locale?: Locale;
}

/**
 * The report as procps-ng 4.0.2 `free` prints it, byte for byte (free.c main()): the header, then
 * Mem, [Low, High with -l], Swap, [Total with -t], [Comm with -v]. Each row is the label padded to 9 display
 * columns, the first number right-aligned in 11 characters, each later one in " %11s", and "\n".
 * formatFree(report, { wide: true }) starts with HEADERS.en.wide + '\n' + 'Mem:        24683656 …'.
 */
export function formatFree(report: FreeReport, options: FreeOptions = {}): string {
  return notImplemented('formatFree');
}
