// @ts-check
/**
 * A long-running command (watch mode) must end when whoever started it goes: `npm run kata -- 2 --watch`
 * runs `sh -c "node scripts/kata.mjs 2 --watch"`, so killing npm leaves the shell or the node process behind,
 * adopted by init, watching files forever. This module calls `onGone` when a signal asks us to stop
 * (SIGINT, SIGTERM, SIGHUP: Ctrl-C, kill, a closed terminal) or when the parent — or, when the parent is
 * only npm's script shell, the grandparent too — is no longer alive.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * @param {() => void} onGone called once
 * @param {{ intervalMs?: number }} [options]
 */
export function exitWithParent(onGone, { intervalMs = 500 } = {}) {
  let gone = false;
  const stop = () => {
    if (gone) return;
    gone = true;
    clearInterval(timer);
    onGone();
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.once(signal, stop);
  const watched = ancestors();
  const timer = setInterval(() => {
    if (watched.some((pid) => !alive(pid))) stop();
  }, intervalMs);
  timer.unref();
  return { watched };
}

/**
 * The processes whose end means ours: the parent, and the grandparent when the parent is a shell running one
 * command (npm's `sh -c …`, Windows' `cmd /d /s /c …`), which outlives npm when npm is killed.
 * @returns {number[]}
 */
export function ancestors() {
  const parent = process.ppid;
  if (!parent || parent === 1) return [];
  const command = commandOf(parent) ?? '';
  const grandparent = /^(?:\S*\/)?(?:sh|bash|dash|zsh)\s+-c\b|cmd(?:\.exe)?\s.*\/c\b/i.test(command)
    ? parentOf(parent)
    : undefined;
  return grandparent && grandparent > 1 ? [parent, grandparent] : [parent];
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM'; // alive, someone else's
  }
}

/** @param {number} pid */
function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return ps(pid, 'command');
  }
}

/** @param {number} pid */
function parentOf(pid) {
  try {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    const text = ps(pid, 'ppid');
    return text ? Number(text) : undefined;
  }
}

/**
 * macOS and the BSDs have no /proc: ask ps once.
 * @param {number} pid
 * @param {'command' | 'ppid'} field
 */
function ps(pid, field) {
  if (process.platform === 'win32') return undefined;
  try {
    return execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}
