// @ts-check
/**
 * A Vite plugin for the learner's tree: it puts a call to `globalThis.__memkataLoopGuard?.()` at the top of
 * every loop body in katas/. A synchronous endless loop cannot be stopped by a timer (the timer never gets
 * to run), but it does call the guard, and the guard throws once the spec's time is up
 * (spec/support/setup.ts arms it). So an endless loop becomes one failing spec with a plain message,
 * never a hang. Only lines' columns move; line numbers in stack traces stay right.
 */
import MagicString from 'magic-string';
import { parseAst } from 'vite';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const GUARD = 'globalThis.__memkataLoopGuard?.();';

/**
 * @param {string} code JavaScript (after TypeScript was stripped)
 * @returns {{ code: string, map: import('magic-string').SourceMap } | null}
 */
export function guardLoops(code) {
  /** @type {any} */
  let ast;
  try {
    ast = parseAst(code);
  } catch {
    return null; // leave the error to the normal pipeline, which reports it with file:line
  }
  const out = new MagicString(code);
  let changed = false;
  /** @param {any} node */
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (LOOPS.has(node.type)) {
      const body = node.body;
      if (body.type === 'BlockStatement') {
        out.appendLeft(body.start + 1, GUARD);
      } else {
        out.appendLeft(body.start, `{${GUARD}`);
        out.appendRight(body.end, '}');
      }
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

/**
 * @param {{ root: string }} options the folder whose files get the guard (the learner's katas/)
 * @returns {import('vite').Plugin}
 */
export function loopGuard({ root }) {
  return {
    name: 'memkata:loop-guard',
    enforce: 'post',
    transform(code, id) {
      if (!id.startsWith(root) || id.includes('/node_modules/')) return null;
      return guardLoops(code);
    },
  };
}
