import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Mapping, swapByMapping } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES, readSmaps } from './captures.ts';

/**
 * This machine has no swap (SwapTotal 0), so no capture has a Swap line above 0. These specs take the fixture
 * process's real smaps and edit the Swap values of chosen mappings, as a swapped-out process would show them.
 */
function withSwap(swapByStart: Record<string, number>): Mapping[] {
  const lines = fixture('proc/fixture/smaps.txt').split('\n');
  let start = '';
  const edited = lines.map((line) => {
    const header = /^([0-9a-f]+)-/.exec(line);
    if (header) start = header[1]!;
    const swap = swapByStart[start];
    return swap !== undefined && line.startsWith('Swap:') ? `Swap:           ${String(swap).padStart(8)} kB` : line;
  });
  return readSmaps(edited.join('\n'));
}

const HEAP = '55cdfc12d000';
const ANON = '7f6f11439000';
const THP = '7f6f10c00000';
const STACK = '7ffcf7980000';

describe('swapByMapping', () => {
  it.each(CAPTURES)('finds nothing swapped in $dir: this machine has no swap', ({ smaps }) => {
    expect(swapByMapping(readSmaps(smaps))).toEqual([]);
  });

  it('lists the swapped mappings, the most swapped first', () => {
    const swapped = swapByMapping(withSwap({ [ANON]: 48, [THP]: 1024, [STACK]: 8 }));
    expect(swapped.map((m) => [m.start.toString(16), m.fields.Swap])).toEqual([
      [THP, 1024],
      [ANON, 48],
      [STACK, 8],
    ]);
  });

  it('keeps mappings with the same Swap in the order of the file', () => {
    const swapped = swapByMapping(withSwap({ [STACK]: 64, [HEAP]: 64, [ANON]: 64, [THP]: 128 }));
    expect(swapped.map((m) => m.start.toString(16))).toEqual([THP, HEAP, ANON, STACK]);
  });

  it('returns the mappings themselves, with their paths, so the seed can see which region is swapped', () => {
    const mappings = withSwap({ [HEAP]: 132 });
    const [heap] = swapByMapping(mappings);
    expect(heap).toBe(mappings.find((m) => m.pathname === '[heap]'));
  });

  it('skips mappings without a Swap line', () => {
    const mappings = withSwap({ [HEAP]: 4 });
    const { Swap: _, ...noSwap } = mappings[0]!.fields;
    expect(swapByMapping([{ ...mappings[0]!, fields: noSwap }, ...mappings.slice(1)]).map((m) => m.pathname)).toEqual([
      '[heap]',
    ]);
  });

  it('does not change the list it was given, nor any mapping in it', () => {
    const mappings = withSwap({ [STACK]: 4, [HEAP]: 8 });
    const order = [...mappings];
    const snapshot = structuredClone(mappings);
    swapByMapping(mappings);
    expect(mappings.every((m, i) => m === order[i])).toBe(true);
    expect(mappings).toEqual(snapshot);
  });

  it('returns a new list, even when every mapping is swapped and already in order', () => {
    const mappings = withSwap({ [HEAP]: 8 }).filter((m) => m.fields.Swap! > 0);
    expect(swapByMapping(mappings)).not.toBe(mappings);
    expect(swapByMapping(mappings)).toEqual(mappings);
  });

  it('returns exactly the mappings with Swap > 0, by Swap descending, ties in input order', () => {
    const base = readSmaps(fixture('proc/fixture/smaps.txt'));
    fc.assert(
      fc.property(fc.array(fc.nat(5), { minLength: base.length, maxLength: base.length }), (swaps) => {
        const mappings = base.map((m, i) => ({ ...m, fields: { ...m.fields, Swap: swaps[i]! * 4 } }));
        const expected = mappings
          .map((m, i) => ({ m, i }))
          .filter(({ m }) => m.fields.Swap > 0)
          .sort((a, b) => b.m.fields.Swap - a.m.fields.Swap || a.i - b.i)
          .map(({ m }) => m);
        const got = swapByMapping(mappings);
        return got.length === expected.length && got.every((m, i) => m === expected[i]);
      }),
    );
  });
});
