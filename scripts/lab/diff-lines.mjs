// @ts-check
/**
 * Line-by-line comparison of what a real tool printed (expected) with what the learner's code printed (got),
 * and its rendering for a terminal: side by side when both lines fit, one above the other when they do not.
 * Pure. Trailing spaces matter (smaps, smem and VmFlags lines end in one), so the text says where they are.
 */

/**
 * @typedef {object} DiffRow
 * @property {number} line                  1-based
 * @property {string | undefined} expected  the line with its "\n", undefined when that side has no such line
 * @property {string | undefined} got
 */
/**
 * @typedef {object} LineDiff
 * @property {boolean} same
 * @property {number} expectedLines
 * @property {number} gotLines
 * @property {DiffRow[]} rows   only the lines that differ
 */

/** Splits text into lines that keep their "\n", so a missing final newline is a difference too. */
export function splitLines(/** @type {string} */ text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * @param {string} expected
 * @param {string} got
 * @returns {LineDiff}
 */
export function diffLines(expected, got) {
  const a = splitLines(expected);
  const b = splitLines(got);
  /** @type {DiffRow[]} */
  const rows = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) rows.push({ line: i + 1, expected: a[i], got: b[i] });
  }
  return { same: rows.length === 0, expectedLines: a.length, gotLines: b.length, rows };
}

/**
 * Where two lines first differ, in plain words: `column 28: "5" in free's line, "6" in yours`.
 * @param {string | undefined} expected
 * @param {string | undefined} got
 * @param {string} expectedName  who printed the expected line ("free -h")
 */
export function describeDifference(expected, got, expectedName) {
  if (expected === undefined) return `${expectedName} printed no line here; yours has an extra one`;
  if (got === undefined) return `yours has no such line; ${expectedName} printed one`;
  let i = 0;
  while (i < expected.length && i < got.length && expected[i] === got[i]) i++;
  return `first difference at column ${i + 1}: ${charName(expected[i])} in ${expectedName}'s line, ${charName(got[i])} in yours`;
}

/** @param {string | undefined} ch */
function charName(ch) {
  if (ch === undefined || ch === '\n') return 'the end of the line';
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  return JSON.stringify(ch);
}

/** A line for display: without its "\n"; trailing blanks shown as "·" so they can be seen. */
export function visible(/** @type {string | undefined} */ line) {
  if (line === undefined) return '(no line)';
  const body = line.endsWith('\n') ? line.slice(0, -1) : `${line}   (no newline at the end)`;
  const trimmed = body.replace(/[ \t]+$/, '');
  return trimmed + '·'.repeat(body.length - trimmed.length);
}

/**
 * The rows of a diff for a terminal of `width` columns.
 * @param {LineDiff} diff
 * @param {{ expectedName: string, gotName?: string, width?: number, maxRows?: number }} options
 * @returns {string[]}
 */
export function renderDiff(diff, { expectedName, gotName = 'your code', width = 160, maxRows = 8 }) {
  const shown = diff.rows.slice(0, maxRows);
  const left = shown.map((r) => visible(r.expected));
  const right = shown.map((r) => visible(r.got));
  const leftWidth = Math.max(expectedName.length + ' printed'.length, ...left.map((l) => l.length));
  const rightWidth = Math.max(gotName.length + ' printed'.length, ...right.map((l) => l.length));
  const numberWidth = String(Math.max(1, ...shown.map((r) => r.line))).length;
  const pad = ' '.repeat(numberWidth + 1);
  /** @type {string[]} */
  const out = [];
  // "line " + number + " " + left + " │ " + right
  if (5 + numberWidth + 1 + leftWidth + 3 + rightWidth <= width) {
    out.push(`     ${pad}${`${expectedName} printed`.padEnd(leftWidth)} │ ${gotName} printed`);
    shown.forEach((row, i) => {
      out.push(`line ${String(row.line).padStart(numberWidth)} ${(left[i] ?? '').padEnd(leftWidth)} │ ${right[i]}`);
      out.push(`     ${pad}${describeDifference(row.expected, row.got, expectedName)}`);
    });
  } else {
    const label = Math.max(expectedName.length, gotName.length);
    shown.forEach((row, i) => {
      out.push(`line ${row.line}:`);
      out.push(`  ${expectedName.padEnd(label)} │ ${left[i]}`);
      out.push(`  ${gotName.padEnd(label)} │ ${right[i]}`);
      out.push(`  ${describeDifference(row.expected, row.got, expectedName)}`);
    });
  }
  if (diff.rows.length > shown.length) out.push(`… and ${diff.rows.length - shown.length} more differing lines`);
  return out;
}
