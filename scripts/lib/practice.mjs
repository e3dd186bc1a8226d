// @ts-check
/**
 * The practice exercises (`npm run practice`): every file in scripts/practice/ is one, its default export a
 * PracticeExercise. Loading them and the usage text live here, so specs can load an exercise without
 * running the command.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { optionSpec } from '../lab/mode.mjs';
import { repoRoot } from './paths.mjs';

/**
 * @typedef {object} PracticeContext
 * @property {number} seed       the exercise's seed (printed, so it can be shared)
 * @property {boolean} answers   print the answers too
 * @property {Record<string, string | number | boolean>} options  the exercise's own options
 * @property {Map<number, Record<string, any>>} katas  the reference modules of the katas it asked for
 */
/**
 * @typedef {object} PracticeExercise
 * @property {string} name
 * @property {string} summary
 * @property {readonly number[]} katas   the katas whose reference makes and answers the exercise
 * @property {Record<string, import('../lab/mode.mjs').OptionSpec | import('../lab/mode.mjs').OptionType>} [options]
 * @property {(ctx: PracticeContext) => string | Promise<string>} run   the whole text to print
 */

const DIR = join(repoRoot, 'scripts', 'practice');

/** @returns {Promise<PracticeExercise[]>} */
export async function loadExercises() {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.mjs'));
  /** @type {PracticeExercise[]} */
  const exercises = [];
  for (const file of files) exercises.push((await import(pathToFileURL(join(DIR, file)).href)).default);
  const first = (/** @type {PracticeExercise} */ e) => Math.min(...e.katas, 99);
  return exercises.sort((a, b) => first(a) - first(b) || (a.name < b.name ? -1 : 1));
}

/** @param {PracticeExercise[]} exercises */
export function usage(exercises) {
  const lines = [
    'usage: npm run practice -- <exercise> [--seed N] [--answers]',
    '',
    'Homework to work out by hand, OSTEP style; --answers checks it with the reference solutions.',
    'The same seed gives the same exercise everywhere: share it with your class.',
    '',
    'exercises:',
    ...exercises.map((e) => `  ${e.name.padEnd(12)}${e.summary} (kata ${e.katas.join(', ')})`),
  ];
  const own = exercises.flatMap((e) =>
    Object.entries(e.options ?? {}).map(([name, raw]) => {
      const spec = optionSpec(raw);
      return (
        `  --${name}${spec.type === 'boolean' ? '' : ` ${spec.value ?? spec.type.toUpperCase()}`}`.padEnd(18) +
        `${e.name}: ${spec.help ?? ''}`
      );
    }),
  );
  lines.push('', 'options:', '  --seed N        the exercise to make (default: a new one; it is printed)');
  lines.push('  --answers       print the answers too', ...own, '  -h, --help      this text');
  return lines.join('\n');
}
