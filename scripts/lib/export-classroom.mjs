// @ts-check
/**
 * `npm run export -- classroom DIR`: the learner repository an instructor hands out (GitHub Classroom's
 * template, a workshop's zip). What goes in is derived, never listed: the katas asked for (and the manifest,
 * specs, fixtures and lessons that go with them), the scripts the learner's commands import (followed from
 * their imports), the lab modes and practice exercises whose katas are all there, the docs the lessons link
 * to. What stays out: solutions/ (the references travel encoded in .memkata-solutions, shown by
 * `npm run solution N` after success), the tools' own specs, the maintainers' commands and packages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scanImports } from './import-rules.mjs';
import { pruneLock } from './lockfile.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./manifest.mjs').Manifest} Manifest */
/** @typedef {{ to: string, from?: string, text?: string }} PlannedFile  from: a file of memkata to copy; text: generated */

/** The learner's commands (package.json script → file); everything they import comes with them. */
export const LEARNER_SCRIPTS = {
  kata: 'scripts/kata.mjs',
  progress: 'scripts/progress.mjs',
  hint: 'scripts/hint.mjs',
  reset: 'scripts/reset.mjs',
  ui: 'scripts/ui.mjs',
  grade: 'scripts/grade.mjs',
  lab: 'scripts/lab.mjs',
  practice: 'scripts/practice.mjs',
  machine: 'scripts/machine.mjs',
  solution: 'scripts/solution.mjs',
};
/** memkata's commands that need solutions/ or only serve maintainers: in an export they explain themselves. */
export const MAINTAINER_COMMANDS = [
  'check',
  'test',
  'bench',
  'stub',
  'new-kata',
  'mutation',
  'docs',
  'lint',
  'format',
  'export',
  'gradebook',
];
/** Files the harness loads by path rather than by import. */
const LOADED_BY_PATH = [
  'scripts/pre-commit.mjs',
  'scripts/maintainers-only.mjs',
  'scripts/lib/grade-runner.mjs',
  'scripts/lib/ts-hooks.mjs',
  'scripts/lib/reference-hooks.mjs',
  'scripts/manifest.schema.json',
];
/** Packages a learner never needs (memkata's formatter, the UI check's browser driver). */
const MAINTAINER_PACKAGES = ['@biomejs/biome', 'playwright-core'];

/**
 * "1-5", "1,3,7-9", "all" → kata numbers of the manifest, in order.
 * @param {string | undefined} text
 * @param {Kata[]} katas
 * @returns {number[]}
 */
export function parseKataSelection(text, katas) {
  const known = katas.map((k) => k.number);
  if (text === undefined || text === 'all') return known;
  /** @type {Set<number>} */
  const chosen = new Set();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`--katas takes numbers and ranges like 1-5 or 1,3,7-9, not "${part}"`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`--katas: ${part} is an empty range`);
    for (let n = from; n <= to; n++) {
      if (!known.includes(n)) throw new Error(`--katas: there is no kata ${n} (the katas are ${known.join(', ')})`);
      chosen.add(n);
    }
  }
  return known.filter((n) => chosen.has(n));
}

/**
 * The `#kata/NN-slug` a kata's files import, other than its own: its stubs, its reference and its specs.
 * @param {string} root
 * @param {Kata} kata
 * @returns {{ slug: string, file: string }[]}
 */
export function kataImports(root, kata) {
  /** @type {{ slug: string, file: string }[]} */
  const found = [];
  for (const tree of ['katas', 'solutions', 'spec']) {
    const dir = join(root, tree, kata.slug);
    if (!existsSync(dir)) continue;
    for (const file of walk(dir)) {
      if (!/\.(?:ts|mts|js|mjs)$/.test(file)) continue;
      for (const use of scanImports(readFileSync(file, 'utf8'))) {
        const m = /^#kata\/(\d{2}-[a-z0-9-]+)$/.exec(use.specifier);
        if (m?.[1] && m[1] !== kata.slug)
          found.push({ slug: m[1], file: `${relative(root, file).split(sep).join('/')}:${use.line}` });
      }
    }
  }
  return found;
}

/**
 * Refuses a selection that leaves out a kata one of the chosen katas builds on, and one whose folders are not
 * all there yet. The message names the import and gives the selection that works.
 * @param {string} root
 * @param {Kata[]} katas the manifest's
 * @param {number[]} selected
 */
