#!/usr/bin/env node
// @ts-check
/**
 * npm run practice -- <exercise> [--seed N] [--answers] — homework in the style of OSTEP's simulators: a
 * generated problem (a zone and an allocation sequence, a page table and addresses …) to work out by hand,
 * then `--answers` to check it, computed by the reference solutions. The same seed gives the same exercise
 * on every machine, so a class can share one. Every file in scripts/practice/ is one exercise (its default
 * export: `{ name, summary, katas, options, run }`, a PracticeExercise of scripts/lib/practice.mjs).
 */
import { parseArgs, UsageError } from './lab/args.mjs';
import { run } from './lib/cli.mjs';
import { findKata } from './lib/manifest.mjs';
import { loadExercises, usage } from './lib/practice.mjs';
import { openReference } from './lib/reference.mjs';

/** A seed a person can read out to a room: 1 … 99999. */
function freshSeed() {
  return 1 + Math.floor(Math.random() * 99999);
}

run(async () => {
  const exercises = await loadExercises();
  // The lab's argument reader, with the two options every exercise has.
  const modes = exercises.map((e) => ({
    name: e.name,
    summary: e.summary,
    katas: e.katas,
    needsProc: false,
    options: { seed: /** @type {const} */ ('number'), answers: /** @type {const} */ ('boolean'), ...e.options },
    run: async () => ({ heading: [], checks: [] }),
  }));
  /** @type {ReturnType<typeof parseArgs>} */
  let args;
  try {
    if (exercises.length === 0) throw new UsageError('there are no exercises yet (scripts/practice/ is empty)');
    args = parseArgs(process.argv.slice(2), modes);
    if (args !== 'help' && (args.procDir !== undefined || args.pid !== undefined || args.tree === 'solutions'))
      throw new UsageError('practice takes only --seed, --answers and the exercise’s own options');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`practice: ${error.message}\n\n${usage(exercises)}`);
    return 2;
  }
  if (args === 'help') {
    console.log(usage(exercises));
    return 0;
  }
  const exercise = /** @type {import('./lib/practice.mjs').PracticeExercise} */ (
    exercises.find((e) => e.name === args.mode)
  );
  const { seed = freshSeed(), answers = false, ...options } = args.options;
  // The references make and answer the exercise: solutions/ in memkata, the encoded bundle (loaded in memory,
  // never shown) in a classroom export. Answers are numbers, not code: --answers works before the katas are done.
  const reference = await openReference();
  /** @type {Map<number, Record<string, any>>} */
  const katas = new Map();
  for (const number of exercise.katas) {
    const slug = findKata(number)?.slug;
    if (!slug) throw new Error(`practice ${exercise.name} asks for kata ${number}, which katas.json does not list`);
    katas.set(number, await reference.load(slug));
  }
  const text = await exercise.run({ seed: Number(seed), answers: Boolean(answers), options, katas });
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
});
