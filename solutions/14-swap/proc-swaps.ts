import { ParseError } from '#shared/errors';

/** One line of /proc/swaps. Sizes in KiB; `path` is the real path, unescaped. */
export interface SwapArea {
  path: string;
  /** 'partition' for a block device, 'file' for a swap file. */
  kind: 'file' | 'partition';
  sizeKb: number;
  usedKb: number;
  /** −32768..32767: swapon's -p (0..32767), or the default: −2, −3, … in swapon order. */
  priority: number;
}

/** The first line of /proc/swaps, tabs and all (`swap_show`, mm/swapfile.c). */
export const SWAPS_HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

/** What `seq_file_path(m, file, " \t\n\\")` escapes, as a backslash and three octal digits (`mangle_path`). */
const ESCAPES: Record<string, string> = { ' ': '\\040', '\t': '\\011', '\n': '\\012', '\\': '\\134' };
const UNESCAPES: Record<string, string> = { '\\040': ' ', '\\011': '\t', '\\012': '\n', '\\134': '\\' };
const encoder = new TextEncoder();

function checkArea(area: SwapArea, index: number): void {
  if (
    typeof area.path !== 'string' ||
    area.path === '' ||
    area.path.includes('\0') ||
    /[\uD800-\uDFFF]/u.test(area.path)
  ) {
    throw new RangeError(`swap area ${index}: the path must be a non-empty, well-formed string without NUL`);
  }
  if (area.kind !== 'file' && area.kind !== 'partition') {
    throw new RangeError(`swap area ${index}: kind is file or partition, not ${String(area.kind)}`);
  }
  if (!Number.isSafeInteger(area.usedKb) || area.usedKb < 0) {
    throw new RangeError(`swap area ${index}: usedKb ${area.usedKb} is not a whole number ≥ 0`);
  }
  // A size below the used count is refused, and so a negative one (used is ≥ 0).
  if (!Number.isSafeInteger(area.sizeKb) || area.sizeKb < area.usedKb) {
    throw new RangeError(`swap area ${index}: sizeKb ${area.sizeKb} is not a whole number ≥ used ${area.usedKb}`);
  }
  if (!Number.isInteger(area.priority) || area.priority < -32768 || area.priority > 32767) {
    throw new RangeError(`swap area ${index}: priority ${area.priority} is not a short (−32768..32767)`);
  }
}

/**
 * /proc/swaps, byte for byte (`swap_show`): the header, then per area the escaped path padded with spaces to
 * 40 bytes (at least one space), then `%s\t%lu\t%s%lu\t%s%d\n` with 'partition' or 'file\t', the size, a
 * second tab only when the size is below 10000000, the used KiB, a second tab only when it is below 10000000,
 * and the priority. RangeError for an area that is not one (empty path, used > size, priority not a short…).
 */
export function formatSwaps(areas: readonly SwapArea[]): string {
  let text = SWAPS_HEADER;
  areas.forEach((area, index) => {
    checkArea(area, index);
    const path = area.path.replace(/[ \t\n\\]/g, (c) => ESCAPES[c] as string);
    // "%*s" with width len < 40 ? 40 − len : 1 and " " as its argument: that many spaces. len counts bytes.
    const length = encoder.encode(path).length;
    const pad = ' '.repeat(length < 40 ? 40 - length : 1);
    const type = area.kind === 'partition' ? 'partition' : 'file\t';
    const sizeTab = area.sizeKb < 10000000 ? '\t' : '';
    const usedTab = area.usedKb < 10000000 ? '\t' : '';
    text += `${path}${pad}${type}\t${area.sizeKb}\t${sizeTab}${area.usedKb}\t${usedTab}${area.priority}\n`;
  });
  return text;
}

/** A whole number as the kernel prints one: no sign, no leading zero. */
const NUMBER = /^(0|[1-9][0-9]*)$/;
/** ROW's groups: every one is there when it matches. */
type RowMatch = [
  line: string,
  printed: string,
  pad: string,
  type: string,
  size: string,
  sizeTab: string,
  used: string,
  usedTab: string,
  priority: string,
];
/** A line after the header: path, padding, type, size, used, priority (see formatSwaps). */
const ROW = /^([^ ]+)( +)(partition|file\t)\t([0-9]+)\t(\t?)([0-9]+)\t(\t?)(-?[0-9]+)$/;

/** Undoes the escaping: \040 \011 \012 \134 are the only backslashes the kernel prints. */
function unescapePath(printed: string, line: number): string {
  return printed.replace(/\\.{0,3}/g, (sequence) => {
    const c = UNESCAPES[sequence];
    if (c === undefined)
      throw new ParseError(`${JSON.stringify(sequence)} in the path is not one of \\040 \\011 \\012 \\134`, line);
    return c;
  });
}

/**
 * Reads /proc/swaps back into SwapAreas, unescaping the paths. Strict: the header exactly, then lines exactly
 * as formatSwaps prints them (padding, tabs, numbers without leading zeros, nothing after the priority, a
 * final newline). ParseError with the 1-based line otherwise.
 */
export function parseSwaps(text: string): SwapArea[] {
  if (!text.startsWith(SWAPS_HEADER)) throw new ParseError("the first line is not /proc/swaps' header", 1);
  const lines = text.slice(SWAPS_HEADER.length).split('\n');
  // Line i of `lines` is line i + 2 of the text; the text must end in a newline.
  if (lines.at(-1) !== '') throw new ParseError('the last line has no newline', lines.length + 1);
  lines.pop();
  return lines.map((row, index) => {
    const line = index + 2;
    const match = ROW.exec(row);
    if (!match) throw new ParseError(`not a /proc/swaps line: ${JSON.stringify(row)}`, line);
    const [, printed, pad, type, size, sizeTab, used, usedTab, priority] = match as unknown as RowMatch;
    const printedLength = encoder.encode(printed).length;
    if (pad.length !== (printedLength < 40 ? 40 - printedLength : 1)) {
      throw new ParseError(`the path is padded with ${pad.length} spaces, not to 40 bytes`, line);
    }
    const sizeKb = Number(size);
    if (!NUMBER.test(size) || !Number.isSafeInteger(sizeKb))
      throw new ParseError(`size ${size} is not a whole number`, line);
    const usedKb = Number(used);
    if (!NUMBER.test(used) || !Number.isSafeInteger(usedKb))
      throw new ParseError(`used ${used} is not a whole number`, line);
    if ((sizeTab === '\t') !== sizeKb < 10000000 || (usedTab === '\t') !== usedKb < 10000000) {
      throw new ParseError('the tabs after the numbers do not match their widths', line);
    }
    if (usedKb > sizeKb) throw new ParseError(`used ${usedKb} kB is more than the size ${sizeKb} kB`, line);
    const prio = Number(priority);
    if (!/^(0|-?[1-9][0-9]*)$/.test(priority) || prio < -32768 || prio > 32767) {
      throw new ParseError(`priority ${JSON.stringify(priority)} is not a short`, line);
    }
    return {
      path: unescapePath(printed, line),
      kind: type === 'partition' ? 'partition' : 'file',
      sizeKb,
      usedKb,
      priority: prio,
    };
  });
}
