import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, type Column, showTable } from '#kata/05-smem';

interface Row {
  id: number;
  name: string;
  kb: number;
}

const sum = (values: Cell[]) => values.reduce<number>((total, v) => total + Number(v), 0);
const FIELDS: Record<'id' | 'name' | 'kb', Column<Row>> = {
  id: { title: 'ID', format: '% 4s', value: (r) => r.id, total: (values) => values.length },
  name: { title: 'Name', format: '%-6.6s', value: (r) => r.name },
  kb: { title: 'Size', format: '% 8a', value: (r) => r.kb, total: sum },
};
const COLUMNS = ['id', 'name', 'kb'] as const;
const ROWS: Row[] = [
  { id: 30, name: 'gamma', kb: 1280 },
  { id: 10, name: 'alpha', kb: 4 },
  { id: 20, name: 'betabetabeta', kb: 1280 },
];

describe('showTable', () => {
  it('prints the header with each title in its column format and one space after each', () => {
    const header = showTable([], FIELDS, COLUMNS, { sort: 'kb' }).split('\n')[0];
    expect(header).toBe('  ID Name       Size ');
  });

  it('sorts on the sort column, ascending, and ends every line in a space and a line feed', () => {
    expect(showTable(ROWS, FIELDS, COLUMNS, { sort: 'kb' })).toBe(
      '  ID Name       Size \n' + '  10 alpha         4 \n' + '  20 betabe     1280 \n' + '  30 gamma      1280 \n',
    );
  });

  it('orders equal keys by the cells left to right, as Python orders tuples, whatever the input order', () => {
    const lines = (rows: Row[]) => showTable(rows, FIELDS, COLUMNS, { sort: 'kb' }).split('\n').slice(1, 4);
    expect(lines(ROWS).map((l) => l.slice(0, 4))).toEqual(['  10', '  20', '  30']);
    expect(lines([...ROWS].reverse())).toEqual(lines(ROWS));
  });

  it('with reverse, reverses the whole order, ties included: the higher ID comes first', () => {
    const lines = showTable(ROWS, FIELDS, COLUMNS, { sort: 'kb', reverse: true }).split('\n');
    expect(lines.slice(1, 4).map((l) => l.slice(0, 4))).toEqual(['  30', '  20', '  10']);
  });

  it('sorts on a column it does not show', () => {
    const lines = showTable(ROWS, FIELDS, ['name', 'kb'], { sort: 'id' }).split('\n');
    expect(lines.slice(1, 4).map((l) => l.slice(0, 6))).toEqual(['alpha ', 'betabe', 'gamma ']);
  });

  it('settles a tie on the key and the first cell by the next cell: names a, b for the same id and size', () => {
    const rows = [
      { id: 7, name: 'b', kb: 5 },
      { id: 7, name: 'a', kb: 5 },
      { id: 7, name: 'c', kb: 5 },
    ];
    const names = (reverse: boolean) =>
      showTable(rows, FIELDS, COLUMNS, { sort: 'kb', reverse })
        .split('\n')
        .slice(1, 4)
        .map((l) => l.trim().split(/ +/)[1]);
    expect(names(false)).toEqual(['a', 'b', 'c']);
    expect(names(true)).toEqual(['c', 'b', 'a']);
  });

  it('compares text by code point, as Python does: "ｚ" (U+FF5A) before "😀" (U+1F600), unlike UTF-16 order', () => {
    const rows = [
      { id: 3, name: 'ｚ😀', kb: 0 },
      { id: 4, name: 'ｚｚ', kb: 0 },
      { id: 1, name: '😀', kb: 0 },
      { id: 2, name: 'ｚ', kb: 0 },
    ];
    // Rows are listed with the longer names first, so that a shorter name must move up past them.
    const lines = showTable(rows, FIELDS, COLUMNS, { sort: 'name' }).split('\n');
    expect(lines.slice(1, 5).map((l) => Number(l.trim().split(/ +/)[0]))).toEqual([2, 4, 3, 1]);
  });

  it('prints "" in the totals row for an amount column without a total, abbreviated or not', () => {
    const fields = { ...FIELDS, kb: { title: 'Size', format: '% 8a', value: (r: Row) => r.kb } };
    for (const abbreviate of [false, true]) {
      const lines = showTable(ROWS, fields, COLUMNS, { sort: 'kb', totals: true, abbreviate }).split('\n');
      expect(lines.at(-2)).toBe(`${'   3'} ${''.padEnd(6)} ${''.padStart(8)} `);
    }
  });

  it('compares text by character: "Zed" sorts before "alpha" (upper case first), as in Python', () => {
    const rows = [
      { id: 1, name: 'alpha', kb: 0 },
      { id: 2, name: 'Zed', kb: 0 },
    ];
    const lines = showTable(rows, FIELDS, COLUMNS, { sort: 'name' }).split('\n');
    expect(lines.slice(1, 3).map((l) => l.trim().split(/ +/)[1])).toEqual(['Zed', 'alpha']);
  });

  it('with totals, adds a dash line as long as the header and a totals row ("" where a column has no total)', () => {
    const lines = showTable(ROWS, FIELDS, COLUMNS, { sort: 'kb', totals: true }).split('\n');
    expect(lines.slice(4)).toEqual(['---------------------', '   3            2564 ', '']);
  });

  it('with abbreviate, prints only the amount columns (an "a" format) through units()', () => {
    const lines = showTable(ROWS, FIELDS, COLUMNS, { sort: 'kb', abbreviate: true, totals: true }).split('\n');
    expect(lines.slice(1)).toEqual([
      '  10 alpha      4.0K ',
      '  20 betabe     1.2M ',
      '  30 gamma      1.2M ',
      '---------------------',
      '   3            2.5M ',
      '',
    ]);
  });

  it('throws RangeError for a sort key that is not a column', () => {
    expect(() => showTable(ROWS, FIELDS, COLUMNS, { sort: 'size' as 'kb' })).toThrow(RangeError);
  });

  it('prints each row exactly once, and the same table for any input order', () => {
    const rows = fc.uniqueArray(
      fc.record({ id: fc.nat(99999), name: fc.string({ maxLength: 8 }), kb: fc.nat(2 ** 40) }),
      { selector: (r) => r.id, maxLength: 30 },
    );
    fc.assert(
      fc.property(rows, fc.boolean(), fc.constantFrom('id', 'name', 'kb'), (rs, reverse, sort) => {
        const table = showTable(rs, FIELDS, COLUMNS, { sort, reverse });
        const alone = rs.map((r) => showTable([r], FIELDS, COLUMNS, { sort }).split('\n')[1]);
        const body = table.split('\n').slice(1, -1);
        expect([...body].sort()).toEqual([...alone].sort());
        expect(showTable([...rs].reverse(), FIELDS, COLUMNS, { sort, reverse })).toBe(table);
      }),
    );
  });
});
