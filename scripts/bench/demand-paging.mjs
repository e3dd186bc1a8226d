#!/usr/bin/env node
// @ts-check
/**
 * How fast the reference AddressSpace (kata 10) resolves first-touch faults: mmap a region, write one byte
 * in each of its pages, every write a minor fault that takes a frame and maps it (kata 9's page table).
 *
 *   node scripts/bench/demand-paging.mjs [--pages 65536] [--runs 7]
 *
 * The floor, measured in the same run and alternating with it: the same number of frame allocations from
 * the same allocator, each stored in a Map under its page's bigint address — the least any simulation of
 * "a page gets a frame" does. Each run builds its address space (or Map) before the clock starts and tears
 * it down after it stops, so only the faults (or the inserts) are timed. Target (docs/performance.md):
 * ≥ 2 M faults/s on the reference. For the record it also times kata 9's `map` of as many pages alone (the
 * page table's share of a fault), in the same alternation.
 */
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { cpuMsSince, loadLine, median, rate, runsOf, sample } from './lib/measure.mjs';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '65536' }, runs: { type: 'string', default: '7' } },
});
const PAGES = Number(values.pages);
const RUNS = Math.max(5, Number(values.runs));

/** Frames from 0x100000 up, freed ones reused first: what both sides allocate from. */
function frames() {
  let next = 0x100000;
  /** @type {number[]} */
  const free = [];
  return {
    allocFrame: () => free.pop() ?? next++,
    /** @param {number} pfn */
    freeFrame: (pfn) => {
      free.push(pfn);
    },
  };
}

const tree = await openTree('solutions');
const { AddressSpace } = await tree.load('#kata/10-demand-paging');
const { PageTable } = await tree.load('#kata/09-page-table');

/** The CPU time of each timed unit (cpuMsSince), beside its wall time. @type {{ faults: number[], floor: number[], maps: number[] }} */
const cpu = { faults: [], floor: [], maps: [] };

/** One run of the subject: setup, then the timed faults, then teardown. Returns the milliseconds. */
function faults() {
  const space = new AddressSpace({ frames: frames() });
  const base = space.mmap(PAGES * 4096, { prot: 'rw-' });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < PAGES; i++) space.access(base + BigInt(i) * 4096n, 'write');
  const ms = performance.now() - t0;
  cpu.faults.push(cpuMsSince(c0));
  const stats = space.stats();
  if (stats.minorFaults !== PAGES || stats.rssKb !== PAGES * 4)
    throw new Error(`wrong result: ${JSON.stringify(stats)}`);
  space.exit();
  return ms;
}

/** One run of the floor: the same allocations, each inserted in a Map by its page address. */
function floor() {
  const allocator = frames();
  const pages = new Map();
  const base = 0x7fff00000000n;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < PAGES; i++) pages.set(base + BigInt(i) * 4096n, allocator.allocFrame());
  const ms = performance.now() - t0;
  cpu.floor.push(cpuMsSince(c0));
  if (pages.size !== PAGES) throw new Error('wrong floor');
  return ms;
}

/**
 * For the record, not the ratio: kata 9's map of the same pages with nothing else (the share of a fault that
 * is the page table's).
 */
function mapsOnly() {
  const allocator = frames();
  const table = new PageTable(allocator);
  const base = 0x7fff00000000n;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < PAGES; i++) table.map(base + BigInt(i) * 4096n, 0x800000 + i, { write: true });
  const ms = performance.now() - t0;
  cpu.maps.push(cpuMsSince(c0));
  table.destroy();
  return ms;
}

faults();
floor();
mapsOnly();
cpu.faults.length = cpu.floor.length = cpu.maps.length = 0; // the warm-up runs are not counted
/** @type {number[]} */
const a = [];
/** @type {number[]} */
const b = [];
/** @type {number[]} */
const c = [];
for (let run = 0; run < RUNS; run++) {
  a.push(faults());
  b.push(floor());
  c.push(mapsOnly());
}
const subject = sample(a, PAGES);
const base = sample(b, PAGES);
const maps = sample(c, PAGES);
console.log(`first-touch faults (reference kata 10 on kata 9), ${PAGES} pages of 4 KiB per run:`);
console.log(`  faults:  ${rate(subject.opsPerSecond)} (${subject.nsPerOp.toFixed(0)} ns/fault) ${runsOf(subject)}`);
console.log(`  floor:   ${rate(base.opsPerSecond)} (${base.nsPerOp.toFixed(0)} ns/insert) ${runsOf(base)}`);
console.log(
  `  ratio:   ${(subject.nsPerOp / base.nsPerOp).toFixed(1)} × the floor (median of ${RUNS} alternating runs)`,
);
console.log(
  `  kata 9's map alone: ${rate(maps.opsPerSecond)} (${maps.nsPerOp.toFixed(0)} ns/page, ${((maps.nsPerOp / subject.nsPerOp) * 100).toFixed(0)} % of a fault)`,
);
const cpuSubject = sample(cpu.faults, PAGES);
const cpuFloor = sample(cpu.floor, PAGES);
const cpuMaps = sample(cpu.maps, PAGES);
console.log(
  `  CPU time: faults ${rate(cpuSubject.opsPerSecond)} (${cpuSubject.nsPerOp.toFixed(0)} ns/fault), floor ${rate(cpuFloor.opsPerSecond)}, kata 9's map alone ${rate(cpuMaps.opsPerSecond)} (this process's CPU time, median)`,
);
console.log(`  ${loadLine()}`);
console.log(
  `  target:  ≥ 2 M faults/s — ${subject.opsPerSecond >= 2e6 ? 'met' : 'not met'} in this run (median ${median(a).toFixed(0)} ms)`,
);
