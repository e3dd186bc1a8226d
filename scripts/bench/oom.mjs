#!/usr/bin/env node
// @ts-check
/**
 * How long the reference selectVictim (kata 15) takes to choose among 10,000 tasks; the budget is 5 ms.
 *   node scripts/bench/oom.mjs [--tasks 10000] [--runs 9] [--repeat 50]
 * The tasks are the processes of a real snapshot (spec/fixtures/oom/oom-scores-2026-12-01.tsv: sizes,
 * page tables, oom_score_adj, kernel threads, pid 1), repeated with new pids until there are --tasks of them.
 * The floor, measured in the same run and alternating with the subject, is a plain max-scan of the same
 * array (the largest rssPages, no badness): what any selection must at least cost. Each timed unit is
 * --repeat selections; the figures are per selection. Exit code 1 when the median is over budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { alternate, loadLine } from './lib/measure.mjs';

const BUDGET_MS = 5;
const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '9' },
    repeat: { type: 'string', default: '50' },
  },
});
const TASKS = Number(values.tasks);
const RUNS = Math.max(5, Number(values.runs));
const REPEAT = Math.max(1, Number(values.repeat));

const tsv = readFileSync(join(repoRoot, 'spec/fixtures/oom/oom-scores-2026-12-01.tsv'), 'utf8');
const memTotalKb = Number(/MemTotal (\d+) kB/.exec(tsv)?.[1]);
const kb = (/** @type {string | undefined} */ v) => (v === '-' || v === undefined ? 0 : Number(v));
const real = tsv
  .split('\n')
  .filter((line) => /^\d/.test(line))
  .map((line) => {
    const [pid, , kthread, anon, file, shmem, swap, pte, adj, , name] = line.split('\t');
    return {
      pid: Number(pid),
      name: name ?? '',
      rssPages: (kb(anon) + kb(file) + kb(shmem)) / 4,
      swapPages: kb(swap) / 4,
      pgtablesBytes: kb(pte) * 1024,
      oomScoreAdj: Number(adj),
      kernelThread: kthread === '1',
    };
  });
// Copies after the first keep every field but the pid (pid 1 stays unique: only the real one is init).
const tasks = Array.from({ length: TASKS }, (_, i) => {
  const t = /** @type {(typeof real)[number]} */ (real[i % real.length]);
  return { ...t, pid: i < real.length ? t.pid : 100000 + i };
});

const tree = await openTree('solutions');
const { selectVictim, totalPages } = await tree.load('#kata/15-oom-killer');
const total = totalPages({ memTotalKb, swapTotalKb: 0 });

let sink = 0; // keeps the results alive, so the work cannot be optimised away
const result = alternate({
  runs: RUNS,
  subject: () => {
    for (let r = 0; r < REPEAT; r++) sink += selectVictim(tasks, total)?.pid ?? 0;
    return REPEAT;
  },
  floor: () => {
    for (let r = 0; r < REPEAT; r++) {
      let best = -1;
      let chosen = 0;
      for (const t of tasks) {
        if (t.rssPages >= best) {
          best = t.rssPages;
          chosen = t.pid;
        }
      }
      sink += chosen;
    }
    return REPEAT;
  },
});

const perSelection = (/** @type {number} */ ms) => ms / REPEAT;
const subjectMs = perSelection(result.subject.medianMs);
const floorMs = perSelection(result.floor.medianMs);
const runs = (/** @type {number[]} */ xs) => `(${xs.map((x) => perSelection(x).toFixed(3)).join(', ')} ms)`;
console.log(`selectVictim over ${TASKS} tasks (${real.length} real processes repeated), totalpages ${total}`);
console.log(`  reference  ${subjectMs.toFixed(3)} ms per selection, median of ${RUNS} ${runs(result.subject.runsMs)}`);
console.log(`  floor      ${floorMs.toFixed(3)} ms per max-scan of the same array ${runs(result.floor.runsMs)}`);
console.log(
  `  ratio      ${result.ratio.toFixed(1)} × the floor; budget ${BUDGET_MS} ms: ${subjectMs <= BUDGET_MS ? 'met' : 'MISSED'}`,
);
console.log(`  ${loadLine()}`);
if (sink === -1) console.log(sink);
process.exitCode = subjectMs <= BUDGET_MS ? 0 : 1;
