/**
 * A 64-bit value as two 32-bit words, with no bigint arithmetic. Given to the katas, not an exercise.
 *
 * Eight bytes seen two ways: a bigint written into a BigUint64Array is read back through a Uint32Array on the
 * same bytes (typed arrays use the machine's byte order, little-endian on x86 and Arm: word 0 holds bits
 * 31..0), and two words written that way are read back as one bigint. Every shift or mask of a bigint makes a
 * new bigint; the page-table walks, translate, entryPfn and PageAddressMap use this instead (docs/performance.md,
 * katas 8 and 9: 3–6× faster than Number(va) with divisions, or `(entry & mask) >> 12n`).
 */
const VALUE = new BigUint64Array(1);
const WORDS = new Uint32Array(VALUE.buffer);

/**
 * `value` modulo 2^64 as its words: [0] holds bits 31..0, [1] bits 63..32. The array is shared by every call:
 * read what you need from it before the next one.
 */
export function wordsOf(value: bigint): Readonly<Uint32Array> {
  VALUE[0] = value;
  return WORDS;
}

/** The 64-bit value whose bits 31..0 are `low` and bits 63..32 are `high` (each taken modulo 2^32). */
export function fromWords(low: number, high: number): bigint {
  WORDS[0] = low;
  WORDS[1] = high;
  return VALUE[0] as bigint;
}
