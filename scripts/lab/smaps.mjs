// @ts-check
/**
 * smaps mode: the learner's kata 03 on one process's /proc/PID/smaps and smaps_rollup, read back to back.
 * The kernel's own rules are the expected side (reference §2.5):
 *   - formatSmaps(parseSmaps(smaps)) is the file again, byte for byte;
 *   - parseSmapsRollup reads what the kernel printed;
 *   - Σ over the mappings of each page-granular field equals the rollup exactly;
 *   - Σ of Pss, Pss_Dirty, SwapPss, Locked is short of the rollup by less than the number of VMAs, because
 *     show_smap() truncates each VMA's PSS to whole kB and show_smaps_rollup() truncates only the total.
 * Pure.
 */
import { fail, note, pass } from './checks.mjs';
import { diffLines } from './diff-lines.mjs';
import { attempt } from './kata-errors.mjs';
import { mappingRanges, realVmas, sumKbLines } from './raw-proc.mjs';

/**
 * The part of kata 03 the lab calls.
 * @typedef {{ start: bigint, end: bigint, pathname: string, fields: Record<string, number> }} Mapping
 * @typedef {object} SmapsKata
 * @property {(text: string) => Mapping[]} parseSmaps
 * @property {(text: string) => { start: bigint, end: bigint, fields: Record<string, number> }} parseSmapsRollup
 * @property {(mappings: any[]) => Record<string, number>} sumFields
 * @property {(mappings: any[]) => string} formatSmaps
 */

/** Fields counted in whole pages: their sum over the VMAs is the rollup, exactly. */
export const EXACT_FIELDS = [
  'Rss',
  'Shared_Clean',
  'Shared_Dirty',
  'Private_Clean',
  'Private_Dirty',
  'Referenced',
  'Anonymous',
  'KSM',
  'LazyFree',
  'AnonHugePages',
  'ShmemPmdMapped',
  'FilePmdMapped',
  'Shared_Hugetlb',
  'Private_Hugetlb',
  'Swap',
];
/** Fields the kernel accumulates in fractions of a page and truncates once per VMA (PSS_SHIFT). */
export const TRUNCATED_FIELDS = ['Pss', 'Pss_Dirty', 'SwapPss', 'Locked'];

/**
 * One process's files, read back to back.
 * @typedef {object} SmapsSample
 * @property {string} label      "PID 1234 (sleep 300)"
 * @property {string} smaps
 * @property {string} rollup
 * @property {boolean} stable    smaps_rollup read the same before and after smaps (a quiescent process)
 * @property {number} attempts
 */

/**
 * @param {SmapsKata} kata
 * @param {SmapsSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {import('./checks.mjs').Check[]}
 */
export function checkSmaps(kata, sample, stubs) {
  const smapsInput = { name: 'smaps', text: sample.smaps };
  const rollupInput = { name: 'smaps_rollup', text: sample.rollup };
  /** @type {import('./checks.mjs').Check[]} */
  const checks = [];

  const parsed = attempt(() => kata.parseSmaps(sample.smaps), 'parseSmaps', {
    call: 'parseSmaps(smaps)',
    kata: 3,
    input: smapsInput,
    stubs,
  });
  if (!parsed.ok) return [parsed.check];
  const mappings = parsed.value;

  checks.push(roundTrip(kata, mappings, sample.smaps, stubs));

  const rollup = attempt(() => kata.parseSmapsRollup(sample.rollup), 'parseSmapsRollup', {
    call: 'parseSmapsRollup(smaps_rollup)',
    kata: 3,
    input: rollupInput,
    stubs,
  });
  if (!rollup.ok) return [...checks, rollup.check];
  checks.push(readsRollup(rollup.value, sample.rollup), rollupRange(rollup.value, sample.smaps));

  const sums = attempt(() => kata.sumFields(mappings), 'sumFields', {
    call: 'sumFields(parseSmaps(smaps))',
    kata: 3,
    stubs,
  });
  if (!sums.ok) return [...checks, sums.check];
  checks.push(...sumsAgainstRollup(sums.value, sample));
  return checks;
}

/**
 * @param {SmapsKata} kata
 * @param {Mapping[]} mappings
 * @param {string} smaps
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function roundTrip(kata, mappings, smaps, stubs) {
  const title = 'formatSmaps(parseSmaps(smaps)) is smaps again';
  const text = attempt(() => kata.formatSmaps(mappings), title, {
    call: 'formatSmaps(parseSmaps(smaps))',
    kata: 3,
    stubs,
  });
  if (!text.ok) return text.check;
  const diff = diffLines(smaps, text.value);
  if (diff.same) return pass(title, [`${diff.expectedLines} lines, ${mappings.length} mappings, byte for byte`]);
  return fail(
    title,
    3,
    [
      `Your formatSmaps(parseSmaps(smaps)) printed ${diff.rows.length} of ${diff.expectedLines} lines differently from the kernel.`,
      'The pathname starts at column 74 (index 73); a mapping without a name ends in "0 " and VmFlags in a space.',
      'Next: npm run kata 3',
    ],
    { diff, expectedName: 'the kernel' },
  );
}

/**
 * @param {{ start: bigint, end: bigint, fields: Record<string, number> }} parsed  the learner's reading
 * @param {string} rollupText
 */
