// @ts-check
/**
 * Loads the katas a mode needs from the learner's tree (or the reference with --solution), through the
 * project's tree loader (scripts/lib/load-kata.mjs). A kata folder that is not there is a Check, not a crash.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openTree } from '../lib/load-kata.mjs';
import { findKata } from '../lib/manifest.mjs';
import { repoRoot } from '../lib/paths.mjs';

/**
 * @param {'katas' | 'solutions'} tree
 * @param {number[]} numbers kata numbers, from the manifest
 * @returns {Promise<{ modules: Map<number, Record<string, any>>, missing: import('./checks.mjs').Check[], close: () => Promise<void> }>}
 */
export async function loadKatas(tree, numbers) {
  const loader = await openTree(tree);
  /** @type {Map<number, Record<string, any>>} */
  const modules = new Map();
  /** @type {import('./checks.mjs').Check[]} */
  const missing = [];
  for (const number of numbers) {
    const slug = findKata(number)?.slug;
    if (!slug) throw new Error(`a lab mode asks for kata ${number}, which katas.json does not list`);
    if (!existsSync(join(repoRoot, tree, slug, 'index.ts'))) {
      missing.push({
        title: `kata ${number}`,
        verdict: 'todo',
        kata: number,
        lines: [`${tree}/${slug}/index.ts is not there: this lab mode needs kata ${number}.`],
      });
      continue;
    }
    try {
      modules.set(number, await quietly(() => loader.load(`#kata/${slug}`)));
    } catch (error) {
      // A syntax error or a broken import in the learner's file.
      missing.push({
        title: `kata ${number}`,
        verdict: 'fail',
        kata: number,
        lines: [
          `${tree}/${slug} does not load: ${describeLoadError(error instanceof Error ? error.message : String(error))}`,
          `Next: npm run kata ${number} (it shows the same error)`,
        ],
      });
    }
  }
  return { modules, missing, close: () => loader.close() };
}

/**
 * Runs `load` with stderr muted: the lab explains a module that fails to load itself (describeLoadError),
 * without a stack dump.
 * @template T
 * @param {() => Promise<T>} load
 * @returns {Promise<T>}
 */
async function quietly(load) {
  const write = process.stderr.write;
  process.stderr.write = () => true;
  try {
    return await load();
  } finally {
    process.stderr.write = write;
  }
}

/**
 * One line from the message for a module that does not load: "Unexpected token at katas/02-free/x.ts:1:26".
 * @param {string} message  the Oxc transformer's (colored, multi-line) message, as Vite and load-kata.mjs pass it
 */
export function describeLoadError(message) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the colors of the message are ESC sequences
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const problem = /\[[A-Z_]+\]\s*(.+)/.exec(plain)?.[1]?.trim();
  const where = /((?:katas|solutions)\/[^\s:\]]+):(\d+):(\d+)/.exec(plain)?.slice(1, 4).join(':');
  if (problem) return where ? `${problem} at ${where}` : problem;
  const first = plain.split('\n').find((line) => line.trim() && !/^Transform failed/.test(line));
  return (first ?? plain).trim();
}
