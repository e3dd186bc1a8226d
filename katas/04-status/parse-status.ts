import { notImplemented } from '#shared/errors';
import type { ProcStatus } from './proc-status.ts';

/**
 * Reads /proc/PID/status (fs/proc/array.c proc_pid_status). Every `Key:<tab>value` line lands in
 * `fields`, value trimmed; the lines ProcStatus names are parsed: `Pid:\t13870` → pid 13870,
 * `VmRSS:\t    3572 kB` → memory.vmRSS 3572, `CapEff:\t000001fffeffffff` → 0x1fffeffffffn,
 * `Cpus_allowed_list:\t0-1` → [0, 1]. Lines the kernel prints only sometimes (Umask, Kthread, the 16
 * memory lines, THP_enabled) are left out of the result when they are not in the text.
 * Throws ParseError with the 1-based line for a line that is not `Key:<tab>value`, a key seen twice, a
 * value that does not read, or a line ProcStatus needs that is missing (then the line after the last).
 * `parseKb` and `parseHex` from '#kata/01-pages-and-units', and parseRangeList, read most values.
 */
export function parseStatus(text: string): ProcStatus {
  return notImplemented('parseStatus');
}
