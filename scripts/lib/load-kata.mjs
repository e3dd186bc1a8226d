// @ts-check
/**
 * Loads a kata's TypeScript module from the learner's tree or the reference tree, inside a plain `node`
 * process (no tsx, no Vite server): the hooks in ./ts-hooks.mjs strip the types and resolve `#kata/*` in the
 * importing file's own tree, as the vitest projects do with the `solutions` condition. Used by the live lab,
 * the dev check's contract (both trees in one process) and the benchmarks.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.mjs';

/** @typedef {'katas' | 'solutions'} Tree */

/** Hooks stay registered for the life of the process: register them once, at the first openTree. */
let registered = false;

/**
 * @param {Tree} tree
 * @returns {Promise<{ load: (specifier: string) => Promise<Record<string, any>>, close: () => Promise<void> }>}
 */
export async function openTree(tree) {
  if (!registered) {
    register('./ts-hooks.mjs', import.meta.url);
    process.setSourceMapsEnabled(true); // stack traces on the .ts lines, through the hooks' inline source maps
    registered = true;
  }
  return {
    // specifier: '#kata/02-free', or a path relative to the repository root (its imports of `#kata/*` then
    // resolve in the tree the file is in, whatever `tree` says)
    load: (specifier) => import(pathToFileURL(join(repoRoot, entryPath(tree, specifier))).href),
    close: async () => {}, // nothing to stop: the modules stay cached, the hooks stay registered
  };
}

/**
 * The file a kata's `#kata/NN-slug` names in a tree, read from package.json `imports` (the one mapping the
 * vitest projects use too): '#kata/02-free' → 'solutions/02-free/index.ts' under the `solutions` condition.
 * Loading the entry by its path puts it in its tree; the hooks keep its imports there.
 * @param {Tree} tree
 * @param {string} specifier
 */
function entryPath(tree, specifier) {
  if (!specifier.startsWith('#kata/')) return specifier;
  const { imports } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const targets = /** @type {{ solutions: string, default: string }} */ (imports['#kata/*']);
  return targets[tree === 'solutions' ? 'solutions' : 'default'].replace('*', specifier.slice('#kata/'.length));
}
