// @ts-check
/**
 * `npm run practice -- buddy [--seed N] [--answers] [--steps N]`: OSTEP-style homework on the buddy
 * allocator. A generated zone (its size, first PFN and largest order) and a sequence of allocations and
 * frees; for each step the student writes down the PFN alloc returns and the zone's buddyinfo line after it.
 * `--answers` adds them, with the free blocks after each step, from kata 7's reference. The same seed gives
 * the same exercise on every machine.
 */
import { blocksText, buddyinfoLine } from '../lab/buddy.mjs';
import { generator, makeSequence } from '../lab/buddy-sequence.mjs';

/** @typedef {import('../lib/practice.mjs').PracticeContext} PracticeContext */

/**
 * The zone and the steps of one seed.
 * @param {number} seed
 * @param {number} steps
 * @param {any} BuddyAllocator  kata 7's reference class
 */
export function makeExercise(seed, steps, BuddyAllocator) {
  const random = generator(seed ^ 0x5eed);
  const maxOrder = random.int(2, 4);
  // A first PFN that is often not a multiple of the largest block, so that alignment on absolute PFNs shows.
  const basePfn = random.int(0, 12) * 4 + (random.next() < 0.3 ? 2 : 0);
  const pages = random.int(2 ** maxOrder + 4, Math.min(48, 2 ** maxOrder * 3));
  const zone = { pages, basePfn, maxOrder };
  return { zone, sequence: makeSequence(BuddyAllocator, seed, { steps, ...zone }) };
}

/** @param {PracticeContext} ctx */
function run({ seed, answers, options, katas }) {
  const count = typeof options.steps === 'number' ? Math.max(1, Math.min(40, options.steps)) : 10;
  const { BuddyAllocator } = /** @type {any} */ (katas.get(7));
  const { zone, sequence } = makeExercise(seed, count, BuddyAllocator);
  const allocator = new BuddyAllocator(zone);
  const last = zone.basePfn + zone.pages - 1;
  const out = [
    `memkata practice · buddy · seed ${seed}`,
    '',
    `A zone of ${zone.pages} pages, PFNs ${zone.basePfn} to ${last}, with blocks of up to 2^${zone.maxOrder} = ${2 ** zone.maxOrder} pages (maxOrder ${zone.maxOrder}).`,
    'Like the kernel at boot, it starts free as the largest blocks aligned on absolute PFNs that fit:',
    '',
    `  free blocks  ${blocksText(allocator.freeBlocks())}      (pfn@order)`,
    `  ${buddyinfoLine(allocator.freeCounts())}`,
    '',
    'The allocator takes the lowest-PFN block of the smallest order that has one, splits it in halves',
    'keeping the lower half, and merges a freed block with its buddy (pfn ^ 2^order) while the buddy is free.',
    'For each step, write down what alloc returns (a PFN, or null) and the buddyinfo counts after the step.',
    '',
  ];
  const label = (/** @type {import('../lab/buddy-sequence.mjs').BuddyStep} */ step, /** @type {number} */ i) =>
    `  ${String(i + 1).padStart(2)}. ${step.kind === 'alloc' ? `${step.name} = alloc(${step.order})` : `free(${step.name})`}`;
  sequence.forEach((step, i) => {
    out.push(label(step, i));
  });
  if (!answers) {
    out.push('', `Answers: npm run practice -- buddy --seed ${seed} --answers`);
    return out.join('\n');
  }
  out.push('', 'Answers (kata 7 reference):', '');
  /** @type {Map<string, { pfn: number, order: number }>} */
  const held = new Map();
  sequence.forEach((step, i) => {
    let result = '';
    if (step.kind === 'alloc') {
      const pfn = allocator.alloc(step.order);
      held.set(step.name, { pfn, order: step.order });
      result = `  →  ${step.name} = ${pfn}`;
    } else {
      const block = /** @type {{ pfn: number, order: number }} */ (held.get(step.name));
      allocator.free(block.pfn, block.order);
      held.delete(step.name);
      result = `  →  gave back ${block.pfn}@${block.order}`;
    }
    out.push(`${label(step, i).padEnd(22)}${result}`);
    out.push(
      `        buddyinfo ${allocator.freeCounts().join(' ')}    free blocks ${blocksText(allocator.freeBlocks())}`,
    );
  });
  return out.join('\n');
}

/** @type {import('../lib/practice.mjs').PracticeExercise} */
export default {
  name: 'buddy',
  summary: 'a zone and a sequence of allocs and frees; predict each alloc’s PFN and buddyinfo after each step',
  katas: [7],
  options: { steps: { type: 'number', value: 'N', help: 'how many steps (default 10, at most 40)' } },
  run,
};
