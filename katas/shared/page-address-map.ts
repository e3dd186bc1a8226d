/** Values by page address (a bigint): what a page table's non-present PTEs hold. Given to the katas. */
import { SparseArray } from './sparse-array.ts';
import { wordsOf } from './words.ts';

const PAGE_SHIFT = 12;
/** 2^64: page addresses are 64-bit values. */
const U64_END = 1n << 64n;

/**
 * A Map from page address (a bigint multiple of 4096 in 0 … 2^64 − 1) to a value, kept in a SparseArray by
 * page number. Kata 10's `Mm.swapEntries` is one: Linux keeps a swapped-out page's swap entry in its PTE,
 * in the page table, which is itself an array indexed by the address's bits. A Map keyed by bigint held
 * those entries before; setting, finding and deleting them took a fifth of kata 16's swap_test
 * (docs/performance.md).
 *
 * It has a Map's get, set, has, delete, size, keys, values and entries, in address order; `entries(start,
 * end)` gives only the pages in [start, end).
 */
export class PageAddressMap<T> {
  readonly #byPage = new SparseArray<T>();

  get size(): number {
    return this.#byPage.size;
  }

  /** The value for the page at `va`, or undefined (also for an address that is no page address). */
  get(va: bigint): T | undefined {
    const page = pageNumber(va);
    return page === null ? undefined : this.#byPage.get(page);
  }

  has(va: bigint): boolean {
    return this.get(va) !== undefined;
  }

  /** RangeError for an address that is not a multiple of 4096 in 0 … 2^64 − 1, or an undefined value. */
  set(va: bigint, value: T): this {
    const page = pageNumber(va);
    if (page === null) {
      const shown = va < 0n ? `-0x${(-va).toString(16)}` : `0x${va.toString(16)}`;
      throw new RangeError(`${shown} is not a page address: a multiple of 4096 in 0 … 2^64 − 1`);
    }
    this.#byPage.set(page, value);
    return this;
  }

  delete(va: bigint): boolean {
    const page = pageNumber(va);
    return page !== null && this.#byPage.delete(page);
  }

  /** Every [page address, value] with start ≤ address < end (every one by default), in address order. */
  *entries(start = 0n, end = U64_END): IterableIterator<[bigint, T]> {
    const from = start <= 0n ? 0 : Number((start + 4095n) >> 12n); // the first page at or above start
    const to = end >= U64_END ? Number.POSITIVE_INFINITY : Number((end + 4095n) >> 12n);
    for (const [page, value] of this.#byPage.entries(from, to)) yield [BigInt(page) << 12n, value];
  }

  *keys(): IterableIterator<bigint> {
    for (const [va] of this.entries()) yield va;
  }

  *values(): IterableIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[bigint, T]> {
    return this.entries();
  }
}

/** va's page number (va / 4096, below 2^52), or null when va is not a multiple of 4096 in 0 … 2^64 − 1. */
function pageNumber(va: bigint): number | null {
  if (va < 0n || va >= U64_END) return null;
  const words = wordsOf(va); // no bigint operation: the page number from the address's two 32-bit words
  const low = words[0] as number;
  if (low % 2 ** PAGE_SHIFT !== 0) return null;
  return (words[1] as number) * 2 ** (32 - PAGE_SHIFT) + low / 2 ** PAGE_SHIFT;
}
