// @ts-check
/**
 * The git pre-commit hook (husky runs it; HUSKY=0 turns it off).
 *
 * In a learner's repository it refuses commits that change spec/ or solutions/: those are the course's,
 * and a changed spec would make the grade meaningless. A learner's repository is one with a progress file
 * (.memkata-state.json, written by npm run kata/hint/progress) or a classroom export (.memkata-course.json,
 * where it also guards the other files the grade depends on), unless `git config memkata.mode` or
 * MEMKATA_MODE says otherwise. The first commit of a repository is never blocked (an instructor committing a
 * fresh export). In the maintainers' repository the hook never blocks a commit.
 *
 * In both, it type-checks and runs Biome on the staged files and reports what it finds, without blocking.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GUARDED, isCourse } from './lib/course.mjs';
import { repoRoot } from './lib/paths.mjs';
import { STATE_FILE } from './lib/state.mjs';

const git = (/** @type {string[]} */ args) => {
  try {
    return execFileSync('git', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
};

const configured = process.env.MEMKATA_MODE || git(['config', '--get', 'memkata.mode']);
const mode =
  configured === 'learner' || configured === 'maintainer'
    ? configured
    : existsSync(STATE_FILE) || isCourse()
      ? 'learner'
      : 'maintainer';
const staged = git(['diff', '--cached', '--name-only', '--diff-filter=ACMRD']).split('\n').filter(Boolean);

const firstCommit = git(['rev-parse', '--verify', '--quiet', 'HEAD']) === '';
if (mode === 'learner' && !firstCommit) {
  const guarded = isCourse() ? GUARDED : [];
  const protectedFiles = staged.filter(
    (f) =>
      f.startsWith('spec/') ||
      f.startsWith('solutions/') ||
      guarded.some((g) => (g.endsWith('/') ? f.startsWith(g) : f === g)),
  );
  if (protectedFiles.length > 0) {
    // spec/ and solutions/ as folders; any other course file by its own path (never a folder of the learner's).
    const paths = [
      ...new Set(
        protectedFiles.map((f) => (f.startsWith('spec/') ? 'spec' : f.startsWith('solutions/') ? 'solutions' : f)),
      ),
    ].join(' ');
    console.error(`memkata: this commit changes files that belong to the course, not to you:
${protectedFiles
  .slice(0, 10)
  .map((f) => `  ${f}`)
  .join('\n')}
The specs (spec/), the reference solutions (solutions/) and, in a course, the harness (katas.json,
scripts/ …) are what your work is graded against, so a learner's repository does not commit changes to
them. Your own code lives in katas/.

To keep your commit without them:   git restore --staged ${paths}   (then commit again)
To throw the changes away as well:  git restore ${paths}
If you maintain memkata:            git config memkata.mode maintainer    (or commit with --no-verify)`);
    process.exit(1);
  }
}

// Advice, never a block: type errors and lint findings in what is being committed.
const code = staged.filter((f) => /\.(ts|mjs|js|json)$/.test(f) && existsSync(join(repoRoot, f)));
if (code.length > 0) {
  const node = process.execPath;
  const tsc = spawnSync(
    node,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  const mine = (tsc.stdout ?? '').split('\n').filter((l) => code.some((f) => l.startsWith(f)));
  if (mine.length > 0)
    console.warn(`memkata: type errors in staged files (committed anyway):\n${mine.slice(0, 10).join('\n')}`);
  const biomeBin = join(repoRoot, 'node_modules/@biomejs/biome/bin/biome');
  // A classroom export does not install Biome (a maintainers' tool): no lint advice there.
  const biome = !existsSync(biomeBin)
    ? { status: 0 }
    : spawnSync(node, [biomeBin, 'check', '--staged', '--colors=off', '--no-errors-on-unmatched'], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
  if (biome.status !== 0)
    console.warn(
      'memkata: Biome has remarks on staged files (committed anyway): npm run lint shows them, npm run format fixes most.',
    );
}
