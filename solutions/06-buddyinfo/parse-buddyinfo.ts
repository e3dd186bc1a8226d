import { ParseError } from '#shared/errors';
import type { ZoneFreeArea } from './free-area.ts';

// mm/vmstat.c frag_show_print(): "Node %d, zone %8s ", then "%6lu " for each order, then "\n".
// The name is right-aligned in 8 columns and each count in 6, but a wider value simply pushes the rest to
// the right, so the parser splits on blanks instead of counting columns. The blank after the last count is
// part of the kernel's line; a copy without it (a web page, a note) is read all the same.
const LINE = /^Node (\d+), zone +([A-Za-z]\S*)((?: +\d+)+) *$/;

/**
 * /proc/buddyinfo → one ZoneFreeArea per line, in the order the kernel printed them.
 * "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
 * → [{ node: 0, zone: 'DMA', free: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3] }].
 * Every line must have as many counts as the first one (the kernel prints NR_PAGE_ORDERS columns on each).
 * Anything else throws `new ParseError(message, line)` with the 1-based line: an empty text, a line of
 * another shape, a count that is not a plain decimal number (`12a`, `0x10`, `1e3`, `12.0`, `-1`), a number
 * beyond 2^53, a zone listed twice, a CR before the newline, a blank line.
 */
export function parseBuddyinfo(text: string): ZoneFreeArea[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final newline ends the last line, it does not start a new one
  if (lines.length === 0) throw new ParseError('/proc/buddyinfo is empty', 1);

  const areas: ZoneFreeArea[] = [];
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    const match = LINE.exec(line);
    if (!match) {
      throw new ParseError(
        line.endsWith('\r')
          ? 'a CR before the newline: the kernel ends its lines with \\n only'
          : `expected "Node N, zone NAME" and one count per order, got ${JSON.stringify(line)}`,
        lineNumber,
      );
    }
    // Stryker disable next-line StringLiteral: the three groups always match, so the defaults are never used
    const [, nodeText = '', zone = '', countsText = ''] = match;
    const node = decimal(nodeText, lineNumber);
    const free = countsText
      .trim()
      .split(/ +/)
      .map((count) => decimal(count, lineNumber));

    const orders = areas[0]?.free.length ?? free.length;
    if (free.length !== orders) {
      throw new ParseError(`${free.length} counts, but line 1 has ${orders}: every zone has one per order`, lineNumber);
    }
    const key = `${node} ${zone}`;
    if (seen.has(key)) throw new ParseError(`node ${node}, zone ${zone} is listed twice`, lineNumber);
    seen.add(key);
    areas.push({ node, zone, free });
  }
  return areas;
}

/** "752" → 752; a number beyond 2^53 would come out rounded, so it is an error instead. */
function decimal(digits: string, line: number): number {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) {
    throw new ParseError(`${digits} is beyond 2^53: a JavaScript number cannot hold it exactly`, line);
  }
  return value;
}
