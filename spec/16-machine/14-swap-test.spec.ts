import { describe, expect, it } from 'vitest';
import { computeFree, parseMeminfo } from '#kata/02-free';
import { checkMemoryInvariants, parseStatus } from '#kata/04-status';
import { parseSwaps } from '#kata/14-swap';
import { parseOomKill } from '#kata/15-oom-killer';
import { HOG, Machine, type MachineConfig, SCENARIOS, type SwapTestOptions } from '#kata/16-machine';
import { fixture } from './captures.ts';
import { once } from './once.ts';

/**
 * seed 004's machine and hog divided by 64, so that every ratio stays: 16 MiB of RAM (1 GiB), 32 MiB of swap
 * (2 GiB), the kernel image and min_free_kbytes /64, kswapd's batch and the hog's pace /64, a 32 MiB hog (2 GiB).
 */
const MACHINE: MachineConfig = { memoryKb: 16384, kernelKb: 515, minFreeKbytes: 352, swapKb: 32768, kswapdBatch: 8 };
const RUN: SwapTestOptions = { hogKb: 32768, pagesPerTick: 8, shellKb: 64, libsKb: 256, seed: 4, quietTicks: 100 };

/** Runs the scenario, noting after every tick what a person watching would see. */
function replay(machine: MachineConfig) {
  const m = new Machine(machine);
  const seen: { t: number; free: number; swapUsedKb: number; hogSwapKb: number | null }[] = [];
  const result = SCENARIOS['swap-test'].run(m, RUN, (mm) => {
    const hog = mm.processes.get(HOG.pid);
    // /proc/swaps read with your kata 14 parseSwaps every 16 ticks (every tick would only be slower)
    const swaps = mm.time % 16 === 0 ? parseSwaps(mm.readProc('/proc/swaps')) : null;
    seen.push({
      t: mm.time,
      free: mm.zone.freePages,
      swapUsedKb: swaps ? swaps.reduce((kb, a) => kb + a.usedKb, 0) : -1,
      hogSwapKb: hog ? hog.space.stats().vmSwapKb : null,
    });
  });
  return { m, result, seen, types: m.zone.events.map((e) => e.type) };
}

const withSwapRun = once(() => replay(MACHINE));
const noSwapRun = once(() => replay({ ...MACHINE, swapKb: 0 }));

/** The fraction of what the hog wrote that went to swap, in the real capture (spec/fixtures/reclaim/hog). */
function capturedSwapOut(): number {
  const last = fixture('reclaim/hog/with-swap/samples.tsv').trim().split('\n').at(-1) as string;
  return Number(/pswpout=(\d+)/.exec(last)?.[1]) / ((1024 * 2 * 1024 * 1024) / 4096);
}

