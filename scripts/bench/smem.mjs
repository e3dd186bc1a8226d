#!/usr/bin/env node
// @ts-check
/**
 * Benchmark: real smem 1.5 against the reference's smem table, whole process against whole process, on a
 * fake /proc tree of 1,000 processes built from the real smaps captures in spec/fixtures/proc/.
 *
 *   node scripts/bench/smem.mjs [--processes 1000] [--runs 5] [--keep DIR]
 *
 * Runs `smem -S ROOT -t` and `node scripts/lab.mjs smem --proc ROOT/proc --solution --table-only -s pss`
 * alternately, --runs times each after one warm-up, prints both medians and their ratio, and checks that the
 * two print the same table. (On this machine's ~70 real processes smem takes ~45 ms, less than Node needs to
 * start, which is why the comparison needs a large tree.)
 * `--keep DIR` builds the tree in DIR and leaves it there (nothing is timed when --runs is 0).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines, renderDiff } from '../lab/diff-lines.mjs';
import { CMDLINES, fakeProcesses } from '../lab/fake-processes.mjs';
import { writeProcTree } from '../lab/proc-tree.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { loadLine } from './lib/measure.mjs';

/** @param {string[]} argv */
function options(argv) {
  const opts = { processes: 1000, runs: 5, keep: /** @type {string | undefined} */ (undefined) };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--processes' && value) opts.processes = Number(argv[++i]);
    else if (argv[i] === '--runs' && value) opts.runs = Number(argv[++i]);
    else if (argv[i] === '--keep' && value) opts.keep = argv[++i];
    else {
      process.stderr.write('usage: node scripts/bench/smem.mjs [--processes 1000] [--runs 5] [--keep DIR]\n');
      process.exit(2);
    }
  }
  return opts;
}

/** @param {string} path relative to spec/fixtures */
const fixture = (path) => readFileSync(join(repoRoot, 'spec/fixtures', path), 'utf8');

/** GNU time reports a process's peak memory (its maximum resident set size); other systems go without. */
const GNU_TIME = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;

/**
 * One timed run of a whole process, and its peak memory (KiB) where GNU time can tell.
 * @param {string} command
 * @param {string[]} args
 */
function timed(command, args) {
  if (GNU_TIME) {
    args = ['-f', '%M', command, ...args];
    command = '/usr/bin/time';
  }
  const start = performance.now();
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const peakKb = GNU_TIME ? Number(result.stderr.trim().split('\n').at(-1)) : Number.NaN;
  return { ms, stdout: result.stdout, peakKb };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? /** @type {number} */ (sorted[mid]) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const opts = options(process.argv.slice(2));
if (spawnSync('smem', ['--help'], { stdio: 'ignore' }).error) {
  process.stderr.write('smem is not installed: apt-get install -y smem\n');
  process.exit(2);
}

const root = opts.keep ?? mkdtempSync(join(tmpdir(), 'memkata-bench-smem-'));
const tree = fakeProcesses({
  count: opts.processes,
  meminfo: fixture('free/meminfo/swap16g.txt'),
  captures: [
    { smaps: fixture('proc/sleep/smaps.txt'), cmdline: CMDLINES.sleep },
    { smaps: fixture('proc/bash/smaps.txt'), cmdline: CMDLINES.bash },
    { smaps: fixture('proc/fixture/smaps.txt'), cmdline: CMDLINES.fixture },
  ],
});
const { procDir, unowned } = writeProcTree(root, tree);
process.stdout.write(`tree: ${procDir}, ${opts.processes} processes (+ a kernel thread and an unreadable one)\n`);
if (unowned.length > 0) process.stdout.write('(not root: the PID folders belong to you, so every row has your user)\n');

// smem's default order is PSS, smallest first: the lab's -s pss gives the same table.
const smemArgs = ['-S', root, '-t'];
// The lab exactly as `npm run lab` starts it (package.json's script: node and its flags).
const labScript = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
  .scripts.lab.split(' ')
  .slice(1);
const labArgs = [...labScript, 'smem', '--proc', procDir, '--solution', '--table-only', '-s', 'pss'];
const runSmem = () => timed('smem', smemArgs);
const runLab = () => timed(process.execPath, labArgs);
process.stdout.write(`A: smem ${smemArgs.join(' ')}\nB: node ${labArgs.join(' ')}\n${loadLine()}\n`);

try {
  if (opts.runs > 0) {
    /** @type {{ smem: number[], lab: number[] }} */
    const times = { smem: [], lab: [] };
    /** @type {{ smem: number[], lab: number[] }} */
    const peaks = { smem: [], lab: [] };
    let smemOut = runSmem().stdout; // warm-up: page cache, Python's .pyc, the TypeScript loader's first run
    let labOut = runLab().stdout;
    for (let run = 0; run < opts.runs; run++) {
      // Alternate who goes first, so neither always runs on a warmer machine.
      const order = run % 2 === 0 ? ['smem', 'lab'] : ['lab', 'smem'];
      for (const who of order) {
        const r = who === 'smem' ? runSmem() : runLab();
        times[/** @type {'smem' | 'lab'} */ (who)].push(r.ms);
        peaks[/** @type {'smem' | 'lab'} */ (who)].push(r.peakKb);
        if (who === 'smem') smemOut = r.stdout;
        else labOut = r.stdout;
      }
    }
    const a = median(times.smem);
    const b = median(times.lab);
    const ms = (/** @type {number[]} */ list) => list.map((t) => t.toFixed(0)).join(', ');
    process.stdout.write(
      [
        '',
        `                      median      runs (ms)`,
        `real smem 1.5     ${a.toFixed(0).padStart(7)} ms   ${ms(times.smem)}`,
        `reference (node)  ${b.toFixed(0).padStart(7)} ms   ${ms(times.lab)}`,
        a > b
          ? `ratio smem / reference: ${(a / b).toFixed(2)}× — the reference is faster`
          : `ratio smem / reference: ${(a / b).toFixed(2)}× — smem is faster (the reference takes ${(b / a).toFixed(2)}× as long)`,
        ...(GNU_TIME
          ? [
              `peak memory (max RSS): smem ${(median(peaks.smem) / 1024).toFixed(1)} MiB (${peaks.smem.join(', ')} KiB), ` +
                `reference ${(median(peaks.lab) / 1024).toFixed(1)} MiB (${peaks.lab.join(', ')} KiB): ` +
                `${(median(peaks.lab) / median(peaks.smem)).toFixed(2)}× smem's (goal ≤ 4×)`,
            ]
          : ['peak memory: not measured (no GNU time at /usr/bin/time)']),
        '',
      ].join('\n'),
    );

    const diff = diffLines(smemOut, labOut);
    const total = (/** @type {string} */ t) => t.trimEnd().split('\n').at(-1);
    if (diff.same) {
      process.stdout.write(`same output: all ${diff.expectedLines} lines identical, byte for byte\n`);
      process.stdout.write(`totals: ${total(smemOut)}\n`);
    } else {
      process.stdout.write(`outputs differ in ${diff.rows.length} of ${diff.expectedLines} lines\n`);
      process.stdout.write(`smem totals:      ${total(smemOut)}\nreference totals: ${total(labOut)}\n`);
      for (const line of renderDiff(diff, { expectedName: 'smem', gotName: 'reference' }))
        process.stdout.write(`${line}\n`);
      process.exitCode = 1;
    }
  }
} finally {
  if (!opts.keep) rmSync(root, { recursive: true, force: true });
}
