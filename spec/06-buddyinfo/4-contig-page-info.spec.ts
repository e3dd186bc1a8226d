import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contigPageInfo } from '#kata/06-buddyinfo';
import { area } from './arbitraries.ts';
import { CAPTURES } from './captures.ts';

const [dma, , normal] = CAPTURES.find((c) => c.name === '2026-11-22')!.zones;

describe('contigPageInfo', () => {
  it('counts DMA `0 0 0 0 0 0 0 0 1 1 3` for order 9: 3840 pages, 5 blocks, 1 + 3 × 2 = 7 blocks of 512 pages', () => {
    expect(contigPageInfo(dma!, 9)).toEqual({ freePages: 3840, freeBlocksTotal: 5, freeBlocksSuitable: 7 });
  });

  it('counts an order-10 block as 2^(10 − order) suitable blocks for smaller orders', () => {
    expect(contigPageInfo(dma!, 0).freeBlocksSuitable).toBe(3840);
    expect(contigPageInfo(dma!, 10).freeBlocksSuitable).toBe(3);
  });

  it('counts the Normal zone of 2026-11-22 for order 4', () => {
    // 6647 7926 6391 3143 1465 195 52 16 44 74 120
    expect(contigPageInfo(normal!, 4)).toEqual({
      freePages: 280295,
      freeBlocksTotal: 26073,
      freeBlocksSuitable: 1465 + 195 * 2 + 52 * 4 + 16 * 8 + 44 * 16 + 74 * 32 + 120 * 64,
    });
  });

  it('finds no suitable block above the largest free order, and every free page suitable at order 0', () => {
    fc.assert(
      fc.property(area, fc.integer({ min: 0, max: 10 }), (a, order) => {
        const info = contigPageInfo(a, order);
        const pages = a.free.reduce((sum, c, o) => sum + c * 2 ** o, 0);
        return (
          info.freePages === pages &&
          info.freeBlocksTotal === a.free.reduce((sum, c) => sum + c, 0) &&
          contigPageInfo(a, 0).freeBlocksSuitable === pages &&
          info.freeBlocksSuitable * 2 ** order <= pages &&
          info.freeBlocksSuitable > 0 === a.free.slice(order).some((c) => c > 0)
        );
      }),
    );
  });

  it.each([11, -1, 1.5, Number.NaN])('throws RangeError for order %s of a zone with 11 orders', (order) => {
    expect(() => contigPageInfo(dma!, order)).toThrow(RangeError);
  });
});
