import { describe, expect, it } from 'vitest';
import { formatSwaps, HOG_NAME, HOG_PID, parseSwaps, runHog } from '#kata/14-swap';
import { type OomTask, selectVictim } from '#kata/15-oom-killer';
import { fixture } from '#support/fixtures';

/** Seed 004 scaled down 256 times: 4 MiB of RAM, an 8 MiB writer, an 8 MiB swap file. */
const SCALED = { ramPages: 1024, hogPages: 2048 };
/** The other processes of a small machine: init (never chosen) and a shell. */
const OTHERS: OomTask[] = [
  { pid: 1, name: 'systemd', rssPages: 3000, swapPages: 0, pgtablesBytes: 90112, oomScoreAdj: 0 },
  { pid: 870, name: 'bash', rssPages: 900, swapPages: 0, pgtablesBytes: 61440, oomScoreAdj: 0 },
];

/** The sampler's columns of the real run with swap (spec/fixtures/reclaim/hog/with-swap/samples.tsv). */
function realSamples() {
  const [header = '', ...rows] = fixture('reclaim/hog/with-swap/samples.tsv').trimEnd().split('\n');
  const names = header.split('\t');
  return rows
    .filter((r) => !r.startsWith('#'))
    .map((r) => Object.fromEntries(r.split('\t').map((v, i) => [names[i], Number(v)])));
}

