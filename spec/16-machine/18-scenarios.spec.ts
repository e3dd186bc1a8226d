import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { parseSmaps } from '#kata/03-smaps';
import { parseStatus } from '#kata/04-status';
import {
  HOG,
  Machine,
  type MachineConfig,
  type PageCacheOptions,
  SCENARIOS,
  type SwapTestOptions,
} from '#kata/16-machine';

/**
 * The scenarios as the README tells them (full size: only the machines are built, and seed 000's 4 MiB is
 * written), then small runs that look at what a person watching the experiment would see. Each test makes its
 * own small run: a replay shared between tests would count, for mutation testing, only for the first of them.
 */

const GiB = 1024 * 1024; // KiB
const meminfoOf = (config: MachineConfig) => parseMeminfo(new Machine(config).readProc('/proc/meminfo'));

/** seed 004 divided by 64, with a smaller hog (the shell, the libraries and the pace as in 14-swap-test). */
const SWAP_MACHINE: MachineConfig = {
  memoryKb: 16384,
  kernelKb: 515,
  minFreeKbytes: 352,
  swapKb: 32768,
  kswapdBatch: 8,
};
const SWAP_RUN: SwapTestOptions = { hogKb: 20480, pagesPerTick: 8, shellKb: 64, libsKb: 256, seed: 4, quietTicks: 100 };

function swapTest(options: Partial<SwapTestOptions> = {}) {
  const m = new Machine(SWAP_MACHINE);
  const seen: { t: number; procs: { pid: number; ppid: number; name: string }[]; cached: number; dirty: number }[] = [];
  const hogPages: number[] = [];
  const lastRun: number[] = [];
  const result = SCENARIOS['swap-test'].run(m, { ...SWAP_RUN, ...options }, (mm) => {
    const info = mm.time <= 2 ? parseMeminfo(mm.readProc('/proc/meminfo')) : null;
    seen.push({
      t: mm.time,
      procs: mm.time <= 2 ? [...mm.processes.values()].map((p) => ({ pid: p.pid, ppid: p.ppid, name: p.name })) : [],
      cached: info?.Cached ?? -1,
      dirty: info?.Dirty ?? -1,
    });
    const shell = [...mm.processes.values()].find((p) => p.name === 'bash');
    if (shell) lastRun.push(shell.lastRun);
    const hog = mm.processes.get(HOG.pid);
    if (hog) {
      const s = hog.space.stats();
      hogPages.push((s.rssAnonKb + s.vmSwapKb) / 4);
    }
  });
  return { m, result, seen, hogPages, lastRun };
}

/** Runs a scenario on a small machine, noting /proc/meminfo and the processes' names at the ticks asked for. */
function watch<R>(
  run: (m: InstanceType<typeof Machine>, observe: (m: InstanceType<typeof Machine>) => void) => R,
  at: number[],
) {
  const m = new Machine({ memoryKb: 16384, kernelKb: 0, swapKb: 16384 });
  const ticks: number[] = [];
  const seen = new Map<number, { names: string[]; anon: number; cached: number; dirty: number }>();
  const result = run(m, (mm) => {
    ticks.push(mm.time);
    if (!at.includes(mm.time)) return;
    const info = parseMeminfo(mm.readProc('/proc/meminfo'));
    const names = [...mm.processes.values()].map((p) => p.name);
    seen.set(mm.time, { names, anon: info.AnonPages ?? -1, cached: info.Cached ?? -1, dirty: info.Dirty ?? -1 });
  });
  return { m, result, ticks, seen: (t: number) => seen.get(t) };
}

