// @ts-check
/**
 * Runs spec files through vitest's Node API, in this process (no second Node start-up), and hands back plain
 * results: one record per spec test, plus the spec files that could not even load (a syntax error in the
 * learner's code). The runner, the grader and the dev check all use it; none of them parses vitest's output.
 */
import { join } from 'node:path';
import { createVitest } from 'vitest/node';
import { kataOfFile } from './manifest.mjs';
import { repoRoot } from './paths.mjs';

/**
 * @typedef {object} SpecError
 * @property {string} name
 * @property {string} message
 * @property {string} [expected]  serialized, when an assertion compared two values
 * @property {string} [actual]
 * @property {string} [stack]
 * @property {string} [frame]     a code frame, for errors that point into a file (syntax errors)
 * @property {string} [location]  "katas/01-…/units.ts:12:5" where the error points into the learner's tree
 * @property {SpecError} [cause]   the error inside (fast-check's property failure wraps the assertion that failed)
 */
/**
 * @typedef {object} SpecResult
 * @property {string} project   'katas' | 'solutions' | 'tools'
 * @property {string} slug      kata slug from the spec's folder ('' for tools)
 * @property {string} file      spec file, relative to the repository
 * @property {string} describe  the top-level describe: the exported function the spec is about
 * @property {string} name      the test's own name
 * @property {string} fullName  describe > … > name
 * @property {'passed' | 'failed' | 'skipped'} state
 * @property {SpecError[]} errors
 * @property {number} durationMs
 */
/**
 * @typedef {object} LoadFailure
 * @property {string} project
 * @property {string} slug
 * @property {string} file
 * @property {SpecError[]} errors
 */
/** @typedef {{ specs: SpecResult[], loadFailures: LoadFailure[], unhandled: SpecError[], durationMs: number }} RunResult */

/**
 * @param {any} error a vitest TestError / SerializedError
 * @returns {SpecError}
 */
function toSpecError(error) {
  /** @type {SpecError} */
  const out = { name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) };
  if (typeof error?.expected === 'string') out.expected = error.expected;
  if (typeof error?.actual === 'string') out.actual = error.actual;
  if (typeof error?.stack === 'string') out.stack = error.stack;
  if (typeof error?.frame === 'string') out.frame = error.frame;
  if (error?.cause && typeof error.cause === 'object') out.cause = toSpecError(error.cause);
  const located = [error?.loc?.file, ...(error?.stacks ?? []).map((/** @type {any} */ s) => s.file)].find(
    // the learner's own files; katas/shared is where notImplemented throws, not where to look
    (/** @type {unknown} */ f) => typeof f === 'string' && f.includes('/katas/') && !f.includes('/katas/shared/'),
  );
  if (located) {
    const frame =
      error?.loc?.file === located ? error.loc : error.stacks.find((/** @type {any} */ s) => s.file === located);
    out.location = `${relative(located)}:${frame?.line ?? '?'}:${frame?.column ?? '?'}`;
  }
  return out;
}

/** @param {string} file */
function relative(file) {
  return file.startsWith(repoRoot) ? file.slice(repoRoot.length) : file;
}

/**
 * @param {any} testCase a vitest TestCase
 * @returns {SpecResult}
 */
function toSpecResult(testCase) {
  const file = relative(testCase.module.moduleId);
  /** @type {string[]} */
  const suites = [];
  for (let p = testCase.parent; p && p.type === 'suite'; p = p.parent) suites.unshift(p.name);
  const result = testCase.result();
  const state = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
  return {
    project: testCase.project.name,
    slug: kataOfFile(`/${file}`)?.slug ?? '',
    file,
    describe: suites[0] ?? '',
    name: testCase.name,
    fullName: [...suites, testCase.name].join(' > '),
    state,
    errors: (result.errors ?? []).map(toSpecError),
    durationMs: testCase.diagnostic()?.duration ?? 0,
  };
}

/**
 * @param {ReadonlyArray<any>} testModules
 * @param {ReadonlyArray<any>} unhandledErrors
 * @param {number} startedAt
 * @returns {RunResult}
 */
function collect(testModules, unhandledErrors, startedAt) {
  /** @type {SpecResult[]} */
  const specs = [];
  /** @type {LoadFailure[]} */
  const loadFailures = [];
  for (const testModule of testModules) {
    const moduleErrors = testModule.errors();
    if (moduleErrors.length > 0) {
      const file = relative(testModule.moduleId);
      loadFailures.push({
        project: testModule.project.name,
        slug: kataOfFile(`/${file}`)?.slug ?? '',
        file,
        errors: moduleErrors.map(toSpecError),
      });
    }
    for (const testCase of testModule.children.allTests()) specs.push(toSpecResult(testCase));
  }
  const order = (/** @type {SpecResult} */ s) => `${s.project}\0${s.file}`;
  specs.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)); // stable: keeps file order
  return { specs, loadFailures, unhandled: unhandledErrors.map(toSpecError), durationMs: Date.now() - startedAt };
}

/**
 * @param {object} options
 * @param {string[]} options.projects          vitest projects to run ('katas', 'solutions', 'tools')
 * @param {string[]} [options.filters]         spec paths or folders (default: all)
 * @param {boolean} [options.keepOpen]         leave vitest open after the first run (the caller re-runs it)
 * @param {(result: RunResult) => void | Promise<void>} [options.onRun]  after the first run and every re-run
 * @param {any[]} [options.extraReporters]     e.g. ['junit', { outputFile }]
 * @param {Record<string, unknown>} [options.overrides]  other vitest options (ui, open, api …)
 * @returns {Promise<{ result: RunResult | undefined, vitest: any }>}
 */
export async function runSpecs({
  projects,
  filters = [],
  keepOpen = false,
  onRun,
  extraReporters = [],
  overrides = {},
}) {
  /** @type {RunResult | undefined} */
  let last;
  let startedAt = Date.now();
  const collector = {
    onTestRunStart() {
      startedAt = Date.now();
    },
    /** @type {(m: ReadonlyArray<any>, u: ReadonlyArray<any>) => Promise<void>} */
    async onTestRunEnd(testModules, unhandledErrors) {
      last = collect(testModules, unhandledErrors, startedAt);
      await onRun?.(last);
    },
  };
  const vitest = await createVitest(
    'test',
    {
      root: repoRoot,
      config: join(repoRoot, 'vitest.config.ts'),
      project: projects,
      watch: false, // re-runs are the caller's (scripts/kata.mjs watches the files itself)
      reporters: [collector, ...extraReporters],
      ...overrides,
    },
    // The learner never needs Vite's own chatter (e.g. "new dependencies optimized").
    { logLevel: 'error' },
  );
  await vitest.start(filters);
  if (!keepOpen) await vitest.close();
  return { result: last, vitest };
}
