// @ts-check
/**
 * npm run check [N …] — the dev check (see scripts/lib/dev-check.mjs), for every kata or the ones named.
 * Exit 1 when it finds a problem.
 */

import { renderCheck, runDevCheck } from './lib/check-run.mjs';
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';

const USAGE =
  'Usage: npm run check            the dev check of every kata\n       npm run check -- 6 7    of katas 6 and 7 only';

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const only = positional.length > 0 ? positional.map((word) => kataFromArg(word, USAGE)) : undefined;
  const check = await runDevCheck({ only, specs: !flags['no-specs'] });
  console.log(renderCheck(check));
  return check.problems.length === 0 ? 0 : 1;
});
