import { parseKb } from '#kata/01-pages-and-units';
import { ParseError } from '#shared/errors';

/** /proc/meminfo as numbers: KiB for every "kB" line, plain counts for HugePages_*. */
export type Meminfo = Record<string, number>;

// "MemTotal:       24683656 kB": a name without blanks, a colon, the value (fs/proc/meminfo.c show_val_kb()).
const LINE = /^([^\s:]+):(.*)$/;
// "HugePages_Total:       0": hugetlb_report_meminfo() prints page counts, without a unit (and nothing after).
const COUNT = /^[ \t]*(\d+)$/;

/**
 * "MemTotal:       24683656 kB\n…" → { MemTotal: 24683656, … }.
 * Every line must be `Name: <number> kB`, except HugePages_Total/Free/Rsvd/Surp, which are counts.
 * Anything else (an empty text, no colon, another unit, a kB line without its unit, a name twice, a number beyond 2^53)
 * throws `new ParseError(message, line)` (from '#shared/errors') with the 1-based line it is on.
 * Tip: kata 1's parseKb reads "  24683656 kB": `import { parseKb } from '#kata/01-pages-and-units'`.
 */
export function parseMeminfo(text: string): Meminfo {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final newline ends the last line, it does not start a new one
  if (lines.length === 0) throw new ParseError('/proc/meminfo is empty', 1);

  const values = new Map<string, number>();
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = LINE.exec(line);
    if (!match) {
      throw new ParseError(`expected "Name:   value kB", got ${JSON.stringify(line)}`, lineNumber);
    }
    // Stryker disable next-line StringLiteral: both groups always take part in a match; the defaults only satisfy the types
    const [, name = '', value = ''] = match;
    if (values.has(name)) throw new ParseError(`${name} appears twice`, lineNumber);
    values.set(name, name.startsWith('HugePages_') ? parseCount(value, lineNumber) : parseKb(value, lineNumber));
  });
  return Object.fromEntries(values); // fromEntries keeps even a name like "__proto__" as a plain key
}

function parseCount(text: string, line: number): number {
  const match = COUNT.exec(text);
  const value = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(value)) {
    throw new ParseError(`expected a page count, got ${JSON.stringify(text)}`, line);
  }
  return value;
}
