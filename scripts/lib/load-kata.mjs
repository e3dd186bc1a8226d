// @ts-check
/**
 * Loads a kata's TypeScript module from the learner's tree or the reference tree, inside a plain `node`
 * process (no tsx): Vite transforms the files, the `solutions` condition picks the tree, exactly as the
 * vitest projects do. Used by the live lab and the benchmarks.
 */
import { createServer, defaultServerConditions } from 'vite';
import { repoRoot } from './paths.mjs';

/** @typedef {'katas' | 'solutions'} Tree */

/**
 * @param {Tree} tree
 * @returns {Promise<{ load: (specifier: string) => Promise<Record<string, any>>, close: () => Promise<void> }>}
 */
export async function openTree(tree) {
  const server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
    ssr: {
      resolve: {
        conditions: tree === 'solutions' ? ['solutions', ...defaultServerConditions] : [...defaultServerConditions],
      },
    },
  });
  return {
    // specifier: '#kata/02-free' or a path relative to the repository root
    load: (specifier) => server.ssrLoadModule(specifier.startsWith('#') ? specifier : `/${specifier}`),
    close: () => server.close(),
  };
}