describe('runHog', () => {
  it('completes with swap, leaving RAM full and the rest of the writer in swap, as seed 004 predicts', () => {
    const r = runHog({ ...SCALED, swapPages: 2049 });
    expect(r.completed).toBe(true);
    expect(r.victim).toBeNull();
    expect(r.written).toBe(2048);
    // every page is somewhere: in RAM or in swap (page tables take a few frames)
    expect(r.status.rssAnonKb + r.status.vmSwapKb).toBe(2048 * 4);
    expect(r.status.rssAnonKb).toBeGreaterThan(1000 * 4);
    expect(r.status.vmSwapKb).toBe(r.swaps[0]?.usedKb);
    expect(r.vmstat.pswpout).toBe(r.status.vmSwapKb / 4);
    expect(r.vmstat.pswpin).toBe(0); // the writer never reads back
    expect(r.meminfo).toEqual({ SwapTotal: 8192, SwapFree: 8192 - r.status.vmSwapKb, SwapCached: 0 });
    expect(parseSwaps(formatSwaps(r.swaps))).toEqual([
      { path: '/swapfile', kind: 'file', sizeKb: 8192, usedKb: r.status.vmSwapKb, priority: -2 },
    ]);
  });

  it('grows pswpout and VmSwap together once RAM is full, never RssAnon beyond RAM — like the capture', () => {
    const r = runHog({ ...SCALED, swapPages: 2049, sampleEvery: 64 });
    expect(r.samples).toHaveLength(32);
    for (let i = 1; i < r.samples.length; i++) {
      const [a, b] = [r.samples[i - 1], r.samples[i]] as [(typeof r.samples)[0], (typeof r.samples)[0]];
      expect(b.written - a.written).toBe(64);
      expect(b.pswpout).toBeGreaterThanOrEqual(a.pswpout);
      expect(b.vmSwapKb).toBeGreaterThanOrEqual(a.vmSwapKb);
      expect(b.rssAnonKb).toBeLessThanOrEqual(1024 * 4);
    }
    expect(r.samples.slice(0, 15).every((s) => s.vmSwapKb === 0)).toBe(true);
    // every page written was accessed: each got one second chance before it went to swap
    expect(r.secondChances).toBeGreaterThanOrEqual(r.vmstat.pswpout);
    expect(r.secondChances).toBeLessThanOrEqual(2048);
    expect(r.samples.at(-1)?.vmSwapKb).toBeGreaterThan(0);
    // the capture: the same shape, RssAnon flat near the 1 GiB limit while VmSwap climbs
    const real = realSamples();
    const peak = real.reduce((best, s) => (s.VmSwap > best.VmSwap ? s : best));
    expect(peak.RssAnon).toBeLessThanOrEqual(1048576);
    expect(peak.VmSwap).toBeGreaterThan(900000);
    expect(peak.pswpout * 4).toBeGreaterThanOrEqual(peak.VmSwap);
  });

  it('is chosen by the OOM killer without swap: the hog, not systemd or the shell, when RAM runs out', () => {
    const r = runHog({ ...SCALED, swapPages: 0, others: OTHERS });
    expect(r.completed).toBe(false);
    expect(r.victim).toMatchObject({ pid: HOG_PID, name: HOG_NAME, swapPages: 0, oomScoreAdj: 0 });
    expect([HOG_PID, HOG_NAME]).toEqual([16319, 'python3']); // the capture's writer
    expect(r.victim).toMatchObject({ rssPages: r.status.rssAnonKb / 4, pgtablesBytes: r.status.vmPteKb * 1024 });
    expect(r.written).toBeLessThan(1024);
    expect(r.written).toBeGreaterThan(1000);
    expect(r.vmstat).toEqual({ pswpout: 0, pswpin: 0 });
    expect(r.status.vmSwapKb).toBe(0);
    // the last sample is where the run ended
    expect(r.samples.at(-1)).toEqual({ written: r.written, rssAnonKb: r.status.rssAnonKb, vmSwapKb: 0, pswpout: 0 });
    // the victim is the one kata 15 picks among them all
    expect(selectVictim([...OTHERS, r.victim as OomTask], 1024)).toBe(r.victim);
    // the capture: the kernel killed python3 in the cgroup, no page swapped
    const dmesg = fixture('reclaim/hog/no-swap/dmesg.txt');
    expect(dmesg).toMatch(/Memory cgroup out of memory: Killed process \d+ \(python3\)/);
  });

  it('is chosen even with swap, once swap is full too', () => {
    const r = runHog({ ...SCALED, swapPages: 100, others: OTHERS });
    expect(r.completed).toBe(false);
    expect(r.victim?.pid).toBe(HOG_PID);
    expect(r.vmstat.pswpout).toBe(99);
    expect(r.victim?.swapPages).toBe(99);
    expect(r.meminfo.SwapFree).toBe(0);
  });

  it('kills a bigger process instead when there is one: only the victim the OOM killer picks dies', () => {
    const big: OomTask = { pid: 4242, name: 'java', rssPages: 100000, swapPages: 0, pgtablesBytes: 0, oomScoreAdj: 0 };
    const r = runHog({ ...SCALED, swapPages: 0, others: [...OTHERS, big] });
    expect(r.victim).toBe(big);
    expect(r.completed).toBe(false);
  });

  it('weighs oom_score_adj against all of RAM and swap: a small process at 1000 goes before the hog', () => {
    // badness = rss + adj · ⌊totalpages / 1000⌋: 30 + 1000 · ⌊1024 / 1000⌋ = 1030 beats the hog's ~1023 pages
    const eager: OomTask = { pid: 555, name: 'eager', rssPages: 30, swapPages: 0, pgtablesBytes: 0, oomScoreAdj: 1000 };
    expect(runHog({ ...SCALED, swapPages: 0, others: [eager] }).victim).toBe(eager);
  });

  it('picks the hog by itself when no other task is given, and runs on the smallest machine and writer', () => {
    expect(runHog({ ramPages: 64, hogPages: 100, swapPages: 0 }).victim?.pid).toBe(HOG_PID);
    expect(runHog({ ramPages: 16, hogPages: 1, swapPages: 0 })).toMatchObject({ completed: true, written: 1 });
  });

  it('never needs swap when RAM is big enough, and samples every hogPages / 64 pages by default', () => {
    const r = runHog({ ramPages: 4096, hogPages: 2048, swapPages: 0 });
    expect(r).toMatchObject({ completed: true, victim: null, secondChances: 0, vmstat: { pswpout: 0, pswpin: 0 } });
    expect(r.status.rssAnonKb).toBe(8192);
    expect(r.samples.map((s) => s.written)).toEqual(Array.from({ length: 64 }, (_, i) => 32 * (i + 1)));
    expect(runHog({ ramPages: 64, hogPages: 40, swapPages: 0 }).samples).toHaveLength(40); // at least one page apart
  });

  it.each([
    ['RAM of 15 pages', { ramPages: 15, hogPages: 10, swapPages: 0 }],
    ['a fractional writer', { ramPages: 64, hogPages: 10.5, swapPages: 0 }],
    ['a writer of 0 pages', { ramPages: 64, hogPages: 0, swapPages: 0 }],
    ['negative swap', { ramPages: 64, hogPages: 10, swapPages: -1 }],
  ])('throws RangeError for %s', (_, options) => {
    expect(() => runHog(options)).toThrow(RangeError);
  });
});