export function checkSelection(root, katas, selected) {
  /** @type {string[]} */
  const problems = [];
  const chosen = new Set(selected);
  const closure = new Set(selected);
  for (const number of selected) {
    const kata = /** @type {Kata} */ (katas.find((k) => k.number === number));
    for (const tree of ['katas', 'solutions', 'spec']) {
      if (!existsSync(join(root, tree, kata.slug))) problems.push(`kata ${number} has no ${tree}/${kata.slug}/ yet`);
    }
  }
  const pending = [...selected];
  while (pending.length > 0) {
    const number = pending.pop();
    const kata = /** @type {Kata} */ (katas.find((k) => k.number === number));
    const uses = kataImports(root, kata);
    for (const use of uses.filter((u, i) => uses.findIndex((v) => v.slug === u.slug) === i)) {
      const more = uses.filter((u) => u.slug === use.slug).length - 1;
      const dep = katas.find((k) => k.slug === use.slug);
      if (!dep) {
        problems.push(`${use.file} imports #kata/${use.slug}, which is not a kata of katas.json`);
        continue;
      }
      if (!closure.has(dep.number)) {
        closure.add(dep.number);
        pending.push(dep.number);
      }
      if (!chosen.has(dep.number)) {
        problems.push(
          `kata ${kata.number} builds on kata ${dep.number}: ${use.file} imports #kata/${use.slug}${more > 0 ? ` (and ${more} more file${more === 1 ? '' : 's'})` : ''}`,
        );
      }
    }
  }
  if (problems.length > 0 && closure.size > chosen.size) {
    const all = katas.map((k) => k.number).filter((n) => closure.has(n));
    problems.push(`export them together: --katas ${compactRanges(all)}`);
  }
  return [...new Set(problems)];
}

/** [1,2,3,5,8,9] → "1-3,5,8-9" @param {number[]} numbers */
export function compactRanges(numbers) {
  /** @type {string[]} */
  const parts = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j++;
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** @param {string} dir @returns {string[]} absolute paths of the files under dir */
function walk(dir) {
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...walk(path));
    } else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/** @param {string} root @param {string} dir @returns {string[]} repository-relative posix paths */
function filesUnder(root, dir) {
  const abs = join(root, dir);
  return existsSync(abs) ? walk(abs).map((f) => relative(root, f).split(sep).join('/')) : [];
}

/**
 * The scripts the entry files need: followed through static and dynamic imports and relative `.mjs` paths
 * named in the code (module hooks, forked children).
 * @param {string} root
 * @param {string[]} entries repository-relative
 */
export function scriptClosure(root, entries) {
  /** @type {Set<string>} */
  const seen = new Set();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    if (!/\.(?:mjs|js|ts)$/.test(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const specifiers = [
      ...scanImports(text).map((u) => u.specifier),
      ...[...text.matchAll(/['"`](\.\.?\/[\w./-]+\.mjs)['"`]/g)].map((m) => m[1] ?? ''),
    ];
    for (const specifier of specifiers) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(root, resolve(dirname(join(root, file)), specifier))
        .split(sep)
        .join('/');
      if (!target.startsWith('..') && existsSync(join(root, target)) && statSync(join(root, target)).isFile())
        pending.push(target);
    }
  }
  return [...seen].sort();
}

/**
 * The learner's commands this course can run: a command whose file loads katas by name (`#kata/16-machine`
 * for `npm run machine`) comes only with those katas.
 * @param {string} root
 * @param {number[]} selected
 * @returns {Record<string, string>}
 */
function learnerCommands(root, selected) {
  return Object.fromEntries(
    Object.entries(LEARNER_SCRIPTS).filter(([, file]) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/#kata\/(\d{2})-/g)].every((m) =>
        selected.includes(Number(m[1])),
      ),
    ),
  );
}

/**
 * The plug-in files (lab modes, practice exercises) whose katas are all in the export.
 * @param {string} root
 * @param {string} dir  'scripts/lab/modes' or 'scripts/practice'
 * @param {number[]} selected
 */
export async function pluginsFor(root, dir, selected) {
  /** @type {string[]} */
  const kept = [];
  for (const file of filesUnder(root, dir).filter((f) => f.endsWith('.mjs'))) {
    const plugin = (await import(pathToFileURL(join(root, file)).href)).default;
    const katas = /** @type {number[]} */ (plugin?.katas ?? []);
    if (katas.every((n) => selected.includes(n))) kept.push(file);
  }
  return kept;
}

/**
 * Relative links in Markdown files to docs/*.md or docs/img/*, resolved, so that a lesson never links to a page
 * the export left out.
 * @param {string} root
 * @param {string[]} markdown repository-relative .md files
 */
export function linkedDocs(root, markdown) {
  /** @type {Set<string>} */
  const found = new Set();
  const pending = [...markdown];
  /** @type {Set<string>} */
  const read = new Set();
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (read.has(file) || !existsSync(join(root, file))) continue;
    read.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      const link = m[1] ?? '';
      if (/^[a-z]+:/i.test(link)) continue;
      const target = relative(root, resolve(dirname(join(root, file)), link))
        .split(sep)
        .join('/');
      if (target.startsWith('docs/') && existsSync(join(root, target))) {
        found.add(target);
        if (target.endsWith('.md')) pending.push(target);
      }
    }
  }
  return [...found].sort();
}

