import { ParseError } from '#shared/errors';

/**
 * The largest CPU or node number parseRangeList accepts. No kernel has that many CPUs or nodes (this
 * machine's kernel was built for 256 CPUs); the limit keeps a corrupt `0-4294967295` from building an
 * array of four billion numbers.
 */
export const RANGE_LIST_MAX = 65535;

// One item of the list: "8" or "0-3" (what bitmap_list_string() prints: no spaces, no strides).
const ITEM = /^(\d+)(?:-(\d+))?$/;

interface Range {
  first: number;
  last: number;
}

function parseItem(item: string, line: number): Range {
  const match = ITEM.exec(item);
  if (!match) throw new ParseError(`expected "N" or "N-M" in a range list, got ${JSON.stringify(item)}`, line);
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (last > RANGE_LIST_MAX) {
    throw new ParseError(`${item}: numbers in a range list stop at ${RANGE_LIST_MAX}`, line);
  }
  if (first > last) throw new ParseError(`${item}: a range must not run backwards`, line);
  return { first, last };
}

/**
 * "0-3,8" → [0, 1, 2, 3, 8]: the list form of a CPU or node bitmap (Cpus_allowed_list,
 * Mems_allowed_list), as lib/bitmap.c bitmap_list_string() prints it and bitmap_parselist() reads it.
 * Like the bitmap it stands for, the result is a set: sorted, each number once. "" → [].
 * Anything else (a backwards range "3-0", an empty item, a space, a number above RANGE_LIST_MAX) throws
 * ParseError with `line`.
 * @param line the 1-based line the text came from, for the error message
 */
export function parseRangeList(text: string, line = 1): number[] {
  if (text === '') return [];
  const ranges = text.split(',').map((item) => parseItem(item, line));
  ranges.sort((a, b) => a.first - b.first);

  const numbers: number[] = [];
  let next = 0; // the lowest number not yet in the result
  for (const { first, last } of ranges) {
    for (let n = Math.max(first, next); n <= last; n++) numbers.push(n);
    next = Math.max(next, last + 1);
  }
  return numbers;
}
