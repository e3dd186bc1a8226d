// @ts-check
/**
 * npm run grade [-- --learner DIR] [--extra-specs DIR] [--out DIR] [--seed N] [--course DIR]
 *
 * Runs every kata's specs on the learner's code once and writes, from that one run:
 *   grade/results.json    per kata: points, passed, failed, public and private counts, failing specs, refusals
 *   grade/junit.xml       for CI systems that read JUnit
 *   grade/classroom.json  GitHub Classroom's autograding result (version 1)
 * and prints `Score: X/Y` and, last, `N passed, N failed`. Failing specs are a grade, not an error: the exit code
 * is 0; it is 2 only when grading itself could not run.
 *
 * The grade is made so that the graded code cannot change it (docs/teaching.md, "Honest grading"):
 * - the specs run in a fresh workspace (scripts/lib/grade-workspace.mjs) holding this course's own specs and
 *   harness and only the learner's kata folders: never solutions/, the reference bundle or the learner's copy of
 *   the specs; `--learner DIR` grades another repository (a learner's) against this pristine course;
 * - they run in a child process that reports each result as it comes; the grader stops it when it stops
 *   answering, counts specs from the course (not from the run), and writes the reports itself, afterwards;
 * - fast-check's seed and run count are the grader's own (FC_SEED / FC_NUM_RUNS of the environment are
 *   ignored; `--seed N` replays a grade), and printed;
 * - the learner's imports are scanned (scripts/lib/import-guard.mjs) and the course's files are compared with
 *   the checksums written at export time (`integrity` in results.json).
 * `--extra-specs DIR` (or MEMKATA_EXTRA_SPECS) adds an instructor's private specs: DIR/NN-slug/*.spec.ts.
 */
import { fork, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs, run } from './lib/cli.mjs';
import { COURSE_FILE, compareIntegrity, describeIntegrity, readCourse } from './lib/course.mjs';
import { addLearnerKatas, addReferenceKatas, createWorkspace } from './lib/grade-workspace.mjs';
import { classroomResult, gradeKatas, gradeSummary, junitXml } from './lib/grading.mjs';
import { forbiddenImports } from './lib/import-guard.mjs';
import { allKatas } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { referenceFiles } from './lib/reference.mjs';

const USAGE = `Usage: npm run grade                         grade this repository's katas/
       npm run grade -- --learner DIR          grade the learner's repository DIR against this course
       npm run grade -- --extra-specs DIR      add private specs: DIR/NN-slug/*.spec.ts (or MEMKATA_EXTRA_SPECS)
       npm run grade -- --out DIR              write the reports to DIR (default: the graded repository's grade/)
       npm run grade -- --seed N               replay a grade: fast-check's seed (it is printed every time)
       npm run grade -- --course DIR           grade this repository with the pristine course copy in DIR`;

/** fast-check's own default, made explicit so that nothing in the environment can lower it. */
const NUM_RUNS = 100;

