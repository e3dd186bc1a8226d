// @ts-check
/** `npm run lab -- smaps [pid]`: /proc/PID/smaps and smaps_rollup through the learner's kata 3. */
import { UsageError } from '../args.mjs';
import { note } from '../checks.mjs';
import { source, whose } from '../mode.mjs';
import { readProcText, readSmapsConsistent } from '../proc-source.mjs';
import { checkSmaps } from '../smaps.mjs';
import { label, startedNote, targetProcess } from '../target-process.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'smaps',
  summary: '/proc/PID/smaps and smaps_rollup through your kata 3',
  katas: [3],
  takesPid: true,
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../smaps.mjs').SmapsKata} */ (ctx.katas.get(3));
    const target = await targetProcess(ctx);
    try {
      const who = label(ctx, target.pid);
      const heading = [`memkata lab · smaps · ${whose(ctx)} on ${who} from ${source(ctx)}`, ...startedNote(target)];
      const read = readSmapsConsistent(ctx.procDir, target.pid);
      if (read === undefined) {
        const smaps = readProcText(ctx.procDir, `${target.pid}/smaps`);
        if (smaps === '')
          return { heading, checks: [note('smaps', [`${who} is a kernel thread: it has no mappings.`])] };
        throw new UsageError(
          `cannot read /proc/${target.pid}/smaps and smaps_rollup: they belong to another user (try root)`,
        );
      }
      return { heading, checks: checkSmaps(kata, { label: who, ...read }, ctx.stubs) };
    } finally {
      target.stop();
    }
  },
};
