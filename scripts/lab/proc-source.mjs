// @ts-check
/**
 * Reading a /proc tree: the live one, or a fake one given with --proc (the same layout: DIR/meminfo,
 * DIR/PID/smaps, …). Files that cannot be read come back as undefined, never as an exception: a process
 * may exit between listing and reading, and root-only files are unreadable to others.
 * The *Consistent readers retry until the kernel's numbers stand still between two reads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { statusMemoryKb } from './raw-proc.mjs';

/** Does this system have a /proc the lab can read (Linux)? */
export function hasLiveProc(procDir = '/proc') {
  try {
    return statSync(join(procDir, 'self', 'smaps')).isFile() && statSync(join(procDir, 'meminfo')).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {string} procDir
 * @param {string} path  relative to procDir: "meminfo", "1234/smaps"
 * @returns {string | undefined}
 */
export function readProcText(procDir, path) {
  try {
    return readFileSync(join(procDir, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** The numeric entries of the tree, ascending. */
export function listPids(/** @type {string} */ procDir) {
  try {
    return readdirSync(procDir)
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return [];
  }
}

/** The owner of DIR/PID: smem's user for the process (`os.stat(...).st_uid`). */
export function ownerUid(/** @type {string} */ procDir, /** @type {number} */ pid) {
  try {
    return statSync(join(procDir, String(pid))).uid;
  } catch {
    return undefined;
  }
}

/**
 * smaps_rollup, smaps, smaps_rollup again, until both rollups agree (the process stood still).
 * @param {string} procDir
 * @param {number} pid
 * @param {number} [tries]
 * @returns {{ smaps: string, rollup: string, stable: boolean, attempts: number } | undefined}
 */
export function readSmapsConsistent(procDir, pid, tries = 10) {
  /** @type {{ smaps: string, rollup: string, stable: boolean, attempts: number } | undefined} */
  let last;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const before = readProcText(procDir, `${pid}/smaps_rollup`);
    const smaps = readProcText(procDir, `${pid}/smaps`);
    const after = readProcText(procDir, `${pid}/smaps_rollup`);
    if (before === undefined || smaps === undefined || after === undefined) return undefined;
    last = { smaps, rollup: after, stable: before === after, attempts: attempt };
    if (last.stable) break;
  }
  return last;
}

/**
 * status, statm, smaps, status again, until status's memory lines agree.
 * @param {string} procDir
 * @param {number} pid
 * @param {number} [tries]
 * @returns {{ status: string, statm: string, smaps: string | undefined, stable: boolean, attempts: number } | undefined}
 *   smaps is undefined when it cannot be read (another user's process): status and statm are world-readable
 */
export function readStatusConsistent(procDir, pid, tries = 10) {
  /** @type {{ status: string, statm: string, smaps: string | undefined, stable: boolean, attempts: number } | undefined} */
  let last;
  for (let attempt = 1; attempt <= tries; attempt++) {
    const before = readProcText(procDir, `${pid}/status`);
    const statm = readProcText(procDir, `${pid}/statm`);
    const smaps = readProcText(procDir, `${pid}/smaps`);
    const after = readProcText(procDir, `${pid}/status`);
    if (before === undefined || statm === undefined || after === undefined) return undefined;
    const same = JSON.stringify(statusMemoryKb(before)) === JSON.stringify(statusMemoryKb(after));
    last = { status: after, statm, smaps, stable: same, attempts: attempt };
    if (same) break;
  }
  return last;
}

/**
 * What smem reads of each process: cmdline, smaps and the owner of the folder. A process whose smaps cannot
 * be read (it exited, or belongs to another user) is left out, as smem's `except: continue` leaves it out;
 * smem.mjs drops kernel threads and empty smaps.
 * @param {string} procDir
 * @returns {import('./smem.mjs').SmemInput[]}
 */
export function readSmemInputs(procDir) {
  return [...streamSmemInputs(procDir)];
}

/**
 * The same, one process at a time: a caller that measures each process and lets its text go holds one smaps
 * in memory, not a thousand (the smem lab's --table-only, docs/performance.md).
 * @param {string} procDir
 * @returns {Generator<import('./smem.mjs').SmemInput>}
 */
export function* streamSmemInputs(procDir) {
  for (const pid of listPids(procDir)) {
    const smaps = readUtf8(procDir, `${pid}/smaps`); // not UTF-8: Python raises, and smem skips the process
    if (smaps === undefined) continue;
    yield { pid, uid: ownerUid(procDir, pid), cmdline: readUtf8(procDir, `${pid}/cmdline`), smaps };
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file as Python's open().read() gives it to smem: UTF-8, and an error (here undefined) when it is not.
 * @param {string} procDir
 * @param {string} path
 */
export function readUtf8(procDir, path) {
  try {
    return STRICT_UTF8.decode(readFileSync(join(procDir, path)));
  } catch {
    return undefined;
  }
}
