import { describe, expect, it } from 'vitest';
import { compareTrees, typeNames } from '../../scripts/lib/dev-check.mjs';
import { runOf, spec } from './builders.ts';

describe('compareTrees', () => {
  it('accepts a spec that passes on the reference and fails on the stub', () => {
    const run = runOf([spec({ project: 'solutions' }), spec({ project: 'katas', state: 'failed' })]);
    expect(compareTrees(run)).toMatchObject({ problems: [], solutionsPassed: 1, stubsFailed: 1 });
  });

  it('flags a spec that passes on the untouched stub: it asserts nothing', () => {
    const run = runOf([spec({ project: 'solutions' }), spec({ project: 'katas', state: 'passed' })]);
    expect(compareTrees(run).problems).toEqual([
      {
        kind: 'passes on the untouched stub (asserts nothing)',
        message: 'spec/01-pages-and-units/1-units.spec.ts › parseKb > reads a value',
      },
    ]);
  });

  it('flags a spec that fails on the reference, with its message', () => {
    const run = runOf([
      spec({
        project: 'solutions',
        state: 'failed',
        errors: [{ name: 'AssertionError', message: 'expected 4 to be 5' }],
      }),
      spec({ project: 'katas', state: 'failed' }),
    ]);
    expect(compareTrees(run).problems[0]).toMatchObject({ kind: 'fails on the reference' });
    expect(compareTrees(run).problems[0]?.message).toContain('expected 4 to be 5');
  });
});

describe('typeNames', () => {
  it('finds the type-only exports of a kata’s index.ts, and not its values', () => {
    expect(typeNames('05-smem')).toEqual([
      'Cell',
      'Column',
      'ProcessColumn',
      'ProcessInput',
      'ProcessMemory',
      'SmemOptions',
      'TableOptions',
      'UserColumn',
    ]);
    expect(typeNames('01-pages-and-units')).toEqual([]);
  });
});
