import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SarMemory, sarMemory } from '#kata/02-free';
import { fixture, readMeminfo, readSarCapture } from './captures.ts';

// spec/fixtures/sar: what the real `sar -r 1 1` (sysstat 12.6.1) printed with meminfo/<name>.txt bind-mounted
// over /proc/meminfo (see its README.md).
const CAPTURES = ['seed001', 'live', 'swap16g', 'floor', 'no-avail'];

/** sarMemory's result as sar prints it: sizes as integers, percentages with 2 decimals. */
function asPrinted(sar: SarMemory): Record<string, string> {
  return {
    kbmemfree: String(sar.kbmemfree),
    kbavail: String(sar.kbavail),
    kbmemused: String(sar.kbmemused),
    '%memused': sar.memusedPercent.toFixed(2),
    kbbuffers: String(sar.kbbuffers),
    kbcached: String(sar.kbcached),
    kbcommit: String(sar.kbcommit),
    '%commit': sar.commitPercent.toFixed(2),
    kbactive: String(sar.kbactive),
    kbinact: String(sar.kbinact),
    kbdirty: String(sar.kbdirty),
  };
}

const sar = (name: string) => sarMemory(readMeminfo(fixture(`sar/meminfo/${name}.txt`)));
const printed = (name: string) => readSarCapture(fixture(`sar/sar-r/${name}.txt`));

const kib = fc.nat(2 ** 40);
const meminfoArb = fc.record(
  {
    MemTotal: kib,
    MemFree: kib,
    MemAvailable: kib,
    Buffers: kib,
    Cached: kib,
    Slab: kib,
    SwapTotal: kib,
    Committed_AS: kib,
  },
  { requiredKeys: [] },
);

describe('sarMemory', () => {
  it.each(CAPTURES)('gives every column of the interval line the real sar -r printed for %s', (name) => {
    expect(asPrinted(sar(name))).toEqual(printed(name).interval);
  });

  it("reproduces the seed's sample: kbmemused 975276, %memused 12.13, %commit 91.49", () => {
    const seed = sar('seed001');
    expect(seed.kbmemused).toBe(8040056 - 1958140 - 583884 - 3726224 - 796532);
    expect(seed.kbmemused).toBe(975276);
    expect(seed.memusedPercent.toFixed(2)).toBe('12.13');
    expect(seed.commitPercent.toFixed(2)).toBe('91.49');
    expect(seed.memusedPercent).toBeCloseTo((975276 / 8040056) * 100, 10);
    expect(seed.commitPercent).toBeCloseTo((8315376 / (8040056 + 1048572)) * 100, 10);
  });

  it('floors kbmemused at 0 on the interval line (the Average line of the same capture says -100000)', () => {
    const floor = sar('floor');
    expect([floor.kbmemused, floor.memusedPercent]).toEqual([0, 0]);
    expect(printed('floor').average.kbmemused).toBe('-100000');
  });

  it("reports kbcached as Cached alone, without free's SReclaimable (swap16g: 8123456, not 8580245)", () => {
    expect(sar('swap16g').kbcached).toBe(8123456);
  });

  it('reports kbavail 0 when the kernel has no MemAvailable line', () => {
    expect(sar('no-avail').kbavail).toBe(0);
  });

  it('reads every missing line as 0, and both percentages as 0 without memory', () => {
    expect(sarMemory({})).toEqual({
      kbmemfree: 0,
      kbavail: 0,
      kbmemused: 0,
      memusedPercent: 0,
      kbbuffers: 0,
      kbcached: 0,
      kbcommit: 0,
      commitPercent: 0,
      kbactive: 0,
      kbinact: 0,
      kbdirty: 0,
    });
  });

  it('keeps kbmemused between 0 and MemTotal, and %memused between 0 and 100', () => {
    fc.assert(
      fc.property(meminfoArb, (m) => {
        const r = sarMemory(m);
        const total = m.MemTotal ?? 0;
        return r.kbmemused >= 0 && r.kbmemused <= total && r.memusedPercent >= 0 && r.memusedPercent <= 100;
      }),
    );
  });

  it('subtracts MemFree, Buffers, Cached and Slab from MemTotal whenever they fit', () => {
    fc.assert(
      fc.property(meminfoArb, kib, (m, extra) => {
        const notUsed = (m.MemFree ?? 0) + (m.Buffers ?? 0) + (m.Cached ?? 0) + (m.Slab ?? 0);
        const r = sarMemory({ ...m, MemTotal: notUsed + extra });
        return r.kbmemused === extra;
      }),
    );
  });

  it('measures %commit against RAM + swap: Committed_AS / (MemTotal + SwapTotal) × 100', () => {
    fc.assert(
      fc.property(meminfoArb, (m) => {
        const ramAndSwap = (m.MemTotal ?? 0) + (m.SwapTotal ?? 0);
        fc.pre(ramAndSwap > 0);
        return sarMemory(m).commitPercent === ((m.Committed_AS ?? 0) / ramAndSwap) * 100;
      }),
    );
  });
});
