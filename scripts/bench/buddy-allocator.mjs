#!/usr/bin/env node
// @ts-check
/**
 * How fast the reference BuddyAllocator (kata 07) is, on a 4 GiB zone (1,048,576 pages), and how much
 * memory its bookkeeping takes.
 *
 *   node scripts/bench/buddy-allocator.mjs [--runs 7] [--ops 1000000]
 *
 * Three workloads, each timed against a floor in the same run, alternating (scripts/bench/lib/measure.mjs):
 * - "order-0 pairs, half full": half the zone is held as single pages; each pair allocates one page and
 *   frees a randomly chosen held one. Floor: a bare array stack of free PFNs (what a per-CPU page list
 *   does: pop, push, no splitting, no merging, no checks).
 * - "order-0 pairs, idle zone": alloc(0) then free() of the same page on a free zone, the worst case:
 *   ten splits of an order-10 block and ten merges back, every time. Same floor.
 * - "mixed orders 0-10": a random sequence of allocations (order uniform in 0..10) and frees of a random
 *   held block, keeping at most half the zone allocated. Floor: one bare stack per order.
 * The random choices are made up front (xorshift32, fixed seed), so the subject and the floor do the same.
 * Bookkeeping: the bytes the allocator's typed arrays and objects take per page of zone, measured as the
 * growth of the heap and of the array buffers while one is built, after garbage collection.
 * Besides the wall-clock times of measure.mjs, each run's CPU time (process.cpuUsage) is printed: on a
 * machine shared with other busy processes it says what the work cost when it did run.
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openTree } from '../lib/load-kata.mjs';
import { alternate, loadLine, median, rate, runsOf } from './lib/measure.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, ops: { type: 'string', default: '1000000' } },
});
const RUNS = Math.max(3, Number(values.runs));
const OPS = Number(values.ops);
const ZONE_PAGES = 1 << 20; // 4 GiB of 4 KiB pages
const MAX_ORDER = 10;

/** CPU time of this process so far, in ms. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Runs `alternate` and records the CPU time of every timed run as well.
 * @param {{ subject: () => number, floor: () => number }} pair
 */
function measure({ subject, floor }) {
  /** @type {{ subject: number[], floor: number[] }} */
  const cpu = { subject: [], floor: [] };
  const timed = (/** @type {() => number} */ fn, /** @type {number[]} */ into) => () => {
    const start = cpuMs();
    const ops = fn();
    into.push(cpuMs() - start);
    return ops;
  };
  const result = alternate({ runs: RUNS, subject: timed(subject, cpu.subject), floor: timed(floor, cpu.floor) });
  // The first entry of each is the warm-up, which alternate() does not time.
  return { ...result, cpu: { subject: median(cpu.subject.slice(1)), floor: median(cpu.floor.slice(1)) } };
}

/** xorshift32: the same "random" numbers on every machine. */
function random(seed = 2463534242) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const tree = await openTree('solutions');
const { BuddyAllocator } = await tree.load('#kata/07-buddy-allocator');
/** @typedef {{ alloc(order: number): number | null, free(pfn: number, order: number): void, freePages(): number }} Allocator */
const newZone = () => /** @type {Allocator} */ (new BuddyAllocator({ pages: ZONE_PAGES }));

// ── order-0 pairs, half full ─────────────────────────────────────────────────────────────────────────────
function halfFull() {
  const rand = random(1);
  const victims = Int32Array.from({ length: OPS }, () => Math.floor(rand() * (ZONE_PAGES / 2)));
  const zone = newZone();
  const held = new Int32Array(ZONE_PAGES / 2);
  for (let i = 0; i < held.length; i++) held[i] = /** @type {number} */ (zone.alloc(0));
  shuffle(held, random(2)); // free in no particular order, so the free pages end up scattered
  // The floor: a stack of the other half's PFNs, and the same held array's shape.
  const stack = new Int32Array(ZONE_PAGES);
  let top = 0;
  for (let pfn = ZONE_PAGES / 2; pfn < ZONE_PAGES; pfn++) stack[top++] = pfn;
  const floorHeld = held.slice();
  return measure({
    subject: () => {
      for (let i = 0; i < OPS; i++) {
        const pfn = /** @type {number} */ (zone.alloc(0));
        const v = /** @type {number} */ (victims[i]);
        zone.free(/** @type {number} */ (held[v]), 0);
        held[v] = pfn;
      }
      return OPS;
    },
    floor: () => {
      for (let i = 0; i < OPS; i++) {
        const pfn = /** @type {number} */ (stack[--top]);
        const v = /** @type {number} */ (victims[i]);
        stack[top++] = /** @type {number} */ (floorHeld[v]);
        floorHeld[v] = pfn;
      }
      return OPS;
    },
  });
}

// ── order-0 pairs, idle zone ─────────────────────────────────────────────────────────────────────────────
function idlePairs() {
  const zone = newZone();
  const stack = Int32Array.from({ length: ZONE_PAGES }, (_, i) => ZONE_PAGES - 1 - i);
  let top = ZONE_PAGES;
  const n = Math.floor(OPS / 4);
  return measure({
    subject: () => {
      for (let i = 0; i < n; i++) zone.free(/** @type {number} */ (zone.alloc(0)), 0);
      return n;
    },
    floor: () => {
      for (let i = 0; i < n; i++) {
        const pfn = /** @type {number} */ (stack[--top]);
        stack[top++] = pfn;
      }
      return n;
    },
  });
}

