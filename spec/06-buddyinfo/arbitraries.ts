/** fast-check arbitraries for buddyinfo: zones as the kernel could print them. */
import fc from 'fast-check';

/** Kernel zone names, and made-up ones a newer kernel could add (a letter first, no blanks). */
export const zoneName = fc.oneof(
  fc.constantFrom('DMA', 'DMA32', 'Normal', 'HighMem', 'Movable', 'Device'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/),
);

/** Free block counts: mostly small, sometimes wider than the six columns of "%6lu", up to 2^40. */
export const count = fc.oneof(
  { weight: 6, arbitrary: fc.nat(2000) },
  { weight: 2, arbitrary: fc.nat(999_999) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 2 ** 40 }) },
);

/** One zone's counts for `orders` orders. */
export const freeCounts = (orders: number) => fc.array(count, { minLength: orders, maxLength: orders });

/** Zones of one buddyinfo: distinct (node, zone) pairs, the same number of orders on every line. */
export const zones = fc.integer({ min: 1, max: 14 }).chain((orders) =>
  fc.uniqueArray(fc.record({ node: fc.nat(7), zone: zoneName, free: freeCounts(orders) }), {
    minLength: 1,
    maxLength: 6,
    selector: (z) => `${z.node} ${z.zone}`,
  }),
);

/** One zone with the x86-64 number of orders (11), counts small enough that the totals stay exact. */
export const area = fc.record({ node: fc.constant(0), zone: zoneName, free: freeCounts(11) });
