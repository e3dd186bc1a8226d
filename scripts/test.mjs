// @ts-check
/**
 * npm test — the repository's own test, the one CI runs:
 *   type-check both trees · Biome · every spec on solutions/ and on the stubs (the dev check) · tool specs.
 * The steps run side by side (2 cores are enough). It ends with the plain line `N passed, N failed`:
 * spec tests on the reference and tool specs that passed; failed = failing specs + dev-check problems +
 * failed steps. Exit code 1 on any failure.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { renderCheck, runDevCheck } from './lib/check-run.mjs';
import { run } from './lib/cli.mjs';
import { repoRoot } from './lib/paths.mjs';
import { style } from './lib/style.mjs';

/**
 * @param {string} label
 * @param {string} bin a file in node_modules
 * @param {string[]} args
 * @returns {Promise<{ label: string, ok: boolean, output: string }>}
 */
const step = (label, bin, args) =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'node_modules', bin), ...args],
      { cwd: repoRoot, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ label, ok: !error, output: `${stdout}${stderr}`.trim() }),
    );
  });

run(async () => {
  const started = Date.now();
  const steps = Promise.all([
    step('type-check katas/ + specs + scripts', 'typescript/bin/tsc', ['-p', 'tsconfig.json', '--pretty', 'false']),
    step('type-check solutions/ + specs', 'typescript/bin/tsc', ['-p', 'tsconfig.solutions.json', '--pretty', 'false']),
    step('Biome (lint + format)', '@biomejs/biome/bin/biome', ['ci', '--error-on-warnings', '--colors=off', '.']),
  ]);
  const check = await runDevCheck({ withTools: true });
  const results = await steps;

  for (const r of results) {
    console.log(`${r.ok ? style.green('✓') : style.red('✗')} ${r.label}`);
    if (!r.ok)
      console.log(
        r.output
          .split('\n')
          .slice(0, 40)
          .map((l) => `    ${l}`)
          .join('\n'),
      );
  }
  console.log(`${check.problems.length === 0 ? style.green('✓') : style.red('✗')} specs and dev check`);
  console.log(
    renderCheck(check)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n'),
  );

  const passed = check.solutionsPassed + check.toolsPassed;
  const failed =
    check.solutionsFailed +
    check.toolsFailed +
    check.problems.filter((p) => !/^tool spec|fails on the reference/.test(p.kind)).length +
    results.filter((r) => !r.ok).length;
  console.log(style.dim(`npm test took ${((Date.now() - started) / 1000).toFixed(1)} s`));
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
});
