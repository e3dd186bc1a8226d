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

  it('leaves the list it was given as it was: same order, same processes, each unchanged', () => {
    const order = [...lab];
    const snapshot = structuredClone(lab);
    topSwappers(lab, 3);
    expect(lab.every((p, i) => p === order[i])).toBe(true);
    expect(lab).toEqual(snapshot);
  });

  it('orders equal swap by PID, highest first, whatever the order it was given (ties on most draws)', () => {
    const tied = fc.uniqueArray(
      fc.record({ pid: fc.integer({ min: 1, max: 99999 }), swap: fc.nat(2).map((n) => n * 4) }),
      { selector: (p) => p.pid, minLength: 2, maxLength: 20 },
    );
    fc.assert(
      fc.property(tied, (raw) => {
        const ps = raw.map(({ pid, swap }) => ({
          pid,
          user: 'root',
          command: 'x',
          swap,
          uss: 0,
          pss: 0,
          rss: 0,
          vss: 0,
          maps: 1,
        }));
        const got = topSwappers(ps, ps.length).map((p) => [p.swap, p.pid]);
        const expected = ps
          .filter((p) => p.swap > 0)
          .map((p) => [p.swap, p.pid])
          .sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!);
        expect(got).toEqual(expected);
      }),
    );
  });
});
