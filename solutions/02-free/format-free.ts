import type { FreeReport } from './compute-free.ts';
import { HEADERS, type Locale, padLabel, ROW_LABELS, type RowName } from './labels.ts';
import { type ScaleOptions, scaleSize } from './scale-size.ts';

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
  const { wide = false, lohi = false, totals = false, committed = false, locale = 'en' } = options;
  const scale: ScaleOptions = { unit: options.unit, si: options.si, human: options.human };

  const row = (name: RowName, sizes: number[]): string => {
    const cells = sizes.map((kib, index) => (index === 0 ? '' : ' ') + scaleSize(kib, scale).padStart(11));
    return `${padLabel(ROW_LABELS[locale][name])}${cells.join('')}\n`;
  };

  const { mem, low, high, swap, total, commit } = report;
  const memSizes = wide
    ? [mem.total, mem.used, mem.free, mem.shared, mem.buffers, mem.cache, mem.available]
    : [mem.total, mem.used, mem.free, mem.shared, mem.buffCache, mem.available];
  const threeOf = (line: { total: number; used: number; free: number }) => [line.total, line.used, line.free];

  let text = `${HEADERS[locale][wide ? 'wide' : 'normal']}\n`;
  text += row('Mem', memSizes);
  if (lohi) text += row('Low', threeOf(low)) + row('High', threeOf(high));
  text += row('Swap', threeOf(swap));
  if (totals) text += row('Total', threeOf(total));
  if (committed) text += row('Comm', [commit.limit, commit.committed, commit.available]);
  return text;
}
