import { notImplemented } from '#shared/errors';
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
  return notImplemented('sarMemory');
}