run(async () => {
  const { flags } = parseArgs(process.argv.slice(2), ['learner', 'extra-specs', 'out', 'seed', 'course']);
  if (flags.help || flags.h) {
    console.log(USAGE);
    return 0;
  }
  if (typeof flags.course === 'string') return delegate(resolve(flags.course));

  const course = repoRoot;
  const learner = typeof flags.learner === 'string' ? resolve(flags.learner) : course;
  if (!existsSync(join(learner, 'katas')))
    throw new Error(`${learner} has no katas/ folder: it is not a memkata repository`);
  const extra = typeof flags['extra-specs'] === 'string' ? flags['extra-specs'] : process.env.MEMKATA_EXTRA_SPECS;
  const seed = typeof flags.seed === 'string' ? Number(flags.seed) : randomInt(1, 2 ** 31 - 1);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed takes a whole number, not ${flags.seed}`);
  const out = typeof flags.out === 'string' ? resolve(flags.out) : join(learner, 'grade');

  const katas = allKatas();
  const slugs = katas.map((k) => k.slug);
  const courseFile = readCourse(course);
  const integrity = learnerIntegrity(course, learner, courseFile);

  // Imports the learner's code may not make: the kata is refused, whatever its specs say.
  /** @type {Record<string, import('./lib/grading.mjs').Refusal[]>} */
  const refusals = {};
  for (const v of forbiddenImports(learner)) {
    const list = refusals[v.kata] ?? [];
    list.push({ kind: 'forbidden-import', message: `${v.file}:${v.line} ${v.reason}` });
    refusals[v.kata] = list;
  }

  const workspace = createWorkspace({
    course,
    specFiles: courseFile ? Object.keys(courseFile.specCounts ?? {}) : undefined,
    slugs,
    extraSpecs: extra ? resolve(extra) : undefined,
  });
  try {
    const files = specFilesIn(workspace.dir, slugs);
    // How many specs each file holds, from the course: the export recorded it; what it did not (memkata itself,
    // private specs) is collected now on the reference, before the learner's code is in the workspace.
    /** @type {Record<string, number>} */
    const expected = { ...(courseFile?.specCounts ?? {}) };
    const unknown = files.filter((f) => !(f in expected));
    if (unknown.length > 0) {
      const reference = Object.fromEntries(
        slugs.flatMap((slug) => {
          const ref = referenceFiles(slug, course);
          return ref ? [[slug, ref]] : [];
        }),
      );
      const removeReference = addReferenceKatas(workspace.dir, reference);
      const collected = await runChild(workspace.dir, 'collect', unknown, { seed });
      removeReference();
      for (const [file, tests] of collected.collected) expected[file] = tests.length;
    }

    addLearnerKatas(workspace.dir, join(learner, 'katas'));
    const idle =
      Number(process.env.MEMKATA_GRADE_IDLE_SECONDS) ||
      Math.max(60, 3 * Math.max(...katas.map((k) => k.timeoutSeconds)) + 20);
    const result = await runChild(workspace.dir, 'run', files, { seed, idleSeconds: idle });
    const runResult = toRunResult(result, slugs);
    const grades = gradeKatas(runResult, katas, { expected, refusals, unfinished: result.unfinished });

    const results = {
      gradedAt: new Date().toISOString(),
      score: Math.round(grades.reduce((n, g) => n + g.points, 0) * 100) / 100,
      maxScore: grades.reduce((n, g) => n + g.maxPoints, 0),
      grading: {
        seed,
        numRuns: NUM_RUNS,
        node: process.version,
        vitest: packageVersion(course, 'vitest'),
        course: courseFile ? { exportedAt: courseFile.exportedAt, commit: courseFile.source?.commit } : 'memkata',
        learner: learner === course ? '.' : learner,
        privateSpecs: workspace.privateFiles.length,
      },
      integrity: integrity.integrity,
      courseFiles: {
        against: integrity.against ?? null,
        changed: integrity.changed,
        missing: integrity.missing,
        added: integrity.added,
      },
      katas: grades,
    };
    // Written now, by this process, after the learner's code has finished: whatever it wrote is replaced.
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(out, 'classroom.json'), `${JSON.stringify(classroomResult(grades, integrity), null, 2)}\n`);
    writeFileSync(join(out, 'junit.xml'), junitXml(grades, runResult));

    const notes = [
      describeIntegrity(integrity),
      `fast-check: seed ${seed}, ${NUM_RUNS} runs per property (the grader's own: FC_SEED and FC_NUM_RUNS are ignored; replay with npm run grade -- --seed ${seed})`,
    ];
    if (workspace.privateFiles.length > 0) notes.push(`private specs: ${workspace.privateFiles.length} file(s)`);
    console.log(`Wrote ${relative(process.cwd(), out) || '.'}/results.json, junit.xml, classroom.json`);
    console.log(gradeSummary(grades, notes));
    return 0;
  } finally {
    workspace.remove();
  }
});

/**
 * @param {string} course
 * @param {string} learner
 * @param {import('./lib/course.mjs').Course | undefined} courseFile
 */
function learnerIntegrity(course, learner, courseFile) {
  if (learner === course) return compareIntegrity(course, courseFile?.checksums, `its own ${COURSE_FILE}`);
  const report = compareIntegrity(learner, courseFile?.checksums, `the course copy in ${course}`);
  if (courseFile) {
    const theirs = existsSync(join(learner, COURSE_FILE))
      ? readFileSync(join(learner, COURSE_FILE), 'utf8')
      : undefined;
    if (theirs === undefined) report.missing.push(COURSE_FILE);
    else if (theirs !== readFileSync(join(course, COURSE_FILE), 'utf8')) report.changed.push(COURSE_FILE);
    if (report.missing.length + report.changed.length > 0) report.integrity = 'modified';
  }
  return report;
}

/**
 * The spec files of the workspace's kata folders (public and private), sorted.
 * @param {string} dir
 * @param {string[]} slugs
 */
function specFilesIn(dir, slugs) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ rel) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.spec.ts')) files.push(child);
    }
  };
  for (const slug of slugs) if (existsSync(join(dir, 'spec', slug))) walk(`spec/${slug}`);
  return files.sort();
}

/**
 * @typedef {object} ChildResult
 * @property {Map<string, { id: string, describe: string, name: string, fullName: string }[]>} collected
 * @property {any[]} results
 * @property {Map<string, { name: string, message: string }[]>} moduleErrors  per file that ended
 * @property {string[]} unfinished  files that started and never ended (the grader stopped them)
 */

/** How long the runner may take to start before the grader gives up on it (a very slow machine). */
const STARTUP_SECONDS = 300;

/**
 * Runs the spec files in scripts/lib/grade-runner.mjs children until every file has ended or was stopped. A
 * child whose running spec file sends nothing for `idleSeconds` is stopped with everything it started; the
 * files it had not started yet run in a fresh child, so one file that hangs (vitest may run them one at a
 * time on a small machine) costs only its own specs.
 * @param {string} dir
 * @param {'run' | 'collect'} mode
 * @param {string[]} files
 * @param {{ seed: number, idleSeconds?: number }} options
 * @returns {Promise<ChildResult>}
 */
