/** The counts meminfo prints without a unit (hugetlb_report_meminfo: "%5lu" after a 19-column label). */
const COUNTS = new Set(['HugePages_Total', 'HugePages_Free', 'HugePages_Rsvd', 'HugePages_Surp']);

/**
 * /proc/meminfo from its numbers, one line per entry in the record's order, as Linux 6.18 prints them
 * (fs/proc/meminfo.c show_val_kb): the name and a colon padded to 16 columns, the value right-aligned in 8,
 * then " kB" — "MemTotal:        1048576 kB"; a value wider than 8 just pushes " kB" right. The four
 * HugePages_* counts have no unit: the label padded to 19 columns and the value in 5 ("HugePages_Total:       0").
 * Every line ends in "\n". RangeError for a value that is not a whole number ≥ 0.
 */
export function formatMeminfo(meminfo: Record<string, number>): string {
  let text = '';
  for (const [name, value] of Object.entries(meminfo)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a whole number ≥ 0`);
    text += COUNTS.has(name)
      ? `${`${name}:`.padEnd(19)}${String(value).padStart(5)}\n`
      : `${`${name}:`.padEnd(16)}${String(value).padStart(8)} kB\n`;
  }
  return text;
}
