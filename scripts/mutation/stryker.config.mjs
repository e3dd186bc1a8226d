// @ts-check
/**
 * StrykerJS's config for one kata, as `npm run mutation -- N` runs it (from the repository root):
 *
 *   MEMKATA_MUTATION_SLUG=01-pages-and-units FC_SEED=42 \
 *     node scripts/mutation/node_modules/@stryker-mutator/core/bin/stryker.js run scripts/mutation/stryker.config.mjs
 *
 * The options themselves are built (and tested) in ./options.mjs; the environment only says which kata.
 */
import { strykerOptions } from './options.mjs';

const env = process.env;
const slug = env.MEMKATA_MUTATION_SLUG;
if (!slug) throw new Error('MEMKATA_MUTATION_SLUG must name the kata to mutate (npm run mutation -- N sets it)');

export default strykerOptions({
  slug,
  files: env.MEMKATA_MUTATION_FILES ? env.MEMKATA_MUTATION_FILES.split(',') : undefined,
  concurrency: env.MEMKATA_MUTATION_CONCURRENCY ? Number(env.MEMKATA_MUTATION_CONCURRENCY) : undefined,
  incremental: env.MEMKATA_MUTATION_INCREMENTAL === '1',
  skipStatic: env.MEMKATA_MUTATION_SKIP_STATIC === '1',
  verbose: env.MEMKATA_MUTATION_VERBOSE === '1',
  tempDirName: env.MEMKATA_MUTATION_TEMP_DIR,
});
