// @ts-check
/**
 * From one spec run on the learner's tree to the grading files: results.json (per kata: points, passed,
 * failed, failing specs and their messages) and GitHub Classroom's autograding result (version 1). Pure.
 */
import { stripAnsi } from './style.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./run-specs.mjs').RunResult} RunResult */

/**
 * @typedef {object} KataGrade
 * @property {number} number
 * @property {string} slug
 * @property {string} title
 * @property {number} points     earned: maxPoints × passed / total, to 2 decimals
 * @property {number} maxPoints
 * @property {number} passed
 * @property {number} failed     failed specs, plus every spec of a spec file that could not load
 * @property {number} total
 * @property {{ name: string, message: string }[]} failing
 */

/** @param {number} x */
const round2 = (x) => Math.round(x * 100) / 100;

/** @param {string} message */
const oneLine = (message) =>
  stripAnsi(message)
    .split('\n')
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 300) ?? '';

/**
 * @param {RunResult} run
 * @param {Kata[]} katas
 * @returns {KataGrade[]}
 */
export function gradeKatas(run, katas) {
  return katas.map((kata) => {
    const specs = run.specs.filter((s) => s.slug === kata.slug);
    const broken = run.loadFailures.filter((f) => f.slug === kata.slug);
    const passed = specs.filter((s) => s.state === 'passed').length;
    const failingSpecs = specs.filter((s) => s.state !== 'passed');
    const failing = [
      ...broken.map((f) => ({ name: `${f.file} (could not load)`, message: oneLine(f.errors[0]?.message ?? '') })),
      ...failingSpecs.map((s) => ({ name: s.fullName, message: oneLine(s.errors[0]?.message ?? s.state) })),
    ];
    // A spec file that does not load has no test count; it still counts as (at least) one failure.
    const total = specs.length + (specs.length === 0 ? broken.length : 0);
    const failed = total - passed;
    const points = total === 0 ? 0 : round2((kata.points * passed) / total);
    return {
      number: kata.number,
      slug: kata.slug,
      title: kata.title,
      points,
      maxPoints: kata.points,
      passed,
      failed,
      total,
      failing,
    };
  });
}

/**
 * GitHub Classroom's autograding result (the payload autograding-grading-reporter reads): one test per kata.
 * @param {KataGrade[]} grades
 */
export function classroomResult(grades) {
  const allGreen = grades.every((g) => g.failed === 0 && g.total > 0);
  return {
    version: 1,
    status: allGreen ? 'pass' : 'fail',
    max_score: grades.reduce((n, g) => n + g.maxPoints, 0),
    tests: grades.map((g) => ({
      name: `Kata ${g.number} · ${g.title}`,
      status: g.failed === 0 && g.total > 0 ? 'pass' : 'fail',
      score: g.points,
      max_score: g.maxPoints,
      message: `${g.passed}/${g.total} specs green${g.failing[0] ? ` — first failing: ${g.failing[0].name}: ${g.failing[0].message}` : ''}`,
      test_code: `npm run kata ${g.number}`,
      filename: `spec/${g.slug}/`,
      line_no: 0,
    })),
  };
}

/**
 * The terminal summary, ending with the plain `N passed, N failed` line CI systems read.
 * @param {KataGrade[]} grades
 */
export function gradeSummary(grades) {
  const lines = grades.map(
    (g) =>
      `${String(g.number).padStart(2)}  ${g.title.padEnd(28)} ${`${g.passed}/${g.total}`.padStart(9)}  ${`${g.points}/${g.maxPoints}`.padStart(9)} pts`,
  );
  const score = round2(grades.reduce((n, g) => n + g.points, 0));
  const max = grades.reduce((n, g) => n + g.maxPoints, 0);
  const passed = grades.reduce((n, g) => n + g.passed, 0);
  const failed = grades.reduce((n, g) => n + g.failed, 0);
  return [...lines, '', `Score: ${score}/${max}`, `${passed} passed, ${failed} failed`].join('\n');
}
