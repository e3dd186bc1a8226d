// @ts-check
/**
 * Prints the checks of one lab run for a terminal, in plain words. Pure: returns the text.
 */
import { renderDiff } from './diff-lines.mjs';

const MARK = /** @type {const} */ ({ pass: '✓', fail: '✗', todo: '…', note: '·' });

/**
 * @param {{ heading: string[], checks: import('./checks.mjs').Check[], width?: number }} report
 * @returns {string}
 */
export function renderReport({ heading, checks, width = 160 }) {
  const out = [...heading, ''];
  for (const check of mergeTodos(checks)) {
    const [first, ...rest] = check.lines;
    const oneLine =
      first !== undefined && !check.diff && rest.length === 0 && check.title.length + first.length < width - 6;
    out.push(`${MARK[check.verdict]} ${check.title}${oneLine ? ` — ${first}` : ''}`);
    if (!oneLine) {
      // The diff goes between the finding and the "Next:" line, so what to do next comes last.
      const next = check.diff && check.lines.at(-1)?.startsWith('Next:') ? check.lines.length - 1 : check.lines.length;
      for (const line of check.lines.slice(0, next)) out.push(`    ${line}`);
      if (check.diff && !check.diff.same) {
        const rows = renderDiff(check.diff, { expectedName: check.expectedName ?? 'expected', width: width - 4 });
        for (const line of rows) out.push(`    ${line}`);
      }
      for (const line of check.lines.slice(next)) out.push(`    ${line}`);
    }
  }
  out.push('', summary(checks));
  return `${out.join('\n')}\n`;
}

/**
 * One unfinished function stops every comparison that calls it: say so once, under all their titles.
 * @param {import('./checks.mjs').Check[]} checks
 * @returns {import('./checks.mjs').Check[]}
 */
export function mergeTodos(checks) {
  /** @type {import('./checks.mjs').Check[]} */
  const merged = [];
  for (const check of checks) {
    const same = merged.find(
      (c) => c.verdict === 'todo' && check.verdict === 'todo' && c.lines.join('\n') === check.lines.join('\n'),
    );
    if (same) same.title = `${same.title}, ${check.title}`;
    else merged.push({ ...check });
  }
  return merged;
}

/** The last line: how many comparisons hold, and what to do next. */
export function summary(/** @type {import('./checks.mjs').Check[]} */ checks) {
  const decided = checks.filter((c) => c.verdict !== 'note');
  const open = decided.filter((c) => c.verdict !== 'pass');
  if (decided.length === 0) return 'Nothing was compared.';
  if (open.length === 0)
    return decided.length === 1 ? 'The comparison holds.' : `All ${decided.length} comparisons hold.`;
  const katas = [...new Set(open.map((c) => c.kata).filter((k) => k !== undefined))].sort((a, b) => a - b);
  const todo = open.every((c) => c.verdict === 'todo');
  const what = todo ? 'cannot run yet' : open.length === 1 ? 'does not hold' : 'do not hold';
  const next = katas.length > 0 ? `: work on ${katas.map((k) => `kata ${k} (npm run kata ${k})`).join(', then ')}` : '';
  const counted = decided.length === 1 ? 'The comparison' : `${open.length} of ${decided.length} comparisons`;
  return `${counted} ${what}${next}.`;
}
