import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { importGuard } from './scripts/lib/import-guard.mjs';
import { loopGuard } from './scripts/lib/loop-guard.mjs';

const repoRoot = fileURLToPath(new URL('./', import.meta.url));
const katasRoot = fileURLToPath(new URL('./katas/', import.meta.url));
const kataSpecs = 'spec/[0-9][0-9]-*/**/*.spec.ts';
const solutionsConditions = ['solutions', ...defaultServerConditions];

// Two projects run the same specs: `katas` against the learner's tree, `solutions` against the reference.
// Specs import `#kata/NN-slug`; package.json maps it to katas/ by default and to solutions/ under the
// `solutions` condition. The condition must go in ssr.resolve.conditions: a top-level resolve.conditions
// is ignored for the test environment and would silently run the katas.
export default defineConfig({
  test: {
    // Worker threads start faster than child processes (measured in docs/performance.md).
    pool: 'threads',
    // vitest leaves a core to its main thread (cpus − 1 workers): on the 2-core machines memkata is measured on
    // that is one worker, and the main thread mostly waits. Every core runs spec files (docs/performance.md).
    maxWorkers: availableParallelism(),
    setupFiles: ['spec/support/setup.ts'],
    projects: [
      {
        extends: true,
        // The learner's code: endless loops stop (loop-guard), imports of the specs, the reference or the test
        // framework are refused (import-guard), and spec/support/grading-guard.ts keeps assertions honest.
        plugins: [loopGuard({ root: katasRoot }), importGuard({ root: repoRoot })],
        test: { name: 'katas', include: [kataSpecs], setupFiles: ['spec/support/grading-guard.ts'] },
      },
      {
        extends: true,
        ssr: { resolve: { conditions: solutionsConditions } },
        test: { name: 'solutions', include: [kataSpecs] },
      },
      // The project's own tools (runner, grading, lab): tested on the reference tree, not graded.
      {
        extends: true,
        ssr: { resolve: { conditions: solutionsConditions } },
        test: { name: 'tools', include: ['spec/tools/**/*.spec.ts'] },
      },
    ],
  },
});
