import { notImplemented } from '#shared/errors';
import type { ProcessMemory } from './process-memory.ts';

/** The columns of smem's process table that a ProcessMemory holds (smem showpids() fields). */
export type ProcessColumn = 'pid' | 'user' | 'command' | 'swap' | 'uss' | 'pss' | 'rss' | 'vss' | 'maps';

/** smem's options: -s COLUMN (sort), -r (reverse), -t (totals), -k (abbreviate: sizes with units). */
export interface SmemOptions<Key extends string = ProcessColumn> {
  readonly sort?: Key;
  readonly reverse?: boolean;
  readonly totals?: boolean;
  readonly abbreviate?: boolean;
}

/**
 * The table `smem [-t] [-k] [-s column] [-r]` prints, byte for byte:
 * "  PID User     Command                         Swap      USS      PSS      RSS " and one line per process,
 * sorted on PSS unless told otherwise. A process without mappings (a kernel thread, an exited process) is
 * left out, as smem's processtotals() leaves it out.
 * smem's columns (title, format, total): pid ('PID', '% 5s', number of processes), user ('User', '%-8s',
 * number of distinct users), command ('Command', '%-27.27s', none), swap/uss/pss/rss/vss ('Swap', 'USS',
 * 'PSS', 'RSS', 'VSS', '% 8a', sum), maps ('Maps', '% 5s', sum). Shown: pid user command swap uss pss rss.
 */
export function formatSmem(processes: readonly ProcessMemory[], options: SmemOptions = {}): string {
  return notImplemented('formatSmem');
}
