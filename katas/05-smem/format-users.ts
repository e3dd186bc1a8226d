import { notImplemented } from '#shared/errors';
import type { SmemOptions } from './format-smem.ts';
import type { ProcessMemory } from './process-memory.ts';

/** The columns of smem's -u table (smem showusers() fields). */
export type UserColumn = 'user' | 'count' | 'swap' | 'uss' | 'pss' | 'rss' | 'vss';

/**
 * The table `smem -u [-t] [-k] [-s column] [-r]` prints, byte for byte: one line per user
 * ("User     Count     Swap      USS      PSS      RSS "), each the sum of that user's processes.
 * smem's columns (title, format, total): user ('User', '%-8s', none), count ('Count', '% 5s', sum),
 * swap/uss/pss/rss ('% 8a', sum), and vss, which smem 1.5 fills with the PSS (a bug kept: -s vss sorts on PSS).
 * Processes without mappings do not count.
 */
export function formatSmemUsers(processes: readonly ProcessMemory[], options: SmemOptions<UserColumn> = {}): string {
  return notImplemented('formatSmemUsers');
}
