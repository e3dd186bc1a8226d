import { notImplemented } from '#shared/errors';
import type { OomKill, OomKillContext } from './task.ts';

/**
 * A `Killed process` line of the kernel log → the victim it names, with its message. The line may start
 * with dmesg's timestamp (`[  522.049980] `) and end with one newline. Page tables come back as
 * `pgtablesKb`, the KiB the line prints. Any other line — another message, a field missing or out of
 * place, a number that is not decimal or is beyond 2^53, an oom_score_adj outside −1000..1000, a UID beyond
 * 2^32 − 1 — throws `new ParseError(message, 1)`.
 */
export function parseOomKill(line: string): OomKill {
  return notImplemented('parseOomKill');
}

/**
 * An `oom-kill:constraint=…` line → the context it describes and the victim it names (name, pid, uid):
 * `nodemask=(null)` is null, `global_oom` is an oomMemcg of null. dmesg's timestamp and one final newline
 * are allowed; anything else throws `new ParseError(message, 1)`.
 */
export function parseOomContext(line: string): OomKillContext {
  return notImplemented('parseOomContext');
}
