// @ts-check
/**
 * The learner's progress file, .memkata-state.json at the repository root: which katas are done, which
 * function the learner is on, and which hint tier was last shown for each function. It is small and meant
 * to be committed, like rustlings' state file. Its presence also marks a repository as a learner's (see
 * .husky/pre-commit). Version 1 kept one hint tier per kata; it is read as that tier for every function of
 * the kata (the old tiers covered them all), and written back as version 2.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findKata, kataFunctions } from './manifest.mjs';
import { repoRoot } from './paths.mjs';

export const STATE_FILE = join(repoRoot, '.memkata-state.json');

/**
 * @typedef {object} KataState
 * @property {boolean} [done]
 * @property {string} [doneAt]   ISO date of the first all-green run
 * @property {string} [current]  the function of the first failing spec at the last run (`npm run hint` helps with it)
 * @property {Record<string, number>} [hints]  per function: how many hint tiers were shown (0 … 3)
 */
/**
 * @typedef {object} State
 * @property {2} version
 * @property {string} [baseCommit] the commit the learner started from: `npm run reset` restores stubs from it
 * @property {Record<string, KataState>} katas keyed by kata number
 */

/** @returns {State} */
export function readState() {
  if (!existsSync(STATE_FILE)) return { version: 2, katas: {} };
  try {
    const data = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
    if (data && typeof data === 'object' && data.katas && typeof data.katas === 'object') return migrateState(data);
  } catch {
    // A state file the learner broke by hand is not worth a crash: start again, keep their file aside.
    renameSync(STATE_FILE, `${STATE_FILE}.broken`);
  }
  return { version: 2, katas: {} };
}

/**
 * Version 1 → 2: `hintsShown: N` for a kata becomes `hints: { fn: N }` for each of its functions. Pure.
 * @param {any} data a parsed state file of any version
 * @returns {State}
 */
export function migrateState(data) {
  if (data.version === 2) return data;
  /** @type {Record<string, KataState>} */
  const katas = {};
  for (const [key, old] of Object.entries(data.katas ?? {})) {
    const { hintsShown, ...rest } = /** @type {Record<string, unknown>} */ (old ?? {});
    /** @type {KataState} */
    const entry = rest;
    const kata = findKata(Number(key));
    if (typeof hintsShown === 'number' && hintsShown > 0 && kata) {
      entry.hints = Object.fromEntries(kataFunctions(kata).map((fn) => [fn, hintsShown]));
    }
    katas[key] = entry;
  }
  return { ...data, version: 2, katas };
}

/**
 * Changes one kata's entry and writes the file (atomically: a half-written state file never remains).
 * @param {number} number
 * @param {(entry: KataState) => KataState} change
 */
export function updateKataState(number, change) {
  const state = readState();
  state.baseCommit ??= currentCommit();
  const key = String(number);
  state.katas[key] = change(state.katas[key] ?? {});
  if (!state.baseCommit) delete state.baseCommit;
  const tmp = `${STATE_FILE}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, STATE_FILE);
  return state;
}

/** @returns {string | undefined} */
function currentCommit() {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined; // not a git checkout (a downloaded zip): reset will say so
  }
}
