// @ts-check
/**
 * What every benchmark shares. These machines are shared and noisy (30 % run to run), so a benchmark never
 * reports a figure alone: it measures, in the same run, a floor or a peer, alternating the two, and reports
 * the ratio beside the absolute numbers (docs/performance.md).
 */
import { availableParallelism, loadavg } from 'node:os';

/**
 * The CPU milliseconds this process (all of its threads) used since `before`, a process.cpuUsage() reading. On
 * a shared machine wall time mostly measures how often the others let a benchmark run; CPU time stays nearer
 * what an idle machine gives, so the benchmarks print both.
 * @param {NodeJS.CpuUsage} before
 */
export function cpuMsSince(before) {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

/** @param {number[]} xs */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Runs `subject` and `floor` alternately, `runs` times each after one warm-up of each.
 * Each function does one timed unit of work and returns how many operations it did (for a rate).
 * @param {{ subject: () => number, floor: () => number, runs?: number }} options
 * @returns {{ subject: Sample, floor: Sample, ratio: number }}  ratio = subject time / floor time (per operation)
 */
export function alternate({ subject, floor, runs = 7 }) {
  subject();
  floor();
  /** @type {number[]} */
  const a = [];
  /** @type {number[]} */
  const b = [];
  let opsA = 0;
  let opsB = 0;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    opsA = subject();
    a.push(performance.now() - t0);
    t0 = performance.now();
    opsB = floor();
    b.push(performance.now() - t0);
  }
  const sa = sample(a, opsA);
  const sb = sample(b, opsB);
  return { subject: sa, floor: sb, ratio: sa.nsPerOp / sb.nsPerOp };
}

/**
 * @typedef {object} Sample
 * @property {number} medianMs     median time of one run
 * @property {number[]} runsMs     every run, in order
 * @property {number} ops          operations per run
 * @property {number} opsPerSecond from the median
 * @property {number} nsPerOp      from the median
 */

/**
 * @param {number[]} runsMs
 * @param {number} ops
 * @returns {Sample}
 */
export function sample(runsMs, ops) {
  const m = median(runsMs);
  return { medianMs: m, runsMs, ops, opsPerSecond: (ops / m) * 1000, nsPerOp: (m * 1e6) / ops };
}

/** "12.3 M/s" */
export function rate(/** @type {number} */ perSecond) {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** The runs of a sample, for the record: "(812, 790, 845)". */
export function runsOf(/** @type {Sample} */ s) {
  return `(${s.runsMs.map((x) => x.toFixed(0)).join(', ')} ms)`;
}

/** A line that says how busy the machine was while the benchmark ran. */
export function loadLine() {
  const [one, five] = loadavg();
  return `load average ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min) on ${availableParallelism()} cores`;
}
