/**
 * `npm run gradebook` on three fake learners: two grade folders (one with a refused kata and changed course
 * files) and one progress file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGradebook, gradebookCsv, gradebookHtml, gradebookText } from '../../scripts/lib/gradebook.mjs';
import { repoRoot } from '../../scripts/lib/paths.mjs';

const kata = (number: number, title: string, maxPoints: number, passed: number, total: number, extra = {}) => ({
  number,
  slug: `0${number}-x`,
  title,
  points: Math.round(((maxPoints * passed) / total) * 100) / 100,
  maxPoints,
  passed,
  failed: total - passed,
  total,
  status: 'graded',
  refusals: [],
  ...extra,
});

const alice = {
  score: 12.5,
  maxScore: 20,
  integrity: 'pristine',
  katas: [kata(1, 'pages and units', 5, 81, 81), kata(2, 'free', 15, 375, 750)],
};
const bob = {
  score: 0,
  maxScore: 20,
  integrity: 'modified',
  courseFiles: { changed: ['spec/01-pages-and-units/1-units.spec.ts'], missing: [], added: [] },
  katas: [
    kata(1, 'pages and units', 5, 81, 81, {
      points: 0,
      status: 'refused',
      refusals: [{ kind: 'forbidden-import', message: 'katas/01-x/units.ts:1 imports ../../solutions/01-x/units.ts' }],
    }),
    kata(2, 'free', 15, 0, 750),
  ],
};
const chloe = {
  format: 1,
  kind: 'memkata-progress',
  learner: 'Chloé',
  at: '2026-12-01T10:00:00.000Z',
  rows: [
    { number: 1, title: 'pages and units', green: 81, total: 81, state: 'done', points: 5, maxPoints: 5 },
    { number: 2, title: 'free', green: 700, total: 750, state: 'in progress', points: 14, maxPoints: 15 },
  ],
};

const reports = [
  { learner: 'bob', source: 'bob/grade/results.json', report: bob },
  { learner: 'alice', source: 'alice/grade/results.json', report: alice },
  { learner: 'Chloé', source: 'chloe.json', report: chloe },
];

describe('buildGradebook', () => {
  it('makes one row per learner, sorted by name, with each kata’s points and the total', () => {
    const book = buildGradebook(reports);
    expect(book.rows.map((r) => [r.learner, r.score, r.maxScore])).toEqual([
      ['alice', 12.5, 20],
      ['bob', 0, 20],
      ['Chloé', 19, 20],
    ]);
    expect(book.katas.map((k) => k.number)).toEqual([1, 2]);
  });

  it('counts a kata finished only when all its specs are green, and never when it was refused', () => {
    const book = buildGradebook(reports);
    expect(book.finished.get(1)).toBe(2); // alice and Chloé; bob's green kata 1 was refused
    expect(book.finished.get(2)).toBe(0);
  });

  it('keeps the refusals and changed course files as notes', () => {
    const bobRow = buildGradebook(reports).rows[1];
    expect(bobRow?.notes.join(' ')).toContain('kata 1 refused: katas/01-x/units.ts:1 imports');
    expect(bobRow?.notes.join(' ')).toContain('course files modified: spec/01-pages-and-units/1-units.spec.ts');
  });

  it('refuses a file that is neither a grade nor a progress report', () => {
    expect(() => buildGradebook([{ learner: 'x', source: 'x.json', report: { hello: 1 } }])).toThrow(/neither/);
  });
});

describe('gradebookCsv', () => {
  it('has a header with kata titles and points, a row per learner and the finished counts', () => {
    const lines = gradebookCsv(buildGradebook(reports)).trim().split('\n');
    expect(lines[0]).toBe('learner,kata 1 · pages and units (5),kata 2 · free (15),total (20),notes');
    expect(lines[1]).toBe('alice,5,7.5,12.5,');
    expect(lines[2]).toMatch(/^bob,0,0,0,"?kata 1 refused/);
    expect(lines[3]).toBe('Chloé,5,14,19,progress at 2026-12-01T10:00:00.000Z');
    expect(lines[4]).toBe('finished,2/3,0/3,,');
  });
});

describe('gradebookHtml', () => {
  it('is one self-contained page with a bar per kata sized by how many finished it', () => {
    const page = gradebookHtml(buildGradebook(reports), '2026-12-01');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link|src="http/);
    expect(page).toContain(
      '<span class="fill" style="width:67%"></span></span><span class="count">2/3 finished</span>',
    );
    expect(page).toContain('<span class="fill" style="width:0%"></span></span><span class="count">0/3 finished</span>');
    expect(page).toContain('<td class="refused" title="81/81 specs, refused">0</td>');
    expect(page).toContain('<th>Chlo\u00e9</th>');
  });
});

describe('npm run gradebook', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads grade folders and progress files and writes gradebook.csv and gradebook.html', () => {
    dir = mkdtempSync(join(tmpdir(), 'memkata-gradebook-'));
    for (const [name, report] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      mkdirSync(join(dir, name, 'grade'), { recursive: true });
      writeFileSync(join(dir, name, 'grade', 'results.json'), JSON.stringify(report));
    }
    writeFileSync(join(dir, 'chloe.json'), JSON.stringify(chloe));
    const out = execFileSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'gradebook.mjs'), 'alice/grade', 'bob', 'chloe.json', '--out', 'book'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(out).toContain(gradebookText(buildGradebook(reports)));
    expect(readFileSync(join(dir, 'book', 'gradebook.csv'), 'utf8')).toBe(gradebookCsv(buildGradebook(reports)));
    expect(readFileSync(join(dir, 'book', 'gradebook.html'), 'utf8')).toContain('2/3 finished');
  });
});
