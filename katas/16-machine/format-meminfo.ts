import { notImplemented } from '#shared/errors';

/**
 * /proc/meminfo from its numbers, one line per entry in the record's order, as Linux 6.18 prints them
 * (fs/proc/meminfo.c show_val_kb): the name and a colon padded to 16 columns, the value right-aligned in 8,
 * then " kB" — "MemTotal:        1048576 kB"; a value wider than 8 just pushes " kB" right. The four
 * HugePages_* counts have no unit: the label padded to 19 columns and the value in 5 ("HugePages_Total:       0").
 * Every line ends in "\n". RangeError for a value that is not a whole number ≥ 0.
 */
export function formatMeminfo(meminfo: Record<string, number>): string {
  return notImplemented('formatMeminfo');
}
