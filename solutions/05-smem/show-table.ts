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

// A column holds numbers or strings, never both (Python 3 cannot even compare an int with a str).
// Python compares strings by code point; JavaScript's < by UTF-16 unit. They differ only beyond U+FFFF.
function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number') return a - Number(b);
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(String(b), (c) => c.codePointAt(0) ?? 0);
  const common = Math.min(x.length, y.length);
  for (let i = 0; i < common; i++) {
    if (x[i] !== y[i]) return Number(x[i]) - Number(y[i]);
  }
  return x.length - y.length; // one is the start of the other: the shorter first
}

interface Line {
  readonly key: Cell;
  readonly cells: Cell[];
}

// smem sorts (key, row) tuples: equal keys fall back to the row's cells, left to right (the PID first).
function compareLines(a: Line, b: Line): number {
  const byKey = compareCells(a.key, b.key);
  if (byKey !== 0) return byKey;
  for (const [i, cell] of a.cells.entries()) {
    // Stryker disable next-line StringLiteral: both lines have a cell for every shown column
    const byCell = compareCells(cell, b.cells[i] ?? '');
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
  // Each column's cell as printed: its format ('a', an amount, prints as 's'), then one space.
  const printers = shown.map((column) => {
    const format = column.format.replace('a', 's');
    const amount = abbreviate && column.format.includes('a');
    return (value: Cell) => `${formatCell(amount && typeof value === 'number' ? units(value * 1024) : value, format)} `;
  });
  // Stryker disable next-line StringLiteral,OptionalChaining: there is a printer for every cell, one per shown column
  const line = (cells: Cell[]) => cells.map((cell, i) => printers[i]?.(cell) ?? '').join('');

  const header = line(shown.map((column) => column.title));
  const lines: Line[] = rows.map((row) => ({ key: sortColumn.value(row), cells: shown.map((c) => c.value(row)) }));
  lines.sort(reverse ? (a, b) => compareLines(b, a) : compareLines);

  const out = [header, ...lines.map((l) => line(l.cells))];
  if (totals) {
    const sums = shown.map((column) => (column.total ? column.total(rows.map(column.value)) : ''));
    out.push('-'.repeat(Array.from(header).length), line(sums));
  }
  return out.map((l) => `${l}\n`).join('');
}
