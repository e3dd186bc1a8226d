import { notImplemented } from '#shared/errors';
import type { ProcStatus, Statm } from './proc-status.ts';

/** The names checkStatmAgainstStatus returns, in statm's column order. */
export const STATM_AGREEMENTS = {
  size: 'size = VmSize / 4',
  resident: 'resident = VmRSS / 4',
  shared: 'shared = (RssFile + RssShmem) / 4',
  text: 'text >= VmExe / 4',
  lib: 'lib = 0',
  data: 'data = (VmData + VmStk) / 4',
  dt: 'dt = 0',
} as const;

/**
 * Does /proc/PID/statm say what /proc/PID/status says? Both come from the same counters of the same mm,
 * statm in pages, status in kB. Returns the STATM_AGREEMENTS names that fail, in statm's column order;
 * [] when statm agrees. A status without memory lines (no mm) agrees only with seven zeros.
 * The fixture's statm 2747 … agrees with its VmSize 10988 (2747 × 4); 2748 → ['size = VmSize / 4'].
 * Read the two files close together: a running process changes between two reads.
 */
export function checkStatmAgainstStatus(statm: Statm, status: ProcStatus): string[] {
  return notImplemented('checkStatmAgainstStatus');
}
