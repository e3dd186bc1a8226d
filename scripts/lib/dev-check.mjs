// @ts-check
/**
 * The dev check (rustlings' `dev check`, stricter). For every kata in the manifest it proves:
 *   1. every spec test passes on solutions/ and fails on the untouched stubs in katas/ (test by test);
 *   2. katas/NN-slug and solutions/NN-slug export the same names with the same types;
 *   3. the three folders, README.md and README.ko.md (with the same headings and code), real hints for every
 *      exported function and class in English and Korean exist, both trees hold the same files, and no kata
 *      folder is missing from the manifest; docs/katas.md is up to date.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKataIndex } from './kata-index.mjs';
import { HINT_TIERS, kataDirs } from './manifest.mjs';
import { repoRoot } from './paths.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./run-specs.mjs').RunResult} RunResult */
/** @typedef {{ kind: string, message: string }} Problem */

/**
 * Check 1: pairs each spec test's result on the reference with its result on the stubs.
 * @param {RunResult} run a run of the `katas` and `solutions` projects
 * @returns {{ problems: Problem[], solutionsPassed: number, solutionsFailed: number, stubsFailed: number }}
 */
export function compareTrees(run) {
  /** @type {Problem[]} */
  const problems = [];
  const key = (/** @type {import('./run-specs.mjs').SpecResult} */ s) => `${s.file} › ${s.fullName}`;
  const onStub = new Map(run.specs.filter((s) => s.project === 'katas').map((s) => [key(s), s]));
  const onReference = run.specs.filter((s) => s.project === 'solutions');
  let solutionsPassed = 0;
  let solutionsFailed = 0;
  let stubsFailed = 0;
  for (const spec of onReference) {
    if (spec.state === 'passed') solutionsPassed++;
    else {
      solutionsFailed++;
      const why = spec.errors[0]?.message.split('\n')[0] ?? spec.state;
      problems.push({ kind: 'fails on the reference', message: `${key(spec)}: ${why}` });
    }
    const stub = onStub.get(key(spec));
    if (!stub) problems.push({ kind: 'did not run on the stubs', message: key(spec) });
    else if (stub.state === 'failed') stubsFailed++;
    else problems.push({ kind: 'passes on the untouched stub (asserts nothing)', message: key(spec) });
  }
  for (const failure of run.loadFailures) {
    const tree = failure.project === 'katas' ? 'stubs' : failure.project;
    const why = failure.errors[0]?.message.split('\n')[0] ?? '';
    problems.push({ kind: `spec file does not load on the ${tree}`, message: `${failure.file}: ${why}` });
  }
  return { problems, solutionsPassed, solutionsFailed, stubsFailed };
}

/**
 * Check 3: folders, READMEs, hints, mirrored files, stray folders, the docs index.
 * @param {Kata[]} katas the katas to check
 * @param {Kata[]} [all] every kata of the manifest (for the stray-folder check)
 * @returns {Problem[]}
 */
export function checkLayout(katas, all = katas) {
  /** @type {Problem[]} */
  const problems = [];
  const add = (/** @type {string} */ message) => problems.push({ kind: 'layout', message });
  const files = (/** @type {string} */ dir) =>
    existsSync(join(repoRoot, dir))
      ? readdirSync(join(repoRoot, dir))
          .filter((f) => f !== 'README.md' && f !== 'README.ko.md')
          .sort()
      : [];
  for (const kata of katas) {
    const dirs = kataDirs(kata);
    for (const dir of Object.values(dirs)) {
      if (!existsSync(join(repoRoot, dir))) add(`kata ${kata.number}: ${dir}/ is missing`);
    }
    if (!existsSync(join(repoRoot, dirs.katas, 'README.md')))
      add(`kata ${kata.number}: ${dirs.katas}/README.md is missing`);
    for (const dir of [dirs.katas, dirs.solutions, dirs.spec]) {
      for (const file of existsSync(join(repoRoot, dir)) ? readdirSync(join(repoRoot, dir)) : []) {
        if (!/\.(ts|md)$/.test(file)) continue;
        const text = readFileSync(join(repoRoot, dir, file), 'utf8');
        if (/\bTODO\b/.test(text)) add(`kata ${kata.number}: ${dir}/${file} still says TODO`);
      }
    }
    if (!existsSync(join(repoRoot, dirs.katas, 'index.ts')))
      add(`kata ${kata.number}: ${dirs.katas}/index.ts is missing`);
    const stub = files(dirs.katas).join(', ');
    const reference = files(dirs.solutions).join(', ');
    if (stub !== reference) add(`kata ${kata.number}: katas/ has [${stub}] but solutions/ has [${reference}]`);
    if (!files(dirs.spec).some((f) => f.endsWith('.spec.ts')))
      add(`kata ${kata.number}: ${dirs.spec}/ has no *.spec.ts`);
    for (const [lang, hints] of /** @type {const} */ ([
      ['', kata.hints],
      [' (Korean)', kata.ko?.hints ?? {}],
    ])) {
      for (const [fn, tiers] of Object.entries(hints)) {
        for (const tier of HINT_TIERS) {
          const text = (tiers[tier] ?? []).join('\n').trim();
          if (!text || /^todo\b/i.test(text)) add(`kata ${kata.number}: hint "${tier}" of ${fn}${lang} is not written`);
        }
      }
    }
    problems.push(...checkKorean(kata));
  }
  const known = new Set(all.map((k) => k.slug));
  /** @type {Record<string, string[]>} folders that are not katas */
  const allowed = { katas: ['shared'], solutions: [], spec: ['support', 'fixtures', 'tools'] };
  for (const [tree, extra] of Object.entries(allowed)) {
    for (const entry of readdirSync(join(repoRoot, tree))) {
      if (!statSync(join(repoRoot, tree, entry)).isDirectory()) continue;
      if (!known.has(entry) && !extra.includes(entry)) {
        const m = /^(\d{2})-([a-z0-9-]+)$/.exec(entry);
        add(
          `${tree}/${entry}/ is not a kata in katas.json: ` +
            (m
              ? `add it with npm run new-kata -- ${Number(m[1])} ${m[2]} "title" PART (it keeps existing files), or remove the folder`
              : 'a kata folder is named NN-slug; rename or remove it'),
        );
      }
    }
  }
  const index = join(repoRoot, 'docs', 'katas.md');
  if (!existsSync(index) || readFileSync(index, 'utf8') !== renderKataIndex()) {
    add('docs/katas.md is out of date with katas.json: run npm run docs');
  }
  return problems;
}

