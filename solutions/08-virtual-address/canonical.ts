/** The end of user space: (1 << 47) − 4096. The last page below 2^47 is never mapped (TASK_SIZE_MAX). */
export const TASK_SIZE_MAX = 0x7ffffffff000n;

/** 2^47: user addresses are below it. */
const USER_END = 1n << 47n;
/** Bits 63..47 all set: 17 ones. */
const ALL_ONES_17 = 0x1ffffn;

/**
 * True when bits 63..47 of the 64-bit value all equal bit 47: 0 … 0x00007fffffffffff (user half) or
 * 0xffff800000000000 … 0xffffffffffffffff (kernel half). A bigint outside 0 … 2^64 − 1 is no address at all.
 */
export function isCanonical(va: bigint): boolean {
  // The 17 bits 63..47 are all zeros or all ones. A negative bigint shifts to a negative number and a value
  // of 2^64 or more to more than 17 bits, so neither passes.
  const top = va >> 47n;
  return top === 0n || top === ALL_ONES_17;
}

/** True for the lower, user half: 0 ≤ va < 2^47. */
export function isUserAddress(va: bigint): boolean {
  return va >= 0n && va < USER_END;
}
