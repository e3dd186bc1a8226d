import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OomTask, oomScore } from '#kata/15-oom-killer';
import { PROBE, PROBE_MEM_TOTAL_KB, SNAPSHOT } from './captures.ts';

const TOTAL = PROBE_MEM_TOTAL_KB / 4; // 6170914

const task = (fields: Partial<OomTask> = {}): OomTask => ({
  pid: 4242,
  name: 'hog',
  rssPages: 0,
  swapPages: 0,
  pgtablesBytes: 0,
  oomScoreAdj: 0,
  ...fields,
});

describe('oomScore', () => {
  it('gives a small process with adj 0 the 666 that most processes show: (1000 + 0) × 2 / 3, rounded down', () => {
    expect(oomScore(task({ rssPages: 900 }), TOTAL)).toBe(666);
  });

  // The probe wrote each adj, then read oom_score. Its negative writes failed (no CAP_SYS_RESOURCE), so those
  // rows show the score of the adj still in force: the last positive one, 500.
  it.each(PROBE.map((p) => [p.line, p] as const))('reproduces the probe row %s', (_, p) => {
    const adj = p.adj < 0 ? 500 : p.adj;
    const probe = task({
      rssPages: p.rssKb / 4,
      swapPages: p.vmSwapKb / 4,
      pgtablesBytes: p.vmPteKb * 1024,
      oomScoreAdj: adj,
    });
    expect(oomScore(probe, TOTAL)).toBe(p.oomScore);
  });

  it(`reproduces the oom_score of every process of ${SNAPSHOT.file} (${SNAPSHOT.processes.length} read at once)`, () => {
    const total = SNAPSHOT.memTotalKb / 4;
    // A process caught while exiting has no memory lines and is no kernel thread: the kernel gives it 0
    // (find_lock_task_mm finds no mm), and OomTask has no field for that, so such a row would be left out.
    const scored = SNAPSHOT.processes.filter((p) => p.task.kernelThread || !p.noMemory);
    expect(scored.length).toBeGreaterThan(100);
    expect(scored.map((p) => [p.task.pid, oomScore(p.task, Math.floor(total))])).toEqual(
      scored.map((p) => [p.task.pid, p.oomScore]),
    );
    expect(new Set(scored.map((p) => p.oomScore)).size).toBeGreaterThan(8); // 0, 666 and a dozen others
  });

  it('truncates a negative quotient toward zero, as C does: −482.49… is −482, so 345 and not 344', () => {
    // badness = 107534 − 500 × 6170 = −2977466; × 1000 / 6170914 = −482.49…
    expect(oomScore(task({ rssPages: 107534, oomScoreAdj: -500 }), TOTAL)).toBe(345);
  });

  it('gives 0 to what can never be chosen: adj −1000, pid 1, a kernel thread', () => {
    expect(oomScore(task({ rssPages: 5_000_000, oomScoreAdj: -1000 }), TOTAL)).toBe(0);
    expect(oomScore(task({ pid: 1, rssPages: 5_000_000 }), TOTAL)).toBe(0);
    expect(oomScore(task({ kernelThread: true, oomScoreAdj: 1000 }), TOTAL)).toBe(0);
  });

  it('reaches 2000 for a task holding all memory at adj 1000, and 1 at the other end', () => {
    expect(oomScore(task({ rssPages: 1_000_000, oomScoreAdj: 1000 }), 1_000_000)).toBe(2000);
    expect(oomScore(task({ oomScoreAdj: -999 }), 1_000_000)).toBe(0);
    expect(oomScore(task({ rssPages: 2000, oomScoreAdj: -999 }), 1_000_000)).toBe(2);
  });

  it('throws RangeError for an adj outside −1000..1000', () => {
    expect(() => oomScore(task({ oomScoreAdj: 1001 }), TOTAL)).toThrow(RangeError);
  });

  const anyTask = fc.record({
    pid: fc.integer({ min: 2, max: 4194304 }),
    name: fc.string({ maxLength: 15 }),
    rssPages: fc.nat(2 ** 30),
    swapPages: fc.nat(2 ** 30),
    pgtablesBytes: fc.nat(2 ** 36),
    oomScoreAdj: fc.integer({ min: -1000, max: 1000 }),
  });
  const memory = fc.integer({ min: 1000, max: 2 ** 34 });

  it('never lowers the score when oom_score_adj is raised', () => {
    fc.assert(
      fc.property(anyTask, fc.integer({ min: -1000, max: 1000 }), memory, (t, other, total) => {
        const [low, high] = t.oomScoreAdj < other ? [t.oomScoreAdj, other] : [other, t.oomScoreAdj];
        expect(oomScore({ ...t, oomScoreAdj: high }, total)).toBeGreaterThanOrEqual(
          oomScore({ ...t, oomScoreAdj: low }, total),
        );
      }),
    );
  });

  it('stays within 0..2000 for a task no larger than memory', () => {
    fc.assert(
      fc.property(anyTask, memory, (t, total) => {
        const fits = { ...t, rssPages: t.rssPages % total, swapPages: 0, pgtablesBytes: 0 };
        const score = oomScore(fits, total);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(2000);
      }),
    );
  });
});
