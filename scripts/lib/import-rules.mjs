// @ts-check
/**
 * The rules of what the learner's code in katas/ may import (scripts/lib/import-guard.mjs applies them before a
 * grade and while the specs load; spec/support/grading-guard.ts at run time). No dependencies: the grading
 * guard loads this in every spec file.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Bare package names (and scopes) the learner's code may not load. */
export const FORBIDDEN_PACKAGES = ['vitest', '@vitest/', 'vite', 'chai', 'fast-check', 'pure-rand', 'tinyspy'];
/** Built-in modules the learner's code may not load. */
export const FORBIDDEN_BUILTINS = ['worker_threads', 'module'];
/** Top-level folders of the repository that the learner's code may not reach into. */
export const FORBIDDEN_FOLDERS = ['spec', 'solutions', 'scripts'];

/**
 * @typedef {object} ImportUse
 * @property {string} specifier  as written
 * @property {number} line       1-based
 */

/**
 * The module specifiers a file names: static imports and re-exports, side-effect imports, `import('…')` and
 * `require('…')` with a literal string. Comments are skipped; template literals without `${` count as literal.
 * @param {string} text
 * @returns {ImportUse[]}
 */
export function scanImports(text) {
  const code = blankComments(text);
  /** @type {ImportUse[]} */
  const uses = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"`])([^'"`\n]+)\1/g,
    /\bimport\s*(['"`])([^'"`\n]+)\1/g,
    /\b(?:import|require)\s*\(\s*(['"`])([^'"`\n$]+)\1\s*[,)]/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) {
      const specifier = m[2] ?? '';
      const at = (m.index ?? 0) + m[0].lastIndexOf(specifier);
      uses.push({ specifier, line: code.slice(0, at).split('\n').length });
    }
  }
  return uses.sort((a, b) => a.line - b.line);
}

/** Replaces comments by spaces (keeping the line breaks, so line numbers stay right). @param {string} text */
function blankComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\'"`])\/\/[^\n]*/gm, (m, before) => before + ' '.repeat(m.length - before.length));
}

/**
 * Why a specifier is refused, or undefined when it is allowed.
 * @param {string} specifier
 * @param {string} fromFile absolute path of the importing file
 * @param {string} root     the repository root
 * @returns {string | undefined}
 */
export function refusal(specifier, fromFile, root) {
  const bare = specifier.replace(/^node:/, '');
  if (FORBIDDEN_BUILTINS.includes(bare)) {
    return bare === 'module'
      ? `imports ${specifier}, whose require() would load files around the import guard`
      : `imports ${specifier}, the channel vitest's worker reports through`;
  }
  if (specifier.startsWith('#support/')) return `imports ${specifier}, which is spec/support/`;
  const pkg = FORBIDDEN_PACKAGES.find((p) =>
    p.endsWith('/') ? specifier.startsWith(p) : bare === p || bare.startsWith(`${p}/`),
  );
  if (pkg) return `imports ${specifier}: the test framework is not the kata's to load`;
  let target;
  if (specifier.startsWith('.') || specifier.startsWith('/')) target = resolve(dirname(fromFile), specifier);
  else if (specifier.startsWith('file:')) {
    try {
      target = new URL(specifier).pathname;
    } catch {
      return undefined;
    }
  }
  return target === undefined ? undefined : refusalOfPath(target, root, specifier);
}

/**
 * @param {string} target an absolute path an import resolved to
 * @param {string} root
 * @param {string} [specifier]
 */
export function refusalOfPath(target, root, specifier = target) {
  const rel = relative(root, target).split(sep).join('/');
  const top = rel.split('/')[0] ?? '';
  if (FORBIDDEN_FOLDERS.includes(top)) return `imports ${specifier}, which is under ${top}/`;
  if (rel.startsWith('node_modules/')) {
    const name = rel.slice('node_modules/'.length);
    const pkg = FORBIDDEN_PACKAGES.find((p) =>
      p.endsWith('/') ? name.startsWith(p) : name === p || name.startsWith(`${p}/`),
    );
    if (pkg) return `imports ${specifier}: the test framework is not the kata's to load`;
  }
  return undefined;
}
