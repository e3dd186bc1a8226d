// @ts-check
/**
 * What the lab says on a system without Linux's /proc (macOS, Windows), or when --proc names no folder.
 * Pure.
 */

/** The bundled snapshot: real captures from a Linux 6.18 machine (spec/fixtures/lab/README.md). */
export const BUNDLED_PROC = 'spec/fixtures/lab/proc';

const SYSTEMS = /** @type {Record<string, string>} */ ({ darwin: 'macOS', win32: 'Windows', freebsd: 'FreeBSD' });

/**
 * @param {string} platform  process.platform
 * @param {string} mode      the mode that was asked for
 * @param {string} [snapshot] the mode's own bundled snapshot, when it has one
 */
export function noProcMessage(platform, mode, snapshot = BUNDLED_PROC) {
  const problem =
    platform === 'linux'
      ? 'The live lab needs /proc, and it is not mounted here (a container without /proc? mount -t proc proc /proc).'
      : `The live lab needs Linux's /proc, and ${SYSTEMS[platform] ?? platform} does not have one.`;
  return [
    problem,
    '',
    'You can run it on a bundled snapshot instead: real /proc files captured on a Linux 6.18 machine',
    `(the README.md next to ${snapshot.replace(/\/proc$/, '')} says how):`,
    '',
    `  npm run lab -- ${mode} --proc ${snapshot}`,
    '',
    'Or run the lab inside Linux: a VM, a container (docker run -it -v "$PWD":/memkata node:20), or WSL 2.',
  ].join('\n');
}

/** @param {string} dir */
export function noFolderMessage(dir) {
  return `--proc ${dir}: there is no such folder. It should look like /proc: meminfo, and one folder per PID.`;
}
