// @ts-check
/**
 * zoneinfo mode: the learner's kata 12 on this machine's /proc/zoneinfo and /proc/sys/vm sysctls. The
 * kernel's side (reference §6):
 *   - every zone's printed min/low/high/promo minus its boost = `__setup_per_zone_wmarks` of the managed
 *     counts, min_free_kbytes and watermark_scale_factor (all nodes' zones together);
 *   - every zone's protection = `setup_per_zone_lowmem_reserve` of its node's zones and lowmem_reserve_ratio;
 *   - min_free_kbytes = the √ rule of lowmem, or khugepaged's raise when THP is on, unless an administrator
 *     wrote it (the kernel does not tell), and lowmem moves when managed grows (it does here): a note.
 * Pure: the mode (modes/zoneinfo.mjs) reads the files.
 */
import { fail, note, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * The part of kata 12 the lab calls.
 * @typedef {{ name: string, managed: number }} ZoneSize
 * @typedef {{ min: number, low: number, high: number, promo: number }} Watermarks
 * @typedef {ZoneSize & { node: number, free: number, boost: number, min: number, low: number, high: number,
 *   promo: number | null, protection: number[] }} Zone
 * @typedef {object} WatermarksKata
 * @property {(text: string) => Zone[]} parseZoneinfo
 * @property {(lowmemKb: number) => number} minFreeKbytes
 * @property {(args: { zones: number, lowmemKb: number }) => number} [thpMinFreeKbytes]
 * @property {(zones: ZoneSize[], minFreeKbytes: number, watermarkScaleFactor?: number) => Watermarks[]} computeWatermarks
 * @property {(min: number) => { min: number, low: number, high: number }} legacyWatermarks
 * @property {(zones: ZoneSize[], ratios: number[]) => number[][]} lowmemReserve
 * @property {(free: number, marks: { min: number, low: number, high: number }) => string} pressure
 */

/**
 * @typedef {object} ZoneinfoSample
 * @property {string} zoneinfo          /proc/zoneinfo, read twice with the same watermarks and managed counts
 * @property {number} minFreeKbytes     /proc/sys/vm/min_free_kbytes
 * @property {number} watermarkScaleFactor
 * @property {number[]} lowmemReserveRatio
 * @property {string | undefined} thp   the bracketed word of /sys/kernel/mm/transparent_hugepage/enabled
 */

/** Zones up to Normal: the ones nr_free_buffer_pages() counts and khugepaged counts. */
const LOWMEM_ZONES = new Set(['DMA', 'DMA32', 'Normal']);

/**
 * nr_free_buffer_pages() in KiB, read off the parsed zones: Σ over the zones up to Normal of
 * max(managed − high, 0) × 4 (the kernel's high_wmark_pages includes boost, as zoneinfo prints it).
 * @param {readonly { name: string, managed: number, high: number }[]} zones
 */
export function lowmemKbOf(zones) {
  return zones.filter((z) => LOWMEM_ZONES.has(z.name)).reduce((kb, z) => kb + Math.max(z.managed - z.high, 0) * 4, 0);
}

/**
 * @param {WatermarksKata} kata
 * @param {ZoneinfoSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ body: string[], checks: import('./checks.mjs').Check[] }}
 */
export function checkZoneinfo(kata, sample, stubs) {
  const input = { name: '/proc/zoneinfo', text: sample.zoneinfo };
  const parsed = attempt(() => kata.parseZoneinfo(sample.zoneinfo), 'parseZoneinfo(/proc/zoneinfo)', {
    call: 'parseZoneinfo(zoneinfo)',
    kata: 12,
    input,
    stubs,
  });
  if (!parsed.ok) return { body: [], checks: [parsed.check] };
  const zones = parsed.value;
  const checks = [pass('parseZoneinfo(/proc/zoneinfo)', [`${zones.length} zones`])];

  const sizes = zones.map((z) => ({ name: z.name, managed: z.managed }));
  const marks = attempt(
    () => kata.computeWatermarks(sizes, sample.minFreeKbytes, sample.watermarkScaleFactor),
    'computeWatermarks',
    { call: `computeWatermarks(zones, ${sample.minFreeKbytes}, ${sample.watermarkScaleFactor})`, kata: 12, stubs },
  );
  const protection = protectionByZone(kata, zones, sample.lowmemReserveRatio, stubs);
  const legacy = zones.map((z) =>
    attempt(() => kata.legacyWatermarks(z.min - z.boost), 'legacyWatermarks', {
      call: 'legacyWatermarks(min)',
      kata: 12,
      stubs,
    }),
  );

  const body = [
    `min_free_kbytes ${sample.minFreeKbytes}, watermark_scale_factor ${sample.watermarkScaleFactor}, lowmem_reserve_ratio ${sample.lowmemReserveRatio.join(' ')} (pages; kernel / yours; boost subtracted)`,
    '',
    table(zones, marks.ok ? marks.value : undefined, protection.ok ? protection.value : undefined, legacy),
  ].flat();

  if (!marks.ok) checks.push(marks.check);
  else checks.push(...zones.map((zone, i) => watermarkCheck(zone, marks.value[i])));
  if (!protection.ok) checks.push(protection.check);
  else checks.push(...zones.map((zone, i) => protectionCheck(zone, protection.value[i])));
  checks.push(minFreeCheck(kata, zones, sample, stubs));
  checks.push(pressureCheck(kata, zones, stubs));
  return { body, checks };
}

/**
 * lowmemReserve is per node: every node's zones with the ratios, in zoneinfo's order.
 * @param {WatermarksKata} kata
 * @param {Zone[]} zones
 * @param {number[]} ratios
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ ok: true, value: (number[] | undefined)[] } | { ok: false, check: import('./checks.mjs').Check }}
 */
function protectionByZone(kata, zones, ratios, stubs) {
  /** @type {(number[] | undefined)[]} */
  const value = zones.map(() => undefined);
  for (const node of new Set(zones.map((z) => z.node))) {
    const indexes = zones.flatMap((z, i) => (z.node === node ? [i] : []));
    const mine = indexes.map((i) => /** @type {Zone} */ (zones[i]));
    if (mine.length !== ratios.length) continue; // a node that prints fewer zones than the sysctl has: skip
    const result = attempt(
      () =>
        kata.lowmemReserve(
          mine.map((z) => ({ name: z.name, managed: z.managed })),
          ratios,
        ),
      'lowmemReserve',
      { call: `lowmemReserve(node ${node}'s zones, [${ratios.join(', ')}])`, kata: 12, stubs },
    );
    if (!result.ok) return result;
    indexes.forEach((zoneIndex, k) => {
      value[zoneIndex] = result.value[k];
    });
  }
  return { ok: true, value };
}

/**
 * @param {Zone} zone
 * @param {Watermarks | undefined} yours
 */
function watermarkCheck(zone, yours) {
  const title = `node ${zone.node} ${zone.name} watermarks`;
  const kernel = { min: zone.min - zone.boost, low: zone.low - zone.boost, high: zone.high - zone.boost };
  const names = /** @type {const} */ (['min', 'low', 'high']);
  const differ = names.filter((k) => yours?.[k] !== kernel[k]);
  const promoDiffers = zone.promo !== null && yours?.promo !== zone.promo - zone.boost;
  const shown = `${kernel.min} / ${kernel.low} / ${kernel.high}${zone.promo === null ? '' : ` / ${zone.promo - zone.boost}`}`;
  if (differ.length === 0 && !promoDiffers)
    return pass(title, [`min/low/high${zone.promo === null ? '' : '/promo'} ${shown}`]);
  return fail(title, 12, [
    `the kernel has min/low/high${zone.promo === null ? '' : '/promo'} ${shown}, yours ${yours ? `${yours.min} / ${yours.low} / ${yours.high} / ${yours.promo}` : 'nothing'}`,
    `managed ${zone.managed} pages${zone.boost ? `, boost ${zone.boost} (subtracted)` : ''}`,
    'Next: npm run kata 12',
  ]);
}

/**
 * @param {Zone} zone
 * @param {number[] | undefined} yours
 */
function protectionCheck(zone, yours) {
  const title = `node ${zone.node} ${zone.name} protection`;
  const kernel = `(${zone.protection.join(', ')})`;
  if (yours === undefined)
    return note(title, [`${kernel}: the node's zones and lowmem_reserve_ratio differ in number`]);
  if (yours.join(',') === zone.protection.join(',')) return pass(title, [kernel]);
  return fail(title, 12, [`the kernel prints ${kernel}, yours (${yours.join(', ')})`, 'Next: npm run kata 12']);
}

/**
 * min_free_kbytes: the √ rule and khugepaged's raise, from today's lowmem. A mismatch is a note: the kernel
 * computed the sysctl at an earlier lowmem (managed grows while memory is initialised), or an administrator
 * wrote it.
 * @param {WatermarksKata} kata
 * @param {Zone[]} zones
 * @param {ZoneinfoSample} sample
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function minFreeCheck(kata, zones, sample, stubs) {
  const title = 'min_free_kbytes';
  const lowmemKb = lowmemKbOf(zones);
  const populated = new Set(
    zones.filter((z) => LOWMEM_ZONES.has(z.name) && z.managed > 0).map((z) => `${z.node}/${z.name}`),
  ).size;
  const sqrt = attempt(() => kata.minFreeKbytes(lowmemKb), title, {
    call: `minFreeKbytes(${lowmemKb})`,
    kata: 12,
    stubs,
  });
  if (!sqrt.ok) return sqrt.check;
  const thpOn = sample.thp === 'always' || sample.thp === 'madvise';
  const raise =
    thpOn && kata.thpMinFreeKbytes
      ? attempt(() => kata.thpMinFreeKbytes?.({ zones: populated, lowmemKb }) ?? 0, title, {
          call: `thpMinFreeKbytes({ zones: ${populated}, lowmemKb: ${lowmemKb} })`,
          kata: 12,
          stubs,
        })
      : undefined;
  if (raise && !raise.ok) return raise.check;
  const thp = raise?.value;
  const expected = Math.max(sqrt.value, thp ?? 0);
  const lines = [
    `lowmem (Σ managed − high up to Normal) = ${lowmemKb} KiB: your √ rule gives ${sqrt.value}` +
      (thp === undefined ? '' : `, khugepaged's raise for ${populated} zones ${thp} (THP is ${sample.thp})`),
  ];
  if (expected === sample.minFreeKbytes) {
    const which =
      thp !== undefined && thp >= sqrt.value ? "khugepaged's raise, not the square root" : 'the square-root rule';
    return pass(title, [...lines, `= ${sample.minFreeKbytes}, the sysctl: it came from ${which}`]);
  }
  return note(title, [
    ...lines,
    `the sysctl says ${sample.minFreeKbytes}: an administrator may have written it, or the kernel computed it when lowmem was different`,
  ]);
}

/**
 * @param {WatermarksKata} kata
 * @param {Zone[]} zones
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 */
function pressureCheck(kata, zones, stubs) {
  const title = 'pressure(free, watermarks)';
  /** @type {string[]} */
  const lines = [];
  for (const zone of zones.filter((z) => z.managed > 0)) {
    const result = attempt(() => kata.pressure(zone.free, zone), title, {
      call: `pressure(${zone.free}, …)`,
      kata: 12,
      stubs,
    });
    if (!result.ok) return result.check;
    const expected = zone.free > zone.low ? 'ok' : zone.free > zone.min ? 'low' : 'min';
    if (result.value !== expected) {
      return fail(title, 12, [
        `node ${zone.node} ${zone.name}: ${zone.free} free pages against min ${zone.min}, low ${zone.low}: the kernel's strict checks say '${expected}', yours '${result.value}'`,
        'Next: npm run kata 12',
      ]);
    }
    lines.push(`node ${zone.node} ${zone.name}: ${zone.free} free against low ${zone.low} → '${result.value}'`);
  }
  return pass(title, lines);
}

/**
 * The zone table: kernel / yours for each watermark, the seed's ×1.25 / ×1.5 beside them.
 * @param {Zone[]} zones
 * @param {Watermarks[] | undefined} marks
 * @param {(number[] | undefined)[] | undefined} protection
 * @param {ReturnType<typeof attempt<{ min: number, low: number, high: number }>>[]} legacy
 */
function table(zones, marks, protection, legacy) {
  const header = ['zone', 'managed', 'free', 'min', 'low', 'high', 'promo', 'seed low/high', 'protection'];
  const rows = zones.map((z, i) => {
    const yours = marks?.[i];
    const pair = (/** @type {number} */ kernel, /** @type {number | undefined} */ mine) =>
      mine === undefined || mine === kernel ? String(kernel) : `${kernel} / ${mine}`;
    const old = legacy[i];
    return [
      `${z.node} ${z.name}`,
      String(z.managed),
      String(z.free),
      pair(z.min - z.boost, yours?.min),
      pair(z.low - z.boost, yours?.low),
      pair(z.high - z.boost, yours?.high),
      z.promo === null ? '-' : pair(z.promo - z.boost, yours?.promo),
      old?.ok ? `${old.value.low}/${old.value.high}` : '?',
      `(${z.protection.join(', ')})${protection?.[i] && protection[i]?.join(',') !== z.protection.join(',') ? ` / (${protection[i]?.join(', ')})` : ''}`,
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, c) =>
        c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
