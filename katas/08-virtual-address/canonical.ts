import { notImplemented } from '#shared/errors';

/** The end of user space: (1 << 47) − 4096. The last page below 2^47 is never mapped (TASK_SIZE_MAX). */
export const TASK_SIZE_MAX = 0x7ffffffff000n;

/**
 * True when bits 63..47 of the 64-bit value all equal bit 47: 0 … 0x00007fffffffffff (user half) or
 * 0xffff800000000000 … 0xffffffffffffffff (kernel half). A bigint outside 0 … 2^64 − 1 is no address at all.
 */
export function isCanonical(va: bigint): boolean {
  return notImplemented('isCanonical');
}

/** True for the lower, user half: 0 ≤ va < 2^47. */
export function isUserAddress(va: bigint): boolean {
  return notImplemented('isUserAddress');
}
