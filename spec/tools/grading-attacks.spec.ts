/**
 * Grading cannot be fooled by the code it grades: a course of fake katas (spec/tools/attack-course.ts), each
 * learner's code attacking the grader in one way, graded once for real by `node scripts/grade.mjs` in a
 * grading environment that asks fast-check for one run with a fixed seed. Each attack must be harmless (the
 * kata earns what its code is worth) or refused (no points, the reason named) — never full marks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttackCourse } from './attack-course.ts';

type Grade = {
  slug: string;
  points: number;
  maxPoints: number;
  passed: number;
  total: number;
  status: string;
  refusals: { kind: string; message: string }[];
};

let dir = '';
let stdout = '';
let results: { score: number; integrity: string; grading: { seed: number; numRuns: number }; katas: Grade[] };
let classroom: { tests: { name: string; score: number }[] };
let junit = '';
const kata = (slug: string) => results.katas.find((k) => k.slug === slug) as Grade;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'memkata-attacks-'));
  buildAttackCourse(dir);
  stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(dir, 'scripts', 'grade.mjs')],
      {
        cwd: dir,
        env: { ...process.env, FC_SEED: '3', FC_NUM_RUNS: '1', MEMKATA_GRADE_IDLE_SECONDS: '6', NO_COLOR: '1' },
        timeout: 170_000,
      },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${out}\n${err}`)) : resolve(out)),
    );
  });
  results = JSON.parse(readFileSync(join(dir, 'grade', 'results.json'), 'utf8'));
  classroom = JSON.parse(readFileSync(join(dir, 'grade', 'classroom.json'), 'utf8'));
  junit = readFileSync(join(dir, 'grade', 'junit.xml'), 'utf8');
}, 180_000);

afterAll(() => {
  if (!process.env.MEMKATA_KEEP && dir.startsWith(join(tmpdir(), 'memkata-attacks-'))) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('npm run grade, against learner code that attacks it', () => {
  it('gives honest code full marks (the control)', () => {
    expect(kata('01-honest')).toMatchObject({ points: 10, passed: 3, total: 3, status: 'graded' });
  });

  it('refuses code that re-exports the reference from solutions/, and the reference is not there to load', () => {
    expect(kata('02-reexport')).toMatchObject({ points: 0, status: 'refused' });
    expect(kata('02-reexport').refusals[0]?.message).toMatch(/katas\/02-reexport\/index\.ts:1 imports .*solutions\//);
  });

  it('refuses code that imports from spec/ (here spec/support through #support/*)', () => {
    expect(kata('03-spec-import')).toMatchObject({ points: 0, status: 'refused' });
    expect(kata('03-spec-import').refusals[0]?.message).toContain('#support/fixtures');
  });

  it('stops an import from spec/ whose path is built at run time (the import guard, not the scan)', () => {
    expect(kata('13-dynamic-import')).toMatchObject({ points: 0, passed: 0, total: 3 });
  });

  it('gives no points to code that calls process.exit(0) when it is imported', () => {
    expect(kata('04-exit-import')).toMatchObject({ points: 0, passed: 0, total: 3 });
  });

  it('gives no points to code that calls process.exit(0) inside a spec', () => {
    expect(kata('05-exit-spec')).toMatchObject({ points: 0, passed: 0, total: 3 });
  });

  it('writes the reports itself after the run: forged grade files are replaced', () => {
    expect(kata('06-grade-files')).toMatchObject({ passed: 1, total: 3 });
    expect(results.score).toBeLessThan(999);
    expect(classroom.tests.find((t) => t.name.includes('grade files'))?.score).toBe(3.33);
    expect(junit).not.toContain('tests="999"');
  });

  it('keeps assertions honest when the code patches expect, chai, Object.is or Date.now', () => {
    expect(kata('07-patch-expect')).toMatchObject({ points: 3.33, passed: 1, total: 3 });
  });

  it('prints its own last line: a forged `N passed, N failed` line from the code never reaches the output', () => {
    expect(stdout).not.toContain('999');
    const last = stdout.trim().split('\n').at(-1);
    const passed = results.katas.reduce((n, k) => n + k.passed, 0);
    const total = results.katas.reduce((n, k) => n + k.total, 0);
    expect(last).toBe(`${passed} passed, ${total - passed} failed`);
    expect(kata('08-forged-line')).toMatchObject({ passed: 1, total: 3 });
  });

  it('stops a loop that never ends (the loop guard) and counts its specs as failed', () => {
    expect(kata('09-loop')).toMatchObject({ points: 0, passed: 0, total: 3, status: 'graded' });
  });

  it('refuses code that turns the loop guard off and then loops forever: the grader stops the run', () => {
    expect(kata('12-unguarded-loop')).toMatchObject({ points: 0, status: 'refused' });
    expect(kata('12-unguarded-loop').refusals.map((r) => r.kind)).toContain('unfinished');
  });

  // With FC_SEED=3 and FC_NUM_RUNS=1 honoured, kata 10's double (wrong beyond ±1000) passes all three specs.
  it('ignores FC_NUM_RUNS=1 and FC_SEED from the environment, and prints its own seed and run count', () => {
    expect(results.grading.numRuns).toBe(100);
    expect(results.grading.seed).not.toBe(3);
    expect(stdout).toContain(`fast-check: seed ${results.grading.seed}, 100 runs per property`);
    expect(kata('10-fc-env')).toMatchObject({ passed: 2, total: 3 });
  });

  it('refuses code that imports fast-check to lower its run count', () => {
    expect(kata('11-fc-config')).toMatchObject({ points: 0, status: 'refused' });
  });

  it('never gives an attacking kata full marks, and leaves no workspace behind', () => {
    for (const k of results.katas.filter((k) => k.slug !== '01-honest')) expect(k.points).toBeLessThan(k.maxPoints);
    expect(results.integrity).toBe('pristine');
    expect(existsSync(join(dir, 'solutions', '02-reexport', 'index.ts'))).toBe(true);
  });
});