describe('SCENARIOS', () => {
  it("holds seed 004's machine: 1 GiB of RAM and a 2 GiB swap file (not 1 GiB: then the OOM killer ends it), kswapd 32 pages a tick", () => {
    const { seed, machine, options } = SCENARIOS['swap-test'];
    expect(seed).toBe('004');
    expect(machine).toEqual({ memoryKb: 1 * GiB, swapKb: 2 * GiB, kswapdBatch: 32 });
    const info = meminfoOf(machine);
    expect(info).toMatchObject({ MemTotal: 999236, SwapTotal: 2 * GiB - 4, SwapFree: 2 * GiB - 4 });
    // 1024 chunks of 2 MiB, 24 pages a ms, a shell with 4 MiB of heap, python3's 16 MiB of libraries
    expect(options).toMatchObject({ hogKb: 1024 * 2048, pagesPerTick: 24, shellKb: 4096, libsKb: 16384 });
  });

  it("holds seed 001's run: a 2 GiB machine with 1 GiB of swap, a 1 GiB file at 35 pages a tick, then 1.5 GiB of pressure (not the seed's 8 GiB)", () => {
    const { seed, machine, options } = SCENARIOS['page-cache'];
    expect(seed).toBe('001');
    expect(machine).toEqual({ memoryKb: 2 * GiB, swapKb: 1 * GiB });
    expect(meminfoOf(machine)).toMatchObject({ MemTotal: 2031428, SwapTotal: 1048572 });
    expect(options).toEqual({ fileKb: 1 * GiB, pagesPerTick: 35, pressureKb: 1536 * 1024 });
  });

  it("holds seed 003's run: 1 GiB of RAM and 1 GiB of swap (sar's %commit 12.80 for 256 MiB), 256 MiB of anon memory and a 256 MiB file", () => {
    const { seed, machine, options } = SCENARIOS.sar;
    expect(seed).toBe('003');
    expect(machine).toEqual({ memoryKb: 1 * GiB, swapKb: 1 * GiB });
    const info = meminfoOf(machine);
    expect(info).toMatchObject({ MemTotal: 999236, SwapTotal: 1048572 });
    expect(((262144 / ((info.MemTotal ?? 0) + (info.SwapTotal ?? 0))) * 100).toFixed(2)).toBe('12.80');
    expect(options).toMatchObject({ anonKb: 256 * 1024, fileKb: 256 * 1024 });
  });

  it("runs seed 000 at full size (4 MiB on 1 GiB, THP 'always' by default): process `malloc`, one tick per step, two huge pages in the end", () => {
    const { seed, machine, options, run } = SCENARIOS.malloc;
    expect(seed).toBe('000');
    expect(machine).toEqual({ memoryKb: 1 * GiB, thp: 'always' });
    expect(options).toEqual({ sizeKb: 4096 });
    const m = new Machine(machine);
    const ticks: number[] = [];
    const result = run(m, options, (mm) => ticks.push(mm.time));
    expect(ticks).toEqual([1, 2, 3, 4]);
    expect(parseStatus(result.filled.status).name).toBe('malloc');
    expect(parseMeminfo(m.readProc('/proc/meminfo')).MemTotal).toBe(999236);
    const [mapping] = parseSmaps(result.filled.smaps);
    expect(mapping?.fields).toMatchObject({ Size: 4096, Rss: 4096, AnonHugePages: 4096 });
    expect(parseSmaps(result.touched.smaps)[0]?.fields).toMatchObject({ Rss: 2048, AnonHugePages: 2048 });
    // every page written: dirty anonymous memory, none of it the zero page
    expect(parseMeminfo(m.readProc('/proc/meminfo')).AnonHugePages).toBe(4096);
  });
});

