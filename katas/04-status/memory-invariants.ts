import { notImplemented } from '#shared/errors';
import type { ProcStatus } from './proc-status.ts';

/** The names checkMemoryInvariants returns, in the order it checks them. */
export const MEMORY_INVARIANTS = {
  rss: 'VmRSS = RssAnon + RssFile + RssShmem',
  hwm: 'VmHWM >= VmRSS',
  peak: 'VmPeak >= VmSize',
  swap: 'VmSwap <= sum of smaps Swap',
} as const;

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
  return notImplemented('checkMemoryInvariants');
}
