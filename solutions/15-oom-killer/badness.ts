import { OOM_SCORE_ADJ_MAX, OOM_SCORE_ADJ_MIN, type OomTask } from './task.ts';

/** Bytes in one page: page tables are counted in bytes. */
const PAGE_SIZE = 4096;

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
  checkTask(task, totalPages);
  if (task.pid === 1 || task.kernelThread === true || task.oomScoreAdj === OOM_SCORE_ADJ_MIN) return null;
  const points = task.rssPages + task.swapPages + Math.floor(task.pgtablesBytes / PAGE_SIZE);
  return points + task.oomScoreAdj * Math.floor(totalPages / 1000);
}

/**
 * /proc/PID/oom_score (`proc_oom_score`, fs/proc/base.c, Linux ≥ 5.9): 0 when the task is never chosen,
 * else (1000 + badness × 1000 / totalPages) × 2 / 3 with C's integer division, which truncates toward zero
 * (a negative badness rounds up, not down). A small process with adj 0 scores (1000 + 0) × 2 / 3 = 666.
 * Range 0..2000, the range the file has always had.
 */
export function oomScore(task: OomTask, totalPages: number): number {
  const badness = oomBadness(task, totalPages);
  if (badness === null) return 0;
  const scaled = Math.trunc((badness * 1000) / totalPages); // exact: |badness × 1000| < 2^53
  return Math.trunc(((1000 + scaled) * 2) / 3);
}

function checkTask(task: OomTask, totalPages: number): void {
  if (!Number.isSafeInteger(totalPages) || totalPages < 1) {
    throw new RangeError(`totalPages must be a whole number ≥ 1, got ${totalPages}`);
  }
  const adj = task.oomScoreAdj;
  if (!Number.isInteger(adj) || adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX) {
    throw new RangeError(`oom_score_adj must be a whole number in -1000..1000, got ${adj} (pid ${task.pid})`);
  }
  for (const field of ['rssPages', 'swapPages', 'pgtablesBytes'] as const) {
    const value = task[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${field} must be a whole number ≥ 0, got ${value} (pid ${task.pid})`);
    }
  }
}
