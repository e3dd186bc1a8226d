// @ts-check
/**
 * A quiet process to read: `sleep 600`, started by the lab and stopped when it is done. The lab itself is a
 * Node process whose heap and JIT code move while it reads its own smaps; a sleeping process stands still,
 * so the kernel's invariants between smaps and smaps_rollup hold exactly (reference §2.5).
 */
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { readProcText } from './proc-source.mjs';

const SECONDS = '600';

/**
 * @param {string} procDir
 * @returns {Promise<{ pid: number, stop: () => void } | undefined>} undefined when sleep cannot start
 */
export async function startSleeper(procDir) {
  const child = spawn('sleep', [SECONDS], { stdio: 'ignore' });
  const failed = new Promise((resolve) => child.once('error', () => resolve(true)));
  const pid = child.pid;
  if (pid === undefined) return undefined;
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stop);
  // Ready when it has exec'd sleep and gone to sleep in nanosleep (State S): the loader is done mapping.
  for (let i = 0; i < 400; i++) {
    if (await Promise.race([failed, delay(5, false)])) return undefined;
    const cmdline = readProcText(procDir, `${pid}/cmdline`);
    const state = /^State:\s+(\S)/m.exec(readProcText(procDir, `${pid}/status`) ?? '')?.[1];
    if (cmdline === `sleep\0${SECONDS}\0` && state === 'S') return { pid, stop };
  }
  stop();
  return undefined;
}
