// @ts-check
/**
 * How fast the reference reclaim simulator (kata 13's ReclaimZone) reclaims under a steady allocation stream.
 *   node scripts/bench/reclaim.mjs [--runs 5] [--pages 1048576]
 * A 1 GiB zone (262144 pages; min 2048, low 2560, high 3072; kswapd scans up to 8192 pages a tick) is filled
 * with clean page cache, then a reader keeps adding 480 page-cache pages a tick — less than the 512 between
 * the watermarks, so kswapd keeps up and nothing stalls. One run goes on until PAGES more pages (1 M = 4 GiB)
 * were reclaimed. The floor, timed alternately in the same process: moving the same number of page objects
 * from one array to another — what any simulator must at least do with each page it reclaims. Reports pages
 * scanned and reclaimed per second, the time per run against the ≤ 1 s target, and the cost per reclaimed page
 * against the floor's; the runs' CPU time too, which a busy machine inflates less than the wall clock.
 */
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { alternate, cpuMsSince, loadLine, median, rate, runsOf } from './lib/measure.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, pages: { type: 'string', default: String(2 ** 20) } },
});
const RUNS = Math.max(3, Number(values.runs));
const PAGES = Number(values.pages);
const ZONE = { managedPages: 262144, watermarks: { min: 2048, low: 2560, high: 3072 }, kswapdBatch: 8192 };
const PER_TICK = 480;
const TARGET_MS = 1000;

const tree = await openTree('solutions');
const { ReclaimZone } = await tree.load('#kata/13-kswapd');
const zone = new ReclaimZone(ZONE);
// The page cache fills the zone down to just above high.
for (let i = 0; i < ZONE.managedPages - ZONE.watermarks.high - 1; i++) zone.allocate({ kind: 'file' });
const request = { kind: 'file' };
const reclaimed = () => zone.vmstat.pgsteal_kswapd + zone.vmstat.pgsteal_direct;
const scanned = () => zone.vmstat.pgscan_kswapd + zone.vmstat.pgscan_direct;

/** @type {{ scanned: number, reclaimed: number, ticks: number, cpuMs: number }[]} */
const work = [];
/** One run: the stream until PAGES more pages were reclaimed. */
function subject() {
  const cpu0 = process.cpuUsage();
  const [steal0, scan0] = [reclaimed(), scanned()];
  let ticks = 0;
  while (reclaimed() - steal0 < PAGES) {
    for (let i = 0; i < PER_TICK; i++) zone.allocate(request);
    zone.tick();
    ticks++;
  }
  work.push({
    scanned: scanned() - scan0,
    reclaimed: reclaimed() - steal0,
    ticks,
    cpuMs: cpuMsSince(cpu0),
  });
  return reclaimed() - steal0;
}

// The floor: PAGES page objects, each moved once from one array to the other.
let from = Array.from({ length: PAGES }, (_, id) => ({ id, lru: 'inactive_file' }));
let to = /** @type {typeof from} */ ([]);
function floor() {
  while (from.length > 0) to.push(/** @type {(typeof from)[0]} */ (from.pop()));
  [from, to] = [to, from];
  return PAGES;
}

try {
  const result = alternate({ subject, floor, runs: RUNS });
  const last = work.at(-1) ?? { scanned: 0, reclaimed: 0, ticks: 0 };
  const perSecond = (/** @type {number} */ n) => (n / result.subject.medianMs) * 1000;
  console.log(
    `a 1 GiB zone of page cache, ${PER_TICK} new pages a tick; a run reclaims ${PAGES} pages (${(PAGES * 4) / 2 ** 20} GiB): ` +
      `${last.ticks} ticks, ${last.scanned} pages scanned, ${zone.vmstat.allocstall_normal} allocation stalls in all`,
  );
  console.log(loadLine());
  console.log(
    `ReclaimZone (solutions): ${result.subject.medianMs.toFixed(0)} ms a run, median of ${RUNS} ${runsOf(result.subject)}`,
  );
  console.log(`  scanned ${rate(perSecond(last.scanned))}, reclaimed ${rate(perSecond(last.reclaimed))}`);
  console.log(
    `  ${result.subject.nsPerOp.toFixed(0)} ns per reclaimed page; floor (move a page object between two arrays) ` +
      `${result.floor.nsPerOp.toFixed(1)} ns ${runsOf(result.floor)}: ${result.ratio.toFixed(0)} × the floor`,
  );
  // CPU time counts what this process ran, not the time it waited for a core the other builds held
  const cpuMs = median(work.slice(1).map((w) => w.cpuMs));
  console.log(
    `  CPU time: ${cpuMs.toFixed(0)} ms a run, median (${work
      .slice(1)
      .map((w) => w.cpuMs.toFixed(0))
      .join(', ')} ms), ${((cpuMs * 1e6) / PAGES).toFixed(0)} ns per reclaimed page`,
  );
  console.log(
    `  target ≤ ${TARGET_MS} ms a run: ${result.subject.medianMs <= TARGET_MS ? 'met' : 'not met'} on the wall clock, ` +
      `${cpuMs <= TARGET_MS ? 'met' : 'not met'} in CPU time (judge by the ratio on a busy machine)`,
  );
} finally {
  await tree.close();
}
