// @ts-check
/**
 * buddyinfo mode: the learner's kata 06 on this machine's /proc/buddyinfo, beside the kernel's own
 * fragmentation indices from debugfs (extfrag/unusable_index and extfrag/extfrag_index), all read together.
 * The kernel's side:
 *   - formatBuddyinfo(parseBuddyinfo(buddyinfo)) is the file again, byte for byte;
 *   - freePages is Σ count × 2^order (the lab adds it up itself; zoneinfo's `pages free` is read at another
 *     moment and lags by the per-CPU counter deltas, so it is not the expected side);
 *   - the two debugfs files, rebuilt from the learner's unusableIndex / fragmentationIndex and formatIndex,
 *     are the kernel's files byte for byte.
 * Pure: the mode (modes/buddyinfo.mjs) reads the files.
 */
import { fail, note, pass } from './checks.mjs';
import { diffLines } from './diff-lines.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * The part of kata 06 the lab calls.
 * @typedef {{ node: number, zone: string, free: number[] }} ZoneFreeArea
 * @typedef {object} BuddyinfoKata
 * @property {(text: string) => ZoneFreeArea[]} parseBuddyinfo
 * @property {(zones: ZoneFreeArea[]) => string} formatBuddyinfo
 * @property {(area: ZoneFreeArea) => number} freePages
 * @property {(area: ZoneFreeArea) => number} freeKb
 * @property {(area: ZoneFreeArea) => number} largestFreeOrder
 * @property {(area: ZoneFreeArea, order: number) => number} unusableIndex
 * @property {(area: ZoneFreeArea, order: number) => number} fragmentationIndex
 * @property {(thousandths: number) => string} formatIndex
 */

/**
 * Why the debugfs files could not be read, or 'ok'.
 * @typedef {'ok' | 'not-mounted' | 'not-root' | 'no-extfrag' | 'not-in-snapshot'} DebugfsState
 */

/**
 * buddyinfo and the two debugfs files, read as buddyinfo, unusable_index, extfrag_index, buddyinfo until both
 * buddyinfo reads agree.
 * @typedef {object} BuddyinfoSample
 * @property {string} buddyinfo
 * @property {DebugfsState} debugfs
 * @property {string} [unusable]  debugfs extfrag/unusable_index, when debugfs is 'ok'
 * @property {string} [extfrag]   debugfs extfrag/extfrag_index, when debugfs is 'ok'
 * @property {boolean} stable     the free lists did not move while the files were read
 * @property {number} attempts
 */

/** Where the two files are, once debugfs is mounted. */
export const EXTFRAG_DIR = '/sys/kernel/debug/extfrag';

/**
 * What to tell a learner who cannot see the kernel's indices, and how to get them.
 * @param {DebugfsState} state
 * @returns {string[]}
 */
export function debugfsAdvice(state) {
  const namespace = "sudo unshare -m sh -c 'mount -t debugfs none /sys/kernel/debug && npm run lab -- buddyinfo'";
  switch (state) {
    case 'ok':
      return [];
    case 'not-mounted':
      return [
        'debugfs is not mounted, so the kernel’s own indices cannot be read. As root, either mount it for this',
        'command only, in a private mount namespace that disappears with it:',
        `  ${namespace}`,
        'or for the whole machine: mount -t debugfs none /sys/kernel/debug',
      ];
    case 'not-root':
      return [
        `${EXTFRAG_DIR} is readable by root only (debugfs is mode 0700). Run the lab as root:`,
        '  sudo npm run lab -- buddyinfo',
        `and if debugfs is not mounted either: ${namespace}`,
      ];
    case 'no-extfrag':
      return [
        `debugfs is mounted, but ${EXTFRAG_DIR} is not there: this kernel was built without CONFIG_COMPACTION`,
        '(the files come with compaction) or without CONFIG_DEBUG_FS.',
      ];
    case 'not-in-snapshot':
      return ['The snapshot has no sys/kernel/debug/extfrag/ next to its proc/ folder: no kernel indices to compare.'];
  }
}

/**
 * @param {BuddyinfoKata} kata
 * @param {BuddyinfoSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ body: string[], checks: import('./checks.mjs').Check[] }}
 */
