import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFree, parseMeminfo, sarMemory } from '#kata/02-free';
import { formatMeminfo, MEMINFO_NAMES, type MemoryCounts, meminfoOf } from '#kata/16-machine';

/** seed 004's 1 GiB machine a moment into the run: numbers in pages. */
function counts(overrides: Partial<MemoryCounts> = {}): MemoryCounts {
  return {
    managedPages: 249809,
    freePages: 100000,
    lru: { inactive_anon: 60000, active_anon: 20000, inactive_file: 30000, active_file: 10000, unevictable: 50 },
    filePages: 40000,
    shmemPages: 50,
    swapCachePages: 7,
    dirtyPages: 300,
    writebackPages: 20,
    anonPages: 80000,
    anonHugePages: 1024,
    mappedPages: 50,
    pageTablePages: 170,
    swapTotalKb: 2097148,
    swapFreeKb: 2000000,
    committedPages: 90000,
    lowWatermark: 7072,
    totalReservePages: 8448,
    ...overrides,
  };
}

describe('meminfoOf', () => {
  it("gives every line of Linux 6.18's /proc/meminfo, in its order", () => {
    expect(Object.keys(meminfoOf(counts()))).toEqual([...MEMINFO_NAMES]);
  });

  it('turns pages into KiB: MemTotal, MemFree, the LRU lines, Dirty, Writeback, AnonPages, Mapped, Shmem, PageTables', () => {
    expect(meminfoOf(counts())).toMatchObject({
      MemTotal: 999236,
      MemFree: 400000,
      Active: 120000,
      Inactive: 360000,
      'Active(anon)': 80000,
      'Inactive(anon)': 240000,
      'Active(file)': 40000,
      'Inactive(file)': 120000,
      Unevictable: 200,
      Dirty: 1200,
      Writeback: 80,
      AnonPages: 320000,
      Mapped: 200,
      Shmem: 200,
      PageTables: 680,
      SwapCached: 28,
      AnonHugePages: 4096,
      Committed_AS: 360000,
    });
  });

  it('counts shmem in Cached beside the page cache, but not the swap cache (NR_FILE_PAGES − SwapCached − Buffers)', () => {
    expect(meminfoOf(counts()).Cached).toBe((40000 + 50) * 4);
    expect(meminfoOf(counts()).Buffers).toBe(0);
  });

  it('takes SwapTotal and SwapFree as they are, and CommitLimit = half of RAM + swap (overcommit_ratio 50)', () => {
    const m = meminfoOf(counts());
    expect(m.SwapTotal).toBe(2097148);
    expect(m.SwapFree).toBe(2000000);
    expect(m.CommitLimit).toBe(Math.floor(249809 / 2) * 4 + 2097148);
  });

  it('estimates MemAvailable as si_mem_available does: free − reserve + page cache − min(half of it, low)', () => {
    // pagecache 40000 pages: min(20000, 7072) = 7072 held back
    expect(meminfoOf(counts()).MemAvailable).toBe((100000 - 8448 + 40000 - 7072) * 4);
    // a small page cache: half of it is held back, not the low watermark
    const small = counts({ lru: { ...counts().lru, inactive_file: 300, active_file: 100 } });
    expect(meminfoOf(small).MemAvailable).toBe((100000 - 8448 + 400 - 200) * 4);
  });

  it('never says less than 0 available, however low free memory is', () => {
    const starved = counts({
      freePages: 10,
      lru: { inactive_anon: 1, active_anon: 1, inactive_file: 0, active_file: 0, unevictable: 0 },
    });
    expect(meminfoOf(starved).MemAvailable).toBe(0);
  });

  it('prints the lines the machine has no part of as 0, and the constant ones as Linux does', () => {
    const m = meminfoOf(counts());
    for (const name of [
      'Mlocked',
      'Zswap',
      'Slab',
      'KernelStack',
      'Bounce',
      'HugePages_Total',
      'Hugetlb',
      'DirectMap4k',
    ]) {
      expect(m[name]).toBe(0);
    }
    expect(m.VmallocTotal).toBe(34359738367);
    expect(m.Hugepagesize).toBe(2048);
    expect(m.DirectMap2M).toBe(999424); // MemTotal rounded up to 2 MiB
  });

  it.each([
    ['freePages', { freePages: -1 }],
    ['filePages', { filePages: 1.5 }],
    ['swapTotalKb', { swapTotalKb: Number.NaN }],
    ['lru', { lru: { inactive_anon: -1, active_anon: 0, inactive_file: 0, active_file: 0, unevictable: 0 } }],
  ])('refuses a bad %s with a RangeError that names it', (name, bad) => {
    expect(() => meminfoOf(counts(bad as Partial<MemoryCounts>))).toThrow(RangeError);
    expect(() => meminfoOf(counts(bad as Partial<MemoryCounts>))).toThrow(new RegExp(name));
  });

  it("adds up as free's columns do when read back by your kata 02 parseMeminfo and computeFree, and sar agrees", () => {
    const machine = fc
      .record({
        managed: fc.integer({ min: 1024, max: 2 ** 22 }),
        shares: fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }),
        swapKb: fc.nat({ max: 2 ** 22 }).map((kb) => kb * 4),
      })
      .map(({ managed, shares, swapKb }) => {
        // split the zone among free, page cache, shmem, anon and page tables
        const total = shares.reduce((a, b) => a + b, 1);
        const [free, file, shmem, anon, tables] = shares.map((s) => Math.floor((managed * s) / total)) as number[];
        const activeFile = Math.floor((file as number) / 3);
        return counts({
          managedPages: managed,
          freePages: free as number,
          filePages: file as number,
          shmemPages: shmem as number,
          anonPages: anon as number,
          pageTablePages: tables as number,
          lru: {
            inactive_anon: anon as number,
            active_anon: 0,
            inactive_file: (file as number) - activeFile,
            active_file: activeFile,
            unevictable: shmem as number,
          },
          dirtyPages: Math.floor((file as number) / 2),
          swapTotalKb: swapKb,
          swapFreeKb: swapKb,
          totalReservePages: Math.floor(managed / 100),
          lowWatermark: Math.floor(managed / 120),
        });
      });
    fc.assert(
      fc.property(machine, (c) => {
        const meminfo = parseMeminfo(formatMeminfo(meminfoOf(c)));
        const old = computeFree(meminfo, { procps: '3.3' }).mem;
        expect(old.used + old.free + old.buffCache).toBe(old.total);
        const now = computeFree(meminfo, { procps: '4' }).mem;
        expect(now.available).toBeLessThanOrEqual(now.total);
        expect(now.used + now.available).toBe(now.total);
        expect(now.buffCache).toBe((c.filePages + c.shmemPages) * 4);
        expect(sarMemory(meminfo).kbmemused).toBe(
          (meminfo.MemTotal ?? 0) - (meminfo.MemFree ?? 0) - (meminfo.Cached ?? 0),
        );
      }),
    );
  });
});
