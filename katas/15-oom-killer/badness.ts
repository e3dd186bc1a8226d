import { notImplemented } from '#shared/errors';
import type { OomTask } from './task.ts';

/**
 * How bad killing this task would be for the machine — the larger, the better a victim (`oom_badness`,
 * mm/oom_kill.c, Linux ≥ 5.9):
 *
 *     null                                      pid 1, a kernel thread, or oom_score_adj −1000: never chosen
 *     rss + swap + ⌊pgtablesBytes / 4096⌋       pages the kill would give back
 *       + oomScoreAdj × ⌊totalPages / 1000⌋     each point of adj is worth 0.1 % of all memory
 *
 * The result may be negative (a negative adj). With totalPages 6170914, a task of 102682 resident pages and
 * 864256 bytes of page tables scores 102893 at adj 0, and 102893 + 500 × 6170 = 3187893 at adj 500.
 * RangeError for an adj outside −1000..1000, a negative or fractional size, or totalPages below 1.
 */
export function oomBadness(task: OomTask, totalPages: number): number | null {
  return notImplemented('oomBadness');
}

/**
 * /proc/PID/oom_score (`proc_oom_score`, fs/proc/base.c, Linux ≥ 5.9): 0 when the task is never chosen,
 * else (1000 + badness × 1000 / totalPages) × 2 / 3 with C's integer division, which truncates toward zero
 * (a negative badness rounds up, not down). A small process with adj 0 scores (1000 + 0) × 2 / 3 = 666.
 * Range 0..2000, the range the file has always had.
 */
export function oomScore(task: OomTask, totalPages: number): number {
  return notImplemented('oomScore');
}
