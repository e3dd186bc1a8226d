import { notImplemented } from '#shared/errors';
import type { SmapsRollup } from './mapping.ts';

/**
 * The text of /proc/PID/smaps_rollup → { start, end, fields }:
 *
 *   55cde9519000-7ffcf79a1000 ---p 00000000 00:00 0                          [rollup]
 *   Rss:                3572 kB
 *   …
 *
 * → { start: 0x55cde9519000n, end: 0x7ffcf79a1000n, fields: { Rss: 3572, … } }. The header must be named
 * "[rollup]" and every other line is "Key: N kB"; anything else throws `new ParseError(message, line)`.
 */
export function parseSmapsRollup(text: string): SmapsRollup {
  return notImplemented('parseSmapsRollup');
}
