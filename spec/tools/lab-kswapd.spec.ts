import { describe, expect, it } from 'vitest';
import * as kata13 from '#kata/13-kswapd';
import { NotImplementedError } from '#shared/errors';
import { compareRuns, eventCounts, LAB_ZONE, PHASES, runWorkload } from '../../scripts/lab/kswapd.mjs';

const reference = runWorkload(kata13.ReclaimZone);

describe('runWorkload', () => {
  it("tells seed 004's story: kswapd keeps up with the steady writer, the burst stalls, swap takes the anon pages", () => {
    const counts = eventCounts(reference.events);
    expect(counts.kswapd_wake).toBe(counts.kswapd_sleep);
    expect(counts.kswapd_wake).toBeGreaterThan(10);
    expect(counts.direct_reclaim_begin).toBeGreaterThan(0);
    const steadyEnd = (PHASES[0]?.[0] ?? 0) + (PHASES[1]?.[0] ?? 0);
    expect(reference.events.filter((e) => e.type === 'direct_reclaim_begin' && e.t < steadyEnd)).toEqual([]);
    expect(reference.vmstat.pswpout).toBeGreaterThan(0);
    expect(reference.oom).toBe(0);
    expect(reference.watermarks).toEqual(LAB_ZONE.watermarks);
  });

  it('samples free pages twice a tick: after the allocations and after kswapd', () => {
    const ticks = PHASES.reduce((n, [t]) => n + t, 0);
    expect(reference.samples).toHaveLength(1 + 2 * ticks);
    expect(reference.samples[1]?.t).toBe(0.5);
    expect(reference.samples[2]?.t).toBe(1);
  });

  it('runs out of memory without swap, never scanning anon', () => {
    const run = runWorkload(kata13.ReclaimZone, { swapPages: 0 });
    expect(run.oom).toBeGreaterThan(0);
    expect(run.vmstat.pgscan_anon).toBe(0);
    expect(eventCounts(run.events).oom).toBe(run.oom);
  });

  it('is the same run every time', () => {
    expect(runWorkload(kata13.ReclaimZone)).toEqual(reference);
  });
});

describe('compareRuns', () => {
  it('passes the reference against itself', () => {
    const { run, checks } = compareRuns(kata13, reference, {}, new Map());
    expect(run).toEqual(reference);
    expect(checks.map((c) => [c.title, c.verdict])).toEqual([
      ['the timeline', 'pass'],
      ['/proc/vmstat counters', 'pass'],
      ['seed 004', 'pass'],
    ]);
  });

  it('says which counters differ, and that a zone without stalls misses the story', () => {
    class NoKswapd extends kata13.ReclaimZone {
      override tick() {
        return { actions: [] };
      }
    }
    const { checks } = compareRuns({ ...kata13, ReclaimZone: NoKswapd }, reference, {}, new Map());
    expect(checks[0]?.verdict).toBe('fail');
    expect(checks[1]?.verdict).toBe('fail');
    expect(checks[1]?.lines.some((l) => l.startsWith('pgscan_kswapd: yours 0, the reference '))).toBe(true);
    expect(checks[2]?.verdict).toBe('fail');
    expect(checks.every((c) => c.kata === 13)).toBe(true);
  });

  it('sends a learner with an unwritten ReclaimZone back to kata 13', () => {
    class Stub {
      constructor() {
        throw new NotImplementedError('ReclaimZone');
      }
    }
    const { run, checks } = compareRuns({ ...kata13, ReclaimZone: Stub as never }, reference, {}, new Map());
    expect(run).toBeUndefined();
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ verdict: 'todo', kata: 13 });
    expect(checks[0]?.lines[0]).toContain('ReclaimZone is not written yet');
  });
});
