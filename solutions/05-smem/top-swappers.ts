import type { ProcessMemory } from './process-memory.ts';

/**
 * The answer to "which process is using swap?": the processes with swap > 0, most swap first, at most n of
 * them, in the order `smem -s swap -r` lists them. -r reverses smem's whole sort, tie-break included, so of
 * two processes with equal swap the higher PID comes first. n must be a whole number ≥ 0, else RangeError.
 */
export function topSwappers(processes: readonly ProcessMemory[], n: number): ProcessMemory[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  return processes
    .filter((p) => p.swap > 0)
    .sort((a, b) => b.swap - a.swap || b.pid - a.pid)
    .slice(0, n);
}
