// @ts-check
/**
 * Seed 004's story on a simulated zone, for `npm run lab -- kswapd`: a page cache fills the zone, a writer
 * makes anonymous pages at a pace kswapd keeps up with, then a burst outruns it. Run on kata 13's ReclaimZone
 * (the learner's or the reference), compared run against run, and drawn with scripts/lib/reclaim-chart.mjs.
 * Pure: the mode (modes/kswapd.mjs) prints and writes files.
 */
import { fail, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * The part of kata 13 the lab calls.
 * @typedef {object} KswapdKata
 * @property {new (config: any) => any} ReclaimZone
 * @property {(event: any, options?: any) => string} formatTraceEvent
 */

/**
 * The zone: 64 MiB (16384 pages), watermarks spaced as the kernel spaces them (low − min = high − low), kswapd
 * scanning 512 pages a tick. One tick is 1 ms.
 */
export const LAB_ZONE = { managedPages: 16384, watermarks: { min: 256, low: 320, high: 384 }, kswapdBatch: 512 };

/**
 * The workload, phase by phase: [ticks, pages per tick, kind].
 * @type {readonly [number, number, 'file' | 'anon'][]}
 */
export const PHASES = [
  [39, 410, 'file'], // cat of a big file: the page cache takes the free memory down to just above high
  [60, 50, 'anon'], // a writer kswapd keeps up with: it wakes at low and sleeps above high, no stall
  [12, 1200, 'anon'], // seed 004's burst: faster than kswapd can reclaim, so allocations stall (direct reclaim)
  [40, 0, 'anon'], // quiet: kswapd brings free back above high and sleeps
];

/**
 * @typedef {object} Run
 * @property {{ min: number, low: number, high: number }} watermarks
 * @property {{ t: number, free: number }[]} samples
 * @property {any[]} events
 * @property {Record<string, number>} vmstat
 * @property {number} oom  allocations refused with OOM
 */

/**
 * Runs the workload on a zone.
 * @param {KswapdKata['ReclaimZone']} ReclaimZone
 * @param {{ swapPages?: number, swappiness?: number }} [options]
 * @returns {Run}
 */
export function runWorkload(ReclaimZone, { swapPages = 16384, swappiness = 60 } = {}) {
  const zone = new ReclaimZone({ ...LAB_ZONE, swapPages, swappiness });
  let oom = 0;
  // Two samples a tick: after the tick's allocations (the dip) and after kswapd's turn (zone.samples).
  const samples = [{ t: 0, free: zone.freePages }];
  for (const [ticks, perTick, kind] of PHASES) {
    for (let t = 0; t < ticks; t++) {
      for (let i = 0; i < perTick; i++) if (!zone.allocate({ kind, task: { comm: 'python3', pid: 16319 } }).ok) oom++;
      samples.push({ t: zone.time + 0.5, free: zone.freePages });
      zone.tick();
      samples.push({ t: zone.time, free: zone.freePages });
    }
  }
  return { watermarks: zone.config.watermarks, samples, events: zone.events, vmstat: { ...zone.vmstat }, oom };
}

/** Counts of each event type, in a stable order. */
export function eventCounts(/** @type {readonly { type: string }[]} */ events) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The checks: the learner's run against the reference's (the same workload must tell the same story),
 * and the story's shape (kswapd woke, the steady phase did not stall, the burst did).
 * @param {KswapdKata} learner
 * @param {Run} reference
 * @param {{ swapPages?: number, swappiness?: number }} options
 * @param {import('./kata-errors.mjs').StubIndex} stubs
 * @returns {{ run: Run | undefined, checks: import('./checks.mjs').Check[] }}
 */
export function compareRuns(learner, reference, options, stubs) {
  const ran = attempt(() => runWorkload(learner.ReclaimZone, options), 'the workload on your ReclaimZone', {
    call: 'new ReclaimZone(…).allocate / tick',
    kata: 13,
    stubs,
  });
  if (!ran.ok) return { run: undefined, checks: [ran.check] };
  const run = /** @type {Run} */ (ran.value);
  const checks = [];
  const mine = eventCounts(run.events);
  const theirs = eventCounts(reference.events);
  const same = JSON.stringify(mine) === JSON.stringify(theirs);
  checks.push(
    same
      ? pass('the timeline', [`the same events as the reference: ${describe(mine)}`])
      : fail('the timeline', 13, [`yours: ${describe(mine)}`, `the reference: ${describe(theirs)}`]),
  );
  const differing = Object.keys(reference.vmstat).filter((k) => run.vmstat[k] !== reference.vmstat[k]);
  checks.push(
    differing.length === 0
      ? pass('/proc/vmstat counters', [`all ${Object.keys(reference.vmstat).length} equal to the reference's`])
      : fail(
          '/proc/vmstat counters',
          13,
          differing.map((k) => `${k}: yours ${run.vmstat[k] ?? 'missing'}, the reference ${reference.vmstat[k]}`),
        ),
  );
  const steadyEnd = (PHASES[0]?.[0] ?? 0) + (PHASES[1]?.[0] ?? 0);
  const earlyStalls = run.events.filter((e) => e.type === 'direct_reclaim_begin' && e.t < steadyEnd).length;
  const stalls = run.events.filter((e) => e.type === 'direct_reclaim_begin').length;
  checks.push(
    earlyStalls === 0 && stalls > 0
      ? pass('seed 004', [`no stall while kswapd kept up (before ${steadyEnd} ms), ${stalls} in the burst`])
      : fail('seed 004', 13, [`${earlyStalls} stalls before ${steadyEnd} ms (want 0), ${stalls} in all (want some)`]),
  );
  return { run, checks };
}

/** "3 kswapd_wake, 3 kswapd_sleep, …" */
function describe(/** @type {Record<string, number>} */ counts) {
  return (
    Object.entries(counts)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ') || 'none'
  );
}
