/**
 * `npm run export -- classroom`: what goes in (derived, never listed), the subset rule, the lock, the bundle, and
 * one classroom for real: kata 1 exported into a temp folder, a learner's copy of it (kata 1 solved, one of its
 * spec files weakened, and a file that re-exports the reference, which the export does not carry), graded from
 * the pristine course with an instructor's private spec.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumsOf, compareIntegrity } from '../../scripts/lib/course.mjs';
import { checkSelection, compactRanges, parseKataSelection, planExport } from '../../scripts/lib/export-classroom.mjs';
import { forbiddenImports } from '../../scripts/lib/import-guard.mjs';
import { pruneLock } from '../../scripts/lib/lockfile.mjs';
import { allKatas, loadManifest } from '../../scripts/lib/manifest.mjs';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { decodeBundle, encodeBundle } from '../../scripts/lib/reference.mjs';

const katas = allKatas();

type Counts = { passed: number; failed: number; total: number };
type Results = {
  integrity: string;
  courseFiles: { changed: string[] };
  grading: { privateSpecs: number };
  katas: { number: number; points: number; status: string; public: Counts; private: Counts }[];
};
type Classroom = { tests: { name: string; status: string; score: number; message: string }[] };

describe('parseKataSelection', () => {
  it('reads ranges and lists in the manifest’s order, and all by default', () => {
    expect(parseKataSelection('3,1-2', katas)).toEqual([1, 2, 3]);
    expect(parseKataSelection(undefined, katas)).toEqual(katas.map((k) => k.number));
  });

  it('refuses a kata the manifest does not have, and text that is not a range', () => {
    expect(() => parseKataSelection('1-99', katas)).toThrow(/no kata 17|no kata 99|there is no kata/);
    expect(() => parseKataSelection('one', katas)).toThrow(/ranges like 1-5/);
  });

  it('writes numbers back as ranges', () => {
    expect(compactRanges([1, 2, 3, 5, 8, 9])).toBe('1-3,5,8-9');
  });
});

describe('checkSelection', () => {
  it('refuses kata 9 without kata 8, naming the import it builds on and the selection that works', () => {
    const problems = checkSelection(repoRoot, katas, [9]);
    expect(problems.join('\n')).toMatch(/kata 9 builds on kata 8: \S+ imports #kata\/08-virtual-address/);
    expect(problems.at(-1)).toBe('export them together: --katas 8-9');
  });

  it('accepts Part I, whose katas build only on kata 1', () => {
    expect(checkSelection(repoRoot, katas, [1, 2, 3, 4, 5])).toEqual([]);
  });
});

describe('pruneLock', () => {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const { '@biomejs/biome': _b, 'playwright-core': _p, ...kept } = pkg.devDependencies;
  const pruned = pruneLock(lock, { name: 'memkata-course', version: '0.1.0', devDependencies: kept });

  it('drops the maintainers’ packages and keeps everything the others need, with every platform’s binary', () => {
    const paths = Object.keys(pruned.packages);
    expect(paths.some((p) => p.includes('@biomejs') || p.includes('playwright'))).toBe(false);
    for (const name of Object.keys(kept)) expect(paths).toContain(`node_modules/${name}`);
    const optional = Object.keys(lock.packages['node_modules/rolldown']?.optionalDependencies ?? {});
    for (const name of optional) expect(paths).toContain(`node_modules/${name}`);
  });

  it('keeps each kept package’s entry as memkata pinned it, and the root matches the new package.json', () => {
    expect(pruned.packages['node_modules/vitest']).toEqual(lock.packages['node_modules/vitest']);
    expect(pruned.packages[''].devDependencies).toEqual(kept);
    expect(pruned.name).toBe('memkata-course');
  });
});

describe('encodeBundle', () => {
  it('round-trips the references, and nothing of them is readable in the file', () => {
    const files = { '01-pages-and-units': { 'units.ts': 'export const PAGE_SIZE = 4096;\n' } };
    const text = encodeBundle(files);
    expect(decodeBundle(text)).toEqual(files);
    expect(text).not.toContain('PAGE_SIZE');
    expect(
      text
        .split('\n')
        .slice(3)
        .every((l) => l.length <= 76),
    ).toBe(true);
  });
});

describe('planExport', () => {
  it('puts the Korean front page first with --lang ko, the English beside it, and links them', async () => {
    const plan = await planExport({
      root: repoRoot,
      manifest: loadManifest(),
      selected: [1],
      lang: 'ko',
      templates: join(repoRoot, 'scripts', 'export'),
    });
    const readme = plan.find((p) => p.to === 'README.md')?.text ?? '';
    expect(readme).toContain('# memkata: 리눅스 메모리를 직접 만들며 배우기');
    expect(readme).toContain('[English](README.en.md)');
    expect(readme).toContain('npm run kata 1');
    expect(plan.find((p) => p.to === 'README.en.md')?.text).toContain('[한국어](README.md)');
  });

  it('takes only the lab modes and practice exercises whose katas are all exported', async () => {
    const plan = await planExport({
      root: repoRoot,
      manifest: loadManifest(),
      selected: [1, 2],
      lang: 'en',
      templates: join(repoRoot, 'scripts', 'export'),
    });
    const modes = plan.filter((p) => p.to.startsWith('scripts/lab/modes/') && p.to.endsWith('.mjs')).map((p) => p.to);
    expect(modes).toEqual(['scripts/lab/modes/free.mjs']);
    expect(plan.some((p) => p.to.startsWith('scripts/practice/') && p.to.endsWith('.mjs'))).toBe(false);
    expect(plan.find((p) => p.to === 'scripts/practice/README.md')?.text).toContain(
      'exercises whose katas it holds: none',
    );
    expect(plan.some((p) => p.to.startsWith('solutions/') || p.to.startsWith('spec/tools/'))).toBe(false);
  });
});

describe('npm run export -- classroom, graded for real', () => {
  let root = '';
  let course = '';
  let learner = '';
  let results: Results;
  let junit = '';
  let classroom: Classroom;
  let exportOutput = '';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'memkata-export-'));
    course = join(root, 'course');
    learner = join(root, 'learner');
    exportOutput = execFileSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'export.mjs'), 'classroom', course, '--katas', '1'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    cpSync(course, learner, { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(course, 'node_modules'), 'dir');
    // The learner: kata 1 solved, one of its specs weakened, and a file that re-exports the reference.
    cpSync(join(repoRoot, 'solutions', '01-pages-and-units'), join(learner, 'katas', '01-pages-and-units'), {
      recursive: true,
    });
    writeFileSync(
      join(learner, 'spec', '01-pages-and-units', '2-hex.spec.ts'),
      "import { it } from 'vitest';\nit('passes', () => {});\n",
    );
    writeFileSync(
      join(learner, 'katas', '01-pages-and-units', 'cheat.ts'),
      "export * from '../../solutions/01-pages-and-units/index.ts';\n",
    );
    // The instructor's private suite: one spec file for kata 1, with the same imports as the public ones.
    mkdirSync(join(root, 'private', '01-pages-and-units'), { recursive: true });
    writeFileSync(
      join(root, 'private', '01-pages-and-units', '1-more.spec.ts'),
      `import { describe, expect, it } from 'vitest';
import { alignUp, pagesToKb } from '#kata/01-pages-and-units';
describe('pagesToKb', () => {
  it('secret: 3 pages', () => expect(pagesToKb(3)).toBe(12));
});
describe('alignUp', () => {
  it('secret: 4097 up to 8192', () => expect(alignUp(4097n, 4096n)).toBe(8192n));
});
`,
    );
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          join(course, 'scripts', 'grade.mjs'),
          '--learner',
          learner,
          '--extra-specs',
          join(root, 'private'),
          '--out',
          join(root, 'grade'),
        ],
        { cwd: course, env: { ...process.env, NO_COLOR: '1' } },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${out}\n${err}`)) : resolve()),
      );
    });
    results = JSON.parse(readFileSync(join(root, 'grade', 'results.json'), 'utf8'));
    classroom = JSON.parse(readFileSync(join(root, 'grade', 'classroom.json'), 'utf8'));
    junit = readFileSync(join(root, 'grade', 'junit.xml'), 'utf8');
  }, 240_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('holds no solutions/, no tools specs and no maintainers’ packages, and says so when it is written', () => {
    expect(exportOutput).toMatch(/Exported 1 kata\(s\) \(1; \d+ specs\)/);
    expect(existsSync(join(course, 'solutions'))).toBe(false);
    expect(existsSync(join(course, 'spec', 'tools'))).toBe(false);
    expect(existsSync(join(course, 'scripts', 'export.mjs'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(course, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.devDependencies)).not.toContain('@biomejs/biome');
    expect(pkg.scripts.check).toBe('node scripts/maintainers-only.mjs check');
  });

  it('has a manifest, a kata index and specs for kata 1 only, and its lesson in both languages', () => {
    const manifest = JSON.parse(readFileSync(join(course, 'katas.json'), 'utf8'));
    expect(manifest.katas.map((k: { number: number }) => k.number)).toEqual([1]);
    expect(Object.keys(manifest.parts)).toEqual(['I']);
    expect(readdirSync(join(course, 'spec')).sort()).toEqual(['01-pages-and-units', 'fixtures', 'support']);
    const index = readFileSync(join(course, 'docs', 'katas.md'), 'utf8');
    expect(index).toContain('katas/01-pages-and-units/README.md');
    expect(index).not.toContain('02-free');
    expect(existsSync(join(course, 'katas', '01-pages-and-units', 'README.ko.md'))).toBe(true);
    expect(readFileSync(join(course, 'README.md'), 'utf8')).not.toContain('{{');
  });

  it('has a classroom workflow that grades with the course’s copy, and the commit hook', () => {
    const workflow = readFileSync(join(course, '.github', 'workflows', 'classroom.yml'), 'utf8');
    expect(workflow).toContain('node scripts/grade.mjs --learner "$GITHUB_WORKSPACE/learner"');
    expect(readFileSync(join(course, '.husky', 'pre-commit'), 'utf8')).toContain('scripts/pre-commit.mjs');
  });

  it('records how many specs each spec file holds and the checksum of every file the grade depends on', () => {
    const file = JSON.parse(readFileSync(join(course, '.memkata-course.json'), 'utf8'));
    expect(Object.keys(file.specCounts)).toHaveLength(3);
    expect(file.specCounts['spec/01-pages-and-units/2-hex.spec.ts']).toBeGreaterThan(1);
    expect(Object.keys(file.checksums)).toEqual(Object.keys(checksumsOf(course)));
    expect(compareIntegrity(course, file.checksums).integrity).toBe('pristine');
  });

  it('grades the learner against the pristine course, with the course’s spec counts and private specs apart', () => {
    const one = results.katas[0];
    const counts = JSON.parse(readFileSync(join(course, '.memkata-course.json'), 'utf8')).specCounts;
    const publicTotal = Object.values(counts as Record<string, number>).reduce((n, c) => n + c, 0);
    expect(one?.public).toEqual({ passed: publicTotal, failed: 0, total: publicTotal });
    expect(one?.private).toEqual({ passed: 2, failed: 0, total: 2 });
    expect(results.grading.privateSpecs).toBe(1);
  });

  it('refuses the kata all the same: a file of it re-exports the reference (which an export does not carry)', () => {
    expect(results.katas[0]).toMatchObject({ points: 0, status: 'refused' });
    expect(forbiddenImports(learner).map((v) => `${v.file}:${v.line}`)).toEqual([
      'katas/01-pages-and-units/cheat.ts:1',
    ]);
  });

  it('names the spec file the learner changed, and grades with the course’s copy of it all the same', () => {
    expect(results.integrity).toBe('modified');
    expect(results.courseFiles.changed).toEqual(['spec/01-pages-and-units/2-hex.spec.ts']);
    expect(classroom.tests.at(-1)).toMatchObject({ name: 'Course files', status: 'fail', score: 0 });
  });

  it('counts private specs in junit.xml and classroom.json without naming them', () => {
    expect(junit).toContain('name="private spec 1"');
    expect(junit).not.toContain('secret:');
    expect(JSON.stringify(classroom)).not.toContain('secret:');
    expect(classroom.tests[0]?.message).toMatch(/^refused, no points: katas\/01-pages-and-units\/cheat\.ts:1 imports/);
  });

  it('shows the reference only after success, and explains the commands it does not have', () => {
    const run = (script: string, ...args: string[]) => {
      try {
        return execFileSync(process.execPath, [join(course, 'scripts', script), ...args], {
          cwd: course,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NO_COLOR: '1', MEMKATA_LANG: 'en' },
        });
      } catch (error) {
        const e = error as { stdout: string; stderr: string };
        return `${e.stdout}${e.stderr}`;
      }
    };
    expect(run('solution.mjs', '1')).toMatch(/revealed once your kata 1 is green/);
    writeFileSync(join(course, '.memkata-state.json'), JSON.stringify({ version: 2, katas: { 1: { done: true } } }));
    const shown = run('solution.mjs', '1');
    expect(shown).toContain('── solutions/01-pages-and-units/units.ts');
    expect(shown).toContain(readFileSync(join(repoRoot, 'solutions', '01-pages-and-units', 'units.ts'), 'utf8').trim());
    expect(run('kata.mjs', '1', '--solution')).toMatch(/Kata 1 is green: npm run solution 1/);
    expect(run('maintainers-only.mjs', 'check')).toMatch(/maintainers' command of memkata/);
  }, 60_000);
});