describe('Machine', () => {
  describe("seed 004's swap_test.py (the machine and the hog divided by 64: 16 MiB of RAM, 32 MiB of swap)", () => {
    it('completes with swap: every chunk written, nobody killed, the hog exits as python does', () => {
      expect(withSwapRun().result).toMatchObject({
        hogPid: HOG.pid,
        completed: true,
        killed: false,
        written: 16 * 513,
      });
      expect(withSwapRun().m.kernelLog).toEqual([]);
      expect(withSwapRun().m.processes.has(HOG.pid)).toBe(false);
    });

    it('wakes kswapd at low first, lets it run from the next tick, and sees it sleep once free is above high', () => {
      const { m, types } = withSwapRun();
      const { high } = m.plan.watermarks;
      expect(types.slice(0, 2)).toEqual(['wakeup_kswapd', 'kswapd_wake']);
      const wake = m.zone.events.find((e) => e.type === 'kswapd_wake');
      expect(wake?.t).toBe((m.zone.events[0]?.t ?? 0) + 1);
      const sleeps = m.zone.events.filter((e) => e.type === 'kswapd_sleep');
      expect(sleeps.length).toBeGreaterThan(0);
      for (const { t } of sleeps) expect(m.zone.samples.find((s) => s.t === t)?.free).toBeGreaterThan(high);
      expect(types.at(-1)).toBe('kswapd_sleep');
      expect(m.zone.kswapd).toBe('sleeping');
    });

    it('stalls the hog in direct reclaim when kswapd falls behind and free reaches min, never going below it', () => {
      const { m, seen } = withSwapRun();
      expect(m.vmstat().allocstall_normal).toBeGreaterThan(0);
      expect(Math.min(...seen.map((s) => s.free))).toBeGreaterThanOrEqual(m.plan.watermarks.min);
    });

    it("swaps the hog out: pswpout, /proc/swaps used and the hog's VmSwap grow together", () => {
      const { m, seen } = withSwapRun();
      expect(m.vmstat().pswpout).toBeGreaterThan(0);
      const peak = seen.reduce((a, b) => (b.swapUsedKb > a.swapUsedKb ? b : a));
      expect(peak.hogSwapKb).toBeGreaterThan(0);
      expect(peak.swapUsedKb).toBeGreaterThanOrEqual(peak.hogSwapKb ?? 0);
      const status = parseStatus(withSwapRun().result.finalStatus as string);
      expect(checkMemoryInvariants(status)).toEqual([]);
      // every page the hog wrote is in memory or in swap
      expect((status.memory?.vmRSS ?? 0) + (status.memory?.vmSwap ?? 0)).toBe(16 * 513 * 4);
    });

    it('sends about as large a share of the hog to swap as the real capture did (52 % of 2 GiB)', () => {
      const { m, result } = withSwapRun();
      const ours = (m.vmstat().pswpout ?? 0) / result.written;
      expect(ours).toBeGreaterThan(capturedSwapOut() - 0.05);
      expect(ours).toBeLessThan(capturedSwapOut() + 0.05);
    });

    it('gives everything back once the hog has exited: swap empty, free above high, free adds up', () => {
      const { m } = withSwapRun();
      const info = parseMeminfo(m.readProc('/proc/meminfo'));
      expect(info.SwapFree).toBe(info.SwapTotal);
      expect((info.MemFree ?? 0) / 4).toBeGreaterThan(m.plan.watermarks.high);
      const free = computeFree(info, { procps: '3.3' }).mem;
      expect(free.used + free.free + free.buffCache).toBe(free.total);
    });

    it('calls the observer after every tick', () => {
      const { seen, m } = withSwapRun();
      expect(seen.map((s) => s.t)).toEqual(Array.from({ length: m.time }, (_, i) => i + 1));
    });

    it("is the OOM killer's without swap: the hog is chosen, and the two kernel lines are kata 15's", () => {
      const { m, result } = noSwapRun();
      expect(result).toMatchObject({ completed: false, killed: true, finalStatus: null });
      expect(m.counters.oom_kill).toBe(1);
      const [, killed] = m.kernelLog;
      const victim = parseOomKill((killed as string).replace(/^\[[ \d.]+\] /, ''));
      expect(victim).toMatchObject({ message: 'Out of memory', pid: HOG.pid, name: 'python3', fileRssKb: 0 });
      expect(victim.anonRssKb).toBe(result.written * 4);
      expect(m.kernelLog[0]).toContain(`task=python3,pid=${HOG.pid},uid=0`);
    });

    it("comes to the kill in the capture's order: the page cache reclaimed, no anon scanned, 16 passes that free nothing", () => {
      const { m } = noSwapRun();
      const events = m.zone.events;
      const oom = events.findIndex((e) => e.type === 'oom');
      const ends = events.slice(0, oom).filter((e) => e.type === 'direct_reclaim_end') as { nrReclaimed: number }[];
      expect(ends.slice(-16).every((e) => e.nrReclaimed === 0)).toBe(true);
      expect(m.vmstat()).toMatchObject({ pgscan_anon: 0, pswpout: 0 });
      expect(m.vmstat().pgsteal_file).toBeGreaterThan(0);
      // the real capture (memcg reclaim of the same program): file pages reclaimed, then passes freeing nothing, then the victim
      const trace = fixture('reclaim/hog/no-swap/trace.txt');
      const passes = [...trace.matchAll(/memcg_reclaim_end: nr_reclaimed=(\d+)|mark_victim/g)].map((x) => x[0]);
      const victim = passes.indexOf('mark_victim');
      const before = passes.slice(0, victim).map((p) => Number(p.split('=')[1]));
      expect(before.slice(-16).every((n) => n === 0)).toBe(true);
      expect(before[0]).toBeGreaterThan(0);
      expect(Number(/pgscan_anon=(\d+)/.exec(fixture('reclaim/hog/no-swap/samples.tsv'))?.[1])).toBe(0);
    });
  });
});
