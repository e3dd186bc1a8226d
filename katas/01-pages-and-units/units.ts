import { notImplemented } from '#shared/errors';

/** Bytes in one page on x86-64 (`getconf PAGESIZE`). */
export const PAGE_SIZE = 4096;
/** log2(PAGE_SIZE): an address shifted right by 12 is its page number. */
export const PAGE_SHIFT = 12;

/** Pages → KiB, as /proc/zoneinfo's `pages free 1446382` becomes 5785528 kB. */
export function pagesToKb(pages: number): number {
  return notImplemented('pagesToKb');
}

/** KiB → whole pages, rounded down (a partial page is not a page): kbToPages(7) → 1. */
export function kbToPages(kb: number): number {
  return notImplemented('kbToPages');
}

/**
 * "  111716 kB" → 111716. The kernel writes "kB" and means KiB (1024 bytes).
 * Blanks (spaces, tabs) may come before the number; then one space, "kB", and nothing more. Anything else
 * ("4 kB x", "4 kB ", "4  kB", no number, another unit, a number beyond 2^53) throws
 * `new ParseError(message, line)`: import it with `import { ParseError } from '#shared/errors'`.
 * @param line the 1-based line the text came from, for the error message
 */
export function parseKb(text: string, line = 1): number {
  return notImplemented('parseKb');
}
