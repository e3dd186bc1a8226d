// @ts-check
/**
 * How fast the reference parseSmaps reads a large, realistic /proc/PID/smaps.
 *   node scripts/bench/parse-smaps.mjs [--mappings 30000] [--runs 7]
 * The input is built in memory from the real captures in spec/fixtures (sleep, bash, the fixture process and
 * the zoo): their mappings, repeated and relocated one after another so that the addresses keep rising and
 * every header keeps its width, then the [vsyscall] line a real file ends with. Mappings larger than 64 MiB
 * (the zoo's 1 TiB reservation, its 16 GiB and 10 GiB regions) are left out, so the addresses stay in the
 * 47-bit user half. It warms up, times RUNS parses and prints the median in MB/s (10^6 bytes per second).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { repoRoot } from '../lib/paths.mjs';

const { values } = parseArgs({
  options: { mappings: { type: 'string', default: '30000' }, runs: { type: 'string', default: '7' } },
});
const MAPPINGS = Number(values.mappings);
const RUNS = Math.max(5, Number(values.runs));
const CAPTURES = ['proc/sleep', 'proc/bash', 'proc/fixture', 'smaps/zoo'];
const MAX_SIZE = 64n << 20n;

/** The mappings of one capture, each as [start, end, the text after "start-end"]. */
function chunks(/** @type {string} */ text) {
  /** @type {{ size: bigint, rest: string }[]} */
  const out = [];
  for (const block of text.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)) {
    const m = /^([0-9a-f]+)-([0-9a-f]+)( [\s\S]*?)\n?$/.exec(block);
    if (!m) throw new Error(`not a mapping: ${block.slice(0, 80)}`);
    const size = BigInt(`0x${m[2]}`) - BigInt(`0x${m[1]}`);
    if (m[1]?.length !== 12 || size > MAX_SIZE) continue; // [vsyscall] and the giants
    out.push({ size, rest: m[3] ?? '' });
  }
  return out;
}

const pool = CAPTURES.flatMap((dir) => chunks(readFileSync(join(repoRoot, 'spec/fixtures', dir, 'smaps.txt'), 'utf8')));
const vsyscall = readFileSync(join(repoRoot, 'spec/fixtures/proc/sleep/smaps.txt'), 'utf8').split(
  /\n(?=ffffffffff600000-)/,
)[1];
/** @type {string[]} */
const parts = [];
let cursor = 0x555500000000n;
for (let i = 0; i < MAPPINGS - 1; i++) {
  const { size, rest } = /** @type {{ size: bigint, rest: string }} */ (pool[i % pool.length]);
  const start = cursor;
  cursor += size;
  parts.push(`${start.toString(16)}-${cursor.toString(16)}${rest}\n`);
  cursor += 0x1000n; // a one-page hole, so that neighbours would not have been merged into one VMA
}
parts.push(vsyscall ?? '');
const text = parts.join('');
const bytes = Buffer.byteLength(text);

const tree = await openTree('solutions');
try {
  const { parseSmaps } = await tree.load('#kata/03-smaps');
  const count = parseSmaps(text).length;
  if (count !== MAPPINGS) throw new Error(`parsed ${count} mappings, built ${MAPPINGS}`);
  parseSmaps(text); // warm-up
  /** @type {number[]} */
  const rates = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    parseSmaps(text);
    const seconds = (performance.now() - t0) / 1000;
    rates.push(bytes / 1e6 / seconds);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  console.log(
    `input: ${MAPPINGS} mappings, ${bytes} bytes (${(bytes / 1e6).toFixed(1)} MB), from ${CAPTURES.join(', ')}`,
  );
  console.log(
    `parseSmaps (solutions): median ${median.toFixed(0)} MB/s over ${RUNS} runs (${rates.map((r) => r.toFixed(0)).join(', ')})`,
  );
  console.log(`target ≥ 100 MB/s: ${median >= 100 ? 'met' : 'NOT met'}`);
} finally {
  await tree.close();
}
