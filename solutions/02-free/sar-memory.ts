import type { Meminfo } from './parse-meminfo.ts';

/** The columns of one `sar -r` interval line (sysstat 12.6), sizes in KiB, percentages as plain numbers. */
export interface SarMemory {
  kbmemfree: number;
  kbavail: number;
  kbmemused: number;
  memusedPercent: number;
  kbbuffers: number;
  kbcached: number;
  kbcommit: number;
  commitPercent: number;
  kbactive: number;
  kbinact: number;
  kbdirty: number;
}

/**
 * What `sar -r 1 1` prints on its interval line for this /proc/meminfo (sysstat 12.6 rd_stats.c
 * read_meminfo(), pr_stats.c print_ram_memory_stats()). sar prints the percentages with 2 decimals.
 *
 * kbmemused = MemTotal − MemFree − Buffers − Cached − Slab, floored at 0 (the Average line is not floored).
 * kbcached is Cached alone: unlike free's cache, it leaves SReclaimable out.
 * %memused = kbmemused / MemTotal × 100; %commit = Committed_AS / (MemTotal + SwapTotal) × 100 (0 when divided by 0).
 * The seed's sample: MemTotal 8040056 … → kbmemused 975276, memusedPercent 12.13…, commitPercent 91.49….
 */
export function sarMemory(meminfo: Meminfo): SarMemory {
  const kb = (name: string): number => meminfo[name] ?? 0;
  const total = kb('MemTotal');
  const totalWithSwap = total + kb('SwapTotal');

  // "nousedmem" in sysstat, capped at MemTotal so that the interval line never shows negative used memory.
  const notUsed = Math.min(kb('MemFree') + kb('Buffers') + kb('Cached') + kb('Slab'), total);
  const kbmemused = total - notUsed;

  return {
    kbmemfree: kb('MemFree'),
    kbavail: kb('MemAvailable'), // 0 when the kernel has no MemAvailable line
    kbmemused,
    // SP_VALUE(nousedmem, tlmkb, tlmkb) = (tlmkb − nousedmem) / tlmkb × 100, and 0 when there is no memory
    memusedPercent: total === 0 ? 0 : (kbmemused / total) * 100,
    kbbuffers: kb('Buffers'),
    kbcached: kb('Cached'),
    kbcommit: kb('Committed_AS'),
    // Committed_AS against RAM + swap (not against CommitLimit): above 100 % when overcommitted
    commitPercent: totalWithSwap === 0 ? 0 : (kb('Committed_AS') / totalWithSwap) * 100,
    kbactive: kb('Active'),
    kbinact: kb('Inactive'),
    kbdirty: kb('Dirty'),
  };
}
