// @ts-check
/**
 * Writes a fake /proc tree: ROOT/proc/meminfo and ROOT/proc/PID/<file>. Real smem reads it with
 * `smem -S ROOT`, the lab with `--proc ROOT/proc`. smem takes a process's user from the owner of its
 * folder, so each PID folder is given its process's uid when the lab may do so (as root).
 */
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {object} FakeProcess
 * @property {number} pid
 * @property {number | undefined} uid       the owner smem will report; undefined: whoever writes the tree
 * @property {Record<string, string>} files  "smaps", "cmdline", …
 */

/**
 * @param {string} root  the folder that will hold proc/
 * @param {{ meminfo: string, processes: FakeProcess[] }} tree
 * @returns {{ procDir: string, unowned: number[] }}  unowned: the PIDs whose folder could not get its uid
 */
export function writeProcTree(root, { meminfo, processes }) {
  const procDir = join(root, 'proc');
  mkdirSync(procDir, { recursive: true });
  writeFileSync(join(procDir, 'meminfo'), meminfo);
  /** @type {number[]} */
  const unowned = [];
  for (const { pid, uid, files } of processes) {
    const dir = join(procDir, String(pid));
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    if (uid !== undefined && uid !== process.getuid?.()) {
      try {
        chownSync(dir, uid, -1);
      } catch {
        unowned.push(pid);
      }
    }
  }
  return { procDir, unowned };
}
