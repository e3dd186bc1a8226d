// @ts-check
/**
 * StrykerJS is installed on first use, never by the learner's `npm ci`: it needs Node 22 (the learner's
 * tools run on Node 20) and weighs ~60 MB (180 packages). The exact versions are pinned by
 * scripts/mutation/package.json and its package-lock.json; they go into scripts/mutation/node_modules/
 * (git-ignored). From there Node finds vitest in the repository's own node_modules/ (peer dependencies
 * are not installed, so Stryker's vitest runner drives the same vitest the specs use).
 *
 * The install happens in a folder of its own (.install-<pid>) and is moved into place whole, so an
 * interrupted install never leaves a half-filled node_modules/, and two first runs at once do not collide.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const mutationDir = fileURLToPath(new URL('.', import.meta.url));
const STAMP = '.memkata-installed';

/** What the installed node_modules/ must have been installed from. */
function wantedHash() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(mutationDir, file)));
  return hash.digest('hex');
}

/** The pinned version of @stryker-mutator/core, for messages. */
export function pinnedStrykerVersion() {
  const pkg = JSON.parse(readFileSync(join(mutationDir, 'package.json'), 'utf8'));
  return String(pkg.dependencies?.['@stryker-mutator/core'] ?? '?');
}

/** The Stryker command-line entry point, once installed. */
export const strykerBin = join(mutationDir, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');

/** @returns {boolean} */
export function strykerInstalled() {
  try {
    return readFileSync(join(mutationDir, 'node_modules', STAMP), 'utf8') === wantedHash() && existsSync(strykerBin);
  } catch {
    return false;
  }
}

/** Removes the staging folders of installs that were interrupted (their process is gone). */
function removeStaleStaging() {
  for (const name of readdirSync(mutationDir)) {
    const pid = Number(/^\.install-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0); // still running
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH') {
        rmSync(join(mutationDir, name), { recursive: true, force: true });
      }
    }
  }
}

/**
 * Installs StrykerJS unless the pinned versions are already there. Throws with a plain message when npm fails.
 * @param {(line: string) => void} say
 */
export function ensureStryker(say) {
  if (strykerInstalled()) return;
  const version = pinnedStrykerVersion();
  say(
    `Installing StrykerJS ${version} for mutation testing (first use, or its pinned versions changed): ` +
      'npm ci into scripts/mutation/node_modules/ (about 60 MB; learners never need it) …',
  );
  removeStaleStaging();
  const staging = join(mutationDir, `.install-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      copyFileSync(join(mutationDir, file), join(staging, file));
    }
    // npm run sets npm_execpath to npm's own script: run it with this Node (22), whatever `npm` is on PATH.
    const npmCli = process.env.npm_execpath;
    const npmArgs = ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--legacy-peer-deps'];
    const result =
      npmCli && /\.c?js$/.test(npmCli)
        ? spawnSync(process.execPath, [npmCli, ...npmArgs], { cwd: staging, stdio: 'inherit' })
        : spawnSync('npm', npmArgs, { cwd: staging, stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.error || result.status !== 0) {
      throw new Error(
        `installing StrykerJS failed (npm ci in scripts/mutation/ ${result.error ? `could not start: ${result.error.message}` : `exited with ${result.status}`}). ` +
          'Check the network and the npm registry, then run the command again.',
      );
    }
    writeFileSync(join(staging, 'node_modules', STAMP), wantedHash());
    const target = join(mutationDir, 'node_modules');
    if (strykerInstalled()) return; // another run installed it meanwhile
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(join(staging, 'node_modules'), target);
    } catch (error) {
      if (!strykerInstalled()) throw error;
    }
    say(`StrykerJS ${version} installed.`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
