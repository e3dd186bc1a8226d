import { notImplemented } from '#shared/errors';

/**
 * The largest CPU or node number parseRangeList accepts. No kernel has that many CPUs or nodes (this
 * machine's kernel was built for 256 CPUs); the limit keeps a corrupt `0-4294967295` from building an
 * array of four billion numbers.
 */
export const RANGE_LIST_MAX = 65535;

/**
 * "0-3,8" → [0, 1, 2, 3, 8]: the list form of a CPU or node bitmap (Cpus_allowed_list,
 * Mems_allowed_list), as lib/bitmap.c bitmap_list_string() prints it and bitmap_parselist() reads it.
 * Like the bitmap it stands for, the result is a set: sorted, each number once. "" → [].
 * Anything else (a backwards range "3-0", an empty item, a space, a number above RANGE_LIST_MAX) throws
 * ParseError with `line`.
 * @param line the 1-based line the text came from, for the error message
 */
export function parseRangeList(text: string, line = 1): number[] {
  return notImplemented('parseRangeList');
}
