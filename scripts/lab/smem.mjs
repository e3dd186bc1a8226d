// @ts-check
/**
 * smem mode: every process through the learner's kata 05 (`measureProcess`, then `formatSmem`), and the
 * table compared with real smem 1.5's. Pure: the texts read from /proc and the kata module in.
 * What smem does before measuring is mirrored here (smem 1.5 `procdata`, `processtotals`):
 *   - the command is /proc/PID/cmdline without its last character, each NUL turned into a space (`pidcmd`);
 *   - an empty command is a kernel thread, left out (`iskernel`); an unreadable cmdline shows as "?";
 *   - the user is the owner of /proc/PID, by name, or the uid as text (`piduser`, `username`);
 *   - a process whose smaps cannot be read, or which has no mappings, is left out.
 */
import { fail, note, pass } from './checks.mjs';
import { diffLines } from './diff-lines.mjs';
import { attempt } from './kata-errors.mjs';
import { userName } from './passwd.mjs';

/** smem's sortable columns (smem 1.5 `showpids` fields). */
export const SMEM_SORT_KEYS = /** @type {const} */ (['pid', 'user', 'command', 'swap', 'uss', 'pss', 'rss']);
/** @typedef {typeof SMEM_SORT_KEYS[number]} SmemSortKey */

/**
 * What the lab read of one /proc/PID.
 * @typedef {object} SmemInput
 * @property {number} pid
 * @property {number | undefined} uid          the owner of /proc/PID (undefined: could not stat it)
 * @property {string | undefined} cmdline      undefined: could not read it (or it was not UTF-8)
 * @property {string} smaps
 */
/**
 * The part of kata 05 the lab calls.
 * @typedef {{ pid: number, user: string, command: string, smaps: string }} ProcessInput
 * @typedef {object} SmemKata
 * @property {(input: ProcessInput) => any} measureProcess
 * @property {(processes: any[], options?: { sort?: any, reverse?: boolean, totals?: boolean }) => string} formatSmem
 */

/** smem pidcmd(): `read('%s/cmdline')[:-1].replace('\0', ' ')`, or "?" when it cannot be read. */
export function smemCommand(/** @type {string | undefined} */ cmdline) {
  if (cmdline === undefined) return '?';
  return Array.from(cmdline).slice(0, -1).join('').replaceAll('\0', ' ');
}

/**
 * The processes smem measures, with the user and command smem shows.
 * @param {SmemInput[]} inputs
 * @param {ReadonlyMap<number, string>} names uid → user name
 * @returns {ProcessInput[]}
 */
export function smemProcessInputs(inputs, names) {
  return [...smemProcessStream(inputs, names)];
}

/**
 * The same, lazily: one process at a time, kernel threads left out.
 * @param {Iterable<SmemInput>} inputs
 * @param {ReadonlyMap<number, string>} names
 * @returns {Generator<ProcessInput>}
 */
export function* smemProcessStream(inputs, names) {
  for (const p of inputs) {
    const command = smemCommand(p.cmdline);
    if (command === '') continue; // smem iskernel(): a kernel thread's cmdline is empty
    yield { pid: p.pid, user: userName(p.uid, names), command, smaps: p.smaps };
  }
}

/**
 * The learner's table: measureProcess for each process, then formatSmem with totals.
 * @param {SmemKata} kata
 * @param {Iterable<ProcessInput>} processes  measured one at a time: each text can go once it is measured
 * @param {{ sort: string, reverse: boolean }} order
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ ok: true, value: string } | { ok: false, check: import('./checks.mjs').Check }}
 */
export function smemTable(kata, processes, { sort, reverse }, stubs) {
  /** @type {unknown[]} */
  const measured = [];
  for (const p of processes) {
    const result = attempt(() => kata.measureProcess(p), `measureProcess, PID ${p.pid}`, {
      call: `measureProcess({ pid: ${p.pid}, user, command, smaps })`,
      kata: 5,
      input: { name: `/proc/${p.pid}/smaps`, text: p.smaps },
      stubs,
    });
    if (!result.ok) return result;
    measured.push(result.value);
  }
  const call = `formatSmem(processes, { sort: '${sort}', reverse: ${reverse}, totals: true })`;
  const table = attempt(() => kata.formatSmem(measured, { sort, reverse, totals: true }), 'formatSmem', {
    call,
    kata: 5,
    stubs,
  });
  return table;
}

/** smem's command line for a table sorted like ours: `-t -s swap -r`. */
export function smemArgs(/** @type {{ sort: string, reverse: boolean }} */ order) {
  return ['-t', '-s', order.sort, ...(order.reverse ? ['-r'] : [])];
}

/**
 * Real smem's table against the learner's, over the very same files.
 * @param {string} real    what smem printed
 * @param {string} ours    what formatSmem printed
 * @param {string} title   "smem -t -s swap -r"
 * @param {string[]} [caveats]
 */
export function compareSmem(real, ours, title, caveats = []) {
  const diff = diffLines(real, ours);
  const rows = diff.expectedLines;
  if (diff.same)
    return pass(title, [`all ${rows} lines match, byte for byte (${processes(rows - 3)} and the totals)`, ...caveats]);
  return fail(
    title,
    5,
    [
      `Your table differs from smem's in ${diff.rows.length} of ${rows} lines.`,
      'Every line ends in a space; Command is cut to 27 characters; equal sort keys are ordered by PID.',
      ...caveats,
      'Next: npm run kata 5',
    ],
    { diff, expectedName: 'smem' },
  );
}

/**
 * The totals row of an `smem -t` table, read back: { processes, users, swap, uss, pss, rss }.
 * @param {string} table
 */
export function smemTotals(table) {
  const last = table.trimEnd().split('\n').at(-1) ?? '';
  const [processes, users, ...sizes] = last.trim().split(/\s+/).map(Number);
  const [swap, uss, pss, rss] = sizes;
  return { processes, users, swap, uss, pss, rss };
}

/**
 * A note comparing the totals of real smem on the live /proc with ours: a moment apart, so they drift.
 * @param {string} real
 * @param {string} ours
 */
export function liveTotalsNote(real, ours) {
  const a = smemTotals(real);
  const b = smemTotals(ours);
  const row = (/** @type {ReturnType<typeof smemTotals>} */ t) =>
    `${processes(t.processes ?? 0)}, ${t.users} ${t.users === 1 ? 'user' : 'users'}, swap ${t.swap} kB, USS ${t.uss} kB, PSS ${t.pss} kB, RSS ${t.rss} kB`;
  return note('real smem on the live /proc, a moment later', [
    `smem: ${row(a)}`,
    `yours: ${row(b)}`,
    'Live numbers drift: processes start, exit and touch memory between two reads, and smem itself is one',
    'more process. The comparison that counts is the one on the snapshot, above.',
  ]);
}

/** "1 process", "21 processes" */
function processes(/** @type {number} */ n) {
  return `${n} ${n === 1 ? 'process' : 'processes'}`;
}
