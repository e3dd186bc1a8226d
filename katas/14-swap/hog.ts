import type { MemoryStats } from '#kata/10-demand-paging';
import type { OomTask } from '#kata/15-oom-killer';
import { notImplemented } from '#shared/errors';
import type { SwapMeminfo } from './free-swap-line.ts';
import type { SwapArea } from './proc-swaps.ts';
import type { SwapVmstat } from './swap-space.ts';

/** Seed 004's machine and program, in pages. */
export interface HogOptions {
  /** Frames of RAM (the hog's page tables come from them too). Seed 004: 1 GiB = 262144. */
  ramPages: number;
  /** Pages of the swap file, header included; 0 = no swap. */
  swapPages: number;
  /** Pages the hog writes, one after the other. Seed 004: 2 GiB = 524288. */
  hogPages: number;
  /** The other tasks the OOM killer weighs beside the hog (they only take part in the choice). */
  others?: readonly OomTask[];
  /** Take a sample every this many pages written (default: hogPages / 64, at least 1). */
  sampleEvery?: number;
}

/** The hog as the sampler saw it: after `written` pages. */
export interface HogSample {
  written: number;
  rssAnonKb: number;
  vmSwapKb: number;
  pswpout: number;
}

/** How the run ended, and what /proc showed just before the hog exited (or was killed). */
export interface HogResult {
  /** Every page written. */
  completed: boolean;
  written: number;
  /** The task the OOM killer chose; null if it never ran. */
  victim: OomTask | null;
  /** Resident pages found accessed and kept for another round (the second chance). */
  secondChances: number;
  status: MemoryStats;
  vmstat: SwapVmstat;
  swaps: SwapArea[];
  meminfo: SwapMeminfo;
  samples: HogSample[];
}

/** The hog's pid and name in seed 004's capture (spec/fixtures/reclaim/hog). */
export const HOG_PID = 16319;
export const HOG_NAME = 'python3';

/**
 * Seed 004's experiment: a process writes `hogPages` pages of anonymous memory, one after the other, on a
 * machine of `ramPages` frames, with a swap file of `swapPages` pages or none. When a write finds no free
 * frame, the oldest resident page goes: one second chance if its accessed bit is set (cleared, to the back of
 * the queue), else SwapSpace.swapOut. With no slot left the OOM killer weighs the hog (pid 16319, python3)
 * and `others` with kata 15's selectVictim over totalPages(RAM + swap), and the run ends. The result is /proc
 * at the end, before the hog exits or is killed; `secondChances` counts the pages kept for another round.
 * Samples of RssAnon, VmSwap and pswpout every `sampleEvery` pages (default hogPages / 64, at least 1), and
 * one more where an OOM ends the run.
 * RangeError for sizes that are not whole numbers (ramPages ≥ 16, hogPages ≥ 1).
 */
export function runHog({ ramPages, swapPages, hogPages, others = [], sampleEvery }: HogOptions): HogResult {
  return notImplemented('runHog');
}
