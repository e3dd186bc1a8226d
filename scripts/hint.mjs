// @ts-check
/**
 * npm run hint N — shows the next tier of hints for kata N (nudge → approach → near-solution) and remembers
 * which tier was shown. `npm run hint -- N --tier 2` shows a given tier again.
 */
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';
import { HINT_TIERS } from './lib/manifest.mjs';
import { readState, updateKataState } from './lib/state.mjs';
import { style } from './lib/style.mjs';

const USAGE = 'Usage: npm run hint N   (the next hint for kata N; npm run hint -- N --tier 1 shows a tier again)';

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['tier']);
  const kata = kataFromArg(positional[0], USAGE);
  const shown = readState().katas[kata.number]?.hintsShown ?? 0;
  const asked = typeof flags.tier === 'string' ? Number(flags.tier) : undefined;
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1 && asked <= HINT_TIERS.length)) {
    console.error(`--tier takes 1 to ${HINT_TIERS.length}.`);
    return 2;
  }
  const tier = asked ?? Math.min(shown + 1, HINT_TIERS.length);
  const name = HINT_TIERS[tier - 1] ?? 'nudge';
  console.log(style.bold(`Kata ${kata.number} · ${kata.title} — hint ${tier} of ${HINT_TIERS.length} (${name})`));
  console.log('');
  console.log(kata.hints[name].join('\n'));
  console.log('');
  if (tier < HINT_TIERS.length) {
    console.log(style.dim(`Still stuck? npm run hint ${kata.number} shows hint ${tier + 1} (${HINT_TIERS[tier]}).`));
  } else {
    console.log(style.dim(`That was the last hint. The kata's README explains the idea: katas/${kata.slug}/README.md`));
  }
  if (tier > shown) updateKataState(kata.number, (entry) => ({ ...entry, hintsShown: tier }));
});
