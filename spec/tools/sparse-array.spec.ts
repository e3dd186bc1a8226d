import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageAddressMap } from '#shared/page-address-map';
import { SparseArray } from '#shared/sparse-array';

// Given modules (katas/shared/), not exercises: these specs run on the one tree only.
// A section is 2^15 slots. Every section a SparseArray touches is a 32768-slot array (about 2 ms to make on the
// 2-core VM), so the keys come from a few sections, chosen to sit on their edges, plus an occasional random one.

const SECTION = 2 ** 15;
const MAX_KEY = Number.MAX_SAFE_INTEGER; // 2^53 − 1

/** Keys on section edges: the last slot of one section and the first of the next, and the far ends. */
const EDGE_KEYS = [
  0,
  1,
  SECTION - 1,
  SECTION,
  SECTION + 1,
  2 * SECTION - 1,
  2 ** 20,
  2 ** 20 + 3,
  2 ** 40 - 1,
  2 ** 40,
  MAX_KEY - 1,
  MAX_KEY,
];

const key = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE_KEYS), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...EDGE_KEYS), fc.integer({ min: -2, max: 2 }))
      .map(([edge, d]) => Math.min(Math.max(edge + d, 0), MAX_KEY)),
    weight: 3,
  },
  { arbitrary: fc.maxSafeNat(), weight: 1 },
);

/** Falsy values too: a SparseArray that tests `if (value)` instead of `!== undefined` loses them. */
const value = fc.oneof(fc.constantFrom<unknown>(0, '', false, null, Number.NaN), fc.integer());

type Op<K> =
  | { kind: 'set'; key: K; value: unknown }
  | { kind: 'delete'; key: K }
  | { kind: 'get'; key: K }
  | { kind: 'has'; key: K };

function ops<K>(keys: fc.Arbitrary<K>, maxLength: number): fc.Arbitrary<Op<K>[]> {
  const op: fc.Arbitrary<Op<K>> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('set' as const), key: keys, value }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keys }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('get' as const), key: keys }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('has' as const), key: keys }), weight: 1 },
  );
  return fc.array(op, { minLength: 1, maxLength });
}

const byNumber = (a: number, b: number) => a - b;
const byBigint = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** The Map's entries in key order: what the map under test must iterate. */
function sorted<K extends number | bigint>(model: Map<K, unknown>, order: (a: K, b: K) => number): [K, unknown][] {
  return [...model.entries()].sort(([a], [b]) => order(a, b));
}

interface MapLike<K> {
  readonly size: number;
  get(key: K): unknown;
  has(key: K): boolean;
  set(key: K, value: unknown): unknown;
  delete(key: K): boolean;
  entries(): IterableIterator<[K, unknown]>;
  keys(): IterableIterator<K>;
  values(): IterableIterator<unknown>;
  [Symbol.iterator](): IterableIterator<[K, unknown]>;
}

/** Runs `steps` on `subject` and on a Map, and after every step compares everything a Map can say. */
function agreeWithMap<K extends number | bigint>(
  subject: MapLike<K>,
  steps: Op<K>[],
  order: (a: K, b: K) => number,
): void {
  const model = new Map<K, unknown>();
  const touched = new Set<K>();
  for (const step of steps) {
    touched.add(step.key);
    switch (step.kind) {
      case 'set':
        expect(subject.set(step.key, step.value)).toBe(subject);
        model.set(step.key, step.value);
        break;
      case 'delete':
        expect(subject.delete(step.key)).toBe(model.delete(step.key));
        break;
      case 'get':
        expect(subject.get(step.key)).toEqual(model.get(step.key));
        break;
      case 'has':
        expect(subject.has(step.key)).toBe(model.has(step.key));
        break;
    }
    expect(subject.size).toBe(model.size);
    for (const k of touched) {
      expect(subject.get(k)).toEqual(model.get(k));
      expect(subject.has(k)).toBe(model.has(k));
    }
    const expected = sorted(model, order);
    expect([...subject.entries()]).toEqual(expected);
    expect([...subject]).toEqual(expected);
    expect([...subject.keys()]).toEqual(expected.map(([k]) => k));
    expect([...subject.values()]).toEqual(expected.map(([, v]) => v));
  }
}

