// @ts-check
/**
 * npm run export -- classroom DIR [--katas 1-5] [--lang ko|en] [--force]
 *
 * Writes a learner repository into DIR (scripts/lib/export-classroom.mjs says what goes in): the katas' stubs
 * and lessons, their specs and fixtures, the learner's commands, a package.json and package-lock.json of its
 * own, the classroom workflow that grades every push, the commit hook, and two files of its own:
 *   .memkata-course.json  what was exported, how many specs each spec file holds, the checksum of every file
 *                         the grade depends on (grading reports any change: docs/teaching.md)
 *   .memkata-solutions    the references, compressed and encoded; `npm run solution N` shows one after success
 * No solutions/ folder, no maintainers' tools. `--katas` takes a range or list; a kata that builds on one left
 * out is refused with the selection that works.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';
import { parseArgs, run } from './lib/cli.mjs';
import { BUNDLE_FILE, COURSE_FILE, checksumsOf } from './lib/course.mjs';
import { checkSelection, parseKataSelection, planExport, sourceCommit } from './lib/export-classroom.mjs';
import { loadManifest } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { encodeBundle, referenceFiles } from './lib/reference.mjs';

const USAGE = `Usage: npm run export -- classroom DIR [--katas 1-5] [--lang ko|en] [--force]
  DIR           a new (or empty) folder: the learner repository to hand out
  --katas LIST  the katas to include: a range or list (1-5, 1,2,8-9; default: all)
  --lang L      the language the repository speaks first: en (default) or ko (README.md in Korean, the
                runner's texts in Korean unless MEMKATA_LANG says otherwise)
  --force       replace DIR when it holds an earlier export`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['katas', 'lang']);
  if (flags.help || flags.h || positional[0] !== 'classroom' || !positional[1]) {
    (flags.help || flags.h ? console.log : console.error)(USAGE);
    return flags.help || flags.h ? 0 : 2;
  }
  const dir = resolve(positional[1]);
  const lang = flags.lang === undefined ? 'en' : flags.lang;
  if (lang !== 'en' && lang !== 'ko') {
    console.error(`--lang takes en or ko, not ${JSON.stringify(lang)}`);
    return 2;
  }
  if (dir === repoRoot || repoRoot.startsWith(`${dir}/`) || dir.startsWith(`${repoRoot}`)) {
    console.error(`export: ${dir} is inside memkata (or contains it): choose a folder outside this repository`);
    return 2;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!flags.force || !existsSync(join(dir, COURSE_FILE))) {
      console.error(
        `export: ${dir} is not empty${existsSync(join(dir, COURSE_FILE)) ? ' (an earlier export: --force replaces it)' : ''}`,
      );
      return 2;
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const manifest = loadManifest();
  const selected = parseKataSelection(typeof flags.katas === 'string' ? flags.katas : undefined, manifest.katas);
  const problems = checkSelection(repoRoot, manifest.katas, selected);
  if (problems.length > 0) {
    console.error(`export: these katas cannot be exported as asked:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    return 2;
  }

  const plan = await planExport({
    root: repoRoot,
    manifest,
    selected,
    lang,
    templates: join(repoRoot, 'scripts', 'export'),
  });
  const katas = manifest.katas.filter((k) => selected.includes(k.number));
  const specFiles = plan.map((p) => p.to).filter((f) => /^spec\/\d{2}-[^/]+\/.*\.spec\.ts$/.test(f));
  const specCounts = await countSpecs(specFiles);

  for (const item of plan) {
    const to = join(dir, item.to);
    mkdirSync(dirname(to), { recursive: true });
    if (item.from) copyFileSync(join(repoRoot, item.from), to);
    else writeFileSync(to, item.text ?? '');
  }
  /** @type {Record<string, Record<string, string>>} */
  const references = {};
  for (const kata of katas) {
    const files = referenceFiles(kata.slug);
    if (!files) throw new Error(`solutions/${kata.slug}/ is missing`);
    references[kata.slug] = files;
  }
  writeFileSync(join(dir, BUNDLE_FILE), encodeBundle(references));
  const course = {
    format: 1,
    exportedAt: new Date().toISOString(),
    source: sourceCommit(repoRoot),
    katas: selected,
    lang,
    specCounts,
    checksums: checksumsOf(dir),
  };
  writeFileSync(join(dir, COURSE_FILE), `${JSON.stringify(course, null, 2)}\n`);

  const size = plan.reduce((n, p) => n + statSync(join(dir, p.to)).size, 0);
  const specs = Object.values(specCounts).reduce((n, c) => n + c, 0);
  console.log(
    `Exported ${katas.length} kata(s) (${katas.map((k) => k.number).join(', ')}; ${specs} specs) to ${dir}: ${plan.length + 2} files, ${(size / 1024 / 1024).toFixed(1)} MB.`,
  );
  console.log(
    `Language: ${lang}. No solutions/: the references are in ${BUNDLE_FILE} (npm run solution N, after success).`,
  );
  console.log(
    `Next: cd ${dir} && git init -b main && git add -A && git commit -m "memkata course" — then push it as the`,
  );
  console.log('Classroom template repository (docs/teaching.md in memkata walks through it).');
  return 0;
});

/**
 * How many specs each spec file holds, collected on the reference (no spec runs).
 * @param {string[]} files
 * @returns {Promise<Record<string, number>>}
 */
async function countSpecs(files) {
  const vitest = await createVitest(
    'test',
    { root: repoRoot, project: ['solutions'], watch: false, reporters: [] },
    { logLevel: 'silent' },
  );
  try {
    const { testModules } = await vitest.collect(files);
    /** @type {Record<string, number>} */
    const counts = {};
    for (const m of testModules) {
      const file = m.moduleId.slice(repoRoot.length);
      if (m.errors().length > 0) throw new Error(`${file} does not load on the reference: ${m.errors()[0]?.message}`);
      counts[file] = [...m.children.allTests()].length;
    }
    const missing = files.filter((f) => !(f in counts));
    if (missing.length > 0) throw new Error(`vitest did not collect ${missing.join(', ')}`);
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  } finally {
    await vitest.close();
  }
}
