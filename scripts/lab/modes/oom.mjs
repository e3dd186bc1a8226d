// @ts-check
/**
 * `npm run lab -- oom`: every process's /proc/PID/oom_score against the learner's kata 15, and the process the
 * OOM killer would choose now. Each process is read as status, oom_score_adj, oom_score, status again, up to
 * three times until both status reads agree. A snapshot (--proc DIR) holds DIR/meminfo and
 * DIR/PID/{status,oom_score,oom_score_adj}.
 */
import { availableParallelism } from 'node:os';
import { UsageError } from '../args.mjs';
import { source, whose } from '../mode.mjs';
import { checkOom } from '../oom.mjs';
import { listPids, readProcText } from '../proc-source.mjs';
import { statusMemoryKb } from '../raw-proc.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** A snapshot of this mode's files that ships with memkata (spec/fixtures/oom/README.md). */
export const OOM_SNAPSHOT = 'spec/fixtures/oom/snapshot/proc';

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'oom',
  summary: "your kata 15's oomScore against every process's /proc/PID/oom_score, and who would be killed now",
  snapshot: OOM_SNAPSHOT,
  katas: [15],
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../oom.mjs').OomKata} */ (ctx.katas.get(15));
    const meminfo = readProcText(ctx.procDir, 'meminfo');
    if (meminfo === undefined) throw new UsageError(`${ctx.args.procDir ?? '/proc'} has no meminfo`);
    const kb = (/** @type {string} */ name) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(meminfo)?.[1] ?? 0);
    const samples = listPids(ctx.procDir)
      .map((pid) => readSample(ctx.procDir, pid))
      .filter((s) => s !== undefined);
    if (samples.length === 0) {
      throw new UsageError(
        `no process in ${ctx.live ? '/proc' : ctx.args.procDir} has an oom_score: try --proc ${OOM_SNAPSHOT}`,
      );
    }
    const heading = [`memkata lab · oom · ${whose(ctx)} on every process of ${source(ctx)}`];
    const { body, checks } = checkOom(
      kata,
      { memTotalKb: kb('MemTotal'), swapTotalKb: kb('SwapTotal'), samples, cpus: availableParallelism() },
      ctx.stubs,
    );
    return { heading, body, checks };
  },
};

/**
 * @param {string} procDir
 * @param {number} pid
 * @returns {import('../oom.mjs').OomSample | undefined}
 */
function readSample(procDir, pid) {
  let last;
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = readProcText(procDir, `${pid}/status`);
    const adj = readProcText(procDir, `${pid}/oom_score_adj`);
    const score = readProcText(procDir, `${pid}/oom_score`);
    const after = readProcText(procDir, `${pid}/status`);
    if (before === undefined || adj === undefined || score === undefined || after === undefined) return undefined;
    const stable = JSON.stringify(statusMemoryKb(before)) === JSON.stringify(statusMemoryKb(after));
    last = { pid, status: before, oomScore: Number(score), oomScoreAdj: Number(adj), stable };
    if (stable) break;
  }
  return last;
}
