import { ParseError } from '#shared/errors';
import { ROW_LABELS, type RowName } from './labels.ts';

/** free's output read back: the column titles as printed, and each row's cells as printed. */
export interface ParsedFree {
  header: string[];
  /** Keyed by the English label without its colon (Mem, Low, High, Swap, Total, Comm), in any locale. */
  rows: Record<string, string[]>;
}

// Every label free has printed, without its colon and blanks → the row. Dropping the blanks makes the
// 4.0.2 Korean label `스  왑:` and the older `스왑:` (seed 001) the same key.
const ROW_BY_LABEL = new Map<string, RowName>(
  Object.values(ROW_LABELS).flatMap((labels) =>
    Object.entries(labels).map(([name, label]): [string, RowName] => [withoutBlanks(label), name as RowName]),
  ),
);

// One cell: a number (-3246776), or -h output: "0B", "9.0Ki", "512Ki", "1.1G", "1024Pi".
const CELL = /^-?\d+(?:B|(?:\.\d)?[KMGTP]i?)?$/;

/**
 * Any output of `free` (English or Korean, wide or not, with any of -l -t -v) → { header, rows }.
 * "메모리:  …" is the Mem row, "스  왑:" (and the older "스왑:") the Swap row. Cells stay strings: '23Gi', '-3246776'.
 * The header is the first line: 6 titles, 7 with -w. One report only: the text of `free -c 2` holds two, and
 * throws ParseError at the second header. No header, no Mem row, unknown labels, a row twice, a wrong number
 * of cells or a cell that is not a size throw `new ParseError(message, line)` (from '#shared/errors').
 */
export function parseFree(text: string): ParsedFree {
  let header: string[] | undefined;
  const rows: Record<string, string[]> = {};

  // A \r before the newline (CRLF) is a blank like any other: cells and labels are read without blanks.
  text.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return; // free -s ends each report with a blank line

    const colon = line.indexOf(':');
    if (header === undefined) {
      if (colon >= 0) throw new ParseError('expected the header line ("total used free …") first', lineNumber);
      header = splitCells(line);
      if (header.length !== 6 && header.length !== 7) {
        throw new ParseError(`a header has 6 columns (7 with -w), this one has ${header.length}`, lineNumber);
      }
      return;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator: without it the line fails below as an unknown (empty) label, the same ParseError on the same line
    if (colon < 0) throw new ParseError('a second header: free -c/-s printed several reports, one by one', lineNumber);

    const label = line.slice(0, colon + 1);
    const name = ROW_BY_LABEL.get(withoutBlanks(label));
    if (name === undefined) throw new ParseError(`unknown row label ${JSON.stringify(label)}`, lineNumber);
    if (Object.hasOwn(rows, name)) throw new ParseError(`the ${name} row appears twice`, lineNumber);

    const cells = splitCells(line.slice(colon + 1));
    const expected = name === 'Mem' ? header.length : 3;
    if (cells.length !== expected) {
      throw new ParseError(`the ${name} row has ${cells.length} cells, expected ${expected}`, lineNumber);
    }
    const bad = cells.find((cell) => !CELL.test(cell));
    if (bad !== undefined) throw new ParseError(`${JSON.stringify(bad)} is not a size free prints`, lineNumber);
    rows[name] = cells;
  });

  if (header === undefined) throw new ParseError('no header line: this is not the output of free', 1);
  if (!rows.Mem) throw new ParseError('no Mem: row', text.split('\n').length);
  return { header, rows };
}

function splitCells(text: string): string[] {
  return text.split(/\s/).filter((cell) => cell !== '');
}

function withoutBlanks(text: string): string {
  return text.replace(/\s/g, '');
}
