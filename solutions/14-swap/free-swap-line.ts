/** The Swap fields of /proc/meminfo, in KiB (`si_swapinfo`, fs/proc/meminfo.c). */
export interface SwapMeminfo {
  SwapTotal: number;
  SwapFree: number;
  SwapCached: number;
}

/**
 * The `Swap:` line of procps-ng 4.0.2's `free` (default KiB): the label padded to 9 columns, then total, used
 * and free right-aligned in 11 characters each after a space, with used = SwapTotal − SwapFree (slots that
 * are also in the swap cache count as used). formatSwapLine({ SwapTotal: 2097148, SwapFree: 2097148,
 * SwapCached: 0 }) → 'Swap:        2097148           0     2097148'. RangeError for a size that is not a
 * whole number ≥ 0, or SwapFree > SwapTotal.
 */
export function formatSwapLine({ SwapTotal, SwapFree }: SwapMeminfo): string {
  for (const [name, kb] of [
    ['SwapTotal', SwapTotal],
    ['SwapFree', SwapFree],
  ] as const) {
    if (!Number.isSafeInteger(kb) || kb < 0) throw new RangeError(`${name} ${kb} is not a whole number of KiB ≥ 0`);
  }
  if (SwapFree > SwapTotal) throw new RangeError(`SwapFree ${SwapFree} is more than SwapTotal ${SwapTotal}`);
  const cell = (kb: number) => String(kb).padStart(11);
  // free.c: the label padded to 9 columns, "%11s" for the first number, " %11s" for each later one.
  return `${'Swap:'.padEnd(9)}${cell(SwapTotal)} ${cell(SwapTotal - SwapFree)} ${cell(SwapFree)}`;
}
