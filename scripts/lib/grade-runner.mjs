// @ts-check
/**
 * The child process `npm run grade` starts inside its workspace (scripts/lib/grade-workspace.mjs): it runs the
 * given spec files with vitest's Node API on the `katas` project and sends every event to the grader over
 * Node's IPC channel, as it happens, so that the grader knows how far the run got if it has to stop it.
 * Nothing is printed: whatever the learner's code writes to the console goes nowhere.
 *
 *   node scripts/lib/grade-runner.mjs run     FILE…   results of the learner's code
 *   node scripts/lib/grade-runner.mjs collect FILE…   only how many specs each file holds
 */
import { relative, sep } from 'node:path';
import { createVitest } from 'vitest/node';
import { repoRoot } from './paths.mjs';

const [mode = 'run', ...files] = process.argv.slice(2);

/** @param {object} message */
const send = (message) =>
  new Promise((resolve) => (process.send ? process.send(message, () => resolve(undefined)) : resolve(undefined)));

/** @param {string} id */
const rel = (id) => relative(repoRoot, id).split(sep).join('/');

/** @param {any} error */
const brief = (error) => ({
  name: String(error?.name ?? 'Error'),
  message: String(error?.message ?? error).slice(0, 2000),
});

/** @param {any} testCase */
function names(testCase) {
  /** @type {string[]} */
  const suites = [];
  for (let p = testCase.parent; p && p.type === 'suite'; p = p.parent) suites.unshift(p.name);
  return { describe: suites[0] ?? '', name: testCase.name, fullName: [...suites, testCase.name].join(' > ') };
}

const reporter = {
  /** @param {any} testModule */
  onTestModuleCollected(testModule) {
    const tests = [...testModule.children.allTests()].map((t) => ({ id: t.id, ...names(t) }));
    return send({ type: 'collected', file: rel(testModule.moduleId), tests });
  },
  /** @param {any} testCase */
  onTestCaseResult(testCase) {
    const result = testCase.result();
    return send({
      type: 'result',
      file: rel(testCase.module.moduleId),
      id: testCase.id,
      ...names(testCase),
      state: result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped',
      errors: (result.errors ?? []).slice(0, 1).map(brief),
    });
  },
  /** @param {any} testModule */
  onTestModuleStart(testModule) {
    return send({ type: 'module-start', file: rel(testModule.moduleId) });
  },
  /** @param {any} testModule */
  onTestModuleEnd(testModule) {
    return send({
      type: 'module-end',
      file: rel(testModule.moduleId),
      errors: testModule.errors().slice(0, 1).map(brief),
    });
  },
};

const vitest = await createVitest(
  'test',
  { root: repoRoot, project: ['katas'], watch: false, reporters: mode === 'run' ? [reporter] : [] },
  { logLevel: 'silent' },
);
if (mode === 'collect') {
  const { testModules } = await vitest.collect(files);
  for (const m of testModules) {
    await send({
      type: 'collected',
      file: rel(m.moduleId),
      tests: [...m.children.allTests()].map((t) => ({ id: t.id, ...names(t) })),
    });
  }
} else {
  await vitest.start(files);
}
await vitest.close();
await send({ type: 'end' });
process.exit(0);