/**
 * The Korean lesson: README.ko.md beside README.md with the same headings (level by level, in order) and the
 * same fenced code blocks, and Korean hints for the same functions as the English ones.
 * @param {Kata} kata
 * @returns {Problem[]}
 */
export function checkKorean(kata) {
  /** @type {Problem[]} */
  const problems = [];
  const add = (/** @type {string} */ message) => problems.push({ kind: 'Korean lesson', message });
  const dir = kataDirs(kata).katas;
  const en = join(repoRoot, dir, 'README.md');
  const ko = join(repoRoot, dir, 'README.ko.md');
  if (!existsSync(ko)) add(`kata ${kata.number}: ${dir}/README.ko.md is missing`);
  else if (existsSync(en)) {
    const a = readmeShape(readFileSync(en, 'utf8'));
    const b = readmeShape(readFileSync(ko, 'utf8'));
    if (a.headings.join(' ') !== b.headings.join(' ')) {
      add(
        `kata ${kata.number}: README.ko.md's headings (${b.headings.join(' ') || 'none'}) are not README.md's (${a.headings.join(' ') || 'none'})`,
      );
    }
    const differing = a.code.findIndex((block, i) => block !== b.code[i]);
    if (a.code.length !== b.code.length) {
      add(`kata ${kata.number}: README.ko.md has ${b.code.length} code blocks, README.md ${a.code.length}`);
    } else if (differing >= 0) {
      add(`kata ${kata.number}: code block ${differing + 1} of README.ko.md differs from README.md's`);
    }
  }
  if (!kata.ko) add(`kata ${kata.number}: katas.json has no "ko" block (the Korean title and hints)`);
  else {
    const want = Object.keys(kata.hints).join(', ');
    const have = Object.keys(kata.ko.hints).join(', ');
    if (want !== have) add(`kata ${kata.number}: Korean hints are for [${have}], English ones for [${want}]`);
  }
  return problems;
}

/**
 * The skeleton of a README: heading levels in order (`#`, `##`, …) and the fenced code blocks.
 * @param {string} text
 */
export function readmeShape(text) {
  /** @type {string[]} */
  const headings = [];
  /** @type {string[]} */
  const code = [];
  /** @type {string[] | undefined} */
  let block;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (block) {
        code.push(block.join('\n'));
        block = undefined;
      } else block = [];
      continue;
    }
    if (block) block.push(line);
    else {
      const h = /^(#{1,6})\s/.exec(line);
      if (h) headings.push(h[1] ?? '');
    }
  }
  return { headings, code };
}

/**
 * Hints for every exported function and class (not types, constants or error classes), and none for a name
 * the kata does not export.
 * @param {Kata} kata
 * @param {Record<string, unknown>} module the reference module's exports
 * @returns {Problem[]}
 */
export function checkHintCoverage(kata, module) {
  const exercises = Object.entries(module)
    .filter(([, v]) => typeof v === 'function' && v !== Error && !(v.prototype instanceof Error))
    .map(([name]) => name);
  const hinted = Object.keys(kata.hints);
  /** @type {Problem[]} */
  const problems = [];
  for (const name of exercises.filter((n) => !hinted.includes(n))) {
    problems.push({ kind: 'hints', message: `kata ${kata.number}: ${name} has no hints (katas.json hints.${name})` });
  }
  for (const name of hinted.filter((n) => !exercises.includes(n))) {
    problems.push({ kind: 'hints', message: `kata ${kata.number}: hints for ${name}, which the kata does not export` });
  }
  return problems;
}

