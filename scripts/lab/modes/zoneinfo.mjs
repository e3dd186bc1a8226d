// @ts-check
/**
 * `npm run lab -- zoneinfo`: /proc/zoneinfo and the watermark sysctls through the learner's kata 12. zoneinfo is
 * read before and after the sysctls, until both reads agree on every zone's managed pages and watermarks
 * (managed grows on machines that initialise memory lazily, and the kernel then recomputes the watermarks).
 * A snapshot (--proc DIR) holds DIR/zoneinfo and DIR/sys/vm/{min_free_kbytes, watermark_scale_factor,
 * lowmem_reserve_ratio}, and may hold DIR/../sys/kernel/mm/transparent_hugepage/enabled.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../args.mjs';
import { source, whose } from '../mode.mjs';
import { readProcText } from '../proc-source.mjs';
import { checkZoneinfo } from '../zoneinfo.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** A snapshot of this mode's files that ships with memkata (spec/fixtures/zoneinfo/README.md). */
export const ZONEINFO_SNAPSHOT = 'spec/fixtures/zoneinfo/snapshot/proc';

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'zoneinfo',
  summary: "your kata 12's watermarks, protection and min_free_kbytes against this machine's /proc/zoneinfo",
  snapshot: ZONEINFO_SNAPSHOT,
  katas: [12],
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../zoneinfo.mjs').WatermarksKata} */ (ctx.katas.get(12));
    const sample = readSample(ctx);
    const heading = [`memkata lab · zoneinfo · ${whose(ctx)} on ${source(ctx)}`];
    if (sample.thp !== undefined) heading.push(`transparent huge pages: ${sample.thp}`);
    const { body, checks } = checkZoneinfo(kata, sample, ctx.stubs);
    return { heading, body, checks };
  },
};

/**
 * @param {ModeContext} ctx
 * @returns {import('../zoneinfo.mjs').ZoneinfoSample}
 */
function readSample(ctx) {
  const where = ctx.live ? '/proc' : ctx.args.procDir;
  const number = (/** @type {string} */ path) => {
    const text = readProcText(ctx.procDir, path);
    if (text === undefined)
      throw new UsageError(`${where} has no ${path}${ctx.live ? '' : `: try --proc ${ZONEINFO_SNAPSHOT}`}`);
    return text.trim().split(/\s+/).map(Number);
  };
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = readProcText(ctx.procDir, 'zoneinfo');
    if (before === undefined)
      throw new UsageError(`${where} has no zoneinfo${ctx.live ? '' : `: try --proc ${ZONEINFO_SNAPSHOT}`}`);
    const [minFreeKbytes = Number.NaN] = number('sys/vm/min_free_kbytes');
    const [watermarkScaleFactor = Number.NaN] = number('sys/vm/watermark_scale_factor');
    const lowmemReserveRatio = number('sys/vm/lowmem_reserve_ratio');
    const after = readProcText(ctx.procDir, 'zoneinfo') ?? '';
    if (watermarkLines(before) === watermarkLines(after)) {
      return { zoneinfo: before, minFreeKbytes, watermarkScaleFactor, lowmemReserveRatio, thp: thpSetting(ctx) };
    }
  }
  throw new UsageError('/proc/zoneinfo kept changing between two reads: try again');
}

/** The lines that must not move between the two reads. */
function watermarkLines(/** @type {string} */ text) {
  return text
    .split('\n')
    .filter((l) => /^Node|^ +(boost|min|low|high|promo|managed|protection:) /.test(l))
    .join('\n');
}

/** The bracketed word of THP's `enabled` file, or undefined when there is none to read. */
function thpSetting(/** @type {ModeContext} */ ctx) {
  const path = ctx.live
    ? '/sys/kernel/mm/transparent_hugepage/enabled'
    : join(dirname(ctx.procDir), 'sys/kernel/mm/transparent_hugepage/enabled');
  try {
    return /\[(\w+)\]/.exec(readFileSync(path, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
