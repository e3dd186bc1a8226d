import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFree } from '#kata/02-free';
import { EDGE_INPUTS, fixture, REFERENCE_INPUTS, readMeminfo, reportFromKwltv } from './captures.ts';

const livePair = readMeminfo(fixture('free/live-pair/meminfo.txt'));
const swap16g = readMeminfo(fixture('free/meminfo/swap16g.txt'));

const inputs = [
  ...REFERENCE_INPUTS.map((name) => ({ name, folder: 'free' })),
  ...EDGE_INPUTS.map((name) => ({ name, folder: 'free/edge' })),
];

// Sizes a real machine can have: up to 2^40 KiB (1 PiB), so sums stay exact.
const kib = fc.nat(2 ** 40);
const meminfoArb = fc.record(
  {
    MemTotal: kib,
    MemFree: kib,
    MemAvailable: kib,
    Buffers: kib,
    Cached: kib,
    SReclaimable: kib,
    Shmem: kib,
    SwapTotal: kib,
    SwapFree: kib,
    CommitLimit: kib,
    Committed_AS: kib,
    // A 32-bit kernel with highmem prints these four; a 64-bit one does not.
    LowTotal: kib,
    LowFree: kib,
    HighTotal: kib,
    HighFree: kib,
  },
  { requiredKeys: ['MemTotal', 'MemFree'] },
);
const rules = fc.constantFrom('4' as const, '3.3' as const);