describe('SparseArray', () => {
  it('agrees with a Map after every set, delete, get and has, on keys at section edges (32767 | 32768, 2^40, 2^53 − 1), and iterates in key order, not insertion order', () => {
    fc.assert(
      fc.property(ops(key, 16), (steps) => agreeWithMap(new SparseArray<unknown>(), steps, byNumber)),
      { numRuns: 25 },
    );
  });

  it('visits a section made after a higher one in its place: keys come out ascending across sections', () => {
    const array = new SparseArray<string>();
    for (const k of [MAX_KEY, 2 * SECTION, SECTION, SECTION - 1, 0]) array.set(k, `v${k}`);
    expect([...array.keys()]).toEqual([0, SECTION - 1, SECTION, 2 * SECTION, MAX_KEY]);
    expect([...array.entries(SECTION - 1, SECTION + 1)]).toEqual([
      [SECTION - 1, `v${SECTION - 1}`],
      [SECTION, `v${SECTION}`],
    ]);
  });

  it('entries(start, end) gives exactly the keys in [start, end), in order, for ranges that begin or end inside a section, cross sections, are empty or run backwards', () => {
    const bound = fc.oneof(
      key,
      fc.constantFrom(-1, -SECTION, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, MAX_KEY + 1),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 12 }),
        fc.array(fc.tuple(bound, bound), { maxLength: 12 }),
        (keys, ranges) => {
          const array = new SparseArray<number>();
          for (const k of keys) array.set(k, k);
          const all = [...keys].sort(byNumber);
          // always also the ranges from one stored key to another, so that most ranges hold something
          const pairs: [number, number][] = [...ranges];
          for (let i = 0; i + 1 < all.length; i += 2) pairs.push([all[i] as number, all[i + 1] as number]);
          for (const [start, end] of pairs) {
            const inRange = all.filter((k) => start <= k && k < end);
            expect([...array.entries(start, end)]).toEqual(inRange.map((k) => [k, k]));
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('entries(start, end) takes start and excludes end at the last and first slot of a section', () => {
    const array = new SparseArray<number>();
    for (const k of [SECTION - 2, SECTION - 1, SECTION, SECTION + 1]) array.set(k, k);
    const keysIn = (start: number, end: number) => [...array.entries(start, end)].map(([k]) => k);
    expect(keysIn(SECTION - 1, SECTION)).toEqual([SECTION - 1]);
    expect(keysIn(SECTION, SECTION + 1)).toEqual([SECTION]);
    expect(keysIn(SECTION - 1, SECTION + 1)).toEqual([SECTION - 1, SECTION]);
    expect(keysIn(SECTION, SECTION)).toEqual([]);
    expect(keysIn(SECTION + 1, SECTION - 1)).toEqual([]);
    expect(keysIn(0, SECTION - 1)).toEqual([SECTION - 2]);
  });

  it('entries(start, end) with fractional bounds gives the whole keys in [start, end): start rounds up, not away', () => {
    const array = new SparseArray<number>();
    for (const k of [0, 1, 2, 3, SECTION, SECTION + 1]) array.set(k, k);
    const keysIn = (start: number, end: number) => [...array.entries(start, end)].map(([k]) => k);
    expect(keysIn(0.5, 3)).toEqual([1, 2]);
    expect(keysIn(SECTION + 0.5, SECTION + 2)).toEqual([SECTION + 1]);
    expect(keysIn(1, 2.5)).toEqual([1, 2]);
  });

  it('lets the loop delete the entry it was just given, and still yields every other entry once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 12 }), fc.func(fc.boolean()), (keys, drop) => {
        const array = new SparseArray<number>();
        for (const k of keys) array.set(k, k);
        const seen: number[] = [];
        const kept: number[] = [];
        for (const [k, v] of array) {
          expect(v).toBe(k);
          seen.push(k);
          if (drop(k)) expect(array.delete(k)).toBe(true);
          else kept.push(k);
        }
        expect(seen).toEqual([...keys].sort(byNumber));
        expect([...array.keys()]).toEqual(kept);
        expect(array.size).toBe(kept.length);
      }),
      { numRuns: 15 },
    );
  });

  it('returns itself from set, keeps size when a key is set again, and says from delete whether there was a value', () => {
    const array = new SparseArray<string>();
    expect(array.set(SECTION, 'a')).toBe(array);
    expect(array.set(SECTION, 'b')).toBe(array);
    expect(array.size).toBe(1);
    expect(array.get(SECTION)).toBe('b');
    expect(array.delete(SECTION + 1)).toBe(false); // an empty slot of a section that exists
    expect(array.delete(0)).toBe(false); // a section that does not exist
    expect(array.size).toBe(1);
    expect(array.delete(SECTION)).toBe(true);
    expect(array.delete(SECTION)).toBe(false);
    expect(array.size).toBe(0);
    expect([...array.entries()]).toEqual([]);
  });

  it('holds falsy values (0, empty string, false, null, NaN) as values: they count, are found and are iterated', () => {
    const array = new SparseArray<unknown>();
    const falsy = [0, '', false, null, Number.NaN];
    for (const [k, v] of falsy.entries()) array.set(k, v);
    expect(array.size).toBe(5);
    expect(falsy.map((_, k) => array.has(k))).toEqual([true, true, true, true, true]);
    expect([...array.values()]).toEqual(falsy);
  });

  const badKeys = [
    -1,
    -SECTION,
    -0.5,
    0.5,
    SECTION - 0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    MAX_KEY + 1,
    MAX_KEY + 3,
    2 ** 64,
  ];

  it.each(badKeys)('refuses set(%d, …) with a RangeError and changes nothing (size, entries)', (bad) => {
    const array = new SparseArray<string>();
    for (const k of [0, SECTION - 1, SECTION, MAX_KEY]) array.set(k, `v${k}`);
    const before = [...array.entries()];
    expect(() => array.set(bad, 'x')).toThrow(RangeError);
    expect(array.size).toBe(4);
    expect([...array.entries()]).toEqual(before);
  });

  it('refuses set(key, undefined) with a RangeError, even where a value is: undefined means no value, delete removes', () => {
    const array = new SparseArray<string | undefined>();
    array.set(3, 'a');
    expect(() => array.set(3, undefined)).toThrow(RangeError);
    expect(() => array.set(4, undefined)).toThrow(RangeError);
    expect(array.size).toBe(1);
    expect([...array.entries()]).toEqual([[3, 'a']]);
  });

  it.each(badKeys)('answers get, has and delete of %d with undefined and false, without throwing', (bad) => {
    const array = new SparseArray<string>();
    // values beside each bad key: a get that truncates or wraps the key would find one of them
    for (const k of [0, 1, SECTION - 1, SECTION, SECTION + 1, MAX_KEY - 1, MAX_KEY]) array.set(k, `v${k}`);
    expect(array.get(bad)).toBeUndefined();
    expect(array.has(bad)).toBe(false);
    expect(array.delete(bad)).toBe(false);
    expect(array.size).toBe(7);
  });
});

