// @ts-check
/**
 * Which process the smaps and status modes read: the pid asked for, else a sleeping child the lab starts
 * (live), else the snapshot's first process that has mappings.
 */
import { UsageError } from './args.mjs';
import { listPids, readProcText } from './proc-source.mjs';
import { startSleeper } from './sleeper.mjs';

/** @typedef {import('./mode.mjs').ModeContext} ModeContext */

/**
 * The process to read: the pid asked for, else a sleeping child (live), else the snapshot's first process
 * that has mappings.
 * @param {ModeContext} ctx
 * @returns {Promise<{ pid: number, stop: () => void, started: boolean, self?: boolean }>}
 */
export async function targetProcess(ctx) {
  const none = () => {};
  if (ctx.args.pid !== undefined) {
    if (readProcText(ctx.procDir, `${ctx.args.pid}/status`) === undefined) {
      throw new UsageError(`there is no process ${ctx.args.pid} in ${ctx.live ? '/proc' : ctx.args.procDir}`);
    }
    return { pid: ctx.args.pid, stop: none, started: false };
  }
  if (ctx.live) {
    const sleeper = await startSleeper(ctx.procDir);
    if (sleeper) return { ...sleeper, started: true };
    return { pid: process.pid, stop: none, started: false, self: true }; // no `sleep`: read the lab itself
  }
  const pid = listPids(ctx.procDir).find((p) => (readProcText(ctx.procDir, `${p}/smaps`) ?? '') !== '');
  if (pid === undefined) throw new UsageError(`${ctx.args.procDir} holds no process with mappings`);
  return { pid, stop: none, started: false };
}

/** What the heading says about a process the lab chose. @param {{ started: boolean, self?: boolean }} target */
export function startedNote(target) {
  if (target.started) return ['(a sleeping process the lab started: it stands still while it is read)'];
  if (target.self)
    return ['(`sleep` would not start, so the lab reads itself: a busy Node process, whose numbers may move)'];
  return [];
}

/**
 * "PID 1234 (sleep 600)"
 * @param {ModeContext} ctx
 * @param {number} pid
 */
export function label(ctx, pid) {
  const cmdline = readProcText(ctx.procDir, `${pid}/cmdline`)?.replace(/\0$/, '').replaceAll('\0', ' ');
  const name = /^Name:\s*(.*)$/m.exec(readProcText(ctx.procDir, `${pid}/status`) ?? '')?.[1];
  return `PID ${pid} (${cmdline || (name ? `[${name}]` : '?')})`;
}
