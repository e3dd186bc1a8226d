// @ts-check
/**
 * free mode: the learner's `formatFree(computeFree(parseMeminfo(meminfo)), options)` against what procps
 * `free` printed from the same /proc/meminfo. Pure: texts and the kata module in, Checks out.
 */
import { fail, note, pass } from './checks.mjs';
import { diffLines } from './diff-lines.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * The part of kata 02 the lab calls (the curriculum's contract, narrowed to what is used here).
 * @typedef {object} FreeKata
 * @property {(text: string) => Record<string, number>} parseMeminfo
 * @property {(meminfo: Record<string, number>, options?: { procps?: ProcpsRules }) => object} computeFree
 * @property {(report: any, options?: { unit?: 'k', wide?: boolean, human?: boolean }) => string} formatFree
 */

/** @typedef {import('./free-versions.mjs').ProcpsRules} ProcpsRules */

/** A free report with every run of blanks made one space: what is left to compare across layouts. */
export function freeNumbers(/** @type {string} */ text) {
  return text.replace(/[ \t]+/g, ' ').replace(/^ | $/gm, '');
}

/**
 * @typedef {object} FreeVariant
 * @property {string} title                    what the user would type
 * @property {string[]} args                   the real free's arguments
 * @property {{ unit?: 'k', wide?: boolean, human?: boolean }} options   the same report through formatFree
 * @property {string} capture                  the file holding free's output in an offline capture folder
 * @property {string} call                     the learner's call, as a sentence can quote it
 */

/** @type {readonly FreeVariant[]} */
export const FREE_VARIANTS = [
  { title: 'free -k', args: ['-k'], options: { unit: 'k' }, capture: 'free-k.txt', call: callWith("{ unit: 'k' }") },
  { title: 'free -w', args: ['-w'], options: { wide: true }, capture: 'free-w.txt', call: callWith('{ wide: true }') },
  {
    title: 'free -h',
    args: ['-h'],
    options: { human: true },
    capture: 'free-h.txt',
    call: callWith('{ human: true }'),
  },
];

function callWith(/** @type {string} */ options) {
  return `formatFree(computeFree(parseMeminfo(meminfo)), ${options})`;
}

/** The /proc/meminfo fields procps-ng 4.0.2 `free` reads for these reports (free.c main, meminfo.c). */
export const FREE_FIELDS = /** @type {const} */ ([
  'MemTotal',
  'MemFree',
  'MemAvailable',
  'Buffers',
  'Cached',
  'SReclaimable',
  'Shmem',
  'SwapTotal',
  'SwapFree',
]);

/**
 * The lab's own reading of meminfo (not the learner's: it must be right even when theirs is not).
 * @param {string} text
 * @returns {Record<string, string>} field → the digits as printed
 */
export function meminfoValues(text) {
  return Object.fromEntries([...text.matchAll(/^([^:\s]+):\s+(\d+)/gm)].map((m) => [m[1], m[2]]));
}

/** The fields free reads whose value changed between two reads, as "MemFree 23979940 → 23979688". */
export function freeFieldChanges(/** @type {string} */ before, /** @type {string} */ after) {
  const a = meminfoValues(before);
  const b = meminfoValues(after);
  return FREE_FIELDS.filter((f) => a[f] !== b[f]).map((f) => `${f} ${a[f] ?? '(none)'} → ${b[f] ?? '(none)'}`);
}

/**
 * /proc/meminfo read just before and just after the real free ran, and what free printed.
 * @typedef {object} FreeSample
 * @property {string} before
 * @property {string} output
 * @property {string} after
 * @property {number} attempts   how many tries it took to get a pair that agrees (or the last try)
 */

/**
 * @param {FreeKata} kata
 * @param {FreeVariant} variant
 * @param {string} meminfo
 * @param {ProcpsRules} procps
 */
function ours(kata, variant, meminfo, procps) {
  const report =
    procps === '4'
      ? kata.computeFree(kata.parseMeminfo(meminfo))
      : kata.computeFree(kata.parseMeminfo(meminfo), { procps });
  return kata.formatFree(report, variant.options);
}

/** The call, as the learner wrote it, with the rules it was given. */
function callOf(/** @type {FreeVariant} */ variant, /** @type {ProcpsRules} */ procps) {
  return procps === '4'
    ? variant.call
    : variant.call.replace('parseMeminfo(meminfo))', `parseMeminfo(meminfo), { procps: '${procps}' })`);
}

/**
 * @param {FreeKata} kata
 * @param {FreeVariant} variant
 * @param {FreeSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @param {{ procps: ProcpsRules, layout: 'exact' | 'numbers' }} [rules]  the installed free's (4.x by default)
 * @returns {import('./checks.mjs').Check}
 */
export function compareFree(kata, variant, sample, stubs, { procps, layout } = { procps: '4', layout: 'exact' }) {
  const call = callOf(variant, procps);
  const same = (/** @type {string} */ a, /** @type {string} */ b) =>
    layout === 'exact' ? a === b : freeNumbers(a) === freeNumbers(b);
  const first = attempt(() => ours(kata, variant, sample.before, procps), variant.title, {
    call,
    kata: 2,
    input: { name: '/proc/meminfo', text: sample.before },
    stubs,
  });
  if (!first.ok) return first.check;
  const lines = sample.output.split('\n').filter(Boolean).length;
  const matched =
    layout === 'exact' ? `all ${lines} lines match` : `all ${lines} lines hold the same words and numbers`;
  if (same(first.value, sample.output)) return pass(variant.title, [matched]);

  // free read meminfo at an instant between our two reads: if they differ, either may be the one it saw.
  const changes = freeFieldChanges(sample.before, sample.after);
  if (changes.length > 0) {
    const second = attempt(() => ours(kata, variant, sample.after, procps), variant.title, { call, kata: 2, stubs });
    if (second.ok && same(second.value, sample.output)) return pass(variant.title, [matched]);
  }

  const values = meminfoValues(sample.before);
  return fail(
    variant.title,
    2,
    [
      `Your ${call} printed something else than ${variant.title} did.`,
      `meminfo: ${FREE_FIELDS.map((f) => `${f} ${values[f] ?? '(none)'}`).join(', ')}`,
      ...(changes.length > 0
        ? [
            `meminfo kept changing while free ran (${changes.join(', ')}), in all ${sample.attempts} tries:`,
            'a difference in free or used may be drift. Run the lab again, or compare offline with --proc.',
          ]
        : []),
      ...(layout === 'numbers' ? ['(Compared number by number: the lines below have their blanks squeezed.)'] : []),
      'Next: npm run kata 2 (the specs name the rule that differs).',
    ],
    {
      diff:
        layout === 'exact'
          ? diffLines(sample.output, first.value)
          : diffLines(freeNumbers(sample.output), freeNumbers(first.value)),
      expectedName: variant.title,
    },
  );
}

/**
 * When the real free is missing: the learner's report alone, to look at.
 * @param {FreeKata} kata
 * @param {FreeVariant} variant
 * @param {string} meminfo
 * @param {string | undefined} why  why there is nothing to compare with (when the heading does not say it)
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {import('./checks.mjs').Check}
 */
export function showFree(kata, variant, meminfo, why, stubs) {
  const result = attempt(() => ours(kata, variant, meminfo, '4'), variant.title, {
    call: variant.call,
    kata: 2,
    input: { name: '/proc/meminfo', text: meminfo },
    stubs,
  });
  if (!result.ok) return result.check;
  return note(`${variant.title} (yours only)`, [...(why ? [why] : []), ...result.value.replace(/\n$/, '').split('\n')]);
}
