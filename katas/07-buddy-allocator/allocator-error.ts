/**
 * Why BuddyAllocator refused a call, checked in this order:
 * - 'bad-order': the order is not a whole number 0..maxOrder (alloc or free);
 * - 'out-of-range': the block [pfn, pfn + 2^order) is not inside the zone;
 * - 'misaligned': pfn is not a multiple of 2^order (blocks are aligned on absolute PFNs);
 * - 'double-free': a page of the block is already free.
 */
export type AllocatorErrorCode = 'bad-order' | 'out-of-range' | 'misaligned' | 'double-free';

/**
 * Thrown by BuddyAllocator for a call it refuses: `new AllocatorError(message, code)`, the message first as
 * for every Error. A call that throws changes nothing.
 */
export class AllocatorError extends Error {
  override readonly name = 'AllocatorError';
  readonly code: AllocatorErrorCode;

  constructor(message: string, code: AllocatorErrorCode) {
    super(message);
    this.code = code;
  }
}
