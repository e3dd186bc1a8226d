// @ts-check
/**
 * Benchmarks the learner's loop (docs/performance.md):
 *   1. `npm run kata 1`, process start to verdict, against a bare `npx vitest run --project katas spec/01-…`,
 *      run alternately, median of RUNS each;
 *   2. watch mode: time from saving a kata file to the next verdict, median of RUNS saves.
 *   node scripts/bench/runner.mjs [--runs 7]
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../lib/cli.mjs';
import { repoRoot } from '../lib/paths.mjs';

const { flags } = parseArgs(process.argv.slice(2), ['runs']);
const RUNS = Number(flags.runs ?? 7);
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = (/** @type {string} */ cmd, /** @type {string[]} */ args) => {
  const t0 = performance.now();
  spawnSync(cmd, args, { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return performance.now() - t0;
};

/** @type {number[]} */
const ours = [];
/** @type {number[]} */
const bare = [];
time('npm', ['run', 'kata', '1']); // warm the file cache once
for (let i = 0; i < RUNS; i++) {
  ours.push(time('npm', ['run', 'kata', '1']));
  bare.push(time('npx', ['vitest', 'run', '--project', 'katas', 'spec/01-pages-and-units']));
}
console.log(
  `npm run kata 1:                                       median ${median(ours).toFixed(0)} ms  (${ours.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(
  `npx vitest run --project katas spec/01-pages-and-units: median ${median(bare).toFixed(0)} ms  (${bare.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(`ratio: ${(median(ours) / median(bare)).toFixed(2)}× (target ≤ 1.1×)`);

// Watch mode: save → verdict.
const file = join(repoRoot, 'katas/01-pages-and-units/hex.ts');
const original = readFileSync(file, 'utf8');
const child = spawn(process.execPath, ['scripts/kata.mjs', '1', '--watch'], {
  cwd: repoRoot,
  env: { ...process.env, NO_COLOR: '1' },
});
let verdicts = 0;
/** @type {(() => void) | undefined} */
let onVerdict;
child.stdout.on('data', (d) => {
  const n = String(d).split('Kata 1 · pages and units').length - 1;
  if (n > 0) {
    verdicts += n;
    onVerdict?.();
  }
});
const nextVerdict = () => new Promise((resolve) => (onVerdict = () => resolve(undefined)));
/** @type {number[]} */
const reruns = [];
try {
  if (verdicts === 0) await nextVerdict();
  for (let i = 0; i < RUNS; i++) {
    await new Promise((r) => setTimeout(r, 700)); // let the type-check of the previous run finish
    const waiting = nextVerdict();
    const t0 = performance.now();
    appendFileSync(file, `// save ${i}\n`);
    await waiting;
    reruns.push(performance.now() - t0);
  }
} finally {
  writeFileSync(file, original);
  child.kill('SIGINT');
}
console.log(
  `watch: save → verdict:                                 median ${median(reruns).toFixed(0)} ms  (${reruns.map((x) => x.toFixed(0)).join(', ')})  (target ≤ 300 ms)`,
);
process.exit(0);
