import { notImplemented } from '#shared/errors';

/** free's output read back: the column titles as printed, and each row's cells as printed. */
export interface ParsedFree {
  header: string[];
  /** Keyed by the English label without its colon (Mem, Low, High, Swap, Total, Comm), in any locale. */
  rows: Record<string, string[]>;
}

/**
 * Any output of `free` (English or Korean, wide or not, with any of -l -t -v) → { header, rows }.
 * "메모리:  …" is the Mem row, "스  왑:" (and the older "스왑:") the Swap row. Cells stay strings: '23Gi', '-3246776'.
 * The header is the first line: 6 titles, 7 with -w. One report only: the text of `free -c 2` holds two, and
 * throws ParseError at the second header. No header, no Mem row, unknown labels, a row twice, a wrong number
 * of cells or a cell that is not a size throw `new ParseError(message, line)` (from '#shared/errors').
 */
export function parseFree(text: string): ParsedFree {
  return notImplemented('parseFree');
}
