import { notImplemented } from '#shared/errors';

/** What smem knows about a process before it reads its smaps. */
export interface ProcessInput {
  /** The process ID: the name of its /proc/PID directory. */
  readonly pid: number;
  /** The owner of /proc/PID by name (smem: `pwd.getpwuid(st_uid)`, or the uid as text when unknown). */
  readonly user: string;
  /** /proc/PID/cmdline as smem shows it: the last byte dropped, each NUL turned into a space ("sleep 600"). */
  readonly command: string;
  /** The text of /proc/PID/smaps. */
  readonly smaps: string;
}

/** One row of smem's process table. Sizes are KiB, as smaps prints them ("kB"). */
export interface ProcessMemory {
  readonly pid: number;
  readonly user: string;
  readonly command: string;
  /** Σ Swap: pages of this process that are out on swap. */
  readonly swap: number;
  /** Σ (Private_Clean + Private_Dirty): the unique set size, the memory only this process maps. */
  readonly uss: number;
  /** Σ Pss: each resident page divided by the number of processes that map it. */
  readonly pss: number;
  /** Σ Rss: every resident page, shared or not. */
  readonly rss: number;
  /** Σ Size: the virtual address space mapped. */
  readonly vss: number;
  /** How many mappings smem counted: one per distinct start address. */
  readonly maps: number;
}

/**
 * One process measured the way smem 1.5 does it (pidmaps + pidtotals): sums over /proc/PID/smaps.
 * For `sleep 600` (spec/fixtures/proc/sleep/smaps.txt): swap 0, uss 144, pss 289, rss 1660, vss 2924, maps 37.
 *
 * Read it as smem reads it, line by line, word by word:
 * - a line whose last word is "kB" is a field of the current mapping: "Private_Dirty:  16 kB" →
 *   key "private_dirty" (the first word without its last character, lower case), value 16;
 * - a line whose first word has a '-' and no ':' is a mapping header "start-end perms offset dev inode [name]";
 *   mappings are kept by start address, so a start seen twice replaces the first mapping;
 * - any other line (VmFlags, THPeligible) is skipped.
 * Where smem gives up on the process (an empty line, a kB line before any header, a header that is not
 * hexadecimal or has fewer than five words) throw `new ParseError(message, line)`; so for a size that is not
 * plain decimal digits or is beyond 2^53. `parseKb` and `parseHex` from '#kata/01-pages-and-units' help.
 */
export function measureProcess(process: ProcessInput): ProcessMemory {
  return notImplemented('measureProcess');
}