/**
 * @typedef {object} ExportOptions
 * @property {string} root          memkata's root
 * @property {Manifest} manifest
 * @property {number[]} selected
 * @property {'en' | 'ko'} lang
 * @property {string} templates     the folder of the export's templates (scripts/export/)
 */

/**
 * Everything the export writes, except the course file and the bundle (which need the spec counts and the
 * references): a list of files to copy or to write.
 * @param {ExportOptions} options
 * @returns {Promise<PlannedFile[]>}
 */
export async function planExport({ root, manifest, selected, lang, templates }) {
  const katas = manifest.katas.filter((k) => selected.includes(k.number));
  /** @type {PlannedFile[]} */
  const plan = [];
  const copy = (/** @type {string} */ file) => plan.push({ to: file, from: file });
  const write = (/** @type {string} */ file, /** @type {string} */ text) => plan.push({ to: file, text });

  // The manifest, cut to the chosen katas and the parts they are in.
  const parts = Object.fromEntries(Object.entries(manifest.parts).filter(([p]) => katas.some((k) => k.part === p)));
  const raw = JSON.parse(readFileSync(join(root, 'katas.json'), 'utf8'));
  write(
    'katas.json',
    `${JSON.stringify({ ...raw, parts, katas: raw.katas.filter((/** @type {Kata} */ k) => selected.includes(k.number)) }, null, 2)}\n`,
  );

  // The learner's folders, the specs with their support and fixtures.
  for (const kata of katas) for (const f of filesUnder(root, `katas/${kata.slug}`)) copy(f);
  for (const f of filesUnder(root, 'katas/shared')) copy(f);
  for (const kata of katas) for (const f of filesUnder(root, `spec/${kata.slug}`)) copy(f);
  for (const f of [...filesUnder(root, 'spec/support'), ...filesUnder(root, 'spec/fixtures')]) copy(f);

  // The harness: the learner's commands and what they import, the plug-ins their katas allow.
  const plugins = [
    ...(await pluginsFor(root, 'scripts/lab/modes', selected)),
    ...(await pluginsFor(root, 'scripts/practice', selected)),
  ];
  const commands = learnerCommands(root, selected);
  const entries = [...Object.values(commands), ...LOADED_BY_PATH, ...plugins, 'vitest.config.ts'];
  for (const f of scriptClosure(root, entries)) if (f !== 'vitest.config.ts') copy(f);
  for (const f of ['vitest.config.ts', 'tsconfig.json', 'tsconfig.base.json', '.husky/pre-commit']) copy(f);
  for (const f of filesUnder(root, '.devcontainer')) copy(f);

  // package.json and its lock, without the maintainers' commands and packages.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  /** @type {Record<string, string>} */
  const scripts = {};
  // memkata's own command line where it has one (the lab's Node flags), else `node FILE`
  for (const [name, file] of Object.entries(commands)) scripts[name] = pkg.scripts?.[name] ?? `node ${file}`;
  scripts.typecheck = 'tsc -p tsconfig.json';
  scripts.prepare = 'husky || true';
  for (const name of MAINTAINER_COMMANDS) scripts[name] = `node scripts/maintainers-only.mjs ${name}`;
  const devDependencies = Object.fromEntries(
    Object.entries(pkg.devDependencies ?? {}).filter(([name]) => !MAINTAINER_PACKAGES.includes(name)),
  );
  const coursePkg = {
    name: 'memkata-course',
    version: pkg.version,
    private: true,
    description: pkg.description,
    license: pkg.license,
    type: 'module',
    engines: pkg.engines,
    imports: pkg.imports,
    scripts,
    devDependencies,
  };
  write('package.json', `${JSON.stringify(coursePkg, null, 2)}\n`);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  write('package-lock.json', `${JSON.stringify(pruneLock(lock, coursePkg), null, 2)}\n`);

  // The front page and the grading workflow, from the templates; the kata index for these katas.
  const table = renderKataTable(katas, manifest.parts, lang);
  const fill = (/** @type {string} */ text) =>
    text
      .replaceAll('{{KATA_TABLE}}', table)
      .replaceAll('{{FIRST}}', String(katas[0]?.number ?? 1))
      .replaceAll('{{COUNT}}', String(katas.length))
      .replaceAll('{{POINTS}}', String(katas.reduce((n, k) => n + k.points, 0)));
  const en = fill(readFileSync(join(templates, 'README.md'), 'utf8'));
  const ko = fill(readFileSync(join(templates, 'README.ko.md'), 'utf8'));
  if (lang === 'ko') {
    write('README.md', ko.replaceAll('](README.md)', '](README.en.md)'));
    write('README.en.md', en.replaceAll('](README.ko.md)', '](README.md)'));
  } else {
    write('README.md', en);
    write('README.ko.md', ko);
  }
  write('.github/workflows/classroom.yml', readFileSync(join(templates, 'classroom.yml'), 'utf8'));
  write('.gitignore', readFileSync(join(templates, 'gitignore'), 'utf8'));
  write('docs/katas.md', renderIndex(katas, manifest.parts));
  // The plug-in folders exist even when no plug-in fits these katas (the commands list what is there).
  const names = (/** @type {string} */ dir) =>
    plugins.filter((p) => p.startsWith(dir)).map((p) => `\`${p.slice(dir.length)}\``);
  write(
    'scripts/lab/modes/README.md',
    `# Lab modes\n\nOne file per \`npm run lab -- <mode>\`. This course has the modes whose katas it holds: ${names('scripts/lab/modes/').join(', ') || 'none'}.\n`,
  );
  write(
    'scripts/practice/README.md',
    `# Practice exercises\n\nOne file per \`npm run practice -- <exercise>\`. This course has the exercises whose katas it holds: ${names('scripts/practice/').join(', ') || 'none'}.\n`,
  );

  // The docs the lessons link to (pictures, pages).
  const markdown = plan.filter((p) => p.from?.endsWith('.md')).map((p) => /** @type {string} */ (p.from));
  for (const f of linkedDocs(root, markdown)) if (!plan.some((p) => p.to === f)) copy(f);
  return plan;
}

