// @ts-check
/**
 * Running the real tools the lab compares with: procps `free` and `smem`. Always in the C locale, so they
 * print the English labels the katas' defaults reproduce.
 */
import { spawnSync } from 'node:child_process';
import { freeFieldChanges } from './free.mjs';
import { readProcText } from './proc-source.mjs';

const ENV = { ...process.env, LC_ALL: 'C', LANG: 'C' };

/**
 * Runs a tool; undefined when it is not installed.
 * @param {string} command
 * @param {string[]} args
 * @returns {{ status: number | null, stdout: string, stderr: string } | undefined}
 */
export function runTool(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: ENV, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return undefined; // ENOENT: not installed
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `free from procps-ng 4.0.2`; "" when this free has no --version (BusyBox); undefined when there is no free.
 */
export function freeVersion() {
  const run = runTool('free', ['--version']);
  if (run === undefined) return undefined;
  return run.status === 0 ? run.stdout.trim() : '';
}

/**
 * Reads /proc/meminfo, runs free, reads meminfo again; tries again until the two reads agree on every field
 * free uses, so free saw those very numbers.
 * @param {string} procDir
 * @param {string[]} args
 * @param {number} [tries]
 * @returns {import('./free.mjs').FreeSample | undefined} undefined when free is missing or fails
 */
export function captureFree(procDir, args, tries = 10) {
  /** @type {import('./free.mjs').FreeSample | undefined} */
  let sample;
  for (let attempts = 1; attempts <= tries; attempts++) {
    const before = readProcText(procDir, 'meminfo');
    const run = runTool('free', args);
    const after = readProcText(procDir, 'meminfo');
    if (run === undefined || run.status !== 0 || before === undefined || after === undefined) return undefined;
    sample = { before, output: run.stdout, after, attempts };
    if (freeFieldChanges(before, after).length === 0) break;
  }
  return sample;
}

/** Is smem installed? (`smem --help` runs.) */
export function smemInstalled() {
  return runTool('smem', ['--help']) !== undefined;
}

/**
 * smem on a /proc tree: `smem -S ROOT …` reads ROOT/proc (smem 1.5 procdata: `self.source + "/proc"`).
 * @param {string | undefined} root  undefined for the live /proc
 * @param {string[]} args
 */
export function runSmem(root, args) {
  return runTool('smem', [...(root === undefined ? [] : ['-S', root]), ...args]);
}
