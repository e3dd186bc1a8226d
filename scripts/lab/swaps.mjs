// @ts-check
/**
 * swaps mode: the learner's kata 14 on this machine's /proc/swaps (and the Swap fields of /proc/meminfo):
 * parseSwaps reads it, formatSwaps prints it back byte for byte, the areas' total agrees with SwapTotal, and
 * free's Swap line comes out of formatSwapLine. With no swap on (this project's machines, most days) the file
 * is its header alone: the mode says so and shows how to turn a swap file on for a minute. Pure: the mode
 * (modes/swaps.mjs) reads the files.
 */
import { fail, note, pass } from './checks.mjs';
import { diffLines } from './diff-lines.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * The part of kata 14 the lab calls.
 * @typedef {{ path: string, kind: 'file' | 'partition', sizeKb: number, usedKb: number, priority: number }} SwapArea
 * @typedef {object} SwapsKata
 * @property {(text: string) => SwapArea[]} parseSwaps
 * @property {(areas: SwapArea[]) => string} formatSwaps
 * @property {(meminfo: { SwapTotal: number, SwapFree: number, SwapCached: number }) => string} formatSwapLine
 */

/** How to try it with swap on, for a minute (as root). */
export const HOW_TO_SWAPON = [
  'To see areas: fallocate -l 256M /var/tmp/try.swap && chmod 600 /var/tmp/try.swap && mkswap /var/tmp/try.swap',
  '  && swapon /var/tmp/try.swap; npm run lab -- swaps; then swapoff /var/tmp/try.swap && rm /var/tmp/try.swap',
];

/** The Swap* fields of /proc/meminfo, in kB. */
export function swapMeminfo(/** @type {string} */ meminfo) {
  const field = (/** @type {string} */ name) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(meminfo)?.[1] ?? Number.NaN);
  return { SwapTotal: field('SwapTotal'), SwapFree: field('SwapFree'), SwapCached: field('SwapCached') };
}

/**
 * @param {SwapsKata} kata
 * @param {{ swaps: string, meminfo: string }} files  /proc/swaps and /proc/meminfo, read together
 * @param {import('./kata-errors.mjs').StubIndex} stubs
 * @returns {{ body: string[], checks: import('./checks.mjs').Check[] }}
 */
export function checkSwaps(kata, files, stubs) {
  const checks = [];
  /** @type {string[]} */
  const body = [];
  const parsed = attempt(() => kata.parseSwaps(files.swaps), 'parseSwaps', {
    call: 'parseSwaps(/proc/swaps)',
    kata: 14,
    input: { name: '/proc/swaps', text: files.swaps },
    stubs,
  });
  if (!parsed.ok) return { body, checks: [parsed.check] };
  const areas = /** @type {SwapArea[]} */ (parsed.value);
  if (areas.length === 0)
    checks.push(note('no swap', ['/proc/swaps holds its header only: no swap area is on.', ...HOW_TO_SWAPON]));
  for (const a of areas) {
    body.push(
      `  ${a.kind.padEnd(9)} ${String(a.sizeKb).padStart(10)} kB, ${String(a.usedKb).padStart(10)} kB used, priority ${String(a.priority).padStart(6)}  ${JSON.stringify(a.path)}`,
    );
  }
  const printed = attempt(() => kata.formatSwaps(areas), 'formatSwaps', {
    call: 'formatSwaps(parseSwaps(/proc/swaps))',
    kata: 14,
    stubs,
  });
  if (printed.ok) {
    const diff = diffLines(files.swaps, /** @type {string} */ (printed.value));
    checks.push(
      diff.same
        ? pass('/proc/swaps byte for byte', [
            `formatSwaps(parseSwaps(…)) gives the kernel's ${diff.expectedLines} line${diff.expectedLines === 1 ? '' : 's'} back`,
          ])
        : fail(
            '/proc/swaps byte for byte',
            14,
            ["formatSwaps(parseSwaps(/proc/swaps)) differs from the kernel's file"],
            { diff, expectedName: 'the kernel' },
          ),
    );
  } else checks.push(printed.check);
  const meminfo = swapMeminfo(files.meminfo);
  const total = areas.reduce((sum, a) => sum + a.sizeKb, 0);
  checks.push(
    total === meminfo.SwapTotal
      ? pass('SwapTotal', [`the areas add up to /proc/meminfo's SwapTotal, ${total} kB`])
      : fail('SwapTotal', 14, [`the areas add up to ${total} kB, /proc/meminfo says ${meminfo.SwapTotal} kB`]),
  );
  const line = attempt(() => kata.formatSwapLine(meminfo), 'free', {
    call: 'formatSwapLine(meminfo)',
    kata: 14,
    stubs,
  });
  if (line.ok)
    checks.push(
      note('free', [
        `${line.value}    (used = SwapTotal − SwapFree; SwapCached ${meminfo.SwapCached} kB of it is also in RAM)`,
      ]),
    );
  else checks.push(line.check);
  return { body, checks };
}
