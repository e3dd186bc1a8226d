// @ts-check
/** npm run check — the dev check (see scripts/lib/dev-check.mjs). Exit 1 when it finds a problem. */

import { renderCheck, runDevCheck } from './lib/check-run.mjs';
import { run } from './lib/cli.mjs';

run(async () => {
  const check = await runDevCheck();
  console.log(renderCheck(check));
  return check.problems.length === 0 ? 0 : 1;
});
