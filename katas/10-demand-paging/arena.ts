import { notImplemented } from '#shared/errors';
import type { AddressSpace } from './address-space.ts';

/** Requests whose chunk is at least this big get a mapping of their own (glibc's DEFAULT_MMAP_THRESHOLD_MIN). */
export const MMAP_THRESHOLD = 128 * 1024;
/** The size of one pool (glibc's HEAP_MAX_SIZE on 64-bit: a thread arena's heap, 2 × 32 MiB). */
export const HEAP_MAX_SIZE = 64 * 1024 * 1024;
/** The smallest chunk (glibc's MINSIZE): two size fields and two free-list pointers. */
export const MIN_CHUNK_SIZE = 32;

/**
 * The chunk glibc carves for a request of `request` bytes (request2size): the request plus its 8-byte size
 * field, rounded up to 16 bytes, at least 32: chunkSize(100) → 112, chunkSize(1) → 32, chunkSize(0) → 32.
 * RangeError for a request that is not a whole number of bytes 0 … 2^53 − 1.
 */
export function chunkSize(request: number): number {
  return notImplemented('chunkSize');
}

/** The arena's options: where its threshold lies and how big a pool is. */
export interface ArenaOptions {
  mmapThreshold?: number;
  poolBytes?: number;
}

/**
 * malloc over mmap, as the seed notes describe glibc: small requests are carved from a pool mapped once
 * (HEAP_MAX_SIZE), large ones get a mapping of their own. The address space grows (VmSize) long before the
 * program writes anything (VmRSS).
 */
export const Arena: new (space: AddressSpace, options?: ArenaOptions) => Arena = class Arena {
  // Keep your state in private fields (#space, #pools, #chunks, …): what each method must do is written on
  // the Arena interface below.

  /** Takes the pools from `space`; RangeError for a threshold below 32 bytes or a pool that is not whole pages. */
  constructor(space: AddressSpace, options: ArenaOptions = {}) {
    notImplemented('Arena');
  }

  malloc(size: number): bigint {
    return notImplemented('Arena.malloc');
  }

  free(pointer: bigint): void {
    notImplemented('Arena.free');
  }
};

/** malloc and free over an AddressSpace. */
export interface Arena {
  /**
   * A pointer to `size` usable bytes: chunkSize(size) ≥ mmapThreshold → a mapping of its own,
   * ⌈(chunk + 8) / 4096⌉ pages, the pointer 16 bytes in; otherwise the next chunk of the current pool (a
   * new pool of poolBytes when less than the chunk + 32 bytes are left). Writes the chunk's header, so the
   * page it lies on becomes resident. RangeError for a bad size; ENOMEM when mmap finds no room.
   */
  malloc(size: number): bigint;
  /**
   * Gives a chunk back: a chunk with its own mapping is unmapped at once; a pool is unmapped when its last
   * chunk is freed. EINVAL for a pointer malloc did not return or that was freed already.
   */
  free(pointer: bigint): void;
}
