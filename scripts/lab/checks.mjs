// @ts-check
/**
 * One comparison the lab made, and the exit code a list of them gives. Every mode returns Check[];
 * report.mjs prints them.
 */

/**
 * pass: the learner's code agrees with Linux. fail: it does not. todo: the code is not written yet (or threw).
 * note: information that decides nothing (live numbers that drift, a missing tool).
 * @typedef {'pass' | 'fail' | 'todo' | 'note'} Verdict
 */
/**
 * @typedef {object} Check
 * @property {string} title                 what was compared, e.g. "free -h"
 * @property {Verdict} verdict
 * @property {string[]} lines               the finding in plain words
 * @property {import('./diff-lines.mjs').LineDiff} [diff]  for text comparisons
 * @property {string} [expectedName]        who printed the expected side of the diff ("free -h", "the kernel")
 * @property {number} [kata]                the kata to work on when this check does not pass
 */

/**
 * @param {string} title
 * @param {string[]} [lines]
 * @returns {Check}
 */
export function pass(title, lines = []) {
  return { title, verdict: 'pass', lines };
}

/**
 * @param {string} title
 * @param {number} kata
 * @param {string[]} lines
 * @param {Partial<Check>} [more]
 * @returns {Check}
 */
export function fail(title, kata, lines, more = {}) {
  return { title, verdict: 'fail', lines, kata, ...more };
}

/**
 * @param {string} title
 * @param {string[]} lines
 * @returns {Check}
 */
export function note(title, lines) {
  return { title, verdict: 'note', lines };
}

/** 0 when every comparison holds, 1 when one does not or the code is not written yet. */
export function exitCodeOf(/** @type {Check[]} */ checks) {
  return checks.some((c) => c.verdict === 'fail' || c.verdict === 'todo') ? 1 : 0;
}
