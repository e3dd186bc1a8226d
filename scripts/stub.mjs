// @ts-check
/**
 * npm run stub -- N [--write] [--check] — derives kata N's stubs (katas/NN-slug/*.ts) from its reference
 * (solutions/NN-slug/*.ts) with scripts/lib/derive-stub.mjs, formatted by Biome:
 *   - a stub file that does not exist yet is written;
 *   - one that already says the same is left alone;
 *   - one that differs is shown (the first differing lines) and kept, unless --write, which first copies the
 *     old file to .memkata/backups/ (a maintainer's edits are never lost);
 *   --check writes nothing and exits 1 when any stub differs from what the reference gives.
 * For maintainers: a learner never needs it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';
import { deriveStub } from './lib/derive-stub.mjs';
import { kataDirs } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { style } from './lib/style.mjs';

const USAGE = "Usage: npm run stub -- N [--write] [--check]   derive kata N's stubs from its reference";

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const kata = kataFromArg(positional[0], USAGE);
  const dirs = kataDirs(kata);
  if (!existsSync(join(repoRoot, dirs.solutions))) {
    console.error(`${dirs.solutions}/ does not exist: write the reference first (npm run new-kata makes a skeleton).`);
    return 2;
  }
  const files = readdirSync(join(repoRoot, dirs.solutions))
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let differing = 0;
  for (const file of files) {
    const source = join(repoRoot, dirs.solutions, file);
    const target = join(repoRoot, dirs.katas, file);
    const rel = join(dirs.katas, file);
    const stub = format(deriveStub(readFileSync(source, 'utf8'), join(dirs.solutions, file)), rel);
    if (!existsSync(target)) {
      if (flags.check) {
        console.log(`${style.red('missing')}  ${rel}`);
        differing++;
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, stub);
      console.log(`${style.green('wrote')}    ${rel}`);
      continue;
    }
    const current = readFileSync(target, 'utf8');
    if (current === stub) {
      console.log(`${style.dim('same')}     ${rel}`);
      continue;
    }
    differing++;
    if (flags.write && !flags.check) {
      const backup = join(repoRoot, '.memkata', 'backups', `stub-${stamp}`, rel);
      mkdirSync(dirname(backup), { recursive: true });
      copyFileSync(target, backup);
      writeFileSync(target, stub);
      console.log(`${style.yellow('replaced')} ${rel}  (the old file is in ${backup.slice(repoRoot.length)})`);
      continue;
    }
    console.log(`${style.yellow('differs')}  ${rel}`);
    for (const line of firstDifference(current, stub)) console.log(`         ${line}`);
  }
  if (differing > 0 && !flags.write) {
    console.log(
      flags.check
        ? `\n${differing} stub file(s) differ from what the reference gives.`
        : `\n${differing} stub file(s) differ from what the reference gives; they were kept. --write replaces them (with a backup).`,
    );
    return flags.check ? 1 : 0;
  }
  return 0;
});

/**
 * @param {string} text
 * @param {string} path for Biome, which formats by file name
 */
function format(text, path) {
  try {
    return execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
        'check',
        '--write',
        `--stdin-file-path=${path}`,
      ],
      { cwd: repoRoot, input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] },
    );
  } catch {
    return text; // Biome refused (a syntax it cannot fix): the maintainer sees the raw text
  }
}

/**
 * The first differing line of two texts, as "- old" / "+ new".
 * @param {string} a
 * @param {string} b
 */
function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, k) => line !== y[k]);
  const at = i < 0 ? x.length : i;
  return [`line ${at + 1}:`, `- ${x[at] ?? '(no more lines)'}`, `+ ${y[at] ?? '(no more lines)'}`];
}