function readsRollup(parsed, rollupText) {
  const title = 'parseSmapsRollup reads every line';
  const kernel = sumKbLines(rollupText);
  const [range] = mappingRanges(rollupText);
  const wrong = Object.entries(kernel)
    .filter(([field, kb]) => parsed.fields?.[field] !== kb)
    .map(([field, kb]) => `${field}: the file says ${kb} kB, yours ${parsed.fields?.[field] ?? 'has no such field'}`);
  if (range && (parsed.start !== range.start || parsed.end !== range.end)) {
    wrong.unshift(
      `the range: the file says ${hex(range.start)}-${hex(range.end)}, yours ${show(parsed.start)}-${show(parsed.end)}`,
    );
  }
  if (wrong.length === 0) return pass(title, [`${Object.keys(kernel).length} fields and the range`]);
  return fail(title, 3, [...wrong, 'Next: npm run kata 3']);
}

/**
 * show_smaps_rollup() prints the first VMA's start and the last VMA's end ([vsyscall] is not a VMA).
 * @param {{ start: bigint, end: bigint }} parsed
 * @param {string} smapsText
 */
function rollupRange(parsed, smapsText) {
  const title = 'smaps_rollup spans the first to the last VMA';
  const vmas = realVmas(smapsText);
  const first = vmas[0];
  const last = vmas.at(-1);
  if (!first || !last) return note(title, ['smaps lists no mappings: a kernel thread has none']);
  if (parsed.start === first.start && parsed.end === last.end) {
    return pass(title, [`${hex(first.start)}-${hex(last.end)}, [vsyscall] left out`]);
  }
  return fail(title, 3, [
    `smaps runs from ${hex(first.start)} to ${hex(last.end)} (without [vsyscall]); your parseSmapsRollup gave ${show(parsed.start)}-${show(parsed.end)}.`,
    'Next: npm run kata 3',
  ]);
}

/**
 * @param {Record<string, number>} sums  the learner's Σ over the mappings
 * @param {SmapsSample} sample
 * @returns {import('./checks.mjs').Check[]}
 */
export function sumsAgainstRollup(sums, sample) {
  const kernel = sumKbLines(sample.rollup);
  const vmas = realVmas(sample.smaps).length;
  const drift = sample.stable
    ? []
    : [
        `${sample.label} kept changing: smaps_rollup read differently before and after smaps in all ${sample.attempts} tries,`,
        'so the two files may describe different moments. Try a quiet process (npm run lab -- smaps with no pid).',
      ];

  const exactTitle = 'Σ smaps = smaps_rollup (page-granular fields)';
  const exact = EXACT_FIELDS.filter((f) => f in kernel);
  const wrongExact = exact.filter((f) => sums[f] !== kernel[f]);
  /** @type {import('./checks.mjs').Check[]} */
  const checks = [];
  if (wrongExact.length === 0) {
    checks.push(pass(exactTitle, [`${exact.length} fields over ${vmas} VMAs, exactly (Rss ${kernel.Rss} kB)`]));
  } else {
    const lines = [
      'Σ over the mappings (your sumFields) │ smaps_rollup (the kernel)',
      ...wrongExact.map((f) => `  ${f}: ${sums[f] ?? '(missing)'} kB │ ${kernel[f]} kB`),
      ...drift,
      ...(sample.stable
        ? ['These fields are whole pages: their sum must equal the rollup exactly.', 'Next: npm run kata 3']
        : []),
    ];
    checks.push(sample.stable ? fail(exactTitle, 3, lines) : note(exactTitle, lines));
  }

  const truncTitle = `Σ smaps ≤ smaps_rollup by less than ${vmas} kB (${TRUNCATED_FIELDS.join(', ')})`;
  const truncated = TRUNCATED_FIELDS.filter((f) => f in kernel);
  const shortBy = truncated.map((f) => ({ field: f, gap: (kernel[f] ?? 0) - (sums[f] ?? Number.NaN) }));
  const wrongTrunc = shortBy.filter(({ gap }) => !(gap >= 0 && gap < Math.max(vmas, 1)));
  if (wrongTrunc.length === 0) {
    checks.push(
      pass(truncTitle, [
        `short by ${shortBy.map(({ field, gap }) => `${field} ${gap}`).join(', ')} kB: each VMA's PSS is truncated to whole kB`,
      ]),
    );
  } else {
    const lines = [
      ...wrongTrunc.map(
        ({ field }) =>
          `  ${field}: Σ ${sums[field] ?? '(missing)'} kB, rollup ${kernel[field]} kB: the rollup should be 0 to ${vmas - 1} kB more`,
      ),
      ...drift,
      ...(sample.stable ? ['Next: npm run kata 3'] : []),
    ];
    checks.push(sample.stable ? fail(truncTitle, 3, lines) : note(truncTitle, lines));
  }
  return checks;
}

/** @param {bigint} n */
function hex(n) {
  return n.toString(16).padStart(8, '0');
}

/** The learner's value, whatever type it came back as. @param {unknown} v */
function show(v) {
  return typeof v === 'bigint' ? hex(v) : JSON.stringify(v);
}
