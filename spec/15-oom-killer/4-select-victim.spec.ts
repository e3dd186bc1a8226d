import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OomTask, oomBadness, selectVictim } from '#kata/15-oom-killer';
import { KILLS, MEMCG_PAGES, SNAPSHOT } from './captures.ts';

const task = (pid: number, rssPages: number, fields: Partial<OomTask> = {}): OomTask => ({
  pid,
  name: `task${pid}`,
  rssPages,
  swapPages: 0,
  pgtablesBytes: 0,
  oomScoreAdj: 0,
  ...fields,
});

describe('selectVictim', () => {
  it.each(KILLS.map((k) => [k.killed.replace(/^.*Killed process (\d+ \(\S+\)).*$/, '$1'), k] as const))(
    'chooses %s from the task table the kernel printed before its real kill in a 64 MiB cgroup',
    (_, kill) => {
      const killedPid = Number(/Killed process (\d+)/.exec(kill.killed)?.[1]);
      expect(selectVictim(kill.tasks, MEMCG_PAGES)?.pid).toBe(killedPid);
    },
  );

  it('chooses the Python holding 24 MiB at adj 1000 over the hog that is allocating (9504 + 16 × 1000 > 8763)', () => {
    const [, python] = KILLS;
    expect(python?.tasks.map((t) => oomBadness(t, MEMCG_PAGES))).toEqual([25504, 8763]);
  });

  it('chooses, among every process of this machine, the one the kernel scores highest', () => {
    const total = Math.floor(SNAPSHOT.memTotalKb / 4);
    const tasks = SNAPSHOT.processes.map((p) => p.task);
    const highest = SNAPSHOT.processes.reduce((a, b) => (b.oomScore > a.oomScore ? b : a));
    expect(selectVictim(tasks, total)?.pid).toBe(highest.task.pid);
  });

  it('gives a tie to the later task, as the kernel walks the task list oldest first', () => {
    const first = task(100, 500);
    const second = task(200, 500);
    expect(selectVictim([first, second], 10_000)).toBe(second);
    expect(selectVictim([second, first], 10_000)).toBe(first);
  });

  it('returns the very object it was given', () => {
    const victim = { ...task(7, 900), cgroup: '/hog' };
    const chosen = selectVictim([{ ...task(6, 10), cgroup: '/' }, victim, { ...task(8, 20), cgroup: '/' }], 10_000);
    expect(chosen).toBe(victim);
    expect(chosen?.cgroup).toBe('/hog');
  });

  it('never chooses oom_score_adj −1000, pid 1 or a kernel thread, even when they are the largest', () => {
    const small = task(300, 10);
    const tasks = [
      task(1, 9_000_000),
      task(2, 9_000_000, { kernelThread: true }),
      task(250, 9_000_000, { oomScoreAdj: -1000 }),
      small,
    ];
    expect(selectVictim(tasks, 10_000_000)).toBe(small);
  });

  it('chooses a task whose badness is negative when it is the only one that can be chosen', () => {
    const shielded = task(400, 10, { oomScoreAdj: -500 });
    expect(oomBadness(shielded, 10_000)).toBe(-4990);
    expect(selectVictim([task(1, 50), shielded], 10_000)).toBe(shielded);
  });

  it('prefers the smaller task when the larger one has lowered its adj', () => {
    const big = task(500, 5000, { oomScoreAdj: -500 });
    const small = task(501, 100);
    expect(selectVictim([big, small], 10_000)).toBe(small);
  });

  it('returns null when there is no task, or none can be chosen', () => {
    expect(selectVictim([], 10_000)).toBeNull();
    expect(selectVictim([task(1, 10), task(2, 10, { kernelThread: true })], 10_000)).toBeNull();
  });

  it('returns a task of the largest badness, the last of those in the list', () => {
    const anyTask = fc.record({
      pid: fc.integer({ min: 1, max: 40 }),
      name: fc.constant('t'),
      rssPages: fc.nat(20),
      swapPages: fc.nat(3),
      pgtablesBytes: fc.nat(3).map((n) => n * 4096),
      oomScoreAdj: fc.constantFrom(-1000, -1, 0, 1, 1000),
      kernelThread: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(anyTask, { maxLength: 12 }), fc.integer({ min: 1000, max: 5000 }), (tasks, total) => {
        const points = tasks.map((t) => oomBadness(t, total));
        const candidates = points.filter((p) => p !== null);
        const chosen = selectVictim(tasks, total);
        if (candidates.length === 0) {
          expect(chosen).toBeNull();
          return;
        }
        const best = Math.max(...candidates);
        expect(chosen).toBe(tasks[points.lastIndexOf(best)]);
      }),
    );
  });
});
