import { formatCell, units } from './smem-columns.ts';

/** A cell's raw value: what smem sorts and sums, before it is printed. */
export type Cell = number | string;

/** One column of an smem table, as smem's `fields` dict holds it: (title, value, format, total). */
export interface Column<Row> {
  /** The header text: 'PID', 'User', 'Swap'. */
  readonly title: string;
  /** smem's format: '% 5s', '%-8s', '%-27.27s', or '% 8a' for an amount, which -k prints with units(). */
  readonly format: string;
  /** The column's raw value for one row. */
  readonly value: (row: Row) => Cell;
  /** The -t totals row's cell, from every row's value (smem: len, sum, distinct count); none prints ''. */
  readonly total?: (values: Cell[]) => Cell;
}

/** What showTable() needs to know: -s (sort), -r (reverse), -t (totals), -k (abbreviate). */
export interface TableOptions<Key extends string> {
  readonly sort: Key;
  readonly reverse?: boolean;
  readonly totals?: boolean;
  readonly abbreviate?: boolean;
}

// Python compares strings by code point; JavaScript's < by UTF-16 unit. They differ only beyond U+FFFF.
function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(String(a), (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(String(b), (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

interface Line {
  readonly key: Cell;
  readonly cells: Cell[];
}

// smem sorts (key, row) tuples: equal keys fall back to the row's cells, left to right (the PID first).
function compareLines(a: Line, b: Line): number {
  const byKey = compareCells(a.key, b.key);
  if (byKey !== 0) return byKey;
  for (let i = 0; i < a.cells.length; i++) {
    const byCell = compareCells(a.cells[i] ?? '', b.cells[i] ?? '');
    if (byCell !== 0) return byCell;
  }
  return 0;
}

/**
 * smem showtable(): the header, the rows sorted on fields[sort], and with `totals` a line of dashes as long
 * as the header and a totals row. Every cell is printed with its column's format and one space after it,
 * so every line ends in a space. An amount column ('a' in its format) goes through units(kB · 1024) with
 * `abbreviate`. Rows with equal sort keys are ordered by their cells, as Python orders the (key, row)
 * tuples smem sorts; `reverse` reverses that whole order. An unknown sort key throws RangeError.
 * Example: columns ['id', 'kb'] with formats '% 4s' and '% 8a' print the header "  ID     Size ".
 */
export function showTable<Row, Key extends string>(
  rows: readonly Row[],
  fields: Readonly<Record<Key, Column<Row>>>,
  columns: readonly Key[],
  options: TableOptions<Key>,
): string {
  const { sort, reverse = false, totals = false, abbreviate = false } = options;
  const sortColumn: Column<Row> | undefined = fields[sort];
  if (sortColumn === undefined) {
    throw new RangeError(`unknown field ${sort}: known fields are ${Object.keys(fields).sort().join(', ')}`);
  }
  const shown = columns.map((name) => fields[name]);
  const formats = shown.map((column) => column.format.replace('a', 's'));
  const show = (value: Cell, i: number): Cell =>
    abbreviate && shown[i]?.format.includes('a') && typeof value === 'number' ? units(value * 1024) : value;
  const line = (cells: Cell[]) => cells.map((cell, i) => `${formatCell(show(cell, i), formats[i] ?? '%s')} `).join('');

  const header = shown.map((column, i) => `${formatCell(column.title, formats[i] ?? '%s')} `).join('');
  const lines: Line[] = rows.map((row) => ({ key: sortColumn.value(row), cells: shown.map((c) => c.value(row)) }));
  lines.sort(reverse ? (a, b) => compareLines(b, a) : compareLines);

  const out = [header, ...lines.map((l) => line(l.cells))];
  if (totals) {
    const sums = shown.map((column) => (column.total ? column.total(rows.map(column.value)) : ''));
    out.push('-'.repeat(Array.from(header).length), line(sums));
  }
  return out.map((l) => `${l}\n`).join('');
}
