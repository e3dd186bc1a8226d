// @ts-check
/**
 * How fast the reference parseSmaps reads a large, realistic /proc/PID/smaps.
 *   node scripts/bench/parse-smaps.mjs [--mappings 30000] [--runs 7]
 * The input is built in memory from the real captures in spec/fixtures (sleep, bash, the fixture process and
 * the zoo): their mappings, repeated and relocated one after another so that the addresses keep rising and
 * every header keeps its width, then the [vsyscall] line a real file ends with. Mappings larger than 64 MiB
 * (the zoo's 1 TiB reservation, its 16 GiB and 10 GiB regions) are left out, so the addresses stay in the
 * 47-bit user half. It warms up, then times RUNS parses alternating with RUNS passes of a floor (split into lines,
 * parseInt each value, check nothing), and prints both medians in MB/s (10^6 bytes per second) and their ratio.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openTree } from '../lib/load-kata.mjs';
import { repoRoot } from '../lib/paths.mjs';
import { alternate, loadLine, runsOf } from './lib/measure.mjs';

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

/**
 * The floor: the least any reader of this text must do — split it into lines and read each line's number
 * with parseInt — with nothing checked, nothing kept. parseSmaps is judged by its ratio to this, measured in
 * the same run (these machines are noisy; the ratio is what reproduces).
 */
function floor() {
  let sum = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    sum += colon > 0 ? Number.parseInt(line.slice(colon + 1), 10) || 0 : Number.parseInt(line, 16) || 0;
  }
  if (sum === -1) console.log(sum); // keep the work observable
  return bytes;
}

const tree = await openTree('solutions');
try {
  const { parseSmaps } = await tree.load('#kata/03-smaps');
  const count = parseSmaps(text).length;
  if (count !== MAPPINGS) throw new Error(`parsed ${count} mappings, built ${MAPPINGS}`);
  const result = alternate({
    subject: () => {
      parseSmaps(text);
      return bytes;
    },
    floor,
    runs: RUNS,
  });
  const mbps = (/** @type {import('./lib/measure.mjs').Sample} */ s) => (s.opsPerSecond / 1e6).toFixed(0);
  console.log(
    `input: ${MAPPINGS} mappings, ${bytes} bytes (${(bytes / 1e6).toFixed(1)} MB), from ${CAPTURES.join(', ')}`,
  );
  console.log(loadLine());
  console.log(`parseSmaps (solutions):          ${mbps(result.subject)} MB/s median ${runsOf(result.subject)}`);
  console.log(`floor (split + parseInt, no checks): ${mbps(result.floor)} MB/s median ${runsOf(result.floor)}`);
  console.log(
    `parseSmaps / floor throughput: ${(1 / result.ratio).toFixed(2)} (1.00 would be as fast as reading nothing)`,
  );
  const absolute = result.subject.opsPerSecond / 1e6;
  console.log(
    `absolute target ≥ 100 MB/s: ${absolute >= 100 ? 'met' : 'not met'} on this run (judge by the ratio on a busy machine)`,
  );
} finally {
  await tree.close();
}
