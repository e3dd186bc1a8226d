// @ts-check
/**
 * The reference solutions, wherever they are: the solutions/ folder in memkata itself, or, in a classroom
 * export, one file (.memkata-solutions) that holds them gzip-compressed and base64-encoded, so that nobody reads
 * an answer by accident while browsing the repository. It is not a secret: anyone who decodes it has the
 * references (docs/teaching.md says so), and grading never depends on it.
 *
 * `openReference()` loads the references as modules without writing them to disk (practice exercises need
 * them to make a problem, in memkata and in an export alike).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BUNDLE_FILE } from './course.mjs';
import { openTree } from './load-kata.mjs';
import { repoRoot } from './paths.mjs';

const HEADER =
  'memkata reference solutions, gzip-compressed and base64-encoded so that nobody reads one by accident.\n' +
  '`npm run solution N` shows kata N’s once your kata N is green. Grading does not use this file.\n';

/** @typedef {Record<string, Record<string, string>>} ReferenceFiles  slug → file name → text */

/**
 * True when this repository has the reference as a folder (memkata itself), so `--solution` can run it.
 * @param {string} [root]
 */
export function hasReferenceTree(root = repoRoot) {
  return existsSync(join(root, 'solutions'));
}

/**
 * @param {ReferenceFiles} files
 * @returns {string} the bundle file's text: a two-line header, then base64 in lines of 76 characters
 */
export function encodeBundle(files) {
  const json = JSON.stringify({ format: 1, katas: files });
  const base64 = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  return `${HEADER}\n${(base64.match(/.{1,76}/g) ?? []).join('\n')}\n`;
}

/**
 * @param {string} text a bundle file's text
 * @returns {ReferenceFiles}
 */
export function decodeBundle(text) {
  const body = text.slice(text.indexOf('\n\n') + 2).replace(/\s+/g, '');
  const data = JSON.parse(gunzipSync(Buffer.from(body, 'base64')).toString('utf8'));
  if (data?.format !== 1 || typeof data.katas !== 'object') throw new Error(`${BUNDLE_FILE} is not a memkata bundle`);
  return data.katas;
}

/**
 * A kata's reference folder as files, from solutions/ (memkata) or the bundle (an export).
 * @param {string} slug
 * @param {string} [root]
 * @returns {Record<string, string> | undefined} file name → text (sorted by name), or undefined when absent
 */
export function referenceFiles(slug, root = repoRoot) {
  const dir = join(root, 'solutions', slug);
  if (existsSync(dir)) {
    /** @type {Record<string, string>} */
    const files = {};
    const walk = (/** @type {string} */ sub) => {
      for (const entry of readdirSync(join(dir, sub), { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      )) {
        const name = sub ? `${sub}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(name);
        else files[name] = readFileSync(join(dir, name), 'utf8');
      }
    };
    walk('');
    return files;
  }
  const bundle = join(root, BUNDLE_FILE);
  return existsSync(bundle) ? decodeBundle(readFileSync(bundle, 'utf8'))[slug] : undefined;
}

/** True when the references can be loaded at all (a folder or a bundle). @param {string} [root] */
export function hasReference(root = repoRoot) {
  return hasReferenceTree(root) || existsSync(join(root, BUNDLE_FILE));
}

let hooked = false;

/**
 * Loads reference modules: from solutions/ when it is there, else from the bundle, in memory (module hooks in
 * ./reference-hooks.mjs serve the files under `memkata-reference:` URLs; nothing is written to disk).
 * @returns {Promise<{ load: (slug: string) => Promise<Record<string, any>> }>}
 */
export async function openReference() {
  if (hasReferenceTree()) {
    const tree = await openTree('solutions');
    return { load: (slug) => tree.load(`#kata/${slug}`) };
  }
  const bundle = join(repoRoot, BUNDLE_FILE);
  if (!existsSync(bundle)) throw new Error('this repository has neither solutions/ nor the reference bundle');
  await openTree('katas'); // the TypeScript hooks, for #shared/* and the learner's tree
  if (!hooked) {
    /** @type {Record<string, string>} */
    const files = {};
    for (const [slug, folder] of Object.entries(decodeBundle(readFileSync(bundle, 'utf8')))) {
      for (const [name, text] of Object.entries(folder)) files[`solutions/${slug}/${name}`] = text;
    }
    register('./reference-hooks.mjs', import.meta.url, { data: { files, root: repoRoot } });
    hooked = true;
  }
  return { load: (slug) => import(`memkata-reference:///solutions/${slug}/index.ts`) };
}
