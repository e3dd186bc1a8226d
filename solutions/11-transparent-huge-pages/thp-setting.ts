import { ParseError } from '#shared/errors';

/** The three values of /sys/kernel/mm/transparent_hugepage/enabled. */
export type ThpMode = 'always' | 'madvise' | 'never';

// mm/huge_memory.c enabled_show() prints exactly one of these three strings, then "\n".
const ENABLED_FILE: Readonly<Record<string, ThpMode>> = {
  '[always] madvise never': 'always',
  'always [madvise] never': 'madvise',
  'always madvise [never]': 'never',
};

/**
 * The setting in /sys/kernel/mm/transparent_hugepage/enabled: "always [madvise] never\n" → 'madvise'.
 * The kernel prints exactly `[always] madvise never`, `always [madvise] never` or `always madvise [never]`,
 * then one newline (which may be missing). Anything else is a `ParseError` with the 1-based line: the
 * per-size files' `always [inherit] madvise never`, the defrag file's `always [defer] defer+madvise madvise never`,
 * two brackets, none, other spacing, CRLF, a second line.
 */
export function parseThpSetting(text: string): ThpMode {
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'); // enabled_show() ends with "\n"
  const line = lines[0] as string;
  const mode = Object.hasOwn(ENABLED_FILE, line) ? ENABLED_FILE[line] : undefined;
  if (mode === undefined) {
    throw new ParseError(
      `expected "[always] madvise never", "always [madvise] never" or "always madvise [never]", got ${JSON.stringify(line)}`,
      1,
    );
  }
  if (lines.length > 1) throw new ParseError('the enabled file has only one line', 2);
  return mode;
}
