import { notImplemented } from '#shared/errors';

/** The three values of /sys/kernel/mm/transparent_hugepage/enabled. */
export type ThpMode = 'always' | 'madvise' | 'never';

/**
 * The setting in /sys/kernel/mm/transparent_hugepage/enabled: "always [madvise] never\n" → 'madvise'.
 * The kernel prints exactly `[always] madvise never`, `always [madvise] never` or `always madvise [never]`,
 * then one newline (which may be missing). Anything else is a `ParseError` with the 1-based line: the
 * per-size files' `always [inherit] madvise never`, the defrag file's `always [defer] defer+madvise madvise never`,
 * two brackets, none, other spacing, CRLF, a second line.
 */
export function parseThpSetting(text: string): ThpMode {
  return notImplemented('parseThpSetting');
}
