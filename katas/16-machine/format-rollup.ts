import type { SmapsRollup } from '#kata/03-smaps';
import { notImplemented } from '#shared/errors';

/**
 * /proc/PID/smaps_rollup, byte for byte (fs/proc/task_mmu.c show_smaps_rollup): the header of a private,
 * unreadable mapping from `start` to `end` named "[rollup]" (kata 3's formatHeader: "---p 00000000 00:00 0",
 * the name at column 73), then each field as smaps prints it — "Rss: " padded to 16 columns, the value
 * right-aligned to column 24, " kB" (so "Private_Hugetlb: " leaves it 7) — in the record's order. Every line ends in "\n".
 */
export function formatSmapsRollup(rollup: SmapsRollup): string {
  return notImplemented('formatSmapsRollup');
}
