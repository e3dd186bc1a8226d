// @ts-check
/**
 * npm run reset N [-- --yes] — puts kata N's stub back. The learner's files are first copied to a backup
 * folder that it names (.memkata/backups/…): nothing the learner wrote is lost.
 *
 * The stub comes from git: the commit the learner started from (recorded in .memkata-state.json), or else the
 * last commit that changed the kata's specs or reference — learners never commit those (the pre-commit hook
 * refuses), so that commit holds the stub as the maintainers left it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';
import { kataDirs } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { readState, updateKataState } from './lib/state.mjs';
import { style } from './lib/style.mjs';

const USAGE =
  'Usage: npm run reset N   (restores kata N’s stub after backing up your files; -- --yes skips the question)';

/** @param {string[]} args */
const git = (args) =>
  execFileSync('git', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const kata = kataFromArg(positional[0], USAGE);
  const dir = kataDirs(kata).katas;

  const source = stubCommit(kata.slug, readState().baseCommit);
  if (!source) {
    console.error(
      `Cannot find the original stub of kata ${kata.number}: this folder is not a git checkout, or its history ` +
        `does not have ${dir}. Download the kata's folder again from the course repository instead.`,
    );
    return 2;
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = join('.memkata', 'backups', `${kata.slug}-${stamp}`);
  if (!flags.yes) {
    if (!process.stdin.isTTY) {
      console.error(`Reset needs a yes: run npm run reset -- ${kata.number} --yes`);
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(
      `Reset kata ${kata.number} (${kata.title}) to its stub? Your files are copied to ${backup}/ first. [y/N] `,
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.log('Nothing changed.');
      return 1;
    }
  }

  if (existsSync(join(repoRoot, dir))) {
    mkdirSync(join(repoRoot, backup), { recursive: true });
    cpSync(join(repoRoot, dir), join(repoRoot, backup), { recursive: true });
  }
  rmSync(join(repoRoot, dir), { recursive: true, force: true });
  // Working tree only: the learner's staged changes and commits are left as they are.
  git(['restore', `--source=${source}`, '--worktree', '--', dir]);
  updateKataState(kata.number, (entry) => ({ ...entry, done: false }));

  console.log(style.green(`Kata ${kata.number} is back to its stub.`));
  console.log(`Your previous files are in ${backup}/`);
  return 0;
});

/**
 * @param {string} slug
 * @param {string | undefined} baseCommit
 * @returns {string | undefined}
 */
function stubCommit(slug, baseCommit) {
  const has = (/** @type {string} */ commit) => {
    try {
      git(['cat-file', '-e', `${commit}:katas/${slug}`]);
      return true;
    } catch {
      return false;
    }
  };
  try {
    if (baseCommit && has(baseCommit)) return baseCommit;
    const last = git(['log', '-1', '--format=%H', '--', `spec/${slug}`, `solutions/${slug}`]);
    return last && has(last) ? last : undefined;
  } catch {
    return undefined;
  }
}
