// @ts-check
/**
 * A seeded sequence of allocations and frees on a small zone, for `npm run lab -- buddy` and
 * `npm run practice -- buddy`: the same seed gives the same zone and steps on every machine. The sequence is
 * made by running it on a BuddyAllocator (the reference's, whoever replays it later), so that every free names
 * a block that was allocated and not freed yet, and no alloc it asks for fails. Pure.
 */

/**
 * @typedef {{ kind: 'alloc', name: string, order: number } | { kind: 'free', name: string }} BuddyStep
 * @typedef {{ pages: number, basePfn: number, maxOrder: number }} ZoneShape
 * @typedef {{ alloc(order: number): number | null, free(pfn: number, order: number): void, freePages(): number }} Allocator
 * @typedef {new (options: ZoneShape) => Allocator} AllocatorClass
 */

/** mulberry32: a small seeded generator, the same numbers on every machine. @param {number} seed */
export function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [min, max]. @param {number} min @param {number} max */
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  return { next, int };
}

/** A, B, …, Z, then A2, B2, …: the names of the allocated blocks, in the order they were allocated. */
export function blockName(/** @type {number} */ index) {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : `${letter}${Math.floor(index / 26) + 1}`;
}

/** Small orders are the common ones, as in a real kernel: order 0 three times as often as order 3. */
const ORDER_WEIGHTS = [0, 0, 0, 1, 1, 2, 2, 3];

/**
 * @param {AllocatorClass} Allocator  a correct BuddyAllocator (the reference)
 * @param {number} seed
 * @param {ZoneShape & { steps: number }} options
 * @returns {BuddyStep[]}
 */
export function makeSequence(Allocator, seed, { steps, pages, basePfn, maxOrder }) {
  const random = generator(seed);
  const zone = new Allocator({ pages, basePfn, maxOrder });
  /** @type {Map<string, { pfn: number, order: number }>} */
  const held = new Map();
  /** @type {BuddyStep[]} */
  const sequence = [];
  let allocated = 0;
  let sinceFree = 0; // allocations since the last free: the longer the run, the likelier a free
  const freeOne = () => {
    sinceFree = 0;
    const names = [...held.keys()];
    const name = /** @type {string} */ (names[random.int(0, names.length - 1)]);
    const block = /** @type {{ pfn: number, order: number }} */ (held.get(name));
    zone.free(block.pfn, block.order);
    held.delete(name);
    sequence.push({ kind: 'free', name });
  };
  for (let tries = 0; sequence.length < steps && tries < steps * 4; tries++) {
    const tight = zone.freePages() < pages / 4;
    if (held.size > 0 && random.next() < (tight ? 0.8 : 0.2 + 0.1 * sinceFree)) {
      freeOne();
      continue;
    }
    const order = Math.min(/** @type {number} */ (ORDER_WEIGHTS[random.int(0, ORDER_WEIGHTS.length - 1)]), maxOrder);
    const pfn = zone.alloc(order);
    if (pfn === null) {
      if (held.size > 0) freeOne();
      continue;
    }
    const name = blockName(allocated++);
    sinceFree++;
    held.set(name, { pfn, order });
    sequence.push({ kind: 'alloc', name, order });
  }
  return sequence;
}
