import { describe, expect, it } from 'vitest';
import { classroomResult, gradeKatas, gradeSummary, junitXml } from '../../scripts/lib/grading.mjs';
import { kata1, runOf, spec } from './builders.ts';

const kata2 = { ...kata1, number: 2, slug: '02-free', title: 'free', points: 15 };

describe('gradeKatas', () => {
  it('earns points in proportion to green specs and lists the failing ones', () => {
    const run = runOf([
      spec(),
      spec({
        name: 'b',
        fullName: 'parseKb > b',
        state: 'failed',
        errors: [{ name: 'AssertionError', message: 'expected 1 to be 2\nmore' }],
      }),
      spec({ slug: '02-free', file: 'spec/02-free/a.spec.ts' }),
    ]);
    const [one, two] = gradeKatas(run, [kata1, kata2]);
    expect(one).toMatchObject({ points: 2.5, maxPoints: 5, passed: 1, failed: 1, total: 2 });
    expect(one?.failing).toEqual([{ name: 'parseKb > b', message: 'expected 1 to be 2' }]);
    expect(two).toMatchObject({ points: 15, passed: 1, failed: 0 });
  });

  it('counts a spec file that does not load as a failure worth no points', () => {
    const run = runOf(
      [],
      [
        {
          project: 'katas',
          slug: kata1.slug,
          file: 'spec/01-pages-and-units/1-units.spec.ts',
          errors: [{ name: 'Error', message: 'Transform failed' }],
        },
      ],
    );
    expect(gradeKatas(run, [kata1])[0]).toMatchObject({ points: 0, passed: 0, failed: 1, total: 1 });
  });
});

describe('classroomResult', () => {
  it('is GitHub Classroom’s version 1 result with one scored test per kata', () => {
    const grades = gradeKatas(runOf([spec(), spec({ name: 'b', state: 'failed' })]), [kata1]);
    const result = classroomResult(grades);
    expect(result).toMatchObject({ version: 1, status: 'fail', max_score: 5 });
    expect(result.tests).toEqual([
      expect.objectContaining({ name: 'Kata 1 · pages and units', status: 'fail', score: 2.5, max_score: 5 }),
    ]);
  });

  it('passes only when every kata passes', () => {
    expect(classroomResult(gradeKatas(runOf([spec()]), [kata1])).status).toBe('pass');
  });
});

describe('gradeSummary', () => {
  it('ends with the score and the plain passed/failed line', () => {
    const lines = gradeSummary(gradeKatas(runOf([spec(), spec({ state: 'failed' })]), [kata1])).split('\n');
    expect(lines.slice(-2)).toEqual(['Score: 2.5/5', '1 passed, 1 failed']);
  });
});

describe('gradeKatas, counting what the learner’s code cannot change', () => {
  const file = 'spec/01-pages-and-units/1-units.spec.ts';
  const secret = 'spec/01-pages-and-units/__private__/1-more.spec.ts';

  it('takes a spec file’s count from the course: a file that does not load fails all of its specs', () => {
    const run = runOf([], [{ project: 'katas', slug: kata1.slug, file, errors: [{ name: 'Error', message: 'boom' }] }]);
    expect(gradeKatas(run, [kata1], { expected: { [file]: 40 } })[0]).toMatchObject({
      passed: 0,
      failed: 40,
      total: 40,
    });
  });

  it('counts private specs beside the public ones, in the points too, and never names them', () => {
    const run = runOf([
      spec(),
      spec({ file: secret, name: 'secret a', fullName: 'parseKb > secret a' }),
      spec({ file: secret, name: 'secret b', fullName: 'parseKb > secret b', state: 'failed' }),
    ]);
    const [grade] = gradeKatas(run, [kata1]);
    expect(grade).toMatchObject({
      points: 3.33,
      public: { passed: 1, failed: 0, total: 1 },
      private: { passed: 1, failed: 1, total: 2 },
    });
    expect(JSON.stringify(grade?.failing)).not.toContain('secret');
    const xml = junitXml(gradeKatas(run, [kata1]), run);
    expect(xml).toContain('name="private spec 2"');
    expect(xml).not.toContain('secret');
  });

  it('refuses a kata whose code tampered with the assertions, or whose specs did not finish: no points', () => {
    const tampered = runOf([
      spec({
        state: 'failed',
        errors: [{ name: 'GradingIntegrityError', message: 'your code changed the loop guard' }],
      }),
    ]);
    expect(gradeKatas(tampered, [kata1])[0]).toMatchObject({ points: 0, status: 'refused' });
    const [stopped] = gradeKatas(runOf([spec()]), [kata1], { unfinished: [file], expected: { [file]: 3 } });
    expect(stopped).toMatchObject({ points: 0, status: 'refused', passed: 1, total: 3 });
    expect(stopped?.refusals[0]?.kind).toBe('unfinished');
  });

  it('refuses a kata for the reasons found before the run (a forbidden import), whatever its specs say', () => {
    const refusals = { [kata1.slug]: [{ kind: 'forbidden-import' as const, message: 'imports solutions/' }] };
    const [grade] = gradeKatas(runOf([spec()]), [kata1], { refusals });
    expect(grade).toMatchObject({ points: 0, status: 'refused', passed: 1, total: 1 });
    expect(classroomResult([grade!]).tests[0]?.message).toBe('refused, no points: imports solutions/');
  });
});

describe('classroomResult with changed course files', () => {
  it('adds a failing test worth nothing that names the files', () => {
    const integrity = {
      integrity: 'modified' as const,
      changed: ['katas.json'],
      missing: [],
      added: ['spec/x.spec.ts'],
    };
    const result = classroomResult(gradeKatas(runOf([spec()]), [kata1]), integrity);
    expect(result.status).toBe('fail');
    expect(result.tests.at(-1)).toMatchObject({
      name: 'Course files',
      score: 0,
      max_score: 0,
      message: 'modified: katas.json, spec/x.spec.ts',
    });
  });
});
