// @ts-check
/**
 * Benchmarks the learner's loop (docs/performance.md):
 *   1. `npm run kata 1`, process start to verdict, against a bare `npx vitest run --project katas spec/01-…`,
 *      run alternately, median of RUNS each;
 *   2. watch mode: time from saving a kata file to the next verdict, against vitest's own watch mode on the
 *      same spec files, alternating rounds.
 *   node scripts/bench/runner.mjs [--runs 7] [--watch-only]
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
if (!flags['watch-only']) {
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
}

// Watch mode: save → verdict, `npm run kata 1 -- --watch` against vitest's own watch mode on the same spec
// files (the peer: what a learner would get without memkata), alternating: each round starts a watcher, saves
// SAVES times and keeps all but the first save (the steady state a learner lives in).
const SAVES = 4;
const file = join(repoRoot, 'katas/01-pages-and-units/hex.ts');
const original = readFileSync(file, 'utf8');

/**
 * @param {string[]} args the watcher's command line after `node`
 * @param {string} marker a text its output has once per run
 * @returns {Promise<number[]>}
 */
async function watchRound(args, marker) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
  let verdicts = 0;
  /** @type {(() => void) | undefined} */
  let onVerdict;
  child.stdout.on('data', (d) => {
    const n = String(d).split(marker).length - 1;
    if (n > 0) {
      verdicts += n;
      onVerdict?.();
    }
  });
  const nextVerdict = () => new Promise((resolve) => (onVerdict = () => resolve(undefined)));
  /** @type {number[]} */
  const times = [];
  try {
    if (verdicts === 0) await nextVerdict();
    for (let i = 0; i < SAVES; i++) {
      await new Promise((r) => setTimeout(r, 700)); // let the type-check of the previous run finish
      const waiting = nextVerdict();
      const t0 = performance.now();
      appendFileSync(file, `// save ${i}\n`);
      await waiting;
      if (i > 0) times.push(performance.now() - t0);
    }
  } finally {
    writeFileSync(file, original);
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
  return times;
}

/** @type {number[]} */
const memkata = [];
/** @type {number[]} */
const vitestWatch = [];
const rounds = Math.max(2, Math.ceil(RUNS / (SAVES - 1)));
for (let r = 0; r < rounds; r++) {
  memkata.push(...(await watchRound(['scripts/kata.mjs', '1', '--watch'], 'Kata 1 · pages and units')));
  vitestWatch.push(
    ...(await watchRound(
      ['node_modules/vitest/vitest.mjs', '--watch', '--project', 'katas', 'spec/01-pages-and-units'],
      'Duration',
    )),
  );
}
const list = (/** @type {number[]} */ xs) => xs.map((x) => x.toFixed(0)).join(', ');
console.log(
  `watch: save → verdict, npm run kata 1 -- --watch:      median ${median(memkata).toFixed(0)} ms  (${list(memkata)})  (target ≤ 300 ms)`,
);
console.log(
  `watch: save → verdict, vitest's own watch mode:        median ${median(vitestWatch).toFixed(0)} ms  (${list(vitestWatch)})`,
);
console.log(`ratio: ${(median(memkata) / median(vitestWatch)).toFixed(2)}×`);
process.exit(0);