describe('computeFree', () => {
  it.each(inputs)('gives every number the real free -k -w -l -t -v printed for $name', ({ name, folder }) => {
    const meminfo = readMeminfo(fixture(`${folder}/meminfo/${name}.txt`));
    const printed = reportFromKwltv(fixture(`${folder}/outputs/${name}/free_kwltv.txt`));
    expect(computeFree(meminfo)).toEqual(printed);
  });

  it('computes used = MemTotal − MemAvailable (procps 4.0.1+): 24683656 − 24140092 = 543564', () => {
    expect(computeFree(livePair).mem.used).toBe(543564);
    expect(computeFree(livePair, { procps: '4' }).mem.used).toBe(543564);
  });

  it("computes used = total − free − buffers − cache with procps '3.3' rules: 263112 on the same meminfo", () => {
    const report = computeFree(livePair, { procps: '3.3' });
    expect(report.mem.used).toBe(24683656 - 23597996 - 7632 - 814916);
    expect(report.mem.used).toBe(263112);
  });

  it("gives 6154033 with '3.3' rules and 6426869 with '4' rules for the 16 GiB machine with swap", () => {
    expect(computeFree(swap16g, { procps: '3.3' }).mem.used).toBe(6154033);
    expect(computeFree(swap16g, { procps: '4' }).mem.used).toBe(6426869);
  });

  it('counts SReclaimable as cache: 693564 + 121352 = 814916, and buff/cache adds Buffers: 822548', () => {
    const { mem } = computeFree(livePair);
    expect([mem.buffers, mem.cache, mem.buffCache]).toEqual([7632, 814916, 822548]);
  });

  it("reproduces the seed's procps 3.3 output (used 1075880) with '3.3' rules; 4.0.2 would print 1547156", () => {
    // The numbers of seed 001's `free`: total 8040056, free 1975472, shared 270580, buff/cache 4988704,
    // available 6492900, swap 1048572 / 959412 free.
    const seed = {
      MemTotal: 8040056,
      MemFree: 1975472,
      MemAvailable: 6492900,
      Buffers: 583884,
      Cached: 3726224,
      SReclaimable: 678596,
      Shmem: 270580,
      SwapTotal: 1048572,
      SwapFree: 959412,
    };
    const old = computeFree(seed, { procps: '3.3' });
    expect([old.mem.total, old.mem.used, old.mem.free, old.mem.shared, old.mem.buffCache, old.mem.available]).toEqual([
      8040056, 1075880, 1975472, 270580, 4988704, 6492900,
    ]);
    expect(old.swap).toEqual({ total: 1048572, used: 89160, free: 959412 });
    expect(computeFree(seed, { procps: '4' }).mem.used).toBe(1547156);
  });

  it('shows MemFree as available when MemAvailable > MemTotal (an lxc container showing the host)', () => {
    const report = computeFree({ ...swap16g, MemAvailable: 17000000 });
    expect(report.mem.available).toBe(1223456);
    expect(report.mem.used).toBe(16303412 - 1223456);
  });

  it('keeps MemAvailable when it equals MemTotal: only a larger one falls back to MemFree (used 0)', () => {
    // Captured: spec/fixtures/free/edge/outputs/avail-eq-total (MemAvailable = MemTotal = 16303412).
    const report = computeFree({ ...swap16g, MemAvailable: 16303412 });
    expect([report.mem.available, report.mem.used]).toEqual([16303412, 0]);
    expect(computeFree({ ...swap16g, MemAvailable: 16303413 }).mem.available).toBe(1223456);
  });

  it('shows MemFree as available when there is no MemAvailable line (kernels before 3.14)', () => {
    const { MemAvailable: _, ...old } = swap16g;
    expect(computeFree(old).mem.available).toBe(1223456);
    expect(computeFree(old).mem.used).toBe(15079956);
  });

  it('falls back to total − free when used would be negative, which is negative too if MemFree > MemTotal', () => {
    const odd = { MemTotal: 1000000, MemFree: 1200000, MemAvailable: 1100000, Buffers: 1000, Cached: 2000 };
    expect(computeFree(odd).mem.used).toBe(-200000);
    expect(computeFree(odd, { procps: '3.3' }).mem.used).toBe(-200000);
  });

  it('calls all memory "low" on a 64-bit kernel (no LowTotal line): used = MemTotal − MemFree, cache included', () => {
    expect(computeFree(livePair).low).toEqual({ total: 24683656, used: 24683656 - 23597996, free: 23597996 });
    expect(computeFree(livePair).high).toEqual({ total: 0, used: 0, free: 0 });
  });

  it('uses LowTotal/LowFree and HighTotal/HighFree when a 32-bit highmem kernel prints them', () => {
    const highmem = {
      MemTotal: 3106256,
      MemFree: 1500000,
      LowTotal: 869596,
      LowFree: 300000,
      HighTotal: 2236660,
      HighFree: 1200000,
    };
    const report = computeFree(highmem);
    expect(report.low).toEqual({ total: 869596, used: 569596, free: 300000 });
    expect(report.high).toEqual({ total: 2236660, used: 1036660, free: 1200000 });
  });

  it('floors used at 0 for Low, High and Swap when free > total, but lets Mem used go negative (-200000)', () => {
    // Captured: spec/fixtures/free/edge/outputs/clamps, free above total on every line.
    const report = computeFree(readMeminfo(fixture('free/edge/meminfo/clamps.txt')));
    expect(report.mem.used).toBe(-200000);
    expect([report.low, report.high, report.swap]).toEqual([
      { total: 500000, used: 0, free: 600000 },
      { total: 500000, used: 0, free: 600000 },
      { total: 1048572, used: 0, free: 1100000 },
    ]);
    expect(report.total).toEqual({ total: 2048572, used: -200000, free: 2300000 });
  });

  it('reads every missing line as 0', () => {
    const report = computeFree({});
    expect(report.mem).toEqual({
      total: 0,
      used: 0,
      free: 0,
      shared: 0,
      buffers: 0,
      cache: 0,
      buffCache: 0,
      available: 0,
    });
    expect([report.swap, report.total]).toEqual([
      { total: 0, used: 0, free: 0 },
      { total: 0, used: 0, free: 0 },
    ]);
    expect(report.commit).toEqual({ limit: 0, committed: 0, available: 0 });
  });

  it('gives a negative commit "available" when memory is overcommitted (Committed_AS > CommitLimit)', () => {
    expect(computeFree({ CommitLimit: 5068600, Committed_AS: 8315376 }).commit).toEqual({
      limit: 5068600,
      committed: 8315376,
      available: -3246776,
    });
  });

  it("keeps used + available = total with '4' rules whenever 0 < MemAvailable ≤ MemTotal", () => {
    fc.assert(
      fc.property(meminfoArb, kib, (m, extra) => {
        const available = m.MemAvailable || 1;
        const { mem } = computeFree({ ...m, MemAvailable: available, MemTotal: available + extra });
        return mem.available === available && mem.used + mem.available === mem.total;
      }),
    );
  });

  it("keeps used + free + buff/cache = total with '3.3' rules whenever they fit in total", () => {
    fc.assert(
      fc.property(meminfoArb, kib, (m, extra) => {
        const fits = m.MemFree + (m.Buffers ?? 0) + (m.Cached ?? 0) + (m.SReclaimable ?? 0) + extra;
        const { mem } = computeFree({ ...m, MemTotal: fits }, { procps: '3.3' });
        return mem.used === extra && mem.used + mem.free + mem.buffCache === mem.total;
      }),
    );
  });

  it('never shows negative used memory while MemFree ≤ MemTotal, with either rules', () => {
    fc.assert(
      fc.property(meminfoArb, kib, rules, (m, extra, procps) => {
        const { mem } = computeFree({ ...m, MemTotal: m.MemFree + extra }, { procps });
        return mem.used >= 0 && mem.used <= mem.total;
      }),
    );
  });

  it('computes Low, High and Swap used as total − free, or 0 when free ≥ total; Low is Mem without LowTotal', () => {
    const usedOrZero = (total = 0, free = 0) => ({ total, used: free < total ? total - free : 0, free });
    fc.assert(
      fc.property(meminfoArb, rules, (m, procps) => {
        const r = computeFree(m, { procps });
        const low = m.LowTotal ? usedOrZero(m.LowTotal, m.LowFree) : usedOrZero(m.MemTotal, m.MemFree);
        expect(r.low).toEqual(low);
        expect(r.high).toEqual(usedOrZero(m.HighTotal, m.HighFree));
        expect(r.swap).toEqual(usedOrZero(m.SwapTotal, m.SwapFree));
      }),
    );
  });

  it('keeps the column relations: buff/cache = buffers + cache, cache = Cached + SReclaimable, Total = Mem + Swap', () => {
    fc.assert(
      fc.property(meminfoArb, rules, (m, procps) => {
        const r = computeFree(m, { procps });
        const swapUsed = (m.SwapFree ?? 0) < (m.SwapTotal ?? 0) ? (m.SwapTotal ?? 0) - (m.SwapFree ?? 0) : 0;
        expect(r.mem.buffCache).toBe(r.mem.buffers + r.mem.cache);
        expect(r.mem.cache).toBe((m.Cached ?? 0) + (m.SReclaimable ?? 0));
        expect(r.swap).toEqual({ total: m.SwapTotal ?? 0, used: swapUsed, free: m.SwapFree ?? 0 });
        expect(r.total).toEqual({
          total: r.mem.total + r.swap.total,
          used: r.mem.used + r.swap.used,
          free: r.mem.free + r.swap.free,
        });
        expect(r.commit.available).toBe(r.commit.limit - r.commit.committed);
      }),
    );
  });

  it("differs between '4' and '3.3' only in used", () => {
    fc.assert(
      fc.property(meminfoArb, (m) => {
        const now = computeFree(m, { procps: '4' });
        const old = computeFree(m, { procps: '3.3' });
        expect({ ...old, mem: { ...old.mem, used: 0 }, total: { ...old.total, used: 0 } }).toEqual({
          ...now,
          mem: { ...now.mem, used: 0 },
          total: { ...now.total, used: 0 },
        });
      }),
    );
  });
});
