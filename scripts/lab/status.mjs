// @ts-check
/**
 * status mode: the learner's kata 04 on one process's /proc/PID/status and statm (and kata 03's parseSmaps
 * for the swap invariant). The kernel's side (reference §3.2):
 *   - status's memory lines come from task_mem(): VmRSS = RssAnon + RssFile + RssShmem (one snapshot),
 *     VmHWM ≥ VmRSS, VmPeak ≥ VmSize, VmSwap ≤ Σ smaps Swap;
 *   - statm comes from task_statm(), in pages: size = VmSize, resident = VmRSS, shared = RssFile + RssShmem,
 *     text ≥ VmExe (VmExe is capped at exec_vm), data = VmData + VmStk, lib = dt = 0.
 * The lab works out which rules the files break (normally none) and expects the learner's checkers
 * (checkMemoryInvariants, and checkStatmAgainstStatus when the kata has it) to report as many.
 * Pure.
 */
import { fail, note, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';
import { STATM_FIELDS, statmPages, statusLines, statusMemoryKb, sumKbLines } from './raw-proc.mjs';

/**
 * The part of kata 04 (and 03) the lab calls.
 * @typedef {object} StatusKata
 * @property {(text: string) => { name: string, pid: number, state: { code: string }, memory?: any }} parseStatus
 * @property {(text: string) => Record<typeof STATM_FIELDS[number], number>} parseStatm
 * @property {(status: any, mappings?: any[]) => string[]} checkMemoryInvariants
 * @property {(statm: any, status: any) => string[]} [checkStatmAgainstStatus]  kata 04's reference has it
 * @typedef {{ parseSmaps: (text: string) => any[] }} SmapsParser
 */

/**
 * @typedef {object} StatusSample
 * @property {string} label
 * @property {string} status
 * @property {string} statm
 * @property {string | undefined} smaps   undefined: it could not be read (another user's process)
 * @property {boolean} stable   status's memory lines read the same before and after statm and smaps
 * @property {number} attempts
 */

/** `VmRSS` → `vmRSS`: the contract's keys are the kernel's with a lower-case first letter. */
export function memoryKey(/** @type {string} */ kernelKey) {
  return kernelKey[0]?.toLowerCase() + kernelKey.slice(1);
}

/**
 * The memory invariants the numbers break, worked out by the lab from the files themselves.
 * @param {Record<string, number>} kb  status memory lines, kernel keys
 * @param {number | undefined} smapsSwap Σ Swap over the smaps mappings
 */
export function brokenInvariants(kb, smapsSwap) {
  const v = (/** @type {string} */ k) => kb[k] ?? 0;
  /** @type {string[]} */
  const broken = [];
  const sum = v('RssAnon') + v('RssFile') + v('RssShmem');
  if (v('VmRSS') !== sum) broken.push(`VmRSS ${v('VmRSS')} kB ≠ RssAnon + RssFile + RssShmem = ${sum} kB`);
  if (v('VmHWM') < v('VmRSS')) broken.push(`VmHWM ${v('VmHWM')} kB < VmRSS ${v('VmRSS')} kB`);
  if (v('VmPeak') < v('VmSize')) broken.push(`VmPeak ${v('VmPeak')} kB < VmSize ${v('VmSize')} kB`);
  if (smapsSwap !== undefined && v('VmSwap') > smapsSwap) {
    broken.push(`VmSwap ${v('VmSwap')} kB > Σ smaps Swap ${smapsSwap} kB`);
  }
  return broken;
}

/**
 * statm against status: what task_statm() and task_mem() share. Empty when they agree.
 * @param {Record<typeof STATM_FIELDS[number], number>} statm pages
 * @param {Record<string, number>} kb status memory lines, kernel keys
 */
export function statmDisagreements(statm, kb) {
  const v = (/** @type {string} */ k) => kb[k] ?? 0;
  /** @type {[string, boolean, string][]} */
  const rules = [
    [
      'size',
      statm.size * 4 === v('VmSize'),
      `size ${statm.size} pages × 4 = ${statm.size * 4} kB, VmSize ${v('VmSize')} kB`,
    ],
    [
      'resident',
      statm.resident * 4 === v('VmRSS'),
      `resident ${statm.resident} pages × 4 = ${statm.resident * 4} kB, VmRSS ${v('VmRSS')} kB`,
    ],
    [
      'shared',
      statm.shared * 4 === v('RssFile') + v('RssShmem'),
      `shared ${statm.shared} pages × 4 = ${statm.shared * 4} kB, RssFile + RssShmem ${v('RssFile') + v('RssShmem')} kB`,
    ],
    [
      'text',
      statm.text * 4 >= v('VmExe'),
      `text ${statm.text} pages × 4 = ${statm.text * 4} kB, VmExe ${v('VmExe')} kB`,
    ],
    [
      'data',
      statm.data * 4 === v('VmData') + v('VmStk'),
      `data ${statm.data} pages × 4 = ${statm.data * 4} kB, VmData + VmStk ${v('VmData') + v('VmStk')} kB`,
    ],
    ['lib', statm.lib === 0, `lib ${statm.lib}: the kernel always prints 0`],
    ['dt', statm.dt === 0, `dt ${statm.dt}: the kernel always prints 0`],
  ];
  return rules.filter(([, ok]) => !ok).map(([, , text]) => text);
}

/**
 * @param {StatusKata} kata
 * @param {SmapsParser} smapsKata  kata 03, for the mappings checkMemoryInvariants takes
 * @param {StatusSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {import('./checks.mjs').Check[]}
 */
export function checkStatus(kata, smapsKata, sample, stubs) {
  const statusInput = { name: 'status', text: sample.status };
  const parsed = attempt(() => kata.parseStatus(sample.status), 'parseStatus', {
    call: 'parseStatus(status)',
    kata: 4,
    input: statusInput,
    stubs,
  });
  if (!parsed.ok) return [parsed.check];
  const status = parsed.value;
  const kernelKb = statusMemoryKb(sample.status);
  const kernelThread = Object.keys(kernelKb).length === 0;

  /** @type {import('./checks.mjs').Check[]} */
  const checks = [readsStatus(status, sample.status, kernelKb)];
  if (kernelThread) {
    checks.push(
      note('memory invariants', [`${sample.label} has no memory lines (a kernel thread): no invariants to check.`]),
    );
  } else {
    // The mappings for VmSwap ≤ Σ Swap come from the learner's kata 03.
    const smaps = sample.smaps;
    const mappings =
      smaps === undefined
        ? undefined
        : attempt(() => smapsKata.parseSmaps(smaps), 'parseSmaps', {
            call: 'parseSmaps(smaps)',
            kata: 3,
            input: { name: 'smaps', text: smaps },
            stubs,
          });
    if (mappings === undefined) {
      checks.push(
        note('VmSwap ≤ Σ smaps Swap', [
          `${sample.label}'s smaps cannot be read (another user's process?): this rule is left out.`,
        ]),
      );
    } else if (!mappings.ok) checks.push(mappings.check);
    checks.push(invariants(kata, status, mappings?.ok ? mappings.value : undefined, sample, kernelKb, stubs));
  }
  checks.push(...statmChecks(kata, status, sample, kernelKb, stubs));
  return checks;
}

/**
 * What the learner's checker reported against what the lab worked out from the files: the same number of
 * broken rules passes (the wording is the learner's own).
 * @param {string} title
 * @param {unknown} found       the learner's list
 * @param {string[]} expected   the lab's list
 * @param {StatusSample} sample
 * @param {string} holds        what to say when nothing is broken
 */
function judgeReported(title, found, expected, sample, holds) {
  if (!Array.isArray(found))
    return fail(title, 4, [`it returned ${JSON.stringify(found)}, not a list of strings`, 'Next: npm run kata 4']);
  if (expected.length === 0 && found.length === 0) return pass(title, [holds]);
  if (expected.length === found.length) {
    return pass(title, [
      `the numbers break ${expected.length}: ${expected.join('; ')}; your function reported:`,
      ...found.map((f) => `  ${f}`),
    ]);
  }
  const lines = [
    expected.length === 0
      ? 'Every rule holds on these numbers, but your function reports:'
      : `The numbers break ${expected.length} (${expected.join('; ')}); your function reports ${found.length}:`,
    ...found.map((f) => `  ${f}`),
  ];
  if (!sample.stable)
    return note(title, [...lines, `(${sample.label} kept changing while it was read: this may be drift)`]);
  return fail(title, 4, [...lines, 'Next: npm run kata 4']);
}

/**
 * @param {{ name: string, pid: number, state: { code: string }, memory?: any }} status  the learner's reading
 * @param {string} text
 * @param {Record<string, number>} kernelKb
 */
function readsStatus(status, text, kernelKb) {
  const title = 'parseStatus reads the memory lines';
  const lines = statusLines(text);
  /** @type {string[]} */
  const wrong = [];
  if (status?.name !== lines.Name)
    wrong.push(`name: the file says ${JSON.stringify(lines.Name)}, yours ${JSON.stringify(status?.name)}`);
  if (status?.pid !== Number(lines.Pid))
    wrong.push(`pid: the file says ${lines.Pid}, yours ${JSON.stringify(status?.pid)}`);
  const code = lines.State?.[0];
  if (status?.state?.code !== code)
    wrong.push(`state.code: the file says ${JSON.stringify(code)}, yours ${JSON.stringify(status?.state?.code)}`);
  const entries = Object.entries(kernelKb);
  if (entries.length === 0) {
    if (status?.memory !== undefined)
      wrong.push('memory: a kernel thread has no memory lines, so memory must be absent');
  } else {
    for (const [key, kb] of entries) {
      const ours = status?.memory?.[memoryKey(key)];
      if (ours !== kb)
        wrong.push(`memory.${memoryKey(key)}: the file says ${key} ${kb} kB, yours ${ours ?? 'has none'}`);
    }
  }
  if (wrong.length === 0) {
    return pass(
      title,
      entries.length === 0
        ? ['a kernel thread: no memory lines, and your memory is absent']
        : [
            `${entries.length} memory lines (VmRSS ${kernelKb.VmRSS} kB = RssAnon ${kernelKb.RssAnon} + RssFile ${kernelKb.RssFile} + RssShmem ${kernelKb.RssShmem})`,
          ],
    );
  }
  return fail(title, 4, [...wrong, 'Next: npm run kata 4']);
}

/**
 * @param {StatusKata} kata
 * @param {unknown} status
 * @param {any[] | undefined} mappings
 * @param {StatusSample} sample
 * @param {Record<string, number>} kernelKb
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function invariants(kata, status, mappings, sample, kernelKb, stubs) {
  const title = mappings ? 'checkMemoryInvariants(status, mappings)' : 'checkMemoryInvariants(status)';
  const reported = attempt(() => kata.checkMemoryInvariants(status, mappings), title, { call: title, kata: 4, stubs });
  if (!reported.ok) return reported.check;
  const expected = brokenInvariants(kernelKb, mappings ? (sumKbLines(sample.smaps ?? '').Swap ?? 0) : undefined);
  const holds = `all ${mappings ? 4 : 3} invariants hold, and your function reports none broken`;
  return judgeReported(title, reported.value, expected, sample, holds);
}

/**
 * @param {StatusKata} kata
 * @param {{ memory?: any }} status
 * @param {StatusSample} sample
 * @param {Record<string, number>} kernelKb
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {import('./checks.mjs').Check[]}
 */
function statmChecks(kata, status, sample, kernelKb, stubs) {
  const parsed = attempt(() => kata.parseStatm(sample.statm), 'parseStatm', {
    call: 'parseStatm(statm)',
    kata: 4,
    input: { name: 'statm', text: sample.statm },
    stubs,
  });
  if (!parsed.ok) return [parsed.check];
  const raw = statmPages(sample.statm);
  if (!raw) return [note('parseStatm', [`statm is not seven numbers: ${JSON.stringify(sample.statm)}`])];
  const statm = parsed.value;
  const misread = STATM_FIELDS.filter((f) => statm?.[f] !== raw[f]);
  const readTitle = 'parseStatm reads the seven numbers';
  if (misread.length > 0) {
    return [
      fail(readTitle, 4, [
        ...misread.map((f) => `${f}: the file says ${raw[f]}, yours ${JSON.stringify(statm?.[f])}`),
        'Next: npm run kata 4',
      ]),
    ];
  }
  const checks = [pass(readTitle, [STATM_FIELDS.map((f) => `${f} ${raw[f]}`).join(', ')])];
  const kernels = statmDisagreements(raw, kernelKb);
  const agrees =
    kernelKb.VmSize === undefined
      ? 'no memory lines, and statm is seven zeros'
      : `size × 4 = VmSize ${kernelKb.VmSize} kB, resident × 4 = VmRSS ${kernelKb.VmRSS} kB, shared × 4 = RssFile + RssShmem`;

  const check = kata.checkStatmAgainstStatus;
  if (check) {
    const title = 'checkStatmAgainstStatus(statm, status)';
    const reported = attempt(() => check(statm, status), title, { call: title, kata: 4, stubs });
    if (!reported.ok) return [...checks, reported.check];
    return [...checks, judgeReported(title, reported.value, kernels, sample, `${agrees}, and your function agrees`)];
  }

  // No checker in this kata: compare the learner's two readings with the kernel's rules.
  const title = 'statm agrees with status';
  const memory = status.memory ?? {};
  /** @type {Record<string, number>} */
  const learnerKb = Object.fromEntries(Object.keys(kernelKb).map((k) => [k, memory[memoryKey(k)]]));
  const theirs = statmDisagreements(statm, learnerKb);
  if (theirs.length === 0) checks.push(pass(title, [agrees]));
  else if (kernels.length > 0) {
    checks.push(
      note(title, [
        'The files themselves disagree (the process changed between the reads?):',
        ...kernels.map((k) => `  ${k}`),
      ]),
    );
  } else {
    checks.push(
      fail(title, 4, ['With your parseStatus and parseStatm:', ...theirs.map((k) => `  ${k}`), 'Next: npm run kata 4']),
    );
  }
  return checks;
}