async function runChild(dir, mode, files, options) {
  /** @type {ChildResult} */
  const total = { collected: new Map(), results: [], moduleErrors: new Map(), unfinished: [] };
  let pending = files;
  for (;;) {
    const round = await runOnce(dir, mode, pending, options);
    for (const [file, tests] of round.collected) total.collected.set(file, tests);
    total.results.push(...round.results);
    for (const [file, errors] of round.moduleErrors) total.moduleErrors.set(file, errors);
    total.unfinished.push(...round.unfinished);
    const rest = pending.filter((f) => !round.moduleErrors.has(f) && !round.unfinished.includes(f));
    if (mode === 'collect' || rest.length === 0) return total;
    if (round.moduleErrors.size === 0 && round.unfinished.length === 0) {
      if (total.results.length === 0 && total.moduleErrors.size === 0) {
        throw new Error(
          `the spec runner stopped before running anything${round.stderr ? `:\n${round.stderr.slice(0, 2000)}` : ''}`,
        );
      }
      total.unfinished.push(...rest); // no progress: the runner cannot run them
      return total;
    }
    pending = rest;
  }
}

/**
 * One child: scripts/lib/grade-runner.mjs in the workspace, in its own process group, with a clean environment
 * (no FC_* of the caller, no paths back to the learner's repository).
 * @param {string} dir
 * @param {'run' | 'collect'} mode
 * @param {string[]} files
 * @param {{ seed: number, idleSeconds?: number }} options
 * @returns {Promise<ChildResult & { stderr: string }>}
 */
function runOnce(dir, mode, files, { seed, idleSeconds = 600 }) {
  /** @type {Record<string, string>} */
  const env = { FC_SEED: String(seed), FC_NUM_RUNS: String(NUM_RUNS), MEMKATA_GRADING: '1', NO_COLOR: '1' };
  for (const name of ['PATH', 'HOME', 'USERPROFILE', 'TMPDIR', 'TMP', 'TEMP', 'SystemRoot', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(dir, 'scripts', 'lib', 'grade-runner.mjs'), [mode, ...files], {
      cwd: dir,
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    /** @type {ChildResult & { stderr: string }} */
    const out = { collected: new Map(), results: [], moduleErrors: new Map(), unfinished: [], stderr: '' };
    /** @type {Set<string>} */
    const running = new Set();
    let last = Date.now();
    child.stderr?.on('data', (chunk) => {
      if (out.stderr.length < 20000) out.stderr += chunk;
    });
    child.on('message', (/** @type {any} */ message) => {
      last = Date.now();
      if (message?.type === 'collected') out.collected.set(message.file, message.tests);
      else if (message?.type === 'module-start') running.add(message.file);
      else if (message?.type === 'result') out.results.push(message);
      else if (message?.type === 'module-end') {
        running.delete(message.file);
        out.moduleErrors.set(message.file, message.errors ?? []);
      }
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setInterval(() => {
      const limit = running.size > 0 ? idleSeconds : STARTUP_SECONDS;
      if (Date.now() - last > limit * 1000) killGroup();
    }, 250);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      killGroup(); // anything the learner's code left running in the group
      if (process.env.MEMKATA_DEBUG)
        console.error(`grade: runner (${mode}) exited with ${code ?? signal}\n${out.stderr}`);
      out.unfinished = [...running];
      resolvePromise(out);
    });
  });
}

/**
 * The child's events as the RunResult the grading functions read.
 * @param {ChildResult} result
 * @param {string[]} slugs
 * @returns {import('./lib/run-specs.mjs').RunResult}
 */
function toRunResult(result, slugs) {
  const slugOf = (/** @type {string} */ file) => slugs.find((s) => file.startsWith(`spec/${s}/`)) ?? '';
  const specs = result.results.map((r) => ({
    project: 'katas',
    slug: slugOf(r.file),
    file: r.file,
    describe: r.describe,
    name: r.name,
    fullName: r.fullName,
    state: r.state,
    errors: r.errors,
    durationMs: 0,
  }));
  const loadFailures = [...result.moduleErrors]
    .filter(([, errors]) => errors.length > 0)
    .map(([file, errors]) => ({ project: 'katas', slug: slugOf(file), file, errors }));
  return { specs, loadFailures, unhandled: [], durationMs: 0 };
}

/** @param {string} root @param {string} name */
function packageVersion(root, name) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * --course DIR: the pristine course copy grades this repository (its grader, its specs, its checksums).
 * @param {string} course
 */
function delegate(course) {
  const script = join(course, 'scripts', 'grade.mjs');
  if (!existsSync(script)) throw new Error(`${course} is not a memkata course (no scripts/grade.mjs)`);
  const rest = process.argv
    .slice(2)
    .filter((a, i, all) => a !== '--course' && all[i - 1] !== '--course' && !a.startsWith('--course='));
  const hasOut = rest.some((a) => a === '--out' || a.startsWith('--out='));
  const args = [script, '--learner', repoRoot, ...(hasOut ? [] : ['--out', join(repoRoot, 'grade')]), ...rest];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: course });
    child.on('exit', (code) => done(code ?? 2));
  });
}
