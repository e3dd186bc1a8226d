import { notImplemented } from '#shared/errors';
import type { ProcessMemory } from './process-memory.ts';

/**
 * The answer to "which process is using swap?": the processes with swap > 0, most swap first, at most n of
 * them, in the order `smem -s swap -r` lists them. -r reverses smem's whole sort, tie-break included, so of
 * two processes with equal swap the higher PID comes first. n must be a whole number ≥ 0, else RangeError.
 */
export function topSwappers(processes: readonly ProcessMemory[], n: number): ProcessMemory[] {
  return notImplemented('topSwappers');
}
