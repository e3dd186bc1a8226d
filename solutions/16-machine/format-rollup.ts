import { formatHeader, type SmapsRollup } from '#kata/03-smaps';

/**
 * /proc/PID/smaps_rollup, byte for byte (fs/proc/task_mmu.c show_smaps_rollup): the header of a private,
 * unreadable mapping from `start` to `end` named "[rollup]" (kata 3's formatHeader: "---p 00000000 00:00 0",
 * the name at column 73), then each field as smaps prints it — "Rss: " padded to 16 columns, the value
 * right-aligned to column 24, " kB" (so "Private_Hugetlb: " leaves it 7) — in the record's order. Every line ends in "\n".
 */
export function formatSmapsRollup(rollup: SmapsRollup): string {
  const header = formatHeader({
    start: rollup.start,
    end: rollup.end,
    // Stryker disable next-line ObjectLiteral: kata 3's formatHeader reads a missing flag as false: {} prints "---p" too
    perms: { read: false, write: false, exec: false, shared: false },
    offset: 0n,
    dev: { major: 0, minor: 0 },
    inode: 0,
    pathname: '[rollup]',
    deleted: false,
  });
  let text = `${header}\n`;
  for (const [key, kb] of Object.entries(rollup.fields)) {
    // "Label: " padded to 16, the value filling 24 columns (Private_Hugetlb's 17-column label leaves it 7).
    const label = `${key}: `.padEnd(16);
    text += `${label}${String(kb).padStart(24 - label.length)} kB\n`;
  }
  return text;
}