// ── mixed orders 0-10 ────────────────────────────────────────────────────────────────────────────────────
/** The floor of the mixed workload: one bare stack of made-up block numbers per order, deep enough. */
class Stacks {
  constructor() {
    this.pfns = Array.from({ length: MAX_ORDER + 1 }, (_, order) =>
      Int32Array.from({ length: ZONE_PAGES >> order }, (_, i) => i << order),
    );
    this.tops = Int32Array.from(this.pfns, (stack) => stack.length);
  }

  /** @param {number} order */
  alloc(order) {
    const top = /** @type {number} */ (this.tops[order]);
    if (top === 0) return null;
    this.tops[order] = top - 1;
    return /** @type {number} */ (/** @type {Int32Array} */ (this.pfns[order])[top - 1]);
  }

  /** @param {number} pfn @param {number} order */
  free(pfn, order) {
    const top = /** @type {number} */ (this.tops[order]);
    /** @type {Int32Array} */ (this.pfns[order])[top] = pfn;
    this.tops[order] = top + 1;
  }
}

function mixed() {
  const rand = random(3);
  // Each operation: an order to allocate (0..10), or -1: free the held block at index ⌊pick × held⌋.
  const orders = Int8Array.from({ length: OPS }, () => (rand() < 0.5 ? Math.floor(rand() * (MAX_ORDER + 1)) : -1));
  const picks = Float64Array.from({ length: OPS }, () => rand());
  /** The blocks a run holds. */
  const held = () => ({ pfns: new Int32Array(ZONE_PAGES), orders: new Int8Array(ZONE_PAGES), count: 0, pages: 0 });
  /**
   * One run of the sequence. Allocations that would hold more than half the zone become frees.
   * @param {{ alloc(order: number): number | null, free(pfn: number, order: number): void }} zone
   * @param {ReturnType<typeof held>} h
   */
  const run = (zone, h) => {
    for (let i = 0; i < OPS; i++) {
      let order = /** @type {number} */ (orders[i]);
      if (order >= 0 && h.pages + (1 << order) > ZONE_PAGES / 2) order = -1;
      if (order >= 0) {
        const pfn = zone.alloc(order);
        if (pfn === null) continue;
        h.pfns[h.count] = pfn;
        h.orders[h.count++] = order;
        h.pages += 1 << order;
      } else if (h.count > 0) {
        const at = Math.floor(/** @type {number} */ (picks[i]) * h.count);
        const heldOrder = /** @type {number} */ (h.orders[at]);
        zone.free(/** @type {number} */ (h.pfns[at]), heldOrder);
        h.pages -= 1 << heldOrder;
        h.count--;
        h.pfns[at] = /** @type {number} */ (h.pfns[h.count]);
        h.orders[at] = /** @type {number} */ (h.orders[h.count]);
      }
    }
    return OPS;
  };
  const zone = newZone();
  const zoneHeld = held();
  const stacks = new Stacks();
  const stacksHeld = held();
  return measure({ subject: () => run(zone, zoneHeld), floor: () => run(stacks, stacksHeld) });
}

// ── bookkeeping ──────────────────────────────────────────────────────────────────────────────────────────
function bookkeeping() {
  setFlagsFromString('--expose-gc');
  const gc = /** @type {() => void} */ (runInNewContext('gc'));
  newZone(); // load and compile first
  gc();
  gc();
  const before = process.memoryUsage();
  const zones = Array.from({ length: 4 }, newZone);
  gc();
  gc();
  const after = process.memoryUsage();
  if (zones.some((zone) => zone.freePages() !== ZONE_PAGES)) throw new Error('a zone is not free after construction');
  // Typed arrays live outside the JavaScript heap (arrayBuffers); the objects around them inside it.
  return (after.arrayBuffers - before.arrayBuffers + Math.max(0, after.heapUsed - before.heapUsed)) / zones.length;
}

/** Fisher–Yates with our generator. @param {Int32Array} array @param {() => number} rand */
function shuffle(array, rand) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = /** @type {number} */ (array[i]);
    array[i] = /** @type {number} */ (array[j]);
    array[j] = t;
  }
}

/** @param {string} title @param {string} unit @param {ReturnType<typeof measure>} result */
function report(title, unit, result) {
  console.log(`${title}:`);
  const line = (/** @type {import('./lib/measure.mjs').Sample} */ s) =>
    `${rate(s.opsPerSecond).replace('/s', ` ${unit}/s`)}, ${s.nsPerOp.toFixed(1)} ns each ${runsOf(s)}`;
  console.log(`  BuddyAllocator ${line(result.subject)}`);
  console.log(`  floor          ${line(result.floor)}`);
  console.log(`  ratio          ${result.ratio.toFixed(1)}× the floor's time`);
  const ops = result.subject.ops;
  const cpuRate = (/** @type {number} */ ms) =>
    `${rate((ops / ms) * 1000).replace('/s', ` ${unit}/s`)}, ${((ms * 1e6) / ops).toFixed(1)} ns each`;
  console.log(`  CPU time       BuddyAllocator ${cpuRate(result.cpu.subject)}; floor ${cpuRate(result.cpu.floor)}`);
}

console.log(`BuddyAllocator on a zone of ${ZONE_PAGES} pages (4 GiB); ${RUNS} runs each, alternating with the floor`);
const bytes = bookkeeping();
console.log(
  `bookkeeping: ${(bytes / ZONE_PAGES).toFixed(3)} bytes per page (${Math.round(bytes)} bytes per zone, 4 zones built)`,
);
report(`order-0 alloc+free pairs, half the zone held (${OPS} pairs a run)`, 'pairs', halfFull());
report(`order-0 alloc+free pairs, idle zone (${Math.floor(OPS / 4)} pairs a run)`, 'pairs', idlePairs());
report(`mixed orders 0-10, at most half held (${OPS} ops a run)`, 'ops', mixed());
console.log(loadLine());
