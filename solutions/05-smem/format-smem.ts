import type { ProcessMemory } from './process-memory.ts';
import { type Cell, type Column, showTable } from './show-table.ts';

/** The columns of smem's process table that a ProcessMemory holds (smem showpids() fields). */
export type ProcessColumn = 'pid' | 'user' | 'command' | 'swap' | 'uss' | 'pss' | 'rss' | 'vss' | 'maps';

/** smem's options: -s COLUMN (sort), -r (reverse), -t (totals), -k (abbreviate: sizes with units). */
export interface SmemOptions<Key extends string = ProcessColumn> {
  readonly sort?: Key;
  readonly reverse?: boolean;
  readonly totals?: boolean;
  readonly abbreviate?: boolean;
}

const count = (values: Cell[]) => values.length;
const distinct = (values: Cell[]) => new Set(values).size;
const sum = (values: Cell[]) => values.reduce<number>((total, value) => total + Number(value), 0);

// smem 1.5 showpids(): title, value, format, total.
const PROCESS_FIELDS: Record<ProcessColumn, Column<ProcessMemory>> = {
  pid: { title: 'PID', format: '% 5s', value: (p) => p.pid, total: count },
  user: { title: 'User', format: '%-8s', value: (p) => p.user, total: distinct },
  command: { title: 'Command', format: '%-27.27s', value: (p) => p.command },
  // Stryker disable next-line StringLiteral: smem's default columns never show Maps; -s maps only sorts on its value
  maps: { title: 'Maps', format: '% 5s', value: (p) => p.maps, total: sum },
  swap: { title: 'Swap', format: '% 8a', value: (p) => p.swap, total: sum },
  uss: { title: 'USS', format: '% 8a', value: (p) => p.uss, total: sum },
  rss: { title: 'RSS', format: '% 8a', value: (p) => p.rss, total: sum },
  pss: { title: 'PSS', format: '% 8a', value: (p) => p.pss, total: sum },
  // Stryker disable next-line StringLiteral: smem's default columns never show VSS; -s vss only sorts on its value
  vss: { title: 'VSS', format: '% 8a', value: (p) => p.vss, total: sum },
};

const DEFAULT_COLUMNS: ProcessColumn[] = ['pid', 'user', 'command', 'swap', 'uss', 'pss', 'rss'];

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
  const { sort = 'pss', reverse = false, totals = false, abbreviate = false } = options;
  const measured = processes.filter((p) => p.maps !== 0);
  return showTable(measured, PROCESS_FIELDS, DEFAULT_COLUMNS, { sort, reverse, totals, abbreviate });
}
