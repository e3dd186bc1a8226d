import { notImplemented } from '#shared/errors';

/** One line of /proc/swaps. Sizes in KiB; `path` is the real path, unescaped. */
export interface SwapArea {
  path: string;
  /** 'partition' for a block device, 'file' for a swap file. */
  kind: 'file' | 'partition';
  sizeKb: number;
  usedKb: number;
  /** −32768..32767: swapon's -p (0..32767), or the default: −2, −3, … in swapon order. */
  priority: number;
}

/** The first line of /proc/swaps, tabs and all (`swap_show`, mm/swapfile.c). */
export const SWAPS_HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

/**
 * /proc/swaps, byte for byte (`swap_show`): the header, then per area the escaped path padded with spaces to
 * 40 bytes (at least one space), then `%s\t%lu\t%s%lu\t%s%d\n` with 'partition' or 'file\t', the size, a
 * second tab only when the size is below 10000000, the used KiB, a second tab only when it is below 10000000,
 * and the priority. RangeError for an area that is not one (empty path, used > size, priority not a short…).
 */
export function formatSwaps(areas: readonly SwapArea[]): string {
  return notImplemented('formatSwaps');
}

/**
 * Reads /proc/swaps back into SwapAreas, unescaping the paths. Strict: the header exactly, then lines exactly
 * as formatSwaps prints them (padding, tabs, numbers without leading zeros, nothing after the priority, a
 * final newline). ParseError with the 1-based line otherwise.
 */
export function parseSwaps(text: string): SwapArea[] {
  return notImplemented('parseSwaps');
}
