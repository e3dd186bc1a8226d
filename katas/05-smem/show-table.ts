import { notImplemented } from '#shared/errors';

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
  return notImplemented('showTable');
}
