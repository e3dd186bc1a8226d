// @ts-check
/**
 * Kata 9's reference PageTable against a plain Map, in the same run, alternating (docs/performance.md).
 *   node scripts/bench/page-table.mjs [--runs 7]
 *
 * 1. translate: 1 GiB mapped in 4 KiB pages (262,144 PTEs), warm; 2^16 random addresses (random page, random
 *    offset) translated 16 times per run: bigint in, { kind, pa: bigint, pageSize } out. The floor is a
 *    Map<bigint, bigint> from page address to physical page address, looked up with the same addresses and
 *    the offset added back (bigint in, bigint out). Target: ≥ 15 M translations/s.
 * 2. map: 4 GiB in 4 KiB pages (1,048,576 maps) into a new table; the floor is the same pages set into a new
 *    Map<bigint, bigint>. Target: ≤ 0.5 s, with exactly the table pages the kernel would count:
 *    VmPTE = 4 kB × (2048 PTE + 4 PMD + 1 PUD tables) = 8212 kB.
 */
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { alternate, cpuMsSince, loadLine, median, rate, runsOf } from './lib/measure.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(5, Number(values.runs));
const BASE = 0x7f0000000000n; // 512 GiB aligned: one PUD table holds it all
const PAGE = 0x1000n;
const GiB_PAGES = 262144;

const tree = await openTree('solutions');
const { PageTable } = await tree.load('#kata/09-page-table');

/** A FrameAllocator that counts up: frames are not the subject here. */
function frames() {
  let next = 0x100000;
  return { allocFrame: () => next++, freeFrame: () => {} };
}

// 1. translate on a warm 1 GiB table.
const table = new PageTable(frames());
const pageMap = new Map();
for (let i = 0; i < GiB_PAGES; i++) {
  const va = BASE + BigInt(i) * PAGE;
  table.map(va, 0x200000 + i);
  pageMap.set(va, BigInt(0x200000 + i) * PAGE);
}
let seed = 12345;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed;
};
const addresses = Array.from(
  { length: 1 << 16 },
  () => BASE + BigInt(random() % GiB_PAGES) * PAGE + BigInt(random() & 0xfff),
);
const REPEAT = 16;
let sink = 0n;

/**
 * `unit`, recording its CPU time (cpuMsSince) in `into` beside the wall time `alternate` takes.
 * @param {number[]} into
 * @param {() => number} unit
 */
const cpuTimed = (into, unit) => () => {
  const before = process.cpuUsage();
  const ops = unit();
  into.push(cpuMsSince(before));
  return ops;
};
/** @type {{ translate: number[], translateFloor: number[], map: number[], mapFloor: number[] }} */
const cpu = { translate: [], translateFloor: [], map: [], mapFloor: [] };
const cpuRate = (/** @type {number[]} */ ms, /** @type {number} */ ops) => rate((ops / median(ms.slice(1))) * 1000);

const lookups = alternate({
  runs: RUNS,
  subject: cpuTimed(cpu.translate, () => {
    for (let r = 0; r < REPEAT; r++) {
      for (const va of addresses) {
        const t = table.translate(va);
        if (t.kind === 'ok') sink ^= t.pa;
      }
    }
    return addresses.length * REPEAT;
  }),
  floor: cpuTimed(cpu.translateFloor, () => {
    for (let r = 0; r < REPEAT; r++) {
      for (const va of addresses) {
        const offset = va & 0xfffn;
        sink ^= pageMap.get(va - offset) + offset;
      }
    }
    return addresses.length * REPEAT;
  }),
});
// Every translation must have been right: check a sample against the Map.
for (const va of addresses.slice(0, 1000)) {
  const t = table.translate(va);
  if (t.kind !== 'ok' || t.pa !== pageMap.get(va - (va & 0xfffn)) + (va & 0xfffn))
    throw new Error(`wrong translation of ${va}`);
}

// 2. map 4 GiB of 4 KiB pages into a new table.
const PAGES_4G = 4 * GiB_PAGES;
/** @type {any} */
let last;
const mapping = alternate({
  runs: Math.max(5, Math.min(RUNS, 5)),
  subject: cpuTimed(cpu.map, () => {
    last = new PageTable(frames());
    for (let i = 0; i < PAGES_4G; i++) last.map(BASE + BigInt(i) * PAGE, i);
    return PAGES_4G;
  }),
  floor: cpuTimed(cpu.mapFloor, () => {
    const map = new Map();
    for (let i = 0; i < PAGES_4G; i++) map.set(BASE + BigInt(i) * PAGE, BigInt(i) * PAGE);
    return PAGES_4G;
  }),
});
const count = last.tableCount();
const vmPte = last.vmPteKb();
const expected = 4 * (2048 + 4 + 1);

console.log(`translate, 1 GiB of 4 KiB pages, random addresses (${addresses.length} × ${REPEAT} per run):`);
console.log(`  reference  ${rate(lookups.subject.opsPerSecond)} ${runsOf(lookups.subject)}   target ≥ 15 M/s`);
console.log(`  Map floor  ${rate(lookups.floor.opsPerSecond)} ${runsOf(lookups.floor)}`);
console.log(`  ratio      ${lookups.ratio.toFixed(2)} × the floor's time per lookup`);
const ops = addresses.length * REPEAT;
console.log(
  `  CPU time   reference ${cpuRate(cpu.translate, ops)}, floor ${cpuRate(cpu.translateFloor, ops)} (this process's CPU time, median)`,
);
console.log(`map 4 GiB of 4 KiB pages (${PAGES_4G} maps):`);
console.log(`  reference  ${mapping.subject.medianMs.toFixed(0)} ms ${runsOf(mapping.subject)}   target ≤ 500 ms`);
console.log(`  Map floor  ${mapping.floor.medianMs.toFixed(0)} ms ${runsOf(mapping.floor)}`);
console.log(`  ratio      ${mapping.ratio.toFixed(2)}`);
const cpuMs = (/** @type {number[]} */ ms) => median(ms.slice(1)).toFixed(0);
console.log(
  `  CPU time   reference ${cpuMs(cpu.map)} ms, floor ${cpuMs(cpu.mapFloor)} ms (this process's CPU time, median)`,
);
console.log(`  tables     ${JSON.stringify(count)} → VmPTE ${vmPte} kB (the kernel's count: ${expected} kB)`);
console.log(loadLine());
if (vmPte !== expected || sink === -1n) {
  console.error(`VmPTE ${vmPte} kB is not the kernel's ${expected} kB`);
  process.exitCode = 1;
}
