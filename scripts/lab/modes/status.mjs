// @ts-check
/** `npm run lab -- status [pid]`: /proc/PID/status and statm through the learner's kata 4 (with kata 3's smaps). */
import { UsageError } from '../args.mjs';
import { source, whose } from '../mode.mjs';
import { readStatusConsistent } from '../proc-source.mjs';
import { checkStatus } from '../status.mjs';
import { label, startedNote, targetProcess } from '../target-process.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'status',
  summary: "/proc/PID/status and statm through your kata 4 (with kata 3's smaps)",
  katas: [4, 3],
  takesPid: true,
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../status.mjs').StatusKata} */ (ctx.katas.get(4));
    const smapsKata = /** @type {import('../status.mjs').SmapsParser} */ (ctx.katas.get(3));
    const target = await targetProcess(ctx);
    try {
      const who = label(ctx, target.pid);
      const heading = [`memkata lab · status · ${whose(ctx)} on ${who} from ${source(ctx)}`, ...startedNote(target)];
      const read = readStatusConsistent(ctx.procDir, target.pid);
      if (read === undefined) throw new UsageError(`cannot read /proc/${target.pid}/status and statm`);
      return { heading, checks: checkStatus(kata, smapsKata, { label: who, ...read }, ctx.stubs) };
    } finally {
      target.stop();
    }
  },
};
