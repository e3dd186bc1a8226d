/** oom_score_adj −1000: the task is never chosen (OOM_SCORE_ADJ_MIN). */
export const OOM_SCORE_ADJ_MIN = -1000;
/** oom_score_adj 1000: the task goes first (OOM_SCORE_ADJ_MAX). */
export const OOM_SCORE_ADJ_MAX = 1000;

/** What the OOM killer weighs of one process. Sizes in pages (4 KiB), page tables in bytes. */
export interface OomTask {
  pid: number;
  /** The command name (comm, at most 15 bytes): `hog`. */
  name: string;
  /** Resident pages: anonymous + file + shmem (status' RssAnon + RssFile + RssShmem, in pages). */
  rssPages: number;
  /** Pages swapped out (status' VmSwap, in pages). */
  swapPages: number;
  /** Bytes of page tables (status' VmPTE × 1024). */
  pgtablesBytes: number;
  /** /proc/PID/oom_score_adj: −1000..1000. */
  oomScoreAdj: number;
  /** A kernel thread (PF_KTHREAD): never chosen. */
  kernelThread?: boolean;
}

/** The process killed, as the kernel's log line describes it. Sizes in KiB, page tables in bytes. */
export interface OomVictim {
  pid: number;
  name: string;
  uid: number;
  totalVmKb: number;
  anonRssKb: number;
  fileRssKb: number;
  shmemRssKb: number;
  pgtablesBytes: number;
  oomScoreAdj: number;
}

/** Why the OOM killer ran (`enum oom_constraint`, mm/oom_kill.c). */
export type OomConstraint = 'CONSTRAINT_NONE' | 'CONSTRAINT_CPUSET' | 'CONSTRAINT_MEMORY_POLICY' | 'CONSTRAINT_MEMCG';

/** Where the OOM happened, as the `oom-kill:` line tells it. */
export interface OomContext {
  constraint: OomConstraint;
  /** The allocation's nodemask as a node list (`0`, `0-3`), null when it had none (printed `(null)`). */
  nodemask: string | null;
  /** The name of the cpuset cgroup of the task that allocated: `/` at the root. */
  cpuset: string;
  /** The node list that task may allocate from: `0`. */
  memsAllowed: string;
  /** The memory cgroup whose limit was hit (`/memkata-oom`), null for a machine-wide OOM (`global_oom`). */
  oomMemcg: string | null;
  /** The victim's memory cgroup. */
  taskMemcg: string;
}

/** The message the `Killed process` line starts with. */
export type OomMessage = 'Out of memory' | 'Memory cgroup out of memory' | 'Out of memory (oom_kill_allocating_task)';

/** A `Killed process` line read back: the victim with page tables in KiB (as printed), and its message. */
export interface OomKill {
  message: OomMessage;
  pid: number;
  name: string;
  uid: number;
  totalVmKb: number;
  anonRssKb: number;
  fileRssKb: number;
  shmemRssKb: number;
  pgtablesKb: number;
  oomScoreAdj: number;
}

/** An `oom-kill:constraint=…` line read back: the context and the victim it names. */
export interface OomKillContext extends OomContext {
  name: string;
  pid: number;
  uid: number;
}
