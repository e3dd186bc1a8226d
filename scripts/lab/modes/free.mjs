// @ts-check
/**
 * `npm run lab -- free`: /proc/meminfo through the learner's kata 2, against the real `free -k`, `-w` and `-h`
 * run between two reads of /proc/meminfo (or against free's output captured with a snapshot).
 */
import { dirname, join } from 'node:path';
import { UsageError } from '../args.mjs';
import { note } from '../checks.mjs';
import { compareFree, FREE_VARIANTS, showFree } from '../free.mjs';
import { freeRulesOf } from '../free-versions.mjs';
import { source, whose } from '../mode.mjs';
import { readProcText } from '../proc-source.mjs';
import { captureFree, freeVersion } from '../real-tools.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'free',
  summary: '/proc/meminfo through your kata 2, against the real `free -k`, `-w`, `-h`',
  katas: [2],
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../free.mjs').FreeKata} */ (ctx.katas.get(2));
    const heading = [`memkata lab · free · ${whose(ctx)} on ${source(ctx)}`];
    if (ctx.live) {
      const version = freeVersion();
      if (version === undefined) {
        const meminfo = readProcText(ctx.procDir, 'meminfo') ?? '';
        heading.push(
          '`free` is not installed (apt-get install procps), so there is nothing to compare with: yours only.',
        );
        return { heading, checks: FREE_VARIANTS.map((v) => showFree(kata, v, meminfo, undefined, ctx.stubs)) };
      }
      const rules = freeRulesOf(version);
      heading.push(`against ${version}, each run between two reads of /proc/meminfo`);
      if (rules.caveat) heading.push(rules.caveat);
      const procps = rules.procps;
      if (procps === undefined) {
        const meminfo = readProcText(ctx.procDir, 'meminfo') ?? '';
        return { heading, checks: FREE_VARIANTS.map((v) => showFree(kata, v, meminfo, undefined, ctx.stubs)) };
      }
      const checks = FREE_VARIANTS.map((variant) => {
        const sample = captureFree(ctx.procDir, variant.args);
        if (!sample) return note(variant.title, [`\`free ${variant.args.join(' ')}\` did not run`]);
        const check = compareFree(kata, variant, sample, ctx.stubs, { procps, layout: rules.layout });
        // procps 3.3's -h is not the one kata 2 teaches: show the difference, decide nothing.
        if (check.verdict === 'fail' && variant.options.human && !rules.human)
          return { ...check, verdict: /** @type {const} */ ('note') };
        return check;
      });
      return { heading, checks };
    }
    // Offline: free's output was captured with the snapshot, in the folder `free/` next to `proc/`.
    const meminfo = readProcText(ctx.procDir, 'meminfo');
    if (meminfo === undefined) throw new UsageError(`${ctx.args.procDir} has no meminfo`);
    const captures = join(dirname(ctx.procDir), 'free');
    heading.push(`against free's output captured with it (${join(dirname(ctx.args.procDir ?? ''), 'free')}/)`);
    const checks = FREE_VARIANTS.map((variant) => {
      const output = readProcText(captures, variant.capture);
      if (output === undefined) {
        const why = `No captured output of ${variant.title} (${variant.capture} next to the snapshot): nothing to compare with.`;
        return showFree(kata, variant, meminfo, why, ctx.stubs);
      }
      return compareFree(kata, variant, { before: meminfo, output, after: meminfo, attempts: 1 }, ctx.stubs);
    });
    return { heading, checks };
  },
};
