// @ts-check
/** npm run docs — writes docs/katas.md from katas.json. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lib/cli.mjs';
import { renderKataIndex } from './lib/kata-index.mjs';
import { repoRoot } from './lib/paths.mjs';

run(async () => {
  writeFileSync(join(repoRoot, 'docs', 'katas.md'), renderKataIndex());
  console.log('Wrote docs/katas.md');
});