describe('Machine', () => {
  describe("seed 004's swap_test.py, small (a 20 MiB hog on 16 MiB of RAM and 32 MiB of swap)", () => {
    it("starts the shell first: `bash` with all its heap, and python3 its child (PPid the shell's pid, not init's 1)", () => {
      const { result, seen, m } = swapTest();
      expect(result.shellPid).not.toBeNull();
      const first = seen[0]?.procs ?? [];
      expect(first).toContainEqual(expect.objectContaining({ pid: result.shellPid, name: 'bash' }));
      expect(first).toContainEqual({ pid: HOG.pid, ppid: result.shellPid, name: 'python3' });
      const shell = m.processes.get(result.shellPid as number);
      expect(shell?.name).toBe('bash');
      const stats = shell?.space.stats();
      expect((stats?.rssAnonKb ?? 0) + (stats?.vmSwapKb ?? 0)).toBe(64);
    });

    it("keeps the shell's heap resident while the hog goes to swap: it reads four random pages of all of it every tick, inside its mapping", () => {
      const { m, result, lastRun } = swapTest();
      expect(m.vmstat().pswpout).toBeGreaterThan(0);
      const stats = m.processes.get(result.shellPid as number)?.space.stats();
      expect(stats).toMatchObject({ rssAnonKb: 64, vmSwapKb: 0 });
      // it touched memory in every tick the hog wrote in (State: R), and not after
      expect(lastRun.slice(0, result.endTick)).toEqual(Array.from({ length: result.endTick }, (_, t) => t));
    });

    it('runs without a shell when shellKb is 0: no bash, python3 a child of init, shellPid null', () => {
      const { result, seen } = swapTest({ shellKb: 0 });
      expect(result.shellPid).toBeNull();
      expect(seen[0]?.procs).toEqual([{ pid: HOG.pid, ppid: 1, name: 'python3' }]);
      expect(result.completed).toBe(true);
    });

    it("reads python3's libraries into the page cache before the hog's first tick: Cached is libsKb, written back (Dirty 0)", () => {
      const { seen } = swapTest();
      expect(seen[0]).toMatchObject({ t: 1, cached: 256, dirty: 0 });
    });

    it('writes pagesPerTick pages a tick (a tick only every 8 pages, not every page), then quietTicks more, observed after each', () => {
      const { result, seen, hogPages, m } = swapTest();
      expect(result.written).toBe(10 * 513);
      expect(result.endTick).toBe(Math.floor(result.written / 8));
      expect(m.time).toBe(result.endTick + 100);
      expect(seen.map((s) => s.t)).toEqual(Array.from({ length: m.time }, (_, i) => i + 1));
      expect(hogPages.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 8 * (i + 1)));
    });
  });
  describe("seed 001's buff-cache.sh, small (a 1 MiB file at 8 pages a tick, then 4 MiB of pressure on 16 MiB)", () => {
    const RUN: PageCacheOptions = { fileKb: 1024, pagesPerTick: 8, pressureKb: 4096 };

    it("writes the file at dd's pace (32 kB a tick, a tick per write, no empty write at the end), twice, then ticks every 512 pages of pressure", () => {
      const { m, result, ticks, seen } = watch((mm, o) => SCENARIOS['page-cache'].run(mm, RUN, o), [1, 31, 32, 33, 64]);
      expect(ticks).toEqual(Array.from({ length: 32 + 32 + 2 }, (_, i) => i + 1));
      expect(m.time).toBe(66);
      expect(seen(1)?.cached).toBe(32);
      expect(seen(31)?.cached).toBe(31 * 32);
      expect(seen(32)?.cached).toBe(1024);
      // rm testfile, then dd again
      expect(seen(33)?.cached).toBe(32);
      expect(seen(64)?.cached).toBe(1024);
      expect(parseMeminfo(result.cached)).toMatchObject({ Cached: 1024, Dirty: 0 });
      expect(parseMeminfo(result.written)).toMatchObject({ Cached: 1024 });
      expect(parseMeminfo(result.deleted).Cached).toBe(0);
    });

    it('applies the pressure as a process `memuse` that writes every page of its 4 MiB: AnonPages 4096 kB, not the zero page', () => {
      const { result, seen } = watch((mm, o) => SCENARIOS['page-cache'].run(mm, RUN, o), [65, 66]);
      expect(seen(65)?.names).toEqual(['memuse']);
      expect(seen(65)?.anon).toBe(2048);
      expect(parseMeminfo(result.pressed).AnonPages).toBe(4096);
      expect(parseMeminfo(result.cached).AnonPages).toBe(0);
    });
  });

  describe("seed 003's sar -r 1, small (1 MiB of anon memory and a 1 MiB file, 16 pages a tick)", () => {
    const run = () =>
      watch(
        (mm, o) => SCENARIOS.sar.run(mm, { anonKb: 1024, fileKb: 1024, pagesPerTick: 16 }, o),
        [1000, 1001, 1016, 2016, 2017, 2032, 3032, 3033, 4032, 4033, 6000],
      );

    it('idles one second, then `memuse` writes 64 kB a tick; a tick every 16 pages, observed after each', () => {
      const { ticks, seen, m } = run();
      expect(ticks).toEqual(Array.from({ length: m.time }, (_, i) => i + 1));
      expect(seen(1000)).toMatchObject({ names: [], anon: 0 });
      expect(seen(1001)).toMatchObject({ names: ['memuse'], anon: 64 });
      expect(seen(1016)?.anon).toBe(1024);
    });

    it('idles a second, dd writes the file 64 kB a tick (no empty write at the end), then unlinks it a second later', () => {
      const { seen } = run();
      expect(seen(2016)?.cached).toBe(0);
      expect(seen(2017)?.cached).toBe(64);
      expect(seen(2032)?.cached).toBe(1024);
      expect(seen(3032)?.cached).toBe(1024);
      expect(seen(3033)?.cached).toBe(0);
    });

    it('exits the process a second after the unlink, and ends on a whole second: samples at 0, 1000 … 6000', () => {
      const { result, seen, m } = run();
      expect(seen(4032)).toMatchObject({ names: ['memuse'], anon: 1024 });
      expect(seen(4033)).toMatchObject({ names: [], anon: 0 });
      expect(m.time).toBe(6000);
      expect(result.samples.map((s) => s.t)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
      expect(parseMeminfo(result.samples[6]?.meminfo ?? '')).toMatchObject({ AnonPages: 0, Cached: 0 });
    });
  });
});
