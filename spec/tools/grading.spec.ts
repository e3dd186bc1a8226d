import { describe, expect, it } from 'vitest';
import { classroomResult, gradeKatas, gradeSummary } from '../../scripts/lib/grading.mjs';
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
