// @ts-check
/**
 * Finds the stubs still left in a tree: `notImplemented('parseMeminfo')` in katas/02-free/parse-meminfo.ts
 * tells the learner which file to open. indexStubs is pure; readStubIndex reads the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {{ path: string, text: string }[]} files  paths relative to the repository root
 * @returns {Map<string, string>} function name → file
 */
export function indexStubs(files) {
  /** @type {Map<string, string>} */
  const stubs = new Map();
  for (const { path, text } of files) {
    for (const m of text.matchAll(/notImplemented\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      if (m[1] && !stubs.has(m[1])) stubs.set(m[1], path);
    }
  }
  return stubs;
}

/**
 * @param {string} repoRoot
 * @param {'katas' | 'solutions'} tree
 */
export function readStubIndex(repoRoot, tree) {
  /** @type {{ path: string, text: string }[]} */
  const files = [];
  /** @param {string} dir relative to repoRoot */
  const walk = (dir) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory() && /^\d{2}-/.test(entry.name)) walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.ts') && /^(katas|solutions)\/\d{2}-/.test(rel)) {
        files.push({ path: rel, text: readFileSync(join(repoRoot, rel), 'utf8') });
      }
    }
  };
  try {
    walk(tree);
  } catch {
    // no tree, no stubs: the messages then name the kata without a file
  }
  return indexStubs(files);
}