/**
 * Check 2: the two trees export the same names, with identical types. Value names come from loading both
 * modules; type names from index.ts. The comparison is a generated TypeScript file checked by tsc.
 * @param {Kata[]} katas
 * @param {(tree: 'katas' | 'solutions', slug: string) => Promise<string[]>} valueNames
 * @returns {Promise<Problem[]>}
 */
export async function checkContracts(katas, valueNames) {
  /** @type {Problem[]} */
  const problems = [];
  const lines = [
    '// Generated by scripts/lib/dev-check.mjs: katas/ and solutions/ must export identical names and types.',
    'type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;',
    'type Expect<T extends true> = T;',
  ];
  for (const kata of katas) {
    const [k, s] = [`K${kata.number}`, `S${kata.number}`];
    if (!existsSync(join(repoRoot, 'katas', kata.slug, 'index.ts'))) continue;
    if (!existsSync(join(repoRoot, 'solutions', kata.slug, 'index.ts'))) continue;
    const stubNames = await valueNames('katas', kata.slug);
    const referenceNames = await valueNames('solutions', kata.slug);
    for (const name of referenceNames.filter((n) => !stubNames.includes(n))) {
      problems.push({
        kind: 'contract',
        message: `kata ${kata.number}: solutions/ exports ${name} but katas/ does not`,
      });
    }
    for (const name of stubNames.filter((n) => !referenceNames.includes(n))) {
      problems.push({
        kind: 'contract',
        message: `kata ${kata.number}: katas/ exports ${name} but solutions/ does not`,
      });
    }
    lines.push(
      `import type * as ${k} from '../../../katas/${kata.slug}/index.ts';`,
      `import type * as ${s} from '../../../solutions/${kata.slug}/index.ts';`,
    );
    for (const name of referenceNames.filter((n) => stubNames.includes(n))) {
      lines.push(`export type ${k}_${name} = Expect<Same<typeof ${k}.${name}, typeof ${s}.${name}>>;`);
    }
    for (const name of typeNames(kata.slug)) {
      lines.push(`export type ${k}_type_${name} = Expect<Same<${k}.${name}, ${s}.${name}>>;`);
    }
  }
  const dir = join(repoRoot, 'node_modules', '.cache', 'memkata');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.base.json', files: ['contract.ts'] }, null, 2),
  );
  // Generic types are compared instantiated with `never` (it meets any constraint): a first pass learns their arity from tsc
  // ("Generic type 'Column<Row>' requires 1 type argument(s)"), a second pass compares them.
  let errors = await compileContract(dir, lines);
  let retried = false;
  for (const { line, message } of errors) {
    const arity = /requires (\d+) type argument/.exec(message);
    const source = lines[line - 1];
    if (!arity || !source) continue;
    const args = `<${Array(Number(arity[1])).fill('never').join(', ')}>`;
    lines[line - 1] = source.replace(/(K\d+\.\w+), (S\d+\.\w+)>>;$/, `$1${args}, $2${args}>>;`);
    retried = true;
  }
  if (retried) errors = await compileContract(dir, lines);
  for (const { line, message } of errors) {
    const what = /export type K(\d+)_(?:type_)?(\w+)/.exec(lines[line - 1] ?? '');
    problems.push({
      kind: 'contract',
      message: what ? `kata ${what[1]}: ${what[2]} has a different type in katas/ and solutions/` : message,
    });
  }
  return problems;
}

/**
 * Type-checks the generated contract file; returns its errors by line (one per line).
 * @param {string} dir
 * @param {string[]} lines
 * @returns {Promise<{ line: number, message: string }[]>}
 */
async function compileContract(dir, lines) {
  writeFileSync(join(dir, 'contract.ts'), `${lines.join('\n')}\n`);
  const output = await new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        join(dir, 'tsconfig.json'),
        '--pretty',
        'false',
      ],
      { cwd: repoRoot },
      (_error, stdout) => resolve(String(stdout)),
    );
  });
  /** @type {Map<number, string>} */
  const byLine = new Map();
  for (const text of /** @type {string} */ (output).split('\n')) {
    const m = /contract\.ts\((\d+),\d+\): error TS\d+: (.*)/.exec(text);
    if (m && !byLine.has(Number(m[1]))) byLine.set(Number(m[1]), m[2] ?? text);
  }
  return [...byLine].map(([line, message]) => ({ line, message }));
}

/**
 * Type-only names exported by a kata's index.ts (`export type { A } from`, `export { type A }`,
 * `export type A =`, `export interface A`), the same in both trees when the layout check passes.
 * @param {string} slug
 * @returns {string[]}
 */
export function typeNames(slug) {
  const file = join(repoRoot, 'solutions', slug, 'index.ts');
  const text = readFileSync(file, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(/export\s+type\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(','))
      names.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      );
  }
  for (const m of text.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const t = /^\s*type\s+(\w+)(?:\s+as\s+(\w+))?/.exec(part);
      if (t) names.add(t[2] ?? t[1]);
    }
  }
  for (const m of text.matchAll(/export\s+(?:type|interface)\s+(\w+)/g)) names.add(m[1]);
  return [...names].filter((n) => typeof n === 'string' && /^\w+$/.test(n)).sort();
}
