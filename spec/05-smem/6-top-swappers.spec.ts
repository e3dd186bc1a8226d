import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topSwappers } from '#kata/05-smem';
import { processesArb, words } from './process-arb.ts';
import { measuredProcesses, output } from './trees.ts';

const lab = measuredProcesses('swap-lab');

describe('topSwappers', () => {
  it("answers seed 000's question for the swap-lab tree: the leaky agent, with 2096 kB of swap", () => {
    const [top] = topSwappers(lab, 1);
    expect([top?.pid, top?.command, top?.swap]).toEqual([
      9999999,
      '/opt/leaky/bin/leaky-agent --collect-every 1s',
      2096,
    ]);
  });

  it('lists the swappers in the order `smem -s swap -r` printed them first', () => {
    const printed = output('swap-lab', 's-swap-r.txt')
      .split('\n')
      .slice(1, -1)
      .map(words)
      .filter((w) => Number(w.at(-4)) > 0)
      .map((w) => Number(w[0]));
    expect(printed).toEqual([9999999, 3002, 3001, 2210]);
    expect(topSwappers(lab, 10).map((p) => p.pid)).toEqual(printed);
  });

  it('returns at most n processes: the top 2', () => {
    expect(topSwappers(lab, 2).map((p) => p.pid)).toEqual([9999999, 3002]);
  });

  it('returns nothing for n = 0, and nothing when no process uses swap (the seed machine)', () => {
    expect(topSwappers(lab, 0)).toEqual([]);
    expect(topSwappers(measuredProcesses('seed'), 5)).toEqual([]);
  });

  it.each([[-1], [1.5], [Number.NaN]])('throws RangeError for n = %d', (n) => {
    expect(() => topSwappers(lab, n)).toThrow(RangeError);
  });

  it('picks the processes with swap, most first, a tie going to the higher PID, at most n', () => {
    fc.assert(
      fc.property(processesArb, fc.nat(40), (ps, n) => {
        const expected = ps
          .filter((p) => p.swap > 0)
          .sort((a, b) => b.swap - a.swap || b.pid - a.pid)
          .slice(0, n);
        expect(topSwappers(ps, n)).toEqual(expected);
      }),
    );
  });

  it('leaves the list it was given as it was', () => {
    const copy = [...lab];
    topSwappers(lab, 3);
    expect(lab).toEqual(copy);
  });
});
