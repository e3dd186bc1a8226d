import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { loopGuard } from './scripts/lib/loop-guard.mjs';

const katasRoot = fileURLToPath(new URL('./katas/', import.meta.url));

// Two projects run the same specs: `katas` against the learner's tree, `solutions` against the reference.
// Specs import `#kata/NN-slug`; package.json maps it to katas/ by default and to solutions/ under the
// `solutions` condition. The condition must go in ssr.resolve.conditions: a top-level resolve.conditions
// is ignored for the test environment and would silently run the katas.
export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts'],
    setupFiles: ['spec/support/setup.ts'],
    projects: [
      {
        extends: true,
        plugins: [loopGuard({ root: katasRoot })],
        test: { name: 'katas' },
      },
      {
        extends: true,
        ssr: { resolve: { conditions: ['solutions', ...defaultServerConditions] } },
        test: { name: 'solutions' },
      },
    ],
  },
});
