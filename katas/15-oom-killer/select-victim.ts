import { notImplemented } from '#shared/errors';
import type { OomTask } from './task.ts';

/**
 * The task the OOM killer kills (`select_bad_process` and `oom_evaluate_task`, mm/oom_kill.c): the one with
 * the largest badness, skipping those whose badness is null. The tasks come in the kernel's task-list order
 * (oldest first), and a later task with the *same* badness replaces the one chosen so far — the kernel
 * skips a task only when its points are lower (`points < chosen_points`). null when no task can be chosen.
 * Returns the very object passed in, so a caller's richer task type comes back whole.
 */
export function selectVictim<T extends OomTask>(tasks: readonly T[], totalPages: number): T | null {
  return notImplemented('selectVictim');
}
