import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OomTask, oomBadness } from '#kata/15-oom-killer';
import { PROBE } from './captures.ts';

const TOTAL = 6170914; // this machine: MemTotal 24683656 kB, no swap

const task = (fields: Partial<OomTask> = {}): OomTask => ({
  pid: 4242,
  name: 'hog',
  rssPages: 0,
  swapPages: 0,
  pgtablesBytes: 0,
  oomScoreAdj: 0,
  ...fields,
});

/** The 400 MiB probe of oom-score-probe.txt, at one of its rows. */
const probe = (row: number, adj: number) => {
  const p = PROBE[row];
  return task({ rssPages: (p?.rssKb ?? 0) / 4, pgtablesBytes: (p?.vmPteKb ?? 0) * 1024, oomScoreAdj: adj });
};

describe('oomBadness', () => {
  it('counts resident pages and page-table pages: 102682 + 211 = 102893 for the 400 MiB probe at adj 0', () => {
    expect(oomBadness(probe(0, 0), TOTAL)).toBe(102893);
  });

  it('adds oom_score_adj × ⌊totalpages / 1000⌋: 102958 + 500 × 6170 at adj 500', () => {
    expect(oomBadness(probe(1, 500), TOTAL)).toBe(102958 + 500 * 6170);
  });

  it('rounds totalpages / 1000 down before multiplying: each point of adj is 6170 pages here, not 6170.914', () => {
    expect(oomBadness(task({ oomScoreAdj: 1000 }), TOTAL)).toBe(6170000);
    expect(oomBadness(task({ oomScoreAdj: 7 }), 1999)).toBe(7);
  });

  it('takes a totalpages as small as 1: adj then weighs nothing', () => {
    expect(oomBadness(task({ rssPages: 3, oomScoreAdj: 1000 }), 1)).toBe(3);
  });

  it('counts swapped-out pages like resident ones', () => {
    expect(oomBadness(task({ rssPages: 100, swapPages: 50 }), TOTAL)).toBe(150);
  });

  it('counts whole pages of page tables: 8191 bytes is one page', () => {
    expect(oomBadness(task({ pgtablesBytes: 8191 }), TOTAL)).toBe(1);
    expect(oomBadness(task({ pgtablesBytes: 864256 }), TOTAL)).toBe(211);
  });

  it('goes negative with a negative adj: −999 still counts, it is not −1000', () => {
    expect(oomBadness(probe(1, -999), TOTAL)).toBe(102958 - 999 * 6170);
  });

  it('never chooses a task with oom_score_adj −1000 (null), however large', () => {
    expect(oomBadness(task({ rssPages: 5_000_000, oomScoreAdj: -1000 }), TOTAL)).toBeNull();
  });

  it('never chooses pid 1, the init process (null)', () => {
    expect(oomBadness(task({ pid: 1, rssPages: 5_000_000, oomScoreAdj: 1000 }), TOTAL)).toBeNull();
  });

  it('never chooses a kernel thread (null)', () => {
    expect(oomBadness(task({ kernelThread: true, rssPages: 10 }), TOTAL)).toBeNull();
    expect(oomBadness(task({ kernelThread: false, rssPages: 10 }), TOTAL)).toBe(10);
  });

  it.each([
    ['an adj of 1001', { oomScoreAdj: 1001 }, TOTAL],
    ['an adj of −1001', { oomScoreAdj: -1001 }, TOTAL],
    ['a fractional adj', { oomScoreAdj: 0.5 }, TOTAL],
    ['negative resident pages', { rssPages: -1 }, TOTAL],
    ['fractional swap pages', { swapPages: 1.5 }, TOTAL],
    ['negative page-table bytes', { pgtablesBytes: -4096 }, TOTAL],
    ['a totalpages of 0', {}, 0],
    ['a fractional totalpages', {}, 10.5],
  ])('throws RangeError for %s', (_, fields, total) => {
    expect(() => oomBadness(task(fields), total)).toThrow(RangeError);
  });

  const anyTask = fc.record({
    pid: fc.integer({ min: 2, max: 4194304 }),
    name: fc.string({ maxLength: 15 }),
    rssPages: fc.nat(2 ** 32),
    swapPages: fc.nat(2 ** 32),
    pgtablesBytes: fc.nat(2 ** 40),
    oomScoreAdj: fc.integer({ min: -999, max: 1000 }),
  });

  it('is rss + swap + ⌊pgtables / 4096⌋ + adj × ⌊totalpages / 1000⌋ for any task that can be chosen', () => {
    fc.assert(
      fc.property(anyTask, fc.integer({ min: 1, max: 2 ** 36 }), (t, total) => {
        const expected =
          t.rssPages + t.swapPages + Math.floor(t.pgtablesBytes / 4096) + t.oomScoreAdj * Math.floor(total / 1000);
        expect(oomBadness(t, total)).toBe(expected);
      }),
    );
  });

  it('never falls when oom_score_adj is raised', () => {
    fc.assert(
      fc.property(
        anyTask,
        fc.integer({ min: -999, max: 1000 }),
        fc.integer({ min: 1, max: 2 ** 36 }),
        (t, other, total) => {
          const [low, high] = t.oomScoreAdj < other ? [t.oomScoreAdj, other] : [other, t.oomScoreAdj];
          const lower = oomBadness({ ...t, oomScoreAdj: low }, total) ?? Number.NEGATIVE_INFINITY;
          expect(oomBadness({ ...t, oomScoreAdj: high }, total)).toBeGreaterThanOrEqual(lower);
        },
      ),
    );
  });
});
