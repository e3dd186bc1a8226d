// @ts-check
/**
 * `npm run lab -- buddy [--seed N] [--ops N] [--svg FILE]`: a seeded sequence of allocations and frees on a
 * small zone, replayed on the learner's kata 7 BuddyAllocator (or the reference with --solution) and drawn
 * step by step: the zone as a row of blocks, its buddyinfo line under it. --svg writes the same as a picture.
 * It simulates: no /proc needed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openTree } from '../../lib/load-kata.mjs';
import { UsageError } from '../args.mjs';
import { drawFrames, framesSvg, replay } from '../buddy.mjs';
import { makeSequence } from '../buddy-sequence.mjs';
import { note } from '../checks.mjs';
import { whose } from '../mode.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** The zone the lab draws: 32 pages fit a terminal row; blocks up to 16 pages. */
export const LAB_ZONE = { pages: 32, basePfn: 0, maxOrder: 4 };

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'buddy',
  summary: 'a seeded alloc/free sequence replayed on your kata 7 BuddyAllocator, drawn step by step (and as SVG)',
  katas: [7],
  needsProc: false,
  options: {
    seed: { type: 'number', value: 'N', help: 'the sequence to replay (default 1; the same seed, the same steps)' },
    ops: { type: 'number', value: 'N', help: 'how many steps (default 12)' },
    svg: { type: 'string', value: 'FILE', help: 'also write the steps as an SVG picture to FILE' },
  },
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../buddy.mjs').BuddyKata} */ (ctx.katas.get(7));
    const seed = Number(ctx.args.options.seed ?? 1);
    const ops = Number(ctx.args.options.ops ?? 12);
    if (!Number.isInteger(seed) || seed < 0)
      throw new UsageError(`--seed ${ctx.args.options.seed}: a whole number ≥ 0`);
    if (!Number.isInteger(ops) || ops < 1 || ops > 200)
      throw new UsageError(`--ops ${ctx.args.options.ops}: a whole number 1..200`);
    // The steps come from the reference, so that every free names a block that was allocated.
    const reference = await (await openTree('solutions')).load('#kata/07-buddy-allocator');
    const steps = makeSequence(reference.BuddyAllocator, seed, { steps: ops, ...LAB_ZONE });
    const { frames, checks } = replay(kata, LAB_ZONE, steps, ctx.stubs);
    const heading = [
      `memkata lab · buddy · ${whose(ctx)}, seed ${seed}`,
      `a zone of ${LAB_ZONE.pages} pages (PFNs ${LAB_ZONE.basePfn}–${LAB_ZONE.basePfn + LAB_ZONE.pages - 1}), maxOrder ${LAB_ZONE.maxOrder}: · is a free page, a letter a page of that allocation, | a block boundary`,
    ];
    const body = drawFrames(frames, LAB_ZONE);
    const svgFile = ctx.args.options.svg;
    if (typeof svgFile === 'string' && frames.length > 0) {
      const path = resolve(svgFile);
      writeFileSync(
        path,
        framesSvg(
          frames,
          LAB_ZONE,
          `BuddyAllocator, ${LAB_ZONE.pages} pages, maxOrder ${LAB_ZONE.maxOrder}, seed ${seed}`,
        ),
      );
      checks.push(note('SVG', [`wrote ${frames.length} rows to ${path}`]));
    }
    return { heading, body, checks };
  },
};