export function checkBuddyinfo(kata, sample, stubs) {
  const input = { name: '/proc/buddyinfo', text: sample.buddyinfo };
  const parsed = attempt(() => kata.parseBuddyinfo(sample.buddyinfo), 'parseBuddyinfo(/proc/buddyinfo)', {
    call: 'parseBuddyinfo(buddyinfo)',
    kata: 6,
    input,
    stubs,
  });
  if (!parsed.ok) return { body: [], checks: [parsed.check] };
  const zones = parsed.value;
  /** @type {import('./checks.mjs').Check[]} */
  const checks = [pass('parseBuddyinfo(/proc/buddyinfo)', [`${zones.length} zones`])];
  checks.push(roundTrip(kata, zones, sample.buddyinfo, stubs));

  const kernel =
    sample.debugfs === 'ok' ? { unusable: sample.unusable ?? '', extfrag: sample.extfrag ?? '' } : undefined;
  /** @type {string[]} */
  const body = [];
  for (const zone of zones) {
    const summary = zoneSummary(kata, zone, stubs);
    if (!summary.ok) {
      checks.push(summary.check);
      break;
    }
    body.push(...summary.value.lines, '');
    checks.push(summary.value.check);
    const yours = indicesOf(kata, zone, stubs);
    if (!yours.ok) {
      checks.push(yours.check);
      break;
    }
    body.push(...indexTable(zone, yours.value, kernel && kernelIndices(kernel, zone)), '');
  }
  if (body.at(-1) === '') body.pop();
  if (kernel) {
    checks.push(debugfsFile(kata, zones, 'unusable', kernel.unusable, stubs));
    checks.push(debugfsFile(kata, zones, 'extfrag', kernel.extfrag, stubs));
  } else {
    checks.push(note('the kernel’s fragmentation indices', debugfsAdvice(sample.debugfs)));
  }
  if (!sample.stable) {
    checks.push(
      note('a moving target', [
        `The free lists changed between every two reads (${sample.attempts} tries): the files above may not be of one moment.`,
      ]),
    );
  }
  return { body, checks };
}

/**
 * @param {BuddyinfoKata} kata
 * @param {ZoneFreeArea[]} zones
 * @param {string} text
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function roundTrip(kata, zones, text, stubs) {
  const title = 'formatBuddyinfo(parseBuddyinfo(buddyinfo)) is buddyinfo again';
  const printed = attempt(() => kata.formatBuddyinfo(zones), title, {
    call: 'formatBuddyinfo(parseBuddyinfo(buddyinfo))',
    kata: 6,
    stubs,
  });
  if (!printed.ok) return printed.check;
  const diff = diffLines(text, printed.value);
  if (diff.same) return pass(title, [`${diff.expectedLines} lines, byte for byte`]);
  return fail(
    title,
    6,
    [
      `${diff.rows.length} of ${diff.expectedLines} lines differ from the kernel's.`,
      'frag_show_print(): "Node %d, zone %8s ", then "%6lu " per order: every line ends with a blank.',
      'Next: npm run kata 6',
    ],
    { diff, expectedName: 'the kernel' },
  );
}

/**
 * The zone's free pages, KiB and largest order by the learner's functions, checked against Σ count × 2^order.
 * @param {BuddyinfoKata} kata
 * @param {ZoneFreeArea} zone
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ ok: true, value: { lines: string[], check: import('./checks.mjs').Check } } | { ok: false, check: import('./checks.mjs').Check }}
 */
function zoneSummary(kata, zone, stubs) {
  const name = `node ${zone.node} ${zone.zone}`;
  const context = { call: `freePages(${zone.zone})`, kata: 6, stubs };
  const pages = attempt(() => kata.freePages(zone), `${name}: free pages`, context);
  if (!pages.ok) return pages;
  const kb = attempt(() => kata.freeKb(zone), `${name}: free kB`, { ...context, call: `freeKb(${zone.zone})` });
  if (!kb.ok) return kb;
  const largest = attempt(() => kata.largestFreeOrder(zone), `${name}: largest free order`, {
    ...context,
    call: `largestFreeOrder(${zone.zone})`,
  });
  if (!largest.ok) return largest;

  const expected = {
    pages: zone.free.reduce((sum, count, order) => sum + count * 2 ** order, 0),
    largest: zone.free.findLastIndex((count) => count > 0),
  };
  const wrong = [];
  if (pages.value !== expected.pages) wrong.push(`freePages ${pages.value}, but Σ count × 2^order = ${expected.pages}`);
  if (kb.value !== expected.pages * 4)
    wrong.push(`freeKb ${kb.value}, but ${expected.pages} pages are ${expected.pages * 4} kB`);
  if (largest.value !== expected.largest)
    wrong.push(`largestFreeOrder ${largest.value}, but the counts say ${expected.largest}`);
  const largestText = largest.value < 0 ? 'none' : `${largest.value} (${blockSize(largest.value)})`;
  const lines = [`${name}: ${pages.value} free pages = ${kb.value} kB, largest free block: order ${largestText}`];
  const title = `${name}: freePages, freeKb, largestFreeOrder`;
  const check =
    wrong.length === 0
      ? pass(title, [`${pages.value} pages, ${kb.value} kB, order ${largest.value}`])
      : fail(title, 6, [...wrong, 'Next: npm run kata 6']);
  return { ok: true, value: { lines, check } };
}

