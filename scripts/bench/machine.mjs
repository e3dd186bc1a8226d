#!/usr/bin/env node
// @ts-check
/**
 * How fast the reference machine (kata 16) replays seed 004's swap_test.py at full size: 1 GiB of RAM, a
 * 2 GiB swap file, python3 writing 1024 × (2 MiB + 4 KiB) = 525312 pages, 24 a tick, with kswapd, direct
 * reclaim and ~285 k swap-outs — and the same without swap, until the OOM killer.
 *
 *   node scripts/bench/machine.mjs [--runs 3] [--scale 1]     (--scale 4: a quarter of every size)
 *
 * The floor, timed alternately in the same process: the same number of first-touch write faults on a bare
 * kata 10 AddressSpace with a plain frame stack large enough for all of them (no zone, no reclaim, no swap) —
 * what the machine does for every page at the very least. Reports wall and CPU time per run (the machine is
 * shared: CPU time is what this process got), simulated pages per second, the ratio to the floor, the load.
 * Targets (docs/performance.md): swap_test ≤ 2 s, no swap until the kill ≤ 1 s.
 */
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { alternate, cpuMsSince, loadLine, rate, runsOf } from './lib/measure.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, scale: { type: 'string', default: '1' } },
});
const RUNS = Math.max(1, Number(values.runs));
const SCALE = Math.max(1, Number(values.scale));

const tree = await openTree('solutions');
const { Machine, SCENARIOS } = await tree.load('#kata/16-machine');
const { AddressSpace } = await tree.load('#kata/10-demand-paging');
const scenario = SCENARIOS['swap-test'];
// --scale divides every size that sets the story's proportions (RAM, swap, the kernel image, min_free_kbytes,
// the hog, the shell, the libraries), as the specs do
const machine = {
  ...scenario.machine,
  memoryKb: scenario.machine.memoryKb / SCALE,
  swapKb: scenario.machine.swapKb / SCALE,
  ...(SCALE > 1 && { kernelKb: Math.round(32954 / SCALE), minFreeKbytes: Math.round(22528 / SCALE) }),
};
const o = scenario.options;
const options = { ...o, hogKb: o.hogKb / SCALE, shellKb: o.shellKb / SCALE, libsKb: o.libsKb / SCALE };

/**
 * One benchmark: the scenario on a machine built from `config`, against the floor of as many faults.
 * @param {string} title
 * @param {object} config
 * @param {(result: any, m: any) => void} check  throws when the run did not do what it should
 * @param {number} targetMs
 */
function bench(title, config, check, targetMs) {
  /** @type {number[]} */
  const cpuSubject = [];
  /** @type {number[]} */
  const cpuFloor = [];
  let written = 0;
  let swapped = 0;
  let ticks = 0;
  const subject = () => {
    const c0 = process.cpuUsage();
    const m = new Machine(config);
    const result = scenario.run(m, options);
    cpuSubject.push(cpuMsSince(c0));
    check(result, m);
    written = result.written;
    swapped = m.vmstat().pswpout;
    ticks = m.time;
    return written;
  };
  const floor = () => {
    const c0 = process.cpuUsage();
    let next = 0x100000;
    const frames = { allocFrame: () => next++, freeFrame: () => {} };
    const space = new AddressSpace({ frames });
    const base = space.mmap(written * 4096, { prot: 'rw-' });
    for (let i = 0; i < written; i++) space.access(base + BigInt(i) * 4096n, 'write');
    cpuFloor.push(cpuMsSince(c0));
    return written;
  };
  subject(); // learn how many pages the run writes, before the floor's first run
  const r = alternate({ subject, floor, runs: RUNS });
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const cpuS = median(cpuSubject.slice(-RUNS));
  const cpuF = median(cpuFloor.slice(-RUNS));
  console.log(`${title}: ${written} pages written, ${swapped} swapped out, ${ticks} ticks simulated`);
  console.log(
    `  machine: ${(r.subject.medianMs / 1000).toFixed(2)} s wall ${runsOf(r.subject)}, ${(cpuS / 1000).toFixed(2)} s CPU` +
      ` → ${rate(r.subject.opsPerSecond)} pages wall, ${rate((written / cpuS) * 1000)} pages CPU` +
      ` (target ≤ ${(targetMs / 1000).toFixed(1)} s: ${r.subject.medianMs <= targetMs ? 'met' : 'not met'} wall, ${cpuS <= targetMs ? 'met' : 'not met'} CPU)`,
  );
  console.log(
    `  floor (bare kata 10 faults): ${(r.floor.medianMs / 1000).toFixed(2)} s wall ${runsOf(r.floor)}, ${(cpuF / 1000).toFixed(2)} s CPU` +
      ` → ${rate(r.floor.opsPerSecond)} pages wall`,
  );
  console.log(`  ratio machine / floor: ${r.ratio.toFixed(2)} wall, ${(cpuS / cpuF).toFixed(2)} CPU`);
}

console.log(
  `seed 004's swap_test.py on the reference machine${SCALE > 1 ? ` (every size / ${SCALE})` : ''}, ${RUNS} runs each`,
);
console.log(loadLine());
bench(
  `with ${machine.swapKb / 1024} MiB of swap`,
  machine,
  (result) => {
    if (!result.completed) throw new Error('the hog was killed: the run did not replay seed 004');
  },
  2000 / SCALE,
);
bench(
  'without swap, until the OOM kill',
  { ...machine, swapKb: 0 },
  (result, m) => {
    if (!result.killed || m.counters.oom_kill !== 1) throw new Error('the hog was not killed');
  },
  1000 / SCALE,
);
console.log(loadLine());
