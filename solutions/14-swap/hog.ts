import type { FrameAllocator } from '#kata/09-page-table';
import { AddressSpace, type MemoryStats } from '#kata/10-demand-paging';
import { type OomTask, selectVictim, totalPages } from '#kata/15-oom-killer';
import type { SwapMeminfo } from './free-swap-line.ts';
import type { SwapArea } from './proc-swaps.ts';
import { SwapSpace, type SwapVmstat } from './swap-space.ts';

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

const PAGE = 4096n;
/** Frames start here, far from the zero page's PFN, which an allocator must never hand out. */
const FIRST_PFN = 0x100000;

/** RAM as a stack of free frames. */
function ramFrames(pages: number): FrameAllocator {
  // Stryker disable next-line ArithmeticOperator: any distinct frames away from the zero page do; which one a page gets is not seen
  const free = Array.from({ length: pages }, (_, i) => FIRST_PFN + pages - 1 - i);
  return { allocFrame: () => free.pop() ?? null, freeFrame: (pfn) => void free.push(pfn) };
}

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
  if (!Number.isSafeInteger(ramPages) || ramPages < 16) throw new RangeError(`ramPages ${ramPages}: 16 or more`);
  if (!Number.isSafeInteger(hogPages) || hogPages < 1) throw new RangeError(`hogPages ${hogPages}: 1 or more`);
  if (!Number.isSafeInteger(swapPages) || swapPages < 0) throw new RangeError(`swapPages ${swapPages}: 0 or more`);
  const every = sampleEvery ?? Math.max(1, Math.floor(hogPages / 64));

  const swap = new SwapSpace({ frames: ramFrames(ramPages) });
  if (swapPages > 0) swap.swapon('/swapfile', swapPages);
  const space = new AddressSpace({ frames: swap.frames, swap });
  const start = space.mmap(hogPages * 4096, { prot: 'rw-' });
  const samples: HogSample[] = [];
  const sample = (written: number) => {
    const { rssAnonKb, vmSwapKb } = space.stats();
    samples.push({ written, rssAnonKb, vmSwapKb, pswpout: swap.vmstat.pswpout });
  };
  // What /proc shows at the end: the hog is about to exit (or be killed), so nothing is freed here.
  const finish = (completed: boolean, written: number, victim: OomTask | null): HogResult => ({
    completed,
    written,
    victim,
    secondChances,
    status: space.stats(),
    vmstat: { ...swap.vmstat },
    swaps: swap.areas(),
    meminfo: swap.meminfo(),
    samples,
  });

  // The resident pages, oldest first: a queue with a moving head (the inactive list of a one-process machine).
  const resident: bigint[] = [];
  let head = 0;
  let secondChances = 0;
  // Frees one frame; false when no swap slot is left (the OOM killer's turn: the run ends there).
  const reclaimOne = (): boolean => {
    // Stryker disable next-line EqualityOperator: every resident page is in the queue, so it never runs dry while RAM is full
    while (head < resident.length) {
      const va = resident[head++] as bigint;
      if (space.clearYoung(va)) {
        resident.push(va); // used since the last look: a second chance
        secondChances++;
        continue;
      }
      return swap.swapOut(space, va) !== null;
    }
    // Stryker disable next-line BooleanLiteral: never reached (see the loop)
    return false;
  };

  const pages = Array.from({ length: hogPages }, (_, i) => start + BigInt(i) * PAGE);
  for (const [i, va] of pages.entries()) {
    while (space.access(va, 'write').kind === 'oom') {
      if (reclaimOne()) continue;
      // out_of_memory(): nothing left to reclaim.
      const { rssAnonKb, vmSwapKb, vmPteKb } = space.stats();
      const hog: OomTask = {
        pid: HOG_PID,
        name: HOG_NAME,
        rssPages: rssAnonKb / 4,
        swapPages: vmSwapKb / 4,
        pgtablesBytes: vmPteKb * 1024,
        oomScoreAdj: 0,
      };
      const victim = selectVictim(
        [...others, hog],
        totalPages({ memTotalKb: ramPages * 4, swapTotalKb: swap.meminfo().SwapTotal }),
      );
      sample(i);
      return finish(false, i, victim);
    }
    resident.push(va);
    if ((i + 1) % every === 0) sample(i + 1);
  }
  return finish(true, hogPages, null);
}
