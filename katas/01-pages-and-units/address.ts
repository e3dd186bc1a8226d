import { notImplemented } from '#shared/errors';

/** The virtual page number: the address without its low 12 bits. */
export function pageNumber(addr: bigint): bigint {
  return notImplemented('pageNumber');
}

/** The byte within the page: the low 12 bits, 0 … 4095. */
export function pageOffset(addr: bigint): number {
  return notImplemented('pageOffset');
}

/**
 * The highest multiple of alignment ≤ addr (the kernel's ALIGN_DOWN: `addr & ~(alignment - 1)`).
 * alignment must be a power of two (1n, 2n, 4096n, 0x200000n, …); anything else (0n, 3n, a negative one)
 * throws RangeError. alignDown(0x7f6f10d23456n, 0x200000n) → 0x7f6f10c00000n.
 */
export function alignDown(addr: bigint, alignment: bigint): bigint {
  return notImplemented('alignDown');
}

/**
 * The lowest multiple of alignment ≥ addr (the kernel's ALIGN / PAGE_ALIGN). alignment must be a power of
 * two, else RangeError. alignUp(4097n, 4096n) → 8192n.
 */
export function alignUp(addr: bigint, alignment: bigint): bigint {
  return notImplemented('alignUp');
}
