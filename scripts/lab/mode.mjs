// @ts-check
/**
 * What a lab mode is, and where the lab finds them: every file in scripts/lab/modes/ is one mode (its default
 * export), so a new kata's lab needs no list to join. `npm run lab -- <mode>` loads the modes, reads the
 * arguments against them (args.mjs), loads the katas the mode asks for and calls its `run`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @typedef {'string' | 'number' | 'boolean'} OptionType */
/**
 * @typedef {object} OptionSpec
 * @property {OptionType} type
 * @property {string} [short]                 a one-letter alias: `-s`
 * @property {readonly string[]} [choices]    the values a string option accepts
 * @property {string} [value]                 the value's name in the usage text: `COL`
 * @property {string} [help]                  one line for the usage text
 */
/**
 * @typedef {object} LabArgs
 * @property {string} mode
 * @property {number | undefined} pid        the process to read, for modes that take one
 * @property {'katas' | 'solutions'} tree    whose code runs: the learner's (default) or the reference
 * @property {string | undefined} procDir    read this folder instead of /proc
 * @property {Record<string, string | number | boolean>} options  the mode's own options, as given
 */
/**
 * @typedef {object} ModeContext
 * @property {LabArgs} args
 * @property {string} procDir     absolute
 * @property {boolean} live       procDir is this system's /proc
 * @property {Map<number, Record<string, any>>} katas  loaded kata modules by number
 * @property {import('./kata-errors.mjs').StubIndex} stubs
 */
/**
 * @typedef {object} ModeResult
 * @property {string[]} heading
 * @property {string[]} [body]    printed before the checks (a table, a picture)
 * @property {import('./checks.mjs').Check[]} checks
 * @property {string} [tableOnly] print just this text, nothing else (smem --table-only)
 */
/**
 * @typedef {object} LabMode
 * @property {string} name
 * @property {string} summary                     one line for the usage text
 * @property {readonly number[]} katas            the katas it runs, by number (ctx.katas)
 * @property {boolean} [takesPid]                 accepts a [pid] after the mode
 * @property {boolean} [needsProc]                reads /proc (default true); false: it only simulates
 * @property {string} [snapshot]                  a bundled /proc snapshot this mode can read instead of a live /proc
 *                                                (default spec/fixtures/lab/proc): offered where there is no /proc
 * @property {Record<string, OptionSpec | OptionType>} [options]  its own --flags
 * @property {string} [v8Flags]                   V8 flags set before it runs (`--no-opt`: smem's memory budget)
 * @property {(ctx: ModeContext) => Promise<ModeResult>} run
 */

const MODES_DIR = fileURLToPath(new URL('./modes/', import.meta.url));

/** @type {Promise<LabMode[]> | undefined} */
let loaded;

/**
 * Every mode in scripts/lab/modes/, in the order of the first kata each runs (then by name).
 * @returns {Promise<LabMode[]>}
 */
export function loadModes() {
  loaded ??= (async () => {
    const files = readdirSync(MODES_DIR).filter((f) => f.endsWith('.mjs'));
    /** @type {LabMode[]} */
    const modes = [];
    for (const file of files) {
      const mode = (await import(pathToFileURL(MODES_DIR + file).href)).default;
      if (!mode || typeof mode.name !== 'string' || typeof mode.run !== 'function' || !Array.isArray(mode.katas)) {
        throw new Error(`scripts/lab/modes/${file} does not export a lab mode (name, summary, katas, run)`);
      }
      modes.push(mode);
    }
    const first = (/** @type {LabMode} */ m) => Math.min(...m.katas, 99);
    return modes.sort((a, b) => first(a) - first(b) || (a.name < b.name ? -1 : 1));
  })();
  return loaded;
}

/**
 * One mode by name, without loading the others (each mode's modules cost memory, and the smem lab is
 * measured against smem's): undefined when there is no such file.
 * @param {string} name
 * @returns {Promise<LabMode | undefined>}
 */
export async function loadMode(name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !readdirSync(MODES_DIR).includes(`${name}.mjs`)) return undefined;
  return (await import(pathToFileURL(`${MODES_DIR}${name}.mjs`).href)).default;
}

/**
 * An option's spec, from the shorthand `'number'` or the full object.
 * @param {OptionSpec | OptionType} spec
 * @returns {OptionSpec}
 */
export function optionSpec(spec) {
  return typeof spec === 'string' ? { type: spec } : spec;
}

/** "your code (katas/)" or "the reference solution (solutions/)". @param {ModeContext} ctx */
export function whose(ctx) {
  return ctx.args.tree === 'solutions' ? 'the reference solution (solutions/)' : 'your code (katas/)';
}

/** "this machine's /proc" or the snapshot folder. @param {ModeContext} ctx */
export function source(ctx) {
  return ctx.live ? "this machine's /proc" : `the snapshot in ${ctx.args.procDir}`;
}
