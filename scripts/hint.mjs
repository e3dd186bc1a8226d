// @ts-check
/**
 * npm run hint N [function] — the next hint for the function the learner is working on (the one whose spec
 * failed first at the last `npm run kata N`), or for the function named: a nudge, then the approach, then a
 * near-solution. Tiers are remembered per function in .memkata-state.json. `--tier T` shows a tier again.
 */
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';
import { hintsOf, titleOf, uiLanguage } from './lib/lang.mjs';
import { HINT_TIERS, kataFunctions } from './lib/manifest.mjs';
import { messagesFor } from './lib/messages.mjs';
import { runSpecs } from './lib/run-specs.mjs';
import { readState, updateKataState } from './lib/state.mjs';
import { style } from './lib/style.mjs';

const USAGE = `Usage: npm run hint N              the next hint for the function you are working on in kata N
       npm run hint N fn           the next hint for that function
       npm run hint -- N fn --tier 1   shows a tier again`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['tier']);
  const kata = kataFromArg(positional[0], USAGE);
  const functions = kataFunctions(kata);
  const lang = uiLanguage();
  const m = messagesFor(lang);
  const asked = typeof flags.tier === 'string' ? Number(flags.tier) : undefined;
  if (asked !== undefined && !(Number.isInteger(asked) && asked >= 1 && asked <= HINT_TIERS.length)) {
    console.error(m.tierRange(HINT_TIERS.length));
    return 2;
  }
  let fn = positional[1];
  if (fn !== undefined && !functions.includes(fn)) {
    console.error(m.noSuchFunction(kata.number, fn, functions));
    return 2;
  }
  fn ??= readState().katas[kata.number]?.current ?? (await firstFailing(kata, m));
  if (fn === undefined || !functions.includes(fn)) {
    console.log(style.green(m.noHintNeeded(kata.number)));
    console.log(style.dim(m.hintAnyway(kata.number, functions)));
    return 0;
  }
  const shown = readState().katas[kata.number]?.hints?.[fn] ?? 0;
  const tier = asked ?? Math.min(shown + 1, HINT_TIERS.length);
  const name = /** @type {import('./lib/manifest.mjs').HintTier} */ (HINT_TIERS[tier - 1]);
  const tiers = hintsOf(kata, fn, lang);
  console.log(
    style.bold(
      m.hintTitle(
        `${m.kataHeading(kata.number, titleOf(kata, lang))} · ${fn}`,
        tier,
        HINT_TIERS.length,
        m.tierNames[name],
      ),
    ),
  );
  console.log('');
  console.log((tiers?.[name] ?? []).join('\n'));
  console.log('');
  if (tier < HINT_TIERS.length) {
    const nextName = /** @type {import('./lib/manifest.mjs').HintTier} */ (HINT_TIERS[tier]);
    console.log(style.dim(m.stillStuck(kata.number, fn, tier + 1, m.tierNames[nextName])));
  } else {
    console.log(style.dim(m.lastHint(fn, `katas/${kata.slug}/${m.readme}`)));
  }
  const others = functions.filter((f) => f !== fn);
  if (others.length > 0) console.log(style.dim(m.otherFunctions(kata.number, others)));
  if (tier > shown) {
    updateKataState(kata.number, (entry) => ({ ...entry, hints: { ...entry.hints, [fn]: tier } }));
  }
});

/**
 * The function of the first failing spec, when no run was recorded yet: runs the kata's specs once.
 * @param {import('./lib/manifest.mjs').Kata} kata
 * @param {ReturnType<typeof messagesFor>} m
 */
async function firstFailing(kata, m) {
  console.log(style.dim(m.runningToSee(kata.number)));
  const { result } = await runSpecs({ projects: ['katas'], filters: [`spec/${kata.slug}/`] });
  return result?.specs.find((s) => s.state === 'failed')?.describe;
}
