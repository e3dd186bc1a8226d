import type { SmemOptions } from './format-smem.ts';
import type { ProcessMemory } from './process-memory.ts';
import { type Cell, type Column, showTable } from './show-table.ts';

/** The columns of smem's -u table (smem showusers() fields). */
export type UserColumn = 'user' | 'count' | 'swap' | 'uss' | 'pss' | 'rss' | 'vss';

interface UserTotals {
  readonly user: string;
  count: number;
  swap: number;
  uss: number;
  pss: number;
  rss: number;
}

/** smem usertotals(): the processes of each user added up, users in the order their first process came. */
function userTotals(processes: readonly ProcessMemory[]): UserTotals[] {
  const byUser = new Map<string, UserTotals>();
  for (const p of processes) {
    if (p.maps === 0) continue; // no mappings, not counted
    const t = byUser.get(p.user) ?? { user: p.user, count: 0, swap: 0, uss: 0, pss: 0, rss: 0 };
    t.count += 1;
    t.swap += p.swap;
    t.uss += p.uss;
    t.pss += p.pss;
    t.rss += p.rss;
    byUser.set(p.user, t);
  }
  return [...byUser.values()];
}

const sum = (values: Cell[]) => values.reduce<number>((total, value) => total + Number(value), 0);

// smem 1.5 showusers(): title, value, format, total.
const USER_FIELDS: Record<UserColumn, Column<UserTotals>> = {
  user: { title: 'User', format: '%-8s', value: (u) => u.user },
  count: { title: 'Count', format: '% 5s', value: (u) => u.count, total: sum },
  swap: { title: 'Swap', format: '% 8a', value: (u) => u.swap, total: sum },
  uss: { title: 'USS', format: '% 8a', value: (u) => u.uss, total: sum },
  rss: { title: 'RSS', format: '% 8a', value: (u) => u.rss, total: sum },
  pss: { title: 'PSS', format: '% 8a', value: (u) => u.pss, total: sum },
  // smem 1.5 reads pt[n]['pss'] for 'vss' here, so `smem -u -s vss` sorts on PSS. Kept.
  // Stryker disable next-line StringLiteral: smem -u never shows VSS; -s vss only sorts on its value
  vss: { title: 'VSS', format: '% 8a', value: (u) => u.pss, total: sum },
};

const DEFAULT_COLUMNS: UserColumn[] = ['user', 'count', 'swap', 'uss', 'pss', 'rss'];

/**
 * The table `smem -u [-t] [-k] [-s column] [-r]` prints, byte for byte: one line per user
 * ("User     Count     Swap      USS      PSS      RSS "), each the sum of that user's processes.
 * smem's columns (title, format, total): user ('User', '%-8s', none), count ('Count', '% 5s', sum),
 * swap/uss/pss/rss ('% 8a', sum), and vss, which smem 1.5 fills with the PSS (a bug kept: -s vss sorts on PSS).
 * Processes without mappings do not count.
 */
export function formatSmemUsers(processes: readonly ProcessMemory[], options: SmemOptions<UserColumn> = {}): string {
  const { sort = 'pss', reverse = false, totals = false, abbreviate = false } = options;
  return showTable(userTotals(processes), USER_FIELDS, DEFAULT_COLUMNS, { sort, reverse, totals, abbreviate });
}
