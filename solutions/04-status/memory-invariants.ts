import type { ProcMemory, ProcStatus } from './proc-status.ts';

/** The names checkMemoryInvariants returns, in the order it checks them. */
export const MEMORY_INVARIANTS = {
  rss: 'VmRSS = RssAnon + RssFile + RssShmem',
  hwm: 'VmHWM >= VmRSS',
  peak: 'VmPeak >= VmSize',
  swap: 'VmSwap <= sum of smaps Swap',
} as const;

interface Invariant {
  name: string;
  holds: (memory: ProcMemory, smapsSwap: number | undefined) => boolean;
}

// Why they hold, in fs/proc/task_mmu.c task_mem(): VmRSS is printed as the sum of the very three counters
// printed after it; VmHWM and VmPeak are printed as max(current value, high-water mark). VmSwap is
// MM_SWAPENTS, anonymous swap entries only, while smaps' Swap also counts shmem pages in swap.
const INVARIANTS: Invariant[] = [
  { name: MEMORY_INVARIANTS.rss, holds: (m) => m.vmRSS === m.rssAnon + m.rssFile + m.rssShmem },
  { name: MEMORY_INVARIANTS.hwm, holds: (m) => m.vmHWM >= m.vmRSS },
  { name: MEMORY_INVARIANTS.peak, holds: (m) => m.vmPeak >= m.vmSize },
  { name: MEMORY_INVARIANTS.swap, holds: (m, smapsSwap) => smapsSwap === undefined || m.vmSwap <= smapsSwap },
];

/**
 * Checks what the kernel's own arithmetic guarantees about one status's memory lines, and, given the
 * process's smaps mappings, VmSwap against the sum of their Swap fields. Returns the MEMORY_INVARIANTS
 * names of those that do not hold, in that order: [] when all hold, and for a task without memory lines.
 * RssAnon edited from 2236 to 2232 in the fixture → ['VmRSS = RssAnon + RssFile + RssShmem'].
 */
export function checkMemoryInvariants(
  status: ProcStatus,
  mappings?: ReadonlyArray<{ fields: Record<string, number> }>,
): string[] {
  const memory = status.memory;
  if (!memory) return [];
  const smapsSwap = mappings?.reduce((sum, mapping) => sum + (mapping.fields.Swap ?? 0), 0);
  return INVARIANTS.filter((invariant) => !invariant.holds(memory, smapsSwap)).map((invariant) => invariant.name);
}
