import type { ProcMemory } from '#kata/04-status';
import { notImplemented } from '#shared/errors';

/** What differs between two root processes' /proc/PID/status on this machine; the other lines are the same. */
export interface TaskStatus {
  /** comm: at most 15 bytes. */
  name: string;
  /** R (running) or S (sleeping). */
  state: 'R' | 'S';
  pid: number;
  ppid: number;
  /** Process group and session (NSpgid, NSsid). */
  pgid: number;
  sid: number;
  /** The memory lines, in KiB. */
  memory: ProcMemory;
  /** SigBlk, SigIgn, SigCgt: signal masks. */
  signals: { blocked: bigint; ignored: bigint; caught: bigint };
  /** RLIMIT_SIGPENDING: the N of "SigQ: 0/N" (max_threads / 2, from the machine's memory). */
  sigPendingLimit: number;
  /** CPUs the task may run on: all of them (Cpus_allowed is the mask, Cpus_allowed_list the range). */
  cpus: number;
  voluntarySwitches: number;
  nonvoluntarySwitches: number;
}

/**
 * /proc/PID/status of a single-threaded root process, byte for byte as Linux 6.18 prints it
 * (fs/proc/array.c proc_pid_status): "Name:\t…" and every later line "Key:\tvalue"; a memory line is
 * "VmRSS:\t" + the KiB right-aligned in 8 + " kB" (task_mem, HugetlbPages the same); masks in 16 hex digits;
 * "Groups:\t " for no groups; Umask 0022, uid and gid 0, FDSize 256, the root capability sets, THP_enabled 1,
 * Cpus_allowed the mask in hex ("3") and Cpus_allowed_list the range ("0-1", "0" for one CPU),
 * Mems_allowed node 0 as 32 comma-separated 8-digit words. The lines are those of spec/fixtures/proc/sleep.
 */
export function formatStatus(task: TaskStatus): string {
  return notImplemented('formatStatus');
}
