// @ts-check
/**
 * npm run bench — every benchmark of docs/performance.md, one after the other (they share 2 cores, so never
 * at the same time). `npm run bench -- runner` runs one; `npm run bench -- --list` lists them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

// Every script in this folder is a benchmark (lib/ holds what they share): a new one needs no list to join.
const all = readdirSync(join(repoRoot, 'scripts', 'bench'))
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (process.argv.includes('--list')) {
  console.log(all.join('\n'));
  process.exit(0);
}
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
