import { type MapOptions, PageTable, PTE_PRESENT, type WalkStep } from '#kata/09-page-table';
import { CountingFrames } from './frames.ts';

/** A fresh table on a fresh CountingFrames (PFNs from 0x1000 up, so the PGD is frame 0x1000). */
export function newTable(limit?: number): { table: PageTable; frames: CountingFrames } {
  const frames = new CountingFrames(limit === undefined ? {} : { limit });
  return { table: new PageTable(frames), frames };
}

/** A table with these pages mapped (4 KiB, defaults unless given). */
export function tableWith(pages: [va: bigint, pfn: number, options?: MapOptions][]) {
  const made = newTable();
  for (const [va, pfn, options] of pages) made.table.map(va, pfn, options);
  return made;
}

/** The last entry a walk read: the leaf, or the entry that was not present. */
export function lastStep(steps: WalkStep[]): WalkStep {
  const last = steps[steps.length - 1];
  if (!last) throw new Error('walk returned no steps');
  return last;
}

/** True when a walk of va ends at a present leaf. */
export function isMapped(table: PageTable, va: bigint): boolean {
  return (lastStep(table.walk(va)).entry & PTE_PRESENT) !== 0n;
}

/**
 * Everything a caller can see of a table at these addresses, without touching it: the walks (entries
 * included, so Accessed and Dirty bits too), the table count and the frames in use.
 */
export function snapshot(table: PageTable, frames: CountingFrames, vas: bigint[]) {
  return {
    walks: vas.map((va) => table.walk(va)),
    count: table.tableCount(),
    vmPteKb: table.vmPteKb(),
    frames: [...frames.taken].sort((a, b) => a - b),
  };
}

// Live addresses (reference §9.1 and §9.3): a libc page, a stack page, the vsyscall page, a THP.
export const LIBC = 0x7f6f11439000n;
export const STACK = 0x7ffcf7980000n;
export const VSYSCALL = 0xffffffffff600000n;
export const THP = 0x7f6f10c00000n;
export const THP_PFN = 0x132c00;
