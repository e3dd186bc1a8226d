// @ts-check
/**
 * Which procps free is installed, and how the lab can compare with it. Kata 2 reproduces procps-ng 4.0.2;
 * older frees differ in the `used` rule, the layout and -h (reference §1.3, §1.4). Pure.
 */

/**
 * Whose `used` rule: procps-ng 4.0.1 and later ('4'), or 3.3.12 … 4.0.0 ('3.3'), as computeFree takes it.
 * @typedef {'4' | '3.3'} ProcpsRules
 */

/**
 * What the installed free can be compared with (reference §1.3, §1.4; procps-ng free.c of each version).
 * @typedef {object} FreeRules
 * @property {ProcpsRules | undefined} procps   the `used` rule to give computeFree; undefined: not comparable
 * @property {'exact' | 'numbers'} layout       4.x: byte for byte. 3.3.x prints a 14-space header and its
 *   rows as "%-7s" + " %11s", one column narrower than 4.x's 9-column label: compare the numbers only
 * @property {boolean} human                    -h follows 4.x rules (3.3.x truncates to MiB first)
 * @property {string | undefined} caveat        what the learner should know, in plain words
 */

/**
 * From `free --version` ("free from procps-ng 4.0.2"); "" or undefined when it did not answer.
 * @param {string | undefined} version
 * @returns {FreeRules}
 */
export function freeRulesOf(version) {
  const m = /procps(?:-ng)? (?:version )?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) {
    return {
      procps: undefined,
      layout: 'exact',
      human: false,
      caveat: `This free is not procps-ng (${version || 'it has no --version'}): kata 2 reproduces procps-ng 4.0.2, so there is nothing to compare with.`,
    };
  }
  const release = `${m[1]}.${m[2]}.${m[3]}`;
  const at = Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
  if (at >= 40001) return { procps: '4', layout: 'exact', human: true, caveat: undefined };
  if (at === 40000) {
    return {
      procps: '3.3',
      layout: 'exact',
      human: true,
      caveat: "procps-ng 4.0.0 still has the old `used` rule: compared with computeFree(meminfo, { procps: '3.3' }).",
    };
  }
  if (at >= 30312) {
    return {
      procps: '3.3',
      layout: 'numbers',
      human: false,
      caveat: [
        `procps-ng ${release} has the old \`used\` rule (compared with computeFree(meminfo, { procps: '3.3' })),`,
        'lays its columns out one character narrower than 4.x (so only the numbers are compared), and has an',
        'older -h that truncates to MiB first (so -h differences are shown, not counted).',
      ].join('\n'),
    };
  }
  return {
    procps: undefined,
    layout: 'exact',
    human: false,
    caveat: `procps ${release} is older than 3.3.12: its cache column follows other rules, so there is nothing to compare with.`,
  };
}
