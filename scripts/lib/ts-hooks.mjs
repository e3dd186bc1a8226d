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
 *   The result is kept in node_modules/.cache/memkata/ts/, by a hash of the file's text: a later process that
 *   loads the same text does not load rolldown at all (~30 ms and ~14 MB of memory, measured in
 *   docs/performance.md for the smem lab).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'memkata', 'ts');
let cacheReady = false;
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
  const text = await readFile(filename, 'utf8');
  // The file's name is in the key too: the source map names it.
  const key = createHash('sha1').update(filename).update('\0').update(text).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  const hit = await readFile(cached, 'utf8').catch(() => undefined);
  if (hit !== undefined) return { format: 'module', shortCircuit: true, source: hit };

  rolldown ??= import('rolldown/utils');
  const { transformSync } = await rolldown;
  // cwd: the error names the file from the repository's root (katas/02-free/x.ts), as Vite did.
  const { code, map, errors } = transformSync(filename, text, { sourcemap: true, cwd: repoRoot });
  if (errors.length > 0) {
    throw new Error(`Transform failed with ${errors.length} error(s):\n\n${errors.map((e) => e.message).join('\n')}`);
  }
  const inlineMap = Buffer.from(JSON.stringify({ ...map, sourcesContent: undefined })).toString('base64');
  const source = `${code}\n//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`;
  await remember(cached, source);
  return { format: 'module', shortCircuit: true, source };
}

/**
 * Writes a transformed file to the cache, atomically (another process may read it at the same time). A
 * cache that cannot be written (a read-only checkout) only costs the next process the transform again.
 * @param {string} file
 * @param {string} source
 */
async function remember(file, source) {
  try {
    if (!cacheReady) {
      mkdirSync(cacheDir, { recursive: true });
      cacheReady = true;
    }
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, source);
    await rename(tmp, file);
  } catch {
    // no cache: fine
  }
}
