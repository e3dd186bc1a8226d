// @ts-check
/**
 * `npm run lab -- swaps`: this machine's /proc/swaps through the learner's kata 14 — parseSwaps, formatSwaps
 * back to the same bytes, the areas against /proc/meminfo's SwapTotal, and free's Swap line. With no swap on
 * it says so, and how to turn a swap file on for a minute. `--proc DIR` reads DIR/swaps and DIR/meminfo.
 */
import { UsageError } from '../args.mjs';
import { source, whose } from '../mode.mjs';
import { readProcText } from '../proc-source.mjs';
import { checkSwaps } from '../swaps.mjs';

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'swaps',
  summary: "your kata 14 on this machine's /proc/swaps: parsed, printed back byte for byte, against SwapTotal",
  katas: [14],
  async run(ctx) {
    const kata = /** @type {import('../swaps.mjs').SwapsKata} */ (ctx.katas.get(14));
    // /proc/swaps and meminfo together: read until two reads of /proc/swaps agree (a swapon may be running).
    let swaps = readProcText(ctx.procDir, 'swaps');
    let meminfo = readProcText(ctx.procDir, 'meminfo');
    for (let i = 0; i < 5 && swaps !== undefined && swaps !== readProcText(ctx.procDir, 'swaps'); i++) {
      swaps = readProcText(ctx.procDir, 'swaps');
      meminfo = readProcText(ctx.procDir, 'meminfo');
    }
    if (swaps === undefined || meminfo === undefined) {
      throw new UsageError(`${ctx.live ? '/proc' : ctx.args.procDir} has no swaps or no meminfo to read`);
    }
    const { body, checks } = checkSwaps(kata, { swaps, meminfo }, ctx.stubs);
    return { heading: [`memkata lab · swaps · ${whose(ctx)} on ${source(ctx)}`], body, checks };
  },
};
