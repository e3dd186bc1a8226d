// @ts-check
/**
 * Node module-customization hooks that let a plain `node` process import the katas' TypeScript, the way the
 * vitest projects see it. Registered by scripts/lib/load-kata.mjs (`module.register`); they run on Node's
 * loader thread.
 *
 * resolve: `#kata/NN-slug` imported from a file in solutions/ resolves under the `solutions` condition
 *   (package.json `imports`: solutions/NN-slug/index.ts), from anywhere else to katas/NN-slug/index.ts; so
 *   both trees can be loaded in one process, each file seeing its own tree. `#shared/*` and relative imports
 *   need nothing: Node's resolver reads package.json `imports` itself. A relative import Node does not find
 *   as written (`./helper` or `./helper.js`, which Vite accepts from a learner) is tried as `./helper.ts`.
 * load: a `.ts` file has its types stripped by rolldown's transformSync (the Oxc transformer Vite uses, < 1 ms a
 *   file); an inline source map keeps stack traces on the .ts lines (load-kata.mjs turns source maps on).
 *   A syntax error throws Vite's message ("[PARSE_ERROR] Unexpected token … katas/02-free/x.ts:1:26").
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const solutionsFolder = new URL('../../solutions/', import.meta.url).href;

/** rolldown/utils costs ~30 ms to import: only once a .ts file is loaded. */
/** @type {Promise<typeof import('rolldown/utils')> | undefined} */
let rolldown;

/**
 * @param {string} specifier
 * @param {{ conditions: string[], parentURL?: string }} context
 * @param {(specifier: string, context?: object) => Promise<{ url: string }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith('#kata/') && context.parentURL?.startsWith(solutionsFolder)) {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'solutions'] });
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const notFound = /** @type {{ code?: string }} */ (error).code === 'ERR_MODULE_NOT_FOUND';
    const retry = context.parentURL?.endsWith('.ts') ? tsAlternative(specifier) : undefined;
    if (notFound && retry) return nextResolve(retry, context);
    throw error;
  }
}

/** What Vite also tries for a relative import Node does not find: './helper' and './helper.js' → './helper.ts'. */
function tsAlternative(/** @type {string} */ specifier) {
  if (!/^\.\.?\//.test(specifier)) return undefined;
  if (specifier.endsWith('.js')) return `${specifier.slice(0, -3)}.ts`;
  return /\.[^/]*$/.test(specifier) ? undefined : `${specifier}.ts`; // no extension in the last segment
}

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context?: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !new URL(url).pathname.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  rolldown ??= import('rolldown/utils');
  const [{ transformSync }, text] = await Promise.all([rolldown, readFile(filename, 'utf8')]);
  // cwd: the error names the file from the repository's root (katas/02-free/x.ts), as Vite did.
  const { code, map, errors } = transformSync(filename, text, { sourcemap: true, cwd: repoRoot });
  if (errors.length > 0) {
    throw new Error(`Transform failed with ${errors.length} error(s):\n\n${errors.map((e) => e.message).join('\n')}`);
  }
  const inlineMap = Buffer.from(JSON.stringify({ ...map, sourcesContent: undefined })).toString('base64');
  return {
    format: 'module',
    shortCircuit: true,
    source: `${code}\n//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`,
  };
}
