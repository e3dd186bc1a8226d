import { describe, expect, it } from 'vitest';
import { parseMeminfo, sarMemory } from '#kata/02-free';
import { Machine, SCENARIOS } from '#kata/16-machine';
import { once } from './once.ts';

/** seed 003's `sar -r 1` over a small workload: a 64 MiB machine, 8 MiB of anonymous memory, an 8 MiB file. */
const run = once(() => {
  const m = new Machine({ memoryKb: 65536, swapKb: 16384, kernelKb: 0 });
  const { samples } = SCENARIOS.sar.run(m, { anonKb: 8192, fileKb: 8192, pagesPerTick: 16 });
  return samples.map((s) => ({ t: s.t, ...sarMemory(parseMeminfo(s.meminfo)) }));
});

describe('Machine', () => {
  describe("seed 003's sar -r 1, read with your kata 02 sarMemory", () => {
    it('samples every simulated second, from 0', () => {
      const rows = run();
      expect(rows.map((r) => r.t)).toEqual(Array.from({ length: rows.length }, (_, i) => i * 1000));
      expect(rows.length).toBeGreaterThanOrEqual(6);
    });

    it('moves %memused up while the process writes its memory, and back down when it exits', () => {
      const rows = run();
      const used = rows.map((r) => r.memusedPercent);
      const top = Math.max(...used);
      expect(top).toBeGreaterThan((used[0] ?? 0) + 10);
      expect(used.at(-1)).toBeCloseTo(used[0] ?? 0, 5);
    });

    it('moves kbcached up by the file while dd writes it, and down when it is deleted, without touching kbmemused', () => {
      const rows = run();
      const cached = rows.map((r) => r.kbcached);
      expect(Math.max(...cached) - (cached[0] ?? 0)).toBe(8192);
      expect(cached.at(-1)).toBe(cached[0]);
      const whileCached = rows.filter((r) => r.kbcached === 8192 + (cached[0] ?? 0));
      expect(whileCached.length).toBeGreaterThan(0);
      for (const r of whileCached) expect(r.kbmemused).toBe(Math.max(...rows.map((x) => x.kbmemused)));
    });

    it('keeps kbmemused = MemTotal − MemFree − Buffers − Cached − Slab on every line, and kbavail below MemTotal', () => {
      for (const r of run()) {
        expect(r.kbmemused + r.kbmemfree + r.kbbuffers + r.kbcached).toBe(65536 - 256 * 4);
        expect(r.kbavail).toBeLessThan(65536);
      }
    });
  });
});
