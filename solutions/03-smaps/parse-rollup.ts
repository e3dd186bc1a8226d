import { ParseError } from '#shared/errors';
import type { SmapsRollup } from './mapping.ts';
import { parseField } from './parse-field.ts';
import { parseHeader } from './parse-header.ts';

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
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  // Stryker disable next-line StringLiteral: the fallback only serves an empty text, and '' or any other text that is not a header is the same ParseError on line 1
  const header = parseHeader(lines[0] ?? '', 1);
  if (header.pathname !== '[rollup]') {
    throw new ParseError(`smaps_rollup starts with a "[rollup]" header, got ${JSON.stringify(lines[0])}`, 1);
  }
  const fields: Record<string, number> = {};
  for (let i = 1; i < lines.length; i++) {
    // Stryker disable next-line StringLiteral: i < lines.length, so lines[i] is always there
    const line = lines[i] ?? '';
    const field = parseField(line, i + 1);
    if (field.kind !== 'kb') {
      throw new ParseError(`smaps_rollup has only "Key: N kB" lines, got ${JSON.stringify(line)}`, i + 1);
    }
    if (Object.hasOwn(fields, field.key)) {
      throw new ParseError(`a second ${field.key} line`, i + 1);
    }
    fields[field.key] = field.kb;
  }
  return { start: header.start, end: header.end, fields };
}
