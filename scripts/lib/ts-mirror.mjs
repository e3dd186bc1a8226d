// @ts-check
/**
 * Plain Node cannot import the katas' TypeScript (Node 20 strips no types), and module hooks cost a second
 * thread (~14 MB, docs/performance.md). So the scripts import a mirror instead: each .ts file of the trees,
 * its types stripped by rolldown's transformSync (the Oxc transformer Vite uses), written once to
 * node_modules/.cache/memkata/mirror/<same path>.mjs with its imports pointing into the mirror:
 *   - `#kata/NN-slug` from a file in solutions/ → solutions/NN-slug/index.ts (the `solutions` condition, as the
 *     vitest project resolves it), from anywhere else → katas/NN-slug/index.ts;
 *   - `#shared/x` → katas/shared/x.ts; a relative import as written, or with `.ts` when Vite would accept it
 *     (`./helper`, `./helper.js`); packages and `node:` modules are left to Node.
 * A mirror file starts with the hash of its source and the files it imports: it is rewritten when its source
 * changes, and otherwise nothing loads rolldown at all. An inline source map keeps stack traces on the .ts
 * lines. A syntax error throws the transformer's message ("[PARSE_ERROR] … katas/02-free/x.ts:1:26").
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.mjs';

export const MIRROR_ROOT = join(repoRoot, 'node_modules', '.cache', 'memkata', 'mirror');
const solutionsDir = join(repoRoot, 'solutions') + sep;

/** @type {Promise<typeof import('rolldown/utils')> | undefined} */
let rolldown;
/** rolldown/utils' transformSync, loaded only when a file must be transformed. */
/** @type {typeof import('rolldown/utils').transformSync | undefined} */
let transform;

/** Files made ready in this process (each is checked once per process). @type {Map<string, string>} */
const ready = new Map();

/**
 * Makes the mirror of a .ts file and of everything it imports current, and returns the mirror's path.
 * @param {string} file absolute path of a .ts file in the repository
 * @returns {Promise<string>}
 */
export async function mirrorOf(file) {
  const done = ready.get(file);
  if (done) return done;
  const target = mirrorPath(file);
  ready.set(file, target); // an import cycle meets this entry and stops
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha1').update(file).update('\0').update(text).digest('hex');
  const header = readHeader(target);
  if (header?.hash === hash) {
    for (const dependency of header.imports) await mirrorOf(dependency);
    return target;
  }
  if (!transform) {
    rolldown ??= import('rolldown/utils');
    transform = (await rolldown).transformSync;
  }
  // cwd: an error names the file from the repository's root (katas/02-free/x.ts), as Vite does.
  const { code, map, errors } = transform(file, text, { sourcemap: true, cwd: repoRoot });
  if (errors.length > 0) {
    ready.delete(file);
    throw new Error(
      `Transform failed with ${errors.length} error(s):\n\n${errors.map((/** @type {{ message: string }} */ e) => e.message).join('\n')}`,
    );
  }
  /** @type {string[]} */
  const imports = [];
  const rewritten = code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g,
    (
      /** @type {string} */ whole,
      /** @type {string} */ keyword,
      /** @type {string} */ quote,
      /** @type {string} */ specifier,
    ) => {
      const source = resolveSpecifier(specifier, file);
      if (source === undefined) return whole;
      imports.push(source);
      let path = relative(dirname(target), mirrorPath(source)).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return `${keyword}${quote}${path}${quote}`;
    },
  );
  const sourceMap = { ...map, sources: [pathToFileURL(file).href], sourcesContent: undefined };
  const inline = Buffer.from(JSON.stringify(sourceMap)).toString('base64');
  const body =
    `// memkata-mirror ${hash} ${JSON.stringify(imports)}\n${rewritten}\n` +
    `//# sourceMappingURL=data:application/json;base64,${inline}\n`;
  write(target, body);
  for (const dependency of imports) await mirrorOf(dependency);
  return target;
}

/**
 * Where a specifier of a repository file leads: an absolute .ts path, or undefined for what Node resolves
 * itself (packages, node: modules, non-TypeScript files).
 * @param {string} specifier
 * @param {string} from the importing file
 */
export function resolveSpecifier(specifier, from) {
  if (specifier.startsWith('#kata/')) {
    const tree = from.startsWith(solutionsDir) ? 'solutions' : 'katas';
    return join(repoRoot, tree, specifier.slice('#kata/'.length), 'index.ts');
  }
  if (specifier.startsWith('#shared/'))
    return join(repoRoot, 'katas', 'shared', `${specifier.slice('#shared/'.length)}.ts`);
  if (!/^\.\.?\//.test(specifier)) return undefined;
  const path = resolve(dirname(from), specifier);
  if (path.endsWith('.ts')) return path;
  // What Vite also accepts from a learner: './helper' and './helper.js' for './helper.ts'.
  const ts = path.endsWith('.js') ? `${path.slice(0, -3)}.ts` : `${path}.ts`;
  return existsSync(path) && !existsSync(ts) ? undefined : ts;
}

/** @param {string} file */
function mirrorPath(file) {
  return join(MIRROR_ROOT, relative(repoRoot, file)).replace(/\.ts$/, '.mjs');
}

/**
 * @param {string} target
 * @returns {{ hash: string, imports: string[] } | undefined}
 */
function readHeader(target) {
  let first;
  try {
    const text = readFileSync(target, 'utf8');
    first = text.slice(0, text.indexOf('\n'));
  } catch {
    return undefined;
  }
  const m = /^\/\/ memkata-mirror ([0-9a-f]{40}) (\[.*\])$/.exec(first);
  return m ? { hash: m[1] ?? '', imports: JSON.parse(m[2] ?? '[]') } : undefined;
}

/**
 * Atomically: another process may read the same mirror at the same moment.
 * @param {string} target
 * @param {string} body
 */
function write(target, body) {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, body);
  renameSync(tmp, target);
}
