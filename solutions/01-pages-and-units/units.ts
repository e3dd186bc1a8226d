import { ParseError } from '#shared/errors';

/** Bytes in one page on x86-64 (`getconf PAGESIZE`). */
export const PAGE_SIZE = 4096;
/** log2(PAGE_SIZE): an address shifted right by 12 is its page number. */
export const PAGE_SHIFT = 12;

const KIB_PER_PAGE = PAGE_SIZE / 1024;

/** Pages → KiB, as /proc/zoneinfo's `pages free 1446382` becomes 5785528 kB. */
export function pagesToKb(pages: number): number {
  return pages * KIB_PER_PAGE;
}

/** KiB → whole pages (a partial page is not a page). */
export function kbToPages(kb: number): number {
  return Math.floor(kb / KIB_PER_PAGE);
}

// What the kernel prints after a colon: optional blanks, a decimal number, one space, "kB".
// (seq_put_decimal_ull_width and "%8lu kB"); we also accept trailing blanks and a tab before the number.
const KB_VALUE = /^[ \t]*(\d+) kB[ \t]*$/;

/**
 * "  111716 kB" → 111716. The kernel writes "kB" and means KiB (1024 bytes).
 * @param line the 1-based line the text came from, for the error message
 */
export function parseKb(text: string, line = 1): number {
  const match = KB_VALUE.exec(text);
  if (!match) {
    throw new ParseError(`expected a size like "111716 kB", got ${JSON.stringify(text)}`, line);
  }
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) {
    throw new ParseError(`${match[1]} kB is beyond 2^53: a JavaScript number cannot hold it exactly`, line);
  }
  return value;
}
