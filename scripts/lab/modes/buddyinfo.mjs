// @ts-check
/**
 * `npm run lab -- buddyinfo`: /proc/buddyinfo through the learner's kata 6, each zone's free pages, largest
 * free order and both fragmentation indices, beside the kernel's own indices from debugfs
 * (/sys/kernel/debug/extfrag, root only, debugfs mounted). buddyinfo is read before and after the debugfs
 * files, until both reads agree. A snapshot (--proc DIR) holds DIR/buddyinfo and may hold
 * DIR/../sys/kernel/debug/extfrag/{unusable_index, extfrag_index}.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../args.mjs';
import { checkBuddyinfo, EXTFRAG_DIR } from '../buddyinfo.mjs';
import { source, whose } from '../mode.mjs';
import { readProcText } from '../proc-source.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** A snapshot of this mode's files that ships with memkata (spec/fixtures/buddyinfo/README.md). */
export const BUDDYINFO_SNAPSHOT = 'spec/fixtures/buddyinfo/snapshot/proc';

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'buddyinfo',
  summary: "your kata 6 on this machine's /proc/buddyinfo, beside the kernel's own debugfs fragmentation indices",
  katas: [6],
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../buddyinfo.mjs').BuddyinfoKata} */ (ctx.katas.get(6));
    const sample = readSample(ctx);
    const heading = [`memkata lab · buddyinfo · ${whose(ctx)} on ${source(ctx)}`];
    if (sample.debugfs === 'ok')
      heading.push(`with the kernel's indices from ${ctx.live ? EXTFRAG_DIR : 'the snapshot'}`);
    const { body, checks } = checkBuddyinfo(kata, sample, ctx.stubs);
    return { heading, body, checks };
  },
};

/**
 * @param {ModeContext} ctx
 * @returns {import('../buddyinfo.mjs').BuddyinfoSample}
 */
function readSample(ctx) {
  const extfrag = ctx.live ? EXTFRAG_DIR : join(dirname(ctx.procDir), 'sys/kernel/debug/extfrag');
  const debugfs = ctx.live ? liveDebugfsState() : existsSync(extfrag) ? 'ok' : 'not-in-snapshot';
  let attempts = 0;
  /** @type {import('../buddyinfo.mjs').BuddyinfoSample | undefined} */
  let last;
  while (attempts < 10) {
    attempts++;
    const before = readProcText(ctx.procDir, 'buddyinfo');
    if (before === undefined) {
      throw new UsageError(
        ctx.live
          ? '/proc/buddyinfo cannot be read'
          : `${ctx.args.procDir} has no buddyinfo: try --proc ${BUDDYINFO_SNAPSHOT}`,
      );
    }
    const files =
      debugfs === 'ok'
        ? {
            unusable: readFileSync(join(extfrag, 'unusable_index'), 'utf8'),
            extfrag: readFileSync(join(extfrag, 'extfrag_index'), 'utf8'),
          }
        : {};
    const after = readProcText(ctx.procDir, 'buddyinfo');
    last = { buddyinfo: before, debugfs, ...files, stable: before === after, attempts };
    if (last.stable) return last;
  }
  return /** @type {import('../buddyinfo.mjs').BuddyinfoSample} */ (last);
}

/** @returns {import('../buddyinfo.mjs').DebugfsState} */
function liveDebugfsState() {
  try {
    readFileSync(join(EXTFRAG_DIR, 'unusable_index'), 'utf8');
    return 'ok';
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === 'EACCES' || code === 'EPERM') return 'not-root';
    // /sys/kernel/debug is an empty directory until debugfs is mounted on it.
    const mounted = readMounts().some((line) => line.split(' ')[1] === '/sys/kernel/debug');
    if (!mounted) return 'not-mounted';
    try {
      statSync('/sys/kernel/debug');
    } catch {
      return 'not-root';
    }
    return 'no-extfrag';
  }
}

function readMounts() {
  try {
    return readFileSync('/proc/self/mounts', 'utf8').split('\n');
  } catch {
    return [];
  }
}
