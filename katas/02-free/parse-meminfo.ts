import { notImplemented } from '#shared/errors';

/** /proc/meminfo as numbers: KiB for every "kB" line, plain counts for HugePages_*. */
export type Meminfo = Record<string, number>;

/**
 * "MemTotal:       24683656 kB\n…" → { MemTotal: 24683656, … }.
 * Every line must be `Name: <number> kB`, except HugePages_Total/Free/Rsvd/Surp, which are counts.
 * Anything else (an empty text, no colon, another unit, a kB line without its unit, a name twice, a number beyond 2^53)
 * throws `new ParseError(message, line)` (from '#shared/errors') with the 1-based line it is on.
 * Tip: kata 1's parseKb reads "  24683656 kB": `import { parseKb } from '#kata/01-pages-and-units'`.
 */
export function parseMeminfo(text: string): Meminfo {
  return notImplemented('parseMeminfo');
}