/** "4 MiB" for order 10, "8 KiB" for order 1. */
export function blockSize(/** @type {number} */ order) {
  const kib = 4 * 2 ** order;
  return kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`;
}

/**
 * Both indices at every order, by the learner's functions, as they print.
 * @param {BuddyinfoKata} kata
 * @param {ZoneFreeArea} zone
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ ok: true, value: { unusable: string[], extfrag: string[] } } | { ok: false, check: import('./checks.mjs').Check }}
 */
function indicesOf(kata, zone, stubs) {
  const orders = zone.free.map((_, order) => order);
  const unusable = attempt(() => orders.map((o) => kata.formatIndex(kata.unusableIndex(zone, o))), 'unusableIndex', {
    call: `formatIndex(unusableIndex(${zone.zone}, order))`,
    kata: 6,
    stubs,
  });
  if (!unusable.ok) return unusable;
  const extfrag = attempt(
    () => orders.map((o) => kata.formatIndex(kata.fragmentationIndex(zone, o))),
    'fragmentationIndex',
    { call: `formatIndex(fragmentationIndex(${zone.zone}, order))`, kata: 6, stubs },
  );
  if (!extfrag.ok) return extfrag;
  return { ok: true, value: { unusable: unusable.value, extfrag: extfrag.value } };
}

/**
 * The kernel's printed values for one zone, from the two debugfs files.
 * @param {{ unusable: string, extfrag: string }} files
 * @param {ZoneFreeArea} zone
 * @returns {{ unusable: string[] | undefined, extfrag: string[] | undefined }}
 */
export function kernelIndices(files, zone) {
  const valuesOf = (/** @type {string} */ text) => {
    const line = text.split('\n').find((l) => {
      const m = /^Node (\d+), zone +(\S+) /.exec(l);
      return m !== null && Number(m[1]) === zone.node && m[2] === zone.zone;
    });
    return line
      ?.replace(/^Node \d+, zone +\S+ /, '')
      .trim()
      .split(/ +/);
  };
  return { unusable: valuesOf(files.unusable), extfrag: valuesOf(files.extfrag) };
}

/**
 * A table of one zone: the counts, and each index by order, the learner's above the kernel's.
 * @param {ZoneFreeArea} zone
 * @param {{ unusable: string[], extfrag: string[] }} yours
 * @param {{ unusable: string[] | undefined, extfrag: string[] | undefined } | undefined} kernel
 * @returns {string[]}
 */
export function indexTable(zone, yours, kernel) {
  const width = Math.max(7, ...zone.free.map((c) => String(c).length + 1));
  const row = (/** @type {string} */ label, /** @type {readonly (string | number)[]} */ cells) =>
    `  ${label.padEnd(28)}${cells.map((c) => String(c).padStart(width)).join('')}`;
  const rows = [
    row(
      'order',
      zone.free.map((_, order) => order),
    ),
    row('free blocks', zone.free),
    row('unusable index, yours', yours.unusable),
  ];
  if (kernel?.unusable) rows.push(row('  the kernel’s', kernel.unusable));
  rows.push(row('fragmentation index, yours', yours.extfrag));
  if (kernel?.extfrag) rows.push(row('  the kernel’s', kernel.extfrag));
  return rows;
}

/**
 * A debugfs file as the learner's functions would print it: "Node %d, zone %8s " and each value, with
 * extfrag_index's whole part in two columns ("%2d.%03d ").
 * @param {BuddyinfoKata} kata
 * @param {ZoneFreeArea[]} zones
 * @param {'unusable' | 'extfrag'} which
 */
export function debugfsText(kata, zones, which) {
  return zones
    .map((zone) => {
      const cells = zone.free.map((_, order) => {
        const value = which === 'unusable' ? kata.unusableIndex(zone, order) : kata.fragmentationIndex(zone, order);
        const [whole = '', fraction = ''] = kata.formatIndex(value).split('.');
        return `${which === 'extfrag' ? whole.padStart(2) : whole}.${fraction} `;
      });
      return `Node ${zone.node}, zone ${zone.zone.padStart(8)} ${cells.join('')}\n`;
    })
    .join('');
}

/**
 * @param {BuddyinfoKata} kata
 * @param {ZoneFreeArea[]} zones
 * @param {'unusable' | 'extfrag'} which
 * @param {string} kernelText
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function debugfsFile(kata, zones, which, kernelText, stubs) {
  const file = which === 'unusable' ? 'unusable_index' : 'extfrag_index';
  const fn = which === 'unusable' ? 'unusableIndex' : 'fragmentationIndex';
  const title = `debugfs extfrag/${file} from your ${fn} and formatIndex`;
  const text = attempt(() => debugfsText(kata, zones, which), title, { call: `${fn}(zone, order)`, kata: 6, stubs });
  if (!text.ok) return text.check;
  const diff = diffLines(kernelText, text.value);
  const values = zones.reduce((n, z) => n + z.free.length, 0);
  if (diff.same) return pass(title, [`all ${values} values, byte for byte`]);
  return fail(
    title,
    6,
    [
      `${diff.rows.length} of ${diff.expectedLines} zones differ from the kernel's file.`,
      which === 'unusable'
        ? 'unusable_free_index(): (free pages − suitable blocks × 2^order) × 1000 / free pages, rounded down; 1000 when nothing is free.'
        : '__fragmentation_index(): −1000 when a large enough block is free, 0 when nothing is, else 1000 − (1000 + free × 1000 / 2^order) / blocks.',
      'Next: npm run kata 6',
    ],
    { diff, expectedName: 'the kernel' },
  );
}
