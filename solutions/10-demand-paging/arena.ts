import type { AddressSpace } from './address-space.ts';
import { AddressSpaceError } from './address-space-error.ts';

/** Requests whose chunk is at least this big get a mapping of their own (glibc's DEFAULT_MMAP_THRESHOLD_MIN). */
export const MMAP_THRESHOLD = 128 * 1024;
/** The size of one pool (glibc's HEAP_MAX_SIZE on 64-bit: a thread arena's heap, 2 × 32 MiB). */
export const HEAP_MAX_SIZE = 64 * 1024 * 1024;
/** The smallest chunk (glibc's MINSIZE): two size fields and two free-list pointers. */
export const MIN_CHUNK_SIZE = 32;

const SIZE_SZ = 8; // the size field before every chunk's user data
const HEADER = 16n; // prev_size and size: the pointer is 16 bytes into its chunk

/**
 * The chunk glibc carves for a request of `request` bytes (request2size): the request plus its 8-byte size
 * field, rounded up to 16 bytes, at least 32: chunkSize(100) → 112, chunkSize(1) → 32, chunkSize(0) → 32.
 * RangeError for a request that is not a whole number of bytes 0 … 2^53 − 1.
 */
export function chunkSize(request: number): number {
  if (!Number.isSafeInteger(request) || request < 0) {
    throw new RangeError(`a request is a whole number of bytes, got ${request}`);
  }
  return Math.max(MIN_CHUNK_SIZE, Math.ceil((request + SIZE_SZ) / 16) * 16);
}

/** Where a pool lives and how much of it is carved. */
interface Pool {
  start: bigint;
  end: bigint;
  /** The first byte not carved yet (glibc's top chunk starts there). */
  top: bigint;
  /** Chunks handed out and not freed. */
  live: number;
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
  readonly #space: AddressSpace;
  readonly #threshold: number;
  readonly #poolBytes: number;
  /** The pool small requests are carved from now. */
  #current: Pool | undefined;
  /** Every chunk handed out and not freed, by pointer: its pool, or its own mapping. */
  readonly #chunks = new Map<bigint, Pool | { start: bigint; length: number }>();

  /** Takes the pools from `space`; RangeError for a threshold below 32 bytes or a pool that is not whole pages. */
  constructor(space: AddressSpace, options: ArenaOptions = {}) {
    const { mmapThreshold = MMAP_THRESHOLD, poolBytes = HEAP_MAX_SIZE } = options;
    if (!Number.isSafeInteger(mmapThreshold) || mmapThreshold < MIN_CHUNK_SIZE) {
      throw new RangeError(`mmapThreshold must be a whole number of bytes ≥ ${MIN_CHUNK_SIZE}, got ${mmapThreshold}`);
    }
    if (!Number.isSafeInteger(poolBytes) || poolBytes < mmapThreshold || poolBytes % 4096 !== 0) {
      throw new RangeError(`poolBytes must be whole pages, at least the threshold, got ${poolBytes}`);
    }
    this.#space = space;
    this.#threshold = mmapThreshold;
    this.#poolBytes = poolBytes;
  }

  malloc(size: number): bigint {
    const nb = chunkSize(size);
    if (nb >= this.#threshold) {
      // sysmalloc_mmap(): the chunk plus one more size field (mmap rounds it up to whole pages).
      const length = nb + SIZE_SZ;
      const start = this.#space.mmap(length, { prot: 'rw-' });
      this.#writeHeader(start, () => this.#space.munmap(start, length));
      this.#chunks.set(start + HEADER, { start, length });
      return start + HEADER;
    }
    // A pool serves a request while at least MINSIZE is left after it, as glibc's top chunk must be.
    let pool = this.#current;
    if (!pool || pool.end - pool.top < BigInt(nb + MIN_CHUNK_SIZE)) {
      const start = this.#space.mmap(this.#poolBytes, { prot: 'rw-' });
      pool = { start, end: start + BigInt(this.#poolBytes), top: start, live: 0 };
      this.#current = pool;
    }
    const chunk = pool.top;
    const fresh = pool;
    this.#writeHeader(chunk, () => {
      if (fresh.live === 0) {
        this.#space.munmap(fresh.start, this.#poolBytes);
        this.#current = undefined;
      }
    });
    pool.top += BigInt(nb);
    pool.live++;
    this.#chunks.set(chunk + HEADER, pool);
    return chunk + HEADER;
  }

  free(pointer: bigint): void {
    const owner = this.#chunks.get(pointer);
    if (!owner) {
      throw new AddressSpaceError(
        'EINVAL',
        `free(): invalid pointer 0x${pointer.toString(16)} (never allocated, or freed already)`,
      );
    }
    this.#chunks.delete(pointer);
    if ('length' in owner) {
      this.#space.munmap(owner.start, owner.length); // munmap_chunk()
      return;
    }
    owner.live--;
    if (owner.live > 0) return;
    this.#space.munmap(owner.start, Number(owner.end - owner.start)); // every chunk of the pool is free
    if (this.#current === owner) this.#current = undefined;
  }

  /** glibc writes the chunk's size field (8 bytes into the chunk): the page it lies on becomes resident. */
  #writeHeader(chunk: bigint, undo: () => void): void {
    if (this.#space.access(chunk + 8n, 'write').kind !== 'oom') return; // the arena's own rw- mapping: no segv
    undo();
    throw new AddressSpaceError('ENOMEM', `no frame for the chunk header at 0x${chunk.toString(16)}`);
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
