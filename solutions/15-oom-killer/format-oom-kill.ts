import { match } from 'ts-pattern';
import type { OomConstraint, OomContext, OomMessage, OomVictim } from './task.ts';

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
  const memcg = context.oomMemcg === null ? 'global_oom' : `oom_memcg=${context.oomMemcg}`;
  const summary =
    `oom-kill:constraint=${context.constraint},nodemask=${context.nodemask ?? '(null)'}` +
    `,cpuset=${context.cpuset},mems_allowed=${context.memsAllowed}` +
    `,${memcg},task_memcg=${context.taskMemcg}` +
    `,task=${victim.name},pid=${victim.pid},uid=${victim.uid}`;
  const killed =
    `${messageOf(context.constraint)}: Killed process ${victim.pid} (${victim.name})` +
    ` total-vm:${victim.totalVmKb}kB, anon-rss:${victim.anonRssKb}kB, file-rss:${victim.fileRssKb}kB,` +
    ` shmem-rss:${victim.shmemRssKb}kB, UID:${victim.uid} pgtables:${Math.floor(victim.pgtablesBytes / 1024)}kB` +
    ` oom_score_adj:${victim.oomScoreAdj}`;
  return [summary, killed];
}

/** `out_of_memory` and `mem_cgroup_out_of_memory` pass their message to `oom_kill_process`. */
function messageOf(constraint: OomConstraint): OomMessage {
  return match(constraint)
    .with('CONSTRAINT_MEMCG', () => 'Memory cgroup out of memory' as const)
    .with('CONSTRAINT_NONE', 'CONSTRAINT_CPUSET', 'CONSTRAINT_MEMORY_POLICY', () => 'Out of memory' as const)
    .exhaustive();
}
