import { describe, expect, it } from 'vitest';
import { computeFree, formatFree, parseFree, parseMeminfo } from '#kata/02-free';
import { Machine, type MachineConfig, type PageCacheOptions, SCENARIOS } from '#kata/16-machine';
import { once } from './once.ts';

/** seed 001 divided by 64: 32 MiB of RAM (2 GiB), 16 MiB of swap, a 16 MiB file (1 GiB), 24 MiB of pressure. */
const MACHINE: MachineConfig = { memoryKb: 32768, swapKb: 16384, kernelKb: 515, minFreeKbytes: 352 };
const RUN: PageCacheOptions = { fileKb: 16384, pagesPerTick: 8, pressureKb: 24576 };

const run = once(() => {
  const m = new Machine(MACHINE);
  const result = SCENARIOS['page-cache'].run(m, RUN);
  const free = (text: string) => computeFree(parseMeminfo(text)).mem;
  const vmstat = (text: string) =>
    Object.fromEntries(
      text
        .trim()
        .split('\n')
        .map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]),
    );
  const before = vmstat(result.vmstatBefore);
  const after = vmstat(result.vmstatAfter);
  const delta = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  return { m, result, free, delta };
});

describe('Machine', () => {
  describe("seed 001's buff-cache.sh (divided by 64: a 16 MiB file on a 32 MiB machine)", () => {
    it('grows buff/cache by exactly the file, and free by as much less (your kata 02 computeFree)', () => {
      const { result, free } = run();
      const before = free(result.before);
      const written = free(result.written);
      expect(written.buffCache - before.buffCache).toBe(16384);
      expect(before.free - written.free).toBe(16384);
      expect(written.used).toBe(before.used + (before.available - written.available));
    });

    it('keeps `available` high: the page cache counts as available, less only the low watermarks (all five zones: Movable keeps 32)', () => {
      const { m, result, free } = run();
      const drop = free(result.before).available - free(result.written).available;
      expect(drop).toBe(m.plan.zones.reduce((sum, z) => sum + z.low, 0) * 4);
      expect(drop).toBe((m.plan.watermarks.low + 32) * 4);
      expect(drop).toBeLessThan(16384 / 8);
    });

    it('prints it as free does, readable by your kata 02 parseFree: total, used, free, shared, buff/cache, available', () => {
      const { result, free } = run();
      const report = computeFree(parseMeminfo(result.written));
      const { rows } = parseFree(formatFree(report));
      const w = free(result.written);
      expect(rows.Mem).toEqual([w.total, w.used, w.free, w.shared, w.buffCache, w.available].map(String));
    });

    it('gives the page cache back when the file is deleted: buff/cache and free as before the write', () => {
      const { result, free } = run();
      expect(free(result.deleted)).toEqual(free(result.before));
      expect(result.deleted).toBe(result.before);
    });

    it('writes the file back on sync: cached and clean', () => {
      const { result } = run();
      expect(parseMeminfo(result.cached)).toMatchObject({ Cached: 16384, Dirty: 0, Writeback: 0 });
      expect(parseMeminfo(result.written).Dirty).toBeGreaterThan(0);
    });

    it('drops the clean page cache under memory pressure before it swaps anything', () => {
      const { result, delta } = run();
      const pressed = parseMeminfo(result.pressed);
      expect(pressed.AnonPages).toBe(24576);
      expect(pressed.Cached).toBeLessThan(16384);
      expect(delta('pgsteal_file')).toBe((16384 - (pressed.Cached ?? 0)) / 4);
      expect(delta('pswpout')).toBe(0);
      expect(delta('pgscan_anon')).toBe(0);
      expect(pressed.SwapFree).toBe(pressed.SwapTotal);
    });
  });
});
