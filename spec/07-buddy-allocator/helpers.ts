import { expect } from 'vitest';
import { AllocatorError, type AllocatorErrorCode, type BuddyAllocator } from '#kata/07-buddy-allocator';

/** The error a call throws, which must be an AllocatorError. */
export function allocatorError(call: () => unknown): AllocatorError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AllocatorError);
    expect((error as Error).name).toBe('AllocatorError'); // what a stack trace and the lab show
    return error as AllocatorError;
  }
  throw new Error('expected an AllocatorError, but nothing was thrown');
}

/** Checks the code of the error, and that the call changed nothing. */
export function expectRefused(zone: BuddyAllocator, call: () => unknown, code: AllocatorErrorCode): void {
  const before = { blocks: zone.freeBlocks(), counts: zone.freeCounts(), pages: zone.freePages() };
  expect(allocatorError(call).code).toBe(code);
  expect({ blocks: zone.freeBlocks(), counts: zone.freeCounts(), pages: zone.freePages() }).toEqual(before);
}

/**
 * Allocates single pages until alloc returns null, and returns their PFNs in the order they came.
 * It stops after `pages + 1` calls whatever happens, so that an alloc that never says null fails the spec
 * instead of hanging it.
 */
export function allocAll(zone: BuddyAllocator, pages: number): number[] {
  const pfns: number[] = [];
  for (let i = 0; i <= pages; i++) {
    const pfn = zone.alloc(0);
    if (pfn === null) break;
    pfns.push(pfn);
  }
  return pfns;
}

/** "8@2" for { pfn: 8, order: 2 }: short to read in a failing spec. */
export const blocks = (list: { pfn: number; order: number }[]) => list.map((b) => `${b.pfn}@${b.order}`);
