import { notImplemented } from '#shared/errors';
import type { OomContext, OomVictim } from './task.ts';

/**
 * The two lines the kernel logs when it kills (mm/oom_kill.c, Linux 6.x), without the dmesg timestamp:
 *
 *     oom-kill:constraint=…,nodemask=…,cpuset=…,mems_allowed=…,global_oom|oom_memcg=…,task_memcg=…,task=…,pid=…,uid=…
 *     Out of memory: Killed process … (…) total-vm:…kB, anon-rss:…kB, file-rss:…kB, shmem-rss:…kB, UID:… pgtables:…kB oom_score_adj:…
 *
 * The first is `dump_oom_victim` (with `cpuset_print_current_mems_allowed` and
 * `mem_cgroup_print_oom_context`); a null nodemask prints `(null)`, a null oomMemcg prints `global_oom`.
 * The second is `__oom_kill_process`: its message is "Memory cgroup out of memory" for CONSTRAINT_MEMCG,
 * else "Out of memory", and page tables are printed in KiB, rounded down (bytes >> 10).
 */
export function formatOomKill(victim: OomVictim, context: OomContext): string[] {
  return notImplemented('formatOomKill');
}
