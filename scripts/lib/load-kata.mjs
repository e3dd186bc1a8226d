// @ts-check
/**
 * Loads a kata's TypeScript module from the learner's tree or the reference tree, inside a plain `node`
 * process (no tsx, no Vite server, no module hooks): ./ts-mirror.mjs keeps a JavaScript mirror of the files,
 * their types stripped and `#kata/*` resolved in the importing file's own tree, as the vitest projects do
 * with the `solutions` condition. Used by the live lab, practice, the dev check's contract (both trees in one
 * process) and the benchmarks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.mjs';
import { mirrorOf } from './ts-mirror.mjs';

/** @typedef {'katas' | 'solutions'} Tree */

let sourceMaps = false;

/**
 * @param {Tree} tree
 * @returns {Promise<{ load: (specifier: string) => Promise<Record<string, any>>, close: () => Promise<void> }>}
 */
export async function openTree(tree) {
  if (!sourceMaps) {
    process.setSourceMapsEnabled(true); // stack traces on the .ts lines, through the mirror's inline source maps
    sourceMaps = true;
  }
  return {
    // specifier: '#kata/02-free', or a path relative to the repository root (its imports of `#kata/*` then
    // resolve in the tree the file is in, whatever `tree` says)
    load: async (specifier) => {
      const file = join(repoRoot, entryPath(tree, specifier));
      return import(pathToFileURL(file.endsWith('.ts') ? await mirrorOf(file) : file).href);
    },
    close: async () => {}, // nothing to stop: the modules stay cached
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
