// @ts-check
/**
 * What the learner's code in katas/ may import, checked twice: statically, by reading the files before grading
 * (`scanImports`, `forbiddenImports`: a refused kata is named with the file and the line), and at run time by a
 * Vite plugin on the katas project (`importGuard`), which also sees dynamic imports whose text is built at run
 * time. Refused: anything under spec/ (the specs, their fixtures and support), solutions/ or scripts/ (the
 * reference and the harness), the test framework itself (vitest, chai, fast-check and the packages they run
 * on: a learner's module that loads them can change how the specs judge it), worker_threads (the channel
 * through which vitest's worker reports results) and module (its require() loads files around this guard).
 * Allowed: the kata's own files, `#kata/*`, `#shared/*`, ts-pattern and Node's other built-in modules.
 * A dynamic `import(x)` in the learner's code is rewritten to `import(globalThis.__memkataCheckImport(x, …))`,
 * so that a specifier computed at run time is checked too (spec/support/grading-guard.ts defines the check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import MagicString from 'magic-string';
import { parseAst } from 'vite';
import { refusal, refusalOfPath, scanImports } from './import-rules.mjs';

export {
  FORBIDDEN_BUILTINS,
  FORBIDDEN_FOLDERS,
  FORBIDDEN_PACKAGES,
  refusal,
  refusalOfPath,
  scanImports,
} from './import-rules.mjs';

/**
 * @typedef {object} ImportViolation
 * @property {string} file    relative to the root ("katas/01-pages-and-units/units.ts")
 * @property {number} line
 * @property {string} kata    the kata folder ("01-pages-and-units"), or the top folder of katas/ it is in
 * @property {string} reason
 */

/**
 * Every refused import, and every symbolic link, in the learner's folders of katas/ (katas/shared is the
 * course's and is not graded as the learner's).
 * @param {string} root      the tree to read (the learner's repository)
 * @param {string} [checkAs] the root the imports are judged against (default: root)
 * @returns {ImportViolation[]}
 */
export function forbiddenImports(root, checkAs = root) {
  /** @type {ImportViolation[]} */
  const found = [];
  const katas = join(root, 'katas');
  /** @type {import('node:fs').Dirent[]} */
  let top = [];
  try {
    top = readdirSync(katas, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of top) {
    if (entry.name === 'shared') continue;
    const kata = entry.name;
    const walk = (/** @type {string} */ dir) => {
      for (const item of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, item.name);
        const rel = relative(root, path).split(sep).join('/');
        if (item.isSymbolicLink()) {
          found.push({ file: rel, line: 1, kata, reason: 'is a symbolic link: graded code must be your own files' });
        } else if (item.isDirectory()) {
          if (item.name !== 'node_modules') walk(path);
        } else if (/\.(?:[cm]?[jt]s|tsx|jsx)$/.test(item.name)) {
          const text = readFileSync(path, 'utf8');
          for (const use of scanImports(text)) {
            const why = refusal(use.specifier, join(checkAs, rel), checkAs);
            if (why) found.push({ file: rel, line: use.line, kata, reason: why });
          }
        }
      }
    };
    if (entry.isSymbolicLink()) {
      found.push({
        file: `katas/${kata}`,
        line: 1,
        kata,
        reason: 'is a symbolic link: graded code must be your own files',
      });
    } else if (entry.isDirectory()) walk(join(katas, kata));
  }
  return found;
}

/**
 * The run-time half, two Vite plugins on the learner's tree (files in katas/ outside katas/shared):
 * - `resolveId` refuses any import the rules above refuse, after resolution too (a `#…` alias, a symlink);
 * - `transform` wraps the specifier of every dynamic `import(…)` in the check spec/support/grading-guard.ts
 *   defines (`globalThis.__memkataCheckImport`), which refuses a computed specifier at run time.
 * A refusal is a load error with the reason, which fails the spec file like a syntax error does.
 * @param {{ root: string }} options the repository root
 * @returns {import('vite').Plugin[]}
 */
export function importGuard({ root }) {
  const katas = join(root, 'katas') + sep;
  const shared = join(root, 'katas', 'shared') + sep;
  const learners = (/** @type {string | undefined} */ id) =>
    typeof id === 'string' && id.startsWith(katas) && !id.startsWith(shared) && !id.includes('/node_modules/');
  return [
    {
      name: 'memkata:import-guard',
      enforce: 'pre',
      async resolveId(source, importer, options) {
        if (!learners(importer)) return null;
        const file = /** @type {string} */ (importer).split('?')[0] ?? '';
        const direct = refusal(source, file, root);
        if (direct) throw new Error(`${relative(root, file)} ${direct}: memkata refuses that in kata code`);
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        const id = resolved?.id.split('?')[0];
        if (id && !resolved?.external) {
          const why = refusalOfPath(id, root, source);
          if (why) throw new Error(`${relative(root, file)} ${why}: memkata refuses that in kata code`);
        }
        return resolved;
      },
    },
    {
      name: 'memkata:import-guard-dynamic',
      enforce: 'post',
      transform(code, id) {
        if (!learners(id.split('?')[0]) || !code.includes('import(')) return null;
        return wrapDynamicImports(code);
      },
    },
  ];
}

/**
 * `import(x)` → `import(globalThis.__memkataCheckImport(x, import.meta.url))` in JavaScript (types stripped).
 * @param {string} code
 * @returns {{ code: string, map: import('magic-string').SourceMap } | null}
 */
export function wrapDynamicImports(code) {
  /** @type {any} */
  let ast;
  try {
    ast = parseAst(code);
  } catch {
    return null; // the normal pipeline reports the syntax error with file:line
  }
  const out = new MagicString(code);
  let changed = false;
  /** @param {any} node */
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ImportExpression' && node.source) {
      out.appendLeft(node.source.start, 'globalThis.__memkataCheckImport(');
      out.appendRight(node.source.end, ', import.meta.url)');
      changed = true;
    }
    for (const key in node) {
      const value = node[key];
      if (Array.isArray(value)) for (const child of value) visit(child);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return changed ? { code: out.toString(), map: out.generateMap({ hires: true }) } : null;
}
