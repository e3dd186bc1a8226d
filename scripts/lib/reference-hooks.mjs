// @ts-check
/**
 * Module hooks that serve the reference solutions of a classroom export from memory (registered by
 * scripts/lib/reference.mjs with the decoded bundle): `memkata-reference:///solutions/NN-slug/file.ts`.
 * Inside such a module, relative imports stay in the bundle, `#kata/*` resolves to the bundle's reference of
 * that kata (as the `solutions` condition does in memkata), and everything else (`#shared/errors`, ts-pattern)
 * resolves as it would from the repository's package.json. TypeScript is stripped as ./ts-hooks.mjs does.
 */
import { pathToFileURL } from 'node:url';

const SCHEME = 'memkata-reference:';

/** @type {Record<string, string>} */
let files = {};
/** @type {string} */
let packageUrl = '';

/** @param {{ files: Record<string, string>, root: string }} data */
export function initialize(data) {
  files = data.files;
  packageUrl = pathToFileURL(`${data.root}package.json`).href;
}

/** @param {string} url */
const pathOf = (url) => new URL(url).pathname.replace(/^\/+/, '');

/**
 * @param {string} specifier
 * @param {{ parentURL?: string, conditions: string[] }} context
 * @param {(specifier: string, context?: object) => Promise<{ url: string }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith(SCHEME)) return { url: specifier, shortCircuit: true };
  if (!context.parentURL?.startsWith(SCHEME)) return nextResolve(specifier, context);
  if (specifier.startsWith('#kata/')) {
    return { url: `${SCHEME}///solutions/${specifier.slice('#kata/'.length)}/index.ts`, shortCircuit: true };
  }
  if (/^\.\.?\//.test(specifier)) {
    const base = new URL(specifier, context.parentURL);
    for (const candidate of [base.href, base.href.replace(/\.js$/, '.ts'), `${base.href}.ts`]) {
      if (pathOf(candidate) in files) return { url: candidate, shortCircuit: true };
    }
    throw Object.assign(new Error(`the reference bundle has no ${pathOf(base.href)}`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  }
  return nextResolve(specifier, { ...context, parentURL: packageUrl });
}

/** @type {Promise<typeof import('rolldown/utils')> | undefined} */
let rolldown;

/**
 * @param {string} url
 * @param {object} context
 * @param {(url: string, context?: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith(SCHEME)) return nextLoad(url, context);
  const path = pathOf(url);
  const text = files[path];
  if (text === undefined) throw new Error(`the reference bundle has no ${path}`);
  rolldown ??= import('rolldown/utils');
  const { transformSync } = await rolldown;
  const { code, errors } = transformSync(path, text);
  if (errors.length > 0) throw new Error(`${path}: ${errors.map((e) => e.message).join('\n')}`);
  return { format: 'module', shortCircuit: true, source: code };
}
