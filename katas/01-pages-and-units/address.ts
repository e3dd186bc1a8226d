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
 * The highest multiple of alignment ≤ addr. alignment must be a power of two (1n, 2n, 4096n, …);
 * anything else throws RangeError.
 */
export function alignDown(addr: bigint, alignment: bigint): bigint {
  return notImplemented('alignDown');
}

/** The lowest multiple of alignment ≥ addr. alignment must be a power of two, else RangeError. */
export function alignUp(addr: bigint, alignment: bigint): bigint {
  return notImplemented('alignUp');
}
