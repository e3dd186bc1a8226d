// @ts-check
/**
 * From one spec run on the learner's tree to the grading files: results.json (per kata: points, passed,
 * failed, public and private counts, failing specs and their messages), junit.xml and GitHub Classroom's
 * autograding result (version 1). Pure: results in, data and text out.
 *
 * How a kata's points are counted, so that the learner's code cannot change the count:
 * - the number of specs in each spec file comes from the course (collected on the reference), never from the
 *   run of the learner's code: a spec file that does not load counts all of its specs as failed;
 * - a kata is refused (no points, the reasons listed) when its code imports what it may not
 *   (scripts/lib/import-guard.mjs), when a spec reports that the code tampered with the assertions
 *   (GradingIntegrityError, spec/support/grading-guard.ts), or when its spec files did not finish (the grader
 *   stopped a run that no longer answered, or the runner died).
 * Private specs (an instructor's, under spec/NN-slug/__private__/) count like public ones; the reports the
 * learner can see count them but do not name them.
 */
import { stripAnsi } from './style.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./run-specs.mjs').RunResult} RunResult */

/** The folder name of an instructor's private specs inside spec/NN-slug/ while grading. */
export const PRIVATE_FOLDER = '__private__';
/** The error name spec/support/grading-guard.ts throws. */
export const INTEGRITY_ERROR = 'GradingIntegrityError';

/** @typedef {{ passed: number, failed: number, total: number }} Counts */
/**
 * @typedef {object} Refusal
 * @property {'forbidden-import' | 'tampering' | 'unfinished'} kind
 * @property {string} message
 */
/**
 * @typedef {object} KataGrade
 * @property {number} number
 * @property {string} slug
 * @property {string} title
 * @property {number} points     earned: maxPoints × passed / total, to 2 decimals; 0 when refused
 * @property {number} maxPoints
 * @property {number} passed
 * @property {number} failed     failed specs, plus every spec of a spec file that could not load
 * @property {number} total
 * @property {Counts} public
 * @property {Counts} private
 * @property {'graded' | 'refused'} status
 * @property {Refusal[]} refusals
 * @property {{ name: string, message: string }[]} failing  public failing specs (private ones are counted, not named)
 */
/**
 * @typedef {object} GradeOptions
 * @property {Record<string, number>} [expected]  spec file → how many specs it holds (from the course)
 * @property {Record<string, Refusal[]>} [refusals]  per kata slug: reasons found before the run
 * @property {string[]} [unfinished]  spec files whose run did not finish
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

/** @param {string} file */
export const isPrivate = (file) => file.split('/').includes(PRIVATE_FOLDER);

/**
 * @param {RunResult} run
 * @param {Kata[]} katas
 * @param {GradeOptions} [options]
 * @returns {KataGrade[]}
 */
export function gradeKatas(run, katas, options = {}) {
  const expected = options.expected ?? {};
  const unfinished = new Set(options.unfinished ?? []);
  const before = options.refusals ?? {};
  return katas.map((kata) => {
    const specs = run.specs.filter((s) => s.slug === kata.slug);
    const broken = run.loadFailures.filter((f) => f.slug === kata.slug);
    const files = new Set([
      ...specs.map((s) => s.file),
      ...broken.map((f) => f.file),
      ...Object.keys(expected).filter((f) => f.startsWith(`spec/${kata.slug}/`)),
    ]);
    /** @type {{ public: Counts, private: Counts }} */
    const counts = { public: { passed: 0, failed: 0, total: 0 }, private: { passed: 0, failed: 0, total: 0 } };
    for (const file of files) {
      const own = specs.filter((s) => s.file === file);
      const passed = own.filter((s) => s.state === 'passed').length;
      // The course's count when it knows the file; a file that did not load and is unknown counts as one spec.
      const total = Math.max(expected[file] ?? 0, own.length, broken.some((f) => f.file === file) ? 1 : 0);
      const bucket = counts[isPrivate(file) ? 'private' : 'public'];
      bucket.passed += passed;
      bucket.total += total;
      bucket.failed += total - passed;
    }

    /** @type {Refusal[]} */
    const refusals = [...(before[kata.slug] ?? [])];
    const tampered = [...specs.flatMap((s) => s.errors), ...broken.flatMap((f) => f.errors)].find(
      (e) => e.name === INTEGRITY_ERROR,
    );
    if (tampered) refusals.push({ kind: 'tampering', message: oneLine(tampered.message) });
    const stopped = [...files].filter((f) => unfinished.has(f));
    if (stopped.length > 0) {
      refusals.push({
        kind: 'unfinished',
        message: `${stopped.map((f) => (isPrivate(f) ? 'a private spec file' : f)).join(', ')} did not finish: the grader stopped it (an endless loop the loop guard could not stop, or a crash)`,
      });
    }

    const failing = [
      ...broken
        .filter((f) => !isPrivate(f.file))
        .map((f) => ({ name: `${f.file} (could not load)`, message: oneLine(f.errors[0]?.message ?? '') })),
      ...specs
        .filter((s) => s.state !== 'passed' && !isPrivate(s.file))
        .map((s) => ({ name: s.fullName, message: oneLine(s.errors[0]?.message ?? s.state) })),
    ];
    const passed = counts.public.passed + counts.private.passed;
    const total = counts.public.total + counts.private.total;
    const refused = refusals.length > 0;
    return {
      number: kata.number,
      slug: kata.slug,
      title: kata.title,
      points: refused || total === 0 ? 0 : round2((kata.points * passed) / total),
      maxPoints: kata.points,
      passed,
      failed: total - passed,
      total,
      public: counts.public,
      private: counts.private,
      status: refused ? 'refused' : 'graded',
      refusals,
      failing,
    };
  });
}