/**
 * @param {Kata[]} katas
 * @param {Record<string, string>} parts
 * @param {'en' | 'ko'} lang
 */
function renderKataTable(katas, parts, lang) {
  const head =
    lang === 'ko'
      ? ['| # | 카타 | 부 | 점수 | 강의 |', '|---|---|---|---|---|']
      : ['| # | kata | part | points | lesson |', '|---|---|---|---|---|'];
  return [
    ...head,
    ...katas.map((k) => {
      const title = lang === 'ko' ? (k.ko?.title ?? k.title) : k.title;
      const readme = lang === 'ko' ? 'README.ko.md' : 'README.md';
      return `| ${k.number} | ${title} | ${k.part} — ${parts[k.part] ?? ''} | ${k.points} | [katas/${k.slug}/${readme}](katas/${k.slug}/${readme}) |`;
    }),
  ].join('\n');
}

/**
 * docs/katas.md for the chosen katas, in the shape `npm run docs` writes for memkata.
 * @param {Kata[]} katas
 * @param {Record<string, string>} parts
 */
function renderIndex(katas, parts) {
  const lines = [
    '# The katas',
    '',
    'Each kata is a folder in `katas/` with its lesson in README.md (README.ko.md in Korean). Run one with `npm run kata N`.',
    '',
  ];
  let part = '';
  katas.forEach((kata, i) => {
    if (kata.part !== part) {
      part = kata.part;
      lines.push(`## Part ${part} — ${parts[part]}`, '', '| # | kata | points | lesson |', '|---|---|---|---|');
    }
    lines.push(
      `| ${kata.number} | ${kata.title} | ${kata.points} | [katas/${kata.slug}/README.md](../katas/${kata.slug}/README.md) |`,
    );
    if (katas[i + 1]?.part !== part) lines.push('');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The commit memkata is at, and whether its working tree has changes (the course file records both).
 * @param {string} root
 */
export function sourceCommit(root) {
  try {
    const git = (/** @type {string[]} */ args) =>
      execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    return { commit: git(['rev-parse', 'HEAD']), modified: git(['status', '--porcelain']).length > 0 };
  } catch {
    return {};
  }
}
