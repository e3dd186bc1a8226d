import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocatorError, type AllocatorErrorCode, BuddyAllocator } from '#kata/07-buddy-allocator';
import { type Block, BuddyModel } from './model.ts';

/** A zone: small enough to check page by page, sometimes at PFNs beyond 2^32. */
const zoneOptions = fc.record({
  pages: fc.nat(200),
  basePfn: fc.oneof(
    fc.nat(3000),
    fc.nat(3000).map((n) => 2 ** 40 + n),
  ),
  maxOrder: fc.nat(5),
});

/** alloc(order); free a block the test holds (pick); or free any (pfn, order) at all, allowed or not. */
type Op =
  | { kind: 'alloc'; order: number }
  | { kind: 'free'; pick: number }
  | { kind: 'any'; offset: number; order: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('alloc' as const), order: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('any' as const),
      offset: fc.integer({ min: -8, max: 215 }),
      order: fc.integer({ min: -1, max: 7 }),
    }),
  },
);

/** "0@3 8@3" */
const blocksText = (blocks: Block[]) => blocks.map((b) => `${b.pfn}@${b.order}`).join(' ');

/** The code of the AllocatorError the call throws, or what happened instead, in words. */
function refusedWith(call: () => void): string {
  try {
    call();
    return 'nothing thrown';
  } catch (error) {
    if (error instanceof AllocatorError && error.name === 'AllocatorError') return `AllocatorError '${error.code}'`;
    return `${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
}

/** What BuddyAllocator must answer to free(pfn, order), from the model: a code, or undefined for "fine". */
function expectedRefusal(model: BuddyModel, pfn: number, order: number): AllocatorErrorCode | undefined {
  if (!Number.isInteger(order) || order < 0 || order > model.maxOrder) return 'bad-order';
  if (pfn < model.first || pfn + 2 ** order > model.end) return 'out-of-range';
  if (pfn % 2 ** order !== 0) return 'misaligned';
  for (let page = pfn; page < pfn + 2 ** order; page++) if (model.isFree(page)) return 'double-free';
  return undefined;
}

/**
 * The invariants of any buddy state that the allocator's own answers break, in words (empty when all hold).
 * Plain checks, one expect per step: thousands of expect calls would make the spec slow.
 */
function brokenInvariants(
  zone: InstanceType<typeof BuddyAllocator>,
  model: BuddyModel,
  allocatedPages: number,
): string[] {
  const broken: string[] = [];
  const free = zone.freeBlocks();
  const counts = zone.freeCounts();
  const perOrder = Array.from(
    { length: model.maxOrder + 1 },
    (_, order) => free.filter((b) => b.order === order).length,
  );
  if (counts.join() !== perOrder.join()) broken.push(`freeCounts ${counts} do not count freeBlocks (${perOrder})`);
  const starts = new Set(free.map((b) => `${b.pfn}@${b.order}`));
  let pages = 0;
  let next = Number.NEGATIVE_INFINITY;
  for (const { pfn, order } of free) {
    const size = 2 ** order;
    if (pfn % size !== 0) broken.push(`${pfn}@${order} is not aligned on 2^${order}`);
    if (pfn < model.first || pfn + size > model.end) broken.push(`${pfn}@${order} is not inside the zone`);
    if (pfn < next) broken.push(`${pfn}@${order} overlaps the block before it, or freeBlocks is not sorted`);
    next = pfn + size;
    pages += size;
    const buddy = (pfn / size) % 2 === 0 ? pfn + size : pfn - size;
    if (order < model.maxOrder && starts.has(`${buddy}@${order}`))
      broken.push(`${pfn}@${order} and its buddy are both free`);
  }
  if (zone.freePages() !== pages) broken.push(`freePages ${zone.freePages()} ≠ the ${pages} pages of freeBlocks`);
  const zonePages = model.end - model.first;
  if (pages + allocatedPages !== zonePages) broken.push(`${pages} free + ${allocatedPages} allocated ≠ ${zonePages}`);
  return broken;
}

describe('BuddyAllocator', () => {
  describe('against a model, over random sequences of alloc and free', () => {
    it('agrees with the model after every call, keeps the invariants, and refuses exactly what it must', () => {
      fc.assert(
        fc.property(zoneOptions, fc.array(op, { maxLength: 50 }), (options, ops) => {
          const zone = new BuddyAllocator(options);
          const model = new BuddyModel(options.pages, options.basePfn, options.maxOrder);
          const held: Block[] = [];
          const allocated = new Set<number>();
          // Plain comparisons, one expect at the end: thousands of expect calls would make the spec slow.
          const wrong: string[] = [];
          const compare = (what: string) => {
            const yours = blocksText(zone.freeBlocks());
            const expected = blocksText(model.sorted());
            if (yours !== expected) wrong.push(`${what}: free blocks ${yours}, expected ${expected}`);
            wrong.push(...brokenInvariants(zone, model, allocated.size).map((rule) => `${what}: ${rule}`));
          };
          compare('new zone');
          for (const [i, step] of ops.entries()) {
            if (wrong.length > 0) break;
            if (step.kind === 'alloc') {
              const order = Math.min(step.order, options.maxOrder);
              const pfn = zone.alloc(order);
              const expected = model.alloc(order);
              if (pfn !== expected) wrong.push(`step ${i + 1}, alloc(${order}): ${pfn}, expected ${expected}`);
              if (pfn !== null) {
                held.push({ pfn, order });
                for (let page = pfn; page < pfn + 2 ** order; page++) allocated.add(page);
              }
              compare(`step ${i + 1}, alloc(${order})`);
              continue;
            }
            const block =
              step.kind === 'free'
                ? held.splice(step.pick % Math.max(held.length, 1), 1)[0]
                : { pfn: options.basePfn + step.offset, order: step.order };
            if (block === undefined) continue;
            const call = `step ${i + 1}, free(${block.pfn}, ${block.order})`;
            const refusal = expectedRefusal(model, block.pfn, block.order);
            if (refusal === undefined) {
              zone.free(block.pfn, block.order);
              model.free(block.pfn, block.order);
              for (let page = block.pfn; page < block.pfn + 2 ** block.order; page++) allocated.delete(page);
            } else {
              const before = `${blocksText(zone.freeBlocks())} / ${zone.freeCounts()}`;
              const code = refusedWith(() => zone.free(block.pfn, block.order));
              if (code !== `AllocatorError '${refusal}'`)
                wrong.push(`${call}: ${code}, expected AllocatorError '${refusal}'`);
              const after = `${blocksText(zone.freeBlocks())} / ${zone.freeCounts()}`;
              if (after !== before) wrong.push(`${call} was refused but changed the zone: ${before} → ${after}`);
            }
            compare(call);
          }
          expect(wrong).toEqual([]);
        }),
      );
    });

    it('comes back to the blocks it started with once every page is freed, in any order', () => {
      fc.assert(
        fc.property(zoneOptions, fc.array(fc.nat(5), { maxLength: 40 }), fc.nat(), (options, orders, seed) => {
          const zone = new BuddyAllocator(options);
          const initial = zone.freeBlocks();
          const pages: number[] = [];
          for (const order of orders) {
            const pfn = zone.alloc(Math.min(order, options.maxOrder));
            if (pfn === null) continue;
            for (let page = pfn; page < pfn + 2 ** Math.min(order, options.maxOrder); page++) pages.push(page);
          }
          // Free page by page, in an order shuffled by the seed.
          const shuffled = pages
            .map((page, i) => ({ page, key: (i * 2654435761 + seed) % 4294967296 }))
            .sort((a, b) => a.key - b.key);
          for (const { page } of shuffled) zone.free(page, 0);
          expect(zone.freeBlocks()).toEqual(initial);
          expect(zone.freePages()).toBe(options.pages);
        }),
      );
    });

    it('serves as the frame allocator of later katas: allocFrame = alloc(0), freeFrame = free(pfn, 0)', () => {
      const zone = new BuddyAllocator({ pages: 64, basePfn: 256 });
      const frames = { allocFrame: () => zone.alloc(0), freeFrame: (pfn: number) => zone.free(pfn, 0) };
      const taken = Array.from({ length: 64 }, () => frames.allocFrame());
      expect(taken).toEqual(Array.from({ length: 64 }, (_, i) => 256 + i));
      expect(frames.allocFrame()).toBeNull();
      for (const pfn of taken.reverse()) frames.freeFrame(pfn!);
      expect(zone.freeBlocks()).toEqual([{ pfn: 256, order: 6 }]);
    });
  });
});