/** @param {KataGrade} g */
const green = (g) => g.status === 'graded' && g.failed === 0 && g.total > 0;

/** @param {KataGrade} g */
function counted(g) {
  const priv = g.private.total > 0 ? ` + ${g.private.passed}/${g.private.total} private` : '';
  return `${g.public.passed}/${g.public.total} specs green${priv}`;
}

/**
 * GitHub Classroom's autograding result (the payload autograding-grading-reporter reads): one test per kata,
 * and one more, worth nothing, when the course's files were changed.
 * @param {KataGrade[]} grades
 * @param {import('./course.mjs').Integrity} [integrity]
 */
export function classroomResult(grades, integrity) {
  const modified = integrity?.integrity === 'modified';
  const tests = grades.map((g) => ({
    name: `Kata ${g.number} · ${g.title}`,
    status: green(g) ? 'pass' : 'fail',
    score: g.points,
    max_score: g.maxPoints,
    message:
      g.status === 'refused'
        ? `refused, no points: ${g.refusals.map((r) => r.message).join('; ')}`
        : `${counted(g)}${g.failing[0] ? ` — first failing: ${g.failing[0].name}: ${g.failing[0].message}` : ''}`,
    test_code: `npm run kata ${g.number}`,
    filename: `spec/${g.slug}/`,
    line_no: 0,
  }));
  if (modified && integrity) {
    const files = [...integrity.changed, ...integrity.missing, ...integrity.added];
    tests.push({
      name: 'Course files',
      status: 'fail',
      score: 0,
      max_score: 0,
      message: `modified: ${files.slice(0, 10).join(', ')}${files.length > 10 ? ` and ${files.length - 10} more` : ''}`,
      test_code: 'git diff --stat (spec/, katas.json, scripts/ …)',
      filename: '.memkata-course.json',
      line_no: 0,
    });
  }
  return {
    version: 1,
    status: grades.every(green) && !modified ? 'pass' : 'fail',
    max_score: grades.reduce((n, g) => n + g.maxPoints, 0),
    tests,
  };
}

/**
 * The terminal summary, ending with the plain `N passed, N failed` line CI systems read.
 * @param {KataGrade[]} grades
 * @param {string[]} [notes] lines printed between the table and the score (integrity, seed)
 */
export function gradeSummary(grades, notes = []) {
  const lines = grades.map((g) => {
    const row = `${String(g.number).padStart(2)}  ${g.title.padEnd(28)} ${`${g.passed}/${g.total}`.padStart(9)}  ${`${g.points}/${g.maxPoints}`.padStart(9)} pts`;
    const extra = [
      g.private.total > 0 ? `(${g.private.passed}/${g.private.total} private)` : '',
      g.status === 'refused' ? `REFUSED: ${g.refusals.map((r) => r.message).join('; ')}` : '',
    ].filter(Boolean);
    return extra.length > 0 ? `${row}  ${extra.join(' ')}` : row;
  });
  const score = round2(grades.reduce((n, g) => n + g.points, 0));
  const max = grades.reduce((n, g) => n + g.maxPoints, 0);
  const passed = grades.reduce((n, g) => n + g.passed, 0);
  const failed = grades.reduce((n, g) => n + g.failed, 0);
  return [...lines, '', ...notes, `Score: ${score}/${max}`, `${passed} passed, ${failed} failed`].join('\n');
}

/** @param {string} text */
const xml = (text) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 cannot hold these characters at all
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * JUnit XML, one testsuite per kata, written by the grader from the run's results (not by a reporter running
 * beside the learner's code). Private specs appear as "private spec N" with no message; a refused kata gets a
 * failing "grading" case that says why.
 * @param {KataGrade[]} grades
 * @param {RunResult} run
 */
export function junitXml(grades, run) {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = grades.reduce((n, g) => n + g.failed + (g.status === 'refused' ? 1 : 0), 0);
  const tests = grades.reduce((n, g) => n + g.total + (g.status === 'refused' ? 1 : 0), 0);
  out.push(`<testsuites name="memkata" tests="${tests}" failures="${failures}">`);
  for (const g of grades) {
    const refused = g.status === 'refused' ? 1 : 0;
    out.push(
      `  <testsuite name="${xml(`Kata ${g.number} · ${g.title}`)}" tests="${g.total + refused}" failures="${g.failed + refused}">`,
    );
    if (refused) {
      const why = g.refusals.map((r) => r.message).join('; ');
      out.push(`    <testcase classname="${g.slug}" name="grading">`);
      out.push(`      <failure message="${xml(`refused, no points: ${why}`)}"/>`, '    </testcase>');
    }
    const specs = run.specs.filter((s) => s.slug === g.slug);
    let privateIndex = 0;
    for (const s of specs) {
      const hidden = isPrivate(s.file);
      const name = hidden ? `private spec ${++privateIndex}` : s.fullName;
      if (s.state === 'passed') out.push(`    <testcase classname="${g.slug}" name="${xml(name)}"/>`);
      else {
        const message = hidden ? 'a private spec failed' : oneLine(s.errors[0]?.message ?? s.state);
        out.push(`    <testcase classname="${g.slug}" name="${xml(name)}">`);
        out.push(`      <failure message="${xml(message)}"/>`, '    </testcase>');
      }
    }
    const missing = g.total - specs.length;
    if (missing > 0) {
      out.push(`    <testcase classname="${g.slug}" name="${xml(`${missing} spec(s) that did not run`)}">`);
      out.push('      <failure message="a spec file did not load or did not finish"/>', '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
