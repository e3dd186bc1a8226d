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

/** KiB → whole pages, rounded down (a partial page is not a page): kbToPages(7) → 1. */
export function kbToPages(kb: number): number {
  return Math.floor(kb / KIB_PER_PAGE);
}

// What the kernel prints after a colon: blanks (status has a tab, then the spaces of "%8lu"), a decimal
// number, one space, "kB", and nothing after it (seq_put_decimal_ull_width() then " kB"). Linux never prints a
// blank after "kB", so a trailing blank is an error like any other text the kernel would not write.
const KB_VALUE = /^[ \t]*(\d+) kB$/;

/**
 * "  111716 kB" → 111716. The kernel writes "kB" and means KiB (1024 bytes).
 * Blanks (spaces, tabs) may come before the number; then one space, "kB", and nothing more. Anything else
 * ("4 kB x", "4 kB ", "4  kB", no number, another unit, a number beyond 2^53) throws
 * `new ParseError(message, line)`: import it with `import { ParseError } from '#shared/errors'`.
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
