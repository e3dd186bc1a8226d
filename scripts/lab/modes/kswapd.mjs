// @ts-check
/**
 * `npm run lab -- kswapd [--no-swap] [--swappiness N] [--svg FILE]`: seed 004's story — a page cache fills a
 * 64 MiB zone, a writer kswapd keeps up with, then a burst that outruns it — replayed on the learner's kata 13
 * ReclaimZone (or the reference with --solution), drawn as seed 004's figure (free pages against min/low/high,
 * kswapd's wake and sleep, every direct reclaim), with the first lines of its trace, and compared with the
 * reference's run. --svg writes the figure as a picture. It simulates: no /proc needed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openTree } from '../../lib/load-kata.mjs';
import { reclaimChart, reclaimSvg } from '../../lib/reclaim-chart.mjs';
import { UsageError } from '../args.mjs';
import { note } from '../checks.mjs';
import { attempt } from '../kata-errors.mjs';
import { compareRuns, LAB_ZONE, runWorkload } from '../kswapd.mjs';
import { whose } from '../mode.mjs';

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'kswapd',
  summary: "seed 004's figure from your kata 13 ReclaimZone: free pages, watermarks, kswapd and stalls (and SVG)",
  katas: [13],
  needsProc: false,
  options: {
    'no-swap': { type: 'boolean', help: 'run without swap: anon cannot be reclaimed, the burst ends in OOM' },
    swappiness: { type: 'number', value: 'N', help: 'vm.swappiness for the run, 0..200 (default 60)' },
    svg: { type: 'string', value: 'FILE', help: 'also write the figure as an SVG picture to FILE' },
  },
  async run(ctx) {
    const kata = /** @type {import('../kswapd.mjs').KswapdKata} */ (ctx.katas.get(13));
    const swappiness = Number(ctx.args.options.swappiness ?? 60);
    if (!Number.isInteger(swappiness) || swappiness < 0 || swappiness > 200) {
      throw new UsageError(`--swappiness ${ctx.args.options.swappiness}: a whole number 0..200`);
    }
    const options = { swapPages: ctx.args.options['no-swap'] ? 0 : LAB_ZONE.managedPages, swappiness };
    const reference = runWorkload((await (await openTree('solutions')).load('#kata/13-kswapd')).ReclaimZone, options);
    const { run, checks } = compareRuns(kata, reference, options, ctx.stubs);
    const { min, low, high } = LAB_ZONE.watermarks;
    const heading = [
      `memkata lab · kswapd · ${whose(ctx)}, ${options.swapPages ? `${options.swapPages} pages of swap` : 'no swap'}, swappiness ${swappiness}`,
      `a ${LAB_ZONE.managedPages}-page zone (64 MiB), min ${min} low ${low} high ${high}, kswapd scans ${LAB_ZONE.kswapdBatch} pages a tick (1 ms)`,
    ];
    if (!run) return { heading, checks };
    const title = `seed 004 on a 64 MiB zone (${options.swapPages ? 'swap' : 'no swap'}, swappiness ${swappiness})`;
    const body = [reclaimChart({ ...run, title })];
    const trace = attempt(() => run.events.slice(0, 8).map((e) => kata.formatTraceEvent(e)), 'the trace', {
      call: 'formatTraceEvent(event)',
      kata: 13,
      stubs: ctx.stubs,
    });
    if (trace.ok)
      body.push(
        'the first events, as /sys/kernel/tracing/trace would show them:',
        .../** @type {string[]} */ (trace.value),
        '',
      );
    else checks.push(trace.check);
    const svgFile = ctx.args.options.svg;
    if (typeof svgFile === 'string') {
      const path = resolve(svgFile);
      writeFileSync(path, reclaimSvg({ ...run, title }));
      checks.push(note('SVG', [`wrote the figure to ${path}`]));
    }
    return { heading, body, checks };
  },
};
