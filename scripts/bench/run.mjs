// @ts-check
/**
 * npm run bench — every benchmark of docs/performance.md, one after the other (they share 2 cores, so never
 * at the same time). `npm run bench -- runner` runs one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

const all = ['runner', 'parse-smaps', 'smem'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  const file = join(repoRoot, 'scripts', 'bench', `${name}.mjs`);
  if (!existsSync(file)) {
    console.error(`No benchmark ${name}: the benchmarks are ${all.join(', ')}.`);
    failed++;
    continue;
  }
  console.log(`\n── ${name} ──`);
  const { status } = spawnSync(process.execPath, [file], { cwd: repoRoot, stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
