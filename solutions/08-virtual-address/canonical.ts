/** The end of user space: (1 << 47) − 4096. The last page below 2^47 is never mapped (TASK_SIZE_MAX). */
export const TASK_SIZE_MAX = 0x7ffffffff000n;

/** 2^47: user addresses are below it. */
const USER_END = 1n << 47n;
/** 2^64 − 2^47 = 0xffff800000000000: the kernel half starts here. */
const KERNEL_START = 0xffff800000000000n;
/** 2^64: every 64-bit value is below it. */
const U64_END = 1n << 64n;

/**
 * True when bits 63..47 of the 64-bit value all equal bit 47: 0 … 0x00007fffffffffff (user half) or
 * 0xffff800000000000 … 0xffffffffffffffff (kernel half). A bigint outside 0 … 2^64 − 1 is no address at all.
 */
export function isCanonical(va: bigint): boolean {
  // Bits 63..47 all zeros is the user half, all ones the kernel half: two ranges. Comparing bigints allocates
  // nothing, where va >> 47n makes a new bigint (every page-table walk starts here).
  return isUserAddress(va) || (va >= KERNEL_START && va < U64_END);
}

/** True for the lower, user half: 0 ≤ va < 2^47. */
export function isUserAddress(va: bigint): boolean {
  return va >= 0n && va < USER_END;
}