const PAGE = 4096n;
const U64 = 1n << 64n;

/** Page addresses at section edges (a section is 2^15 pages: 128 MiB), at 2^32 (where the low word wraps) and at the far end. */
const EDGE_ADDRESSES = [
  0n,
  PAGE,
  0x7fff000n, // page 32767
  0x8000000n, // page 32768: the first page of the second section
  0xfffff000n,
  0x100000000n, // 4 GiB: the low 32-bit word is 0
  0x100001000n,
  0x7ffffffff000n, // the last page of x86-64's lower half
  0xffffffffff600000n, // the vsyscall page
  U64 - 2n * PAGE,
  U64 - PAGE, // 2^64 − 4096: the last page
];

const address = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE_ADDRESSES), weight: 6 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...EDGE_ADDRESSES), fc.integer({ min: -2, max: 2 })).map(([edge, d]) => {
      const va = edge + BigInt(d) * PAGE;
      return va < 0n ? 0n : va >= U64 ? U64 - PAGE : va;
    }),
    weight: 3,
  },
  { arbitrary: fc.bigInt({ min: 0n, max: U64 / PAGE - 1n }).map((page) => page * PAGE), weight: 1 },
);

describe('PageAddressMap', () => {
  it('agrees with a Map after every set, delete, get and has, on pages at section edges, 4 GiB, the vsyscall page and 2^64 − 4096, and iterates in address order', () => {
    fc.assert(
      fc.property(ops(address, 16), (steps) => agreeWithMap(new PageAddressMap<unknown>(), steps, byBigint)),
      { numRuns: 25 },
    );
  });

  it('yields bigint addresses, ascending, whatever order the pages were set in', () => {
    const map = new PageAddressMap<string>();
    for (const va of [U64 - PAGE, 0xffffffffff600000n, 0x100000000n, 0xfffff000n, 0n]) map.set(va, 'x');
    const keys = [...map.keys()];
    expect(keys.every((va) => typeof va === 'bigint')).toBe(true);
    expect(keys).toEqual([0n, 0xfffff000n, 0x100000000n, 0xffffffffff600000n, U64 - PAGE]);
  });

  it('entries(start, end) with bounds that are no page address gives the pages whose address lies in [start, end)', () => {
    const offset = fc.constantFrom(-PAGE - 1n, -PAGE, -1n, 0n, 1n, PAGE - 1n, PAGE, PAGE + 1n);
    const bound = fc.oneof(
      fc.tuple(address, offset).map(([va, d]) => va + d),
      fc.constantFrom(-U64, -1n, U64, U64 + 1n, 2n * U64),
      fc.bigInt({ min: -U64, max: 2n * U64 }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(address, { maxLength: 12 }),
        fc.array(fc.tuple(bound, bound), { maxLength: 12 }),
        (addresses, ranges) => {
          const map = new PageAddressMap<bigint>();
          for (const va of addresses) map.set(va, va);
          const all = [...addresses].sort(byBigint);
          const pairs: [bigint, bigint][] = [...ranges];
          // also ranges from just above one stored page to just above another: both ends unaligned
          for (let i = 0; i + 1 < all.length; i += 2)
            pairs.push([(all[i] as bigint) + 1n, (all[i + 1] as bigint) + 1n]);
          for (const [start, end] of pairs) {
            const inRange = all.filter((va) => start <= va && va < end);
            expect([...map.entries(start, end)]).toEqual(inRange.map((va) => [va, va]));
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('entries(start, end) takes the page at start and leaves out the page at end, one byte either side', () => {
    const map = new PageAddressMap<string>();
    for (const va of [0n, PAGE, 2n * PAGE, U64 - PAGE]) map.set(va, 'x');
    const keysIn = (start: bigint, end: bigint) => [...map.entries(start, end)].map(([va]) => va);
    expect(keysIn(PAGE, 2n * PAGE)).toEqual([PAGE]);
    expect(keysIn(PAGE - 1n, 2n * PAGE)).toEqual([PAGE]);
    expect(keysIn(PAGE + 1n, 2n * PAGE + 1n)).toEqual([2n * PAGE]);
    expect(keysIn(1n, PAGE)).toEqual([]);
    expect(keysIn(-1n, 1n)).toEqual([0n]);
    expect(keysIn(U64 - PAGE, U64)).toEqual([U64 - PAGE]);
    expect(keysIn(U64 - PAGE + 1n, 2n * U64)).toEqual([]);
  });

  it('lets the loop delete the page it was just given, and still yields every other page once', () => {
    const map = new PageAddressMap<number>();
    for (const [i, va] of EDGE_ADDRESSES.entries()) map.set(va, i);
    const seen: bigint[] = [];
    for (const [va, i] of map) {
      seen.push(va);
      if (i % 2 === 0) map.delete(va);
    }
    expect(seen).toEqual(EDGE_ADDRESSES);
    expect([...map.keys()]).toEqual(EDGE_ADDRESSES.filter((_, i) => i % 2 === 1));
  });

  it('returns itself from set, keeps size when a page is set again, and says from delete whether there was a value', () => {
    const map = new PageAddressMap<string>();
    expect(map.set(0x7ffffffff000n, 'a')).toBe(map);
    expect(map.set(0x7ffffffff000n, 'b')).toBe(map);
    expect(map.size).toBe(1);
    expect(map.get(0x7ffffffff000n)).toBe('b');
    expect(map.delete(0x7fffffffe000n)).toBe(false);
    expect(map.delete(0x7ffffffff000n)).toBe(true);
    expect(map.delete(0x7ffffffff000n)).toBe(false);
    expect(map.size).toBe(0);
  });

  const badAddresses = [
    1n,
    PAGE - 1n,
    PAGE + 1n,
    0x7ffffffff001n,
    U64 - 1n, // unaligned, the last byte
    -PAGE,
    -1n,
    U64, // 2^64: as 64 bits it would be page 0
    U64 + PAGE, // as 64 bits it would be page 1
    -U64 + PAGE, // likewise
    2n * U64,
  ];

  it.each(badAddresses)('refuses set(%s, …) with a RangeError and changes nothing (size, entries)', (bad) => {
    const map = new PageAddressMap<string>();
    for (const va of [0n, PAGE, U64 - PAGE]) map.set(va, `v${va}`);
    const before = [...map.entries()];
    expect(() => map.set(bad, 'x')).toThrow(RangeError);
    expect(map.size).toBe(3);
    expect([...map.entries()]).toEqual(before);
  });

  it('refuses set(va, undefined) with a RangeError, and keeps the value there', () => {
    const map = new PageAddressMap<string | undefined>();
    map.set(PAGE, 'a');
    expect(() => map.set(PAGE, undefined)).toThrow(RangeError);
    expect([...map.entries()]).toEqual([[PAGE, 'a']]);
  });

  it.each(badAddresses)(
    'answers get, has and delete of %s with undefined and false, not the page it would wrap or round to',
    (bad) => {
      const map = new PageAddressMap<string>();
      for (const va of [0n, PAGE, 2n * PAGE, 0x7ffffffff000n, U64 - PAGE]) map.set(va, `v${va}`);
      expect(map.get(bad)).toBeUndefined();
      expect(map.has(bad)).toBe(false);
      expect(map.delete(bad)).toBe(false);
      expect(map.size).toBe(5);
    },
  );
});
