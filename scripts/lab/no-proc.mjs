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
 */
export function noProcMessage(platform, mode) {
  const problem =
    platform === 'linux'
      ? 'The live lab needs /proc, and it is not mounted here (a container without /proc? mount -t proc proc /proc).'
      : `The live lab needs Linux's /proc, and ${SYSTEMS[platform] ?? platform} does not have one.`;
  return [
    problem,
    '',
    'You can run it on the bundled snapshot instead: real /proc files and real `free` output captured',
    'together on a Linux 6.18 machine (see spec/fixtures/lab/README.md):',
    '',
    `  npm run lab -- ${mode} --proc ${BUNDLED_PROC}`,
    '',
    'Or run the lab inside Linux: a VM, a container (docker run -it -v "$PWD":/memkata node:20), or WSL 2.',
  ].join('\n');
}

/** @param {string} dir */
export function noFolderMessage(dir) {
  return `--proc ${dir}: there is no such folder. It should look like /proc: meminfo, and one folder per PID.`;
}
