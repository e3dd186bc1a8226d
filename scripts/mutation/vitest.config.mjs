// @ts-check
/**
 * The vitest config StrykerJS runs (npm run mutation): the repository's own `solutions` project, taken from
 * vitest.config.ts so that the two never drift, with only one kata's spec files. Stryker loads it inside
 * its sandbox (.stryker-tmp/sandbox-…/, a copy of the repository), so `#kata/*` resolves, through the
 * sandbox's package.json, to the sandbox's mutated solutions/. scripts/mutation.mjs names the kata in
 * MEMKATA_MUTATION_SLUG.
 */
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

const slug = process.env.MEMKATA_MUTATION_SLUG;
if (!slug || !/^\d{2}-[a-z0-9-]+$/.test(slug)) {
  throw new Error('scripts/mutation/vitest.config.mjs: MEMKATA_MUTATION_SLUG must name a kata (run npm run mutation)');
}

/** @type {any} */
const test = base.test;
const solutions = (test?.projects ?? []).find((/** @type {any} */ p) => p?.test?.name === 'solutions');
if (!solutions) throw new Error('vitest.config.ts has no project named "solutions"');

// isolate: false — Stryker runs vitest with one worker; isolated, vitest starts a new worker thread for every
// spec file of every mutant's run, not isolated it runs them all in one. vitest still ends that worker after
// each run, so a mutant of a top-level constant is evaluated afresh every time. Measured on kata 1 (83
// mutants, 1 runner, load average 19): the same status for every mutant, 290 s instead of 481 s.
// (The learner's watch mode runs the specs with isolate: false too.)
export default defineConfig({
  test: {
    ...test,
    projects: [{ ...solutions, test: { ...solutions.test, include: [`spec/${slug}/**/*.spec.ts`], isolate: false } }],
  },
});
