/**
 * Values by whole number, for keys that come in runs: frame numbers (kata 10's `Mm.pages`, kata 13's LRU
 * ids) and, through PageAddressMap, virtual page numbers. Given to the katas, not an exercise.
 */

/** Slots per section: 2^15, as PFN_SECTION_SHIFT on x86-64 (a section of 128 MiB of 4 KiB frames). */
const SECTION_SLOTS = 2 ** 15;

/**
 * A Map with whole-number keys 0 … 2^53 − 1, kept as the kernel keeps its struct pages: in arrays indexed by
 * the number. Linux makes `pfn_to_page(pfn)` an index, not a search: on x86-64 (SPARSEMEM_VMEMMAP) it is
 * `vmemmap + pfn`, one array in virtual memory that real memory backs only section by section, 2^15 frames
 * each, where there is memory (`vmemmap_populate`). SparseArray does the same with two levels of arrays: a
 * section of slots is made when its first key is set.
 *
 * It has a Map's get, set, has, delete, size, keys, values and entries, and iterates in key order. Why not a
 * Map: for kata 10's first-touch fault a Map of pages by PFN took half of the time (the fault is 1.7× faster
 * with this, docs/performance.md). Why not one flat array: V8 keeps an array whose first index is a PFN such
 * as 0x100000 as a dictionary, no faster than a Map.
 */
export class SparseArray<T> {
  readonly #sections: ((T | undefined)[] | undefined)[] = [];
  /** The indices of the sections that exist, ascending: iteration visits these, not every hole between. */
  readonly #present: number[] = [];
  #size = 0;

  /** Keys that have a value. */
  get size(): number {
    return this.#size;
  }

  /** The value at `key`, or undefined when there is none (any number may be asked, even a negative one). */
  get(key: number): T | undefined {
    return this.#sections[Math.floor(key / SECTION_SLOTS)]?.[key % SECTION_SLOTS];
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Puts `value` at `key`, replacing any value there. RangeError for a key that is not a whole number
   * 0 … 2^53 − 1, or for undefined (which means "no value": use delete).
   */
  set(key: number, value: T): this {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`key must be a whole number ≥ 0, got ${key}`);
    if (value === undefined) throw new RangeError(`key ${key}: a SparseArray holds no undefined (use delete)`);
    const index = Math.floor(key / SECTION_SLOTS);
    let section = this.#sections[index];
    if (section === undefined) {
      // sparse_init_one_section: a section's slots come into being together, all empty.
      section = new Array<T | undefined>(SECTION_SLOTS).fill(undefined);
      this.#sections[index] = section;
      this.#present.push(index);
      this.#present.sort((a, b) => a - b);
    }
    if (section[key % SECTION_SLOTS] === undefined) this.#size++;
    section[key % SECTION_SLOTS] = value;
    return this;
  }

  /** Removes the value at `key`; false when there was none. */
  delete(key: number): boolean {
    const section = this.#sections[Math.floor(key / SECTION_SLOTS)];
    if (section?.[key % SECTION_SLOTS] === undefined) return false;
    section[key % SECTION_SLOTS] = undefined;
    this.#size--;
    return true;
  }

  /**
   * Every [key, value] with start ≤ key < end (all of them by default), in key order; only the sections
   * that overlap the range are looked at. Deleting the entry just yielded is allowed; a key set meanwhile in a
   * section that did not exist may or may not be visited.
   */
  *entries(start = 0, end = Number.POSITIVE_INFINITY): IterableIterator<[number, T]> {
    for (const index of this.#present) {
      const base = index * SECTION_SLOTS;
      if (base + SECTION_SLOTS <= start || base >= end) continue;
      const section = this.#sections[index] as (T | undefined)[];
      const from = Math.max(Math.ceil(start) - base, 0); // the first whole key at or above start
      const to = Math.min(end - base, SECTION_SLOTS);
      for (let slot = from; slot < to; slot++) {
        const value = section[slot];
        if (value !== undefined) yield [base + slot, value];
      }
    }
  }

  *keys(): IterableIterator<number> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[number, T]> {
    return this.entries();
  }
}
