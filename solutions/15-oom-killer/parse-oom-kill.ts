import { ParseError } from '#shared/errors';
import {
  OOM_SCORE_ADJ_MAX,
  OOM_SCORE_ADJ_MIN,
  type OomConstraint,
  type OomKill,
  type OomKillContext,
  type OomMessage,
} from './task.ts';

// What dmesg puts before each line: "[  522.049980] " (seconds since boot, `[%5lu.%06lu] `).
const TIMESTAMP = /^\[ *\d+\.\d+\] /;

// `__oom_kill_process`. The name is greedy: a comm may hold spaces and parentheses, and only the last
// ") total-vm:" can be followed by the rest of the line.
const KILLED =
  /^(Out of memory|Memory cgroup out of memory|Out of memory \(oom_kill_allocating_task\)): Killed process (\d+) \((.*)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:(\d+)kB, shmem-rss:(\d+)kB, UID:(\d+) pgtables:(\d+)kB oom_score_adj:(-?\d+)$/;

// `dump_oom_victim`. Node lists are digits, commas and dashes; the cgroup names stop at the first field
// that follows them, and the comm, which comes last, takes the rest up to ",pid=".
const SUMMARY =
  /^oom-kill:constraint=(CONSTRAINT_NONE|CONSTRAINT_CPUSET|CONSTRAINT_MEMORY_POLICY|CONSTRAINT_MEMCG),nodemask=(\(null\)|[\d,-]*),cpuset=(.*?),mems_allowed=([\d,-]*),(?:global_oom|oom_memcg=(.*?)),task_memcg=(.*?),task=(.*),pid=(\d+),uid=(\d+)$/;

/**
 * A `Killed process` line of the kernel log → the victim it names, with its message. The line may start
 * with dmesg's timestamp (`[  522.049980] `) and end with one newline. Page tables come back as
 * `pgtablesKb`, the KiB the line prints. Any other line — another message, a field missing or out of
 * place, a number that is not decimal or is beyond 2^53, an oom_score_adj outside −1000..1000, a UID beyond
 * 2^32 − 1 — throws `new ParseError(message, 1)`.
 */
export function parseOomKill(line: string): OomKill {
  const text = withoutPrefix(line);
  const m = KILLED.exec(text);
  if (!m)
    throw new ParseError(
      `expected "Out of memory: Killed process PID (NAME) total-vm:…", got ${JSON.stringify(line)}`,
      1,
    );
  return {
    message: m[1] as OomMessage,
    pid: pid(m[2]),
    name: m[3] as string,
    totalVmKb: count(m[4]),
    anonRssKb: count(m[5]),
    fileRssKb: count(m[6]),
    shmemRssKb: count(m[7]),
    uid: uid(m[8]),
    pgtablesKb: count(m[9]),
    oomScoreAdj: adj(m[10]),
  };
}

/**
 * An `oom-kill:constraint=…` line → the context it describes and the victim it names (name, pid, uid):
 * `nodemask=(null)` is null, `global_oom` is an oomMemcg of null. dmesg's timestamp and one final newline
 * are allowed; anything else throws `new ParseError(message, 1)`.
 */
export function parseOomContext(line: string): OomKillContext {
  const text = withoutPrefix(line);
  const m = SUMMARY.exec(text);
  if (!m)
    throw new ParseError(`expected "oom-kill:constraint=…,task=NAME,pid=PID,uid=UID", got ${JSON.stringify(line)}`, 1);
  return {
    constraint: m[1] as OomConstraint,
    nodemask: m[2] === '(null)' ? null : (m[2] as string),
    cpuset: m[3] as string,
    memsAllowed: m[4] as string,
    oomMemcg: m[5] ?? null,
    taskMemcg: m[6] as string,
    name: m[7] as string,
    pid: pid(m[8]),
    uid: uid(m[9]),
  };
}

/** The line without dmesg's timestamp and without one final newline (`\n` or `\r\n`). */
function withoutPrefix(line: string): string {
  const text = line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
  return text.replace(TIMESTAMP, '');
}

/** A `%lu` the regular expression already found to be digits: it must fit a number exactly. */
function count(text: string | undefined): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ParseError(`${text} is beyond 2^53`, 1);
  return value;
}

function pid(text: string | undefined): number {
  const value = count(text);
  if (value < 1) throw new ParseError(`a process id is at least 1, got ${text}`, 1);
  return value;
}

function uid(text: string | undefined): number {
  const value = count(text);
  if (value > 0xffffffff) throw new ParseError(`a UID fits 32 bits, got ${text}`, 1);
  return value;
}

function adj(text: string | undefined): number {
  const value = Number(text); // the regular expression let only -?\d+ through
  if (value < OOM_SCORE_ADJ_MIN || value > OOM_SCORE_ADJ_MAX) {
    throw new ParseError(`oom_score_adj is in -1000..1000, got ${text}`, 1);
  }
  return value;
}
