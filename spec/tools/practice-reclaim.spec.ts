import { describe, expect, it } from 'vitest';
import * as kata13 from '#kata/13-kswapd';
import * as kata15 from '#kata/15-oom-killer';
import exercise, { makeExercise, replay } from '../../scripts/practice/reclaim.mjs';

const katas = new Map<number, Record<string, unknown>>([
  [13, kata13],
  [15, kata15],
]);
const run = (seed: number, answers = false) => exercise.run({ seed, answers, options: {}, katas }) as string;

describe('practice reclaim', () => {
  it('prints the seed and makes the same exercise from the same seed', () => {
    expect(run(42).split('\n')[0]).toBe('memkata practice · reclaim · seed 42');
    expect(run(42)).toBe(run(42));
    expect(run(42, true)).toBe(run(42, true));
    expect(run(1)).not.toBe(run(2));
  });

  it('keeps the answers for --answers, and says how to get them', () => {
    expect(run(7)).not.toContain('Answers (');
    expect(run(7).trimEnd().split('\n').at(-1)).toBe('Answers: npm run practice -- reclaim --seed 7 --answers');
    expect(run(7, true)).toContain('Answers (kata 13 reference):');
  });

  it('makes a zone whose watermarks are in order and whose free pages start above high', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { zone, pages, burst } = makeExercise(seed);
      const { min, low, high } = zone.watermarks;
      expect(min < low && low < high && high - low === low - min).toBe(true);
      expect(zone.managedPages - pages.length).toBeGreaterThan(high);
      expect(burst.reduce((a, b) => a + b, 0)).toBeGreaterThan(zone.managedPages - pages.length - min);
    }
  });

  it('crosses low in every exercise, and has both endings among 50 seeds: OOM and no OOM', () => {
    let oom = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const { steps } = replay(makeExercise(seed), kata13.ReclaimZone);
      expect(steps.some((s) => s.path !== 'fast')).toBe(true);
      if (steps.some((s) => s.path === 'OOM')) oom++;
    }
    expect(oom).toBeGreaterThan(5);
    expect(oom).toBeLessThan(45);
  });

  it('answers each allocation with the path the reference took, in order', () => {
    const ex = makeExercise(6);
    const { steps } = replay(ex, kata13.ReclaimZone);
    const text = run(6, true);
    for (const step of steps) expect(text).toMatch(new RegExp(`^ {4}${step.name} +${step.path}`, 'm'));
  });

  it('names the victim kata 15 picks when an allocation fails, never sshd (−1000) or pid 1', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const text = run(seed, true);
      if (!text.includes(' OOM\n') && !/ OOM$/m.test(text)) continue;
      const ex = makeExercise(seed);
      const victim = kata15.selectVictim(
        ex.tasks,
        kata15.totalPages({ memTotalKb: ex.zone.managedPages * 4, swapTotalKb: ex.zone.swapPages * 4 }),
      );
      expect(victim?.pid).not.toBe(1);
      expect(victim?.pid).not.toBe(410);
      expect(text).toContain(`it picks pid ${victim?.pid} (${victim?.name})`);
    }
  });
});
