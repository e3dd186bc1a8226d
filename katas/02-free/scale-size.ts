import { notImplemented } from '#shared/errors';

/** free's unit options: -b, -k, -m, -g, --tebi, --pebi (with si: --kilo, --mega, --giga, --tera, --peta). */
export type Unit = 'b' | 'k' | 'm' | 'g' | 't' | 'p';

/** How to print one cell: a unit, powers of 1000 instead of 1024 (--si), or -h. */
export interface ScaleOptions {
  unit?: Unit;
  si?: boolean;
  human?: boolean;
}

/**
 * One cell of free's output, from a size in KiB: procps-ng 4.0.2 free.c scale_size().
 * scaleSize(24683656) → '24683656', scaleSize(373880, { unit: 'm' }) → '365',
 * scaleSize(10235, { human: true }) → '9Mi' (because '10.0Mi' is one character too wide).
 */
export function scaleSize(kib: number, { unit, si = false, human = false }: ScaleOptions = {}): string {
  return notImplemented('scaleSize');
}
