import { notImplemented } from '#shared/errors';
import type { Meminfo } from './parse-meminfo.ts';

/** Whose rules: procps-ng 4.0.1 and later ('4'), or 3.3.12 … 4.0.0 ('3.3'). They differ only in `used`. */
export type ProcpsRules = '4' | '3.3';

/** One line of three numbers: Low, High, Swap and Total. */
export interface TotalUsedFree {
  total: number;
  used: number;
  free: number;
}

/** Every number free can print, in KiB, before any unit or -h is applied. */
export interface FreeReport {
  /** The Mem: row. `cache` is the -w column; `buffCache` = buffers + cache is the default one. */
  mem: {
    total: number;
    used: number;
    free: number;
    shared: number;
    buffers: number;
    cache: number;
    buffCache: number;
    available: number;
  };
  /** -l: on a 64-bit kernel all memory is "low", so this is MemTotal and MemFree, and used includes the cache. */
  low: TotalUsedFree;
  /** -l: highmem exists only on 32-bit kernels; on x86-64 these are 0. */
  high: TotalUsedFree;
  swap: TotalUsedFree;
  /** -t: RAM + swap. */
  total: TotalUsedFree;
  /** -v: CommitLimit, Committed_AS and their difference, which is negative when memory is overcommitted. */
  commit: { limit: number; committed: number; available: number };
}

/**
 * /proc/meminfo (KiB) → the numbers free prints, with procps-ng's rules (library/meminfo.c
 * meminfo_read_failed()). A missing line reads as 0, as free's hash lookup does.
 *
 * procps '4':   used = MemTotal − MemAvailable
 * procps '3.3': used = MemTotal − MemFree − Buffers − (Cached + SReclaimable)
 * Both fall back to MemTotal − MemFree when their result is negative (which is negative too if MemFree >
 * MemTotal). available is MemAvailable, or MemFree when that line is missing (0) or larger than MemTotal.
 * Low, High and Swap used are total − free, or 0 when free ≥ total; without LowTotal, Low is MemTotal/MemFree.
 * Example (the live pair): MemTotal 24683656, MemAvailable 24140092 → mem.used 543564 ('3.3': 263112).
 */
export function computeFree(meminfo: Meminfo, { procps = '4' }: { procps?: ProcpsRules } = {}): FreeReport {
  return notImplemented('computeFree');
}
