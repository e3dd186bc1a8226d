import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inactiveIsLow, type LruCounts, scanCounts, scanFractions, scanMode } from '#kata/13-kswapd';

const base = { swapPages: 524288, swappiness: 60, priority: 12, fileIsTiny: false, cacheTrim: false };

describe('scanMode', () => {
  it("scans only file pages when there is no swap, whatever else holds ('file')", () => {
    expect(scanMode({ ...base, swapPages: 0 })).toBe('file');
    expect(scanMode({ swapPages: 0, swappiness: 200, priority: 0, fileIsTiny: true, cacheTrim: false })).toBe('file');
  });

  it("scans both lists by size near OOM: priority 0 with swappiness ≠ 0 ('equal')", () => {
    expect(scanMode({ ...base, priority: 0 })).toBe('equal');
    expect(scanMode({ ...base, priority: 0, fileIsTiny: true, cacheTrim: true })).toBe('equal');
    expect(scanMode({ ...base, priority: 1 })).toBe('fract');
  });

  it("does not go 'equal' at priority 0 with swappiness 0: it falls through to the later rules", () => {
    expect(scanMode({ ...base, swappiness: 0, priority: 0 })).toBe('fract');
    expect(scanMode({ ...base, swappiness: 0, priority: 0, fileIsTiny: true })).toBe('anon');
  });

  it("scans only anon pages when the file cache is tiny, even with swappiness 0 ('anon')", () => {
    expect(scanMode({ ...base, fileIsTiny: true })).toBe('anon');
    expect(scanMode({ ...base, swappiness: 0, fileIsTiny: true, cacheTrim: true })).toBe('anon');
  });

  it("trims the cache first when there is plenty of inactive file ('file')", () => {
    expect(scanMode({ ...base, cacheTrim: true })).toBe('file');
  });

  it("otherwise splits by swappiness and cost ('fract')", () => {
    expect(scanMode(base)).toBe('fract');
    expect(scanMode({ ...base, swappiness: 200 })).toBe('fract');
  });

  it.each([
    ['swappiness 201', { swappiness: 201 }],
    ['swappiness −1', { swappiness: -1 }],
    ['swappiness 60.5', { swappiness: 60.5 }],
    ['priority 13', { priority: 13 }],
    ['priority −1', { priority: -1 }],
  ])('throws RangeError for %s', (_, bad) => {
    expect(() => scanMode({ ...base, ...bad })).toThrow(RangeError);
  });
});

describe('scanFractions', () => {
  it('splits anon : file = swappiness : 200 − swappiness when the costs are equal', () => {
    expect(scanFractions({ swappiness: 60, anonCost: 0, fileCost: 0 })).toEqual({ anon: 60, file: 140 });
    expect(scanFractions({ swappiness: 100, anonCost: 0, fileCost: 0 })).toEqual({ anon: 100, file: 100 });
    expect(scanFractions({ swappiness: 200, anonCost: 0, fileCost: 0 })).toEqual({ anon: 200, file: 0 });
    expect(scanFractions({ swappiness: 0, anonCost: 0, fileCost: 0 })).toEqual({ anon: 0, file: 200 });
  });

  it('keeps the ratio for any equal costs: 60 : 140 with costs 1000 and 1000', () => {
    // total 2000, a = f = 3000, T = 6000: ap = 60·6001/3001 = 119.98 → 119, fp = 140·6001/3001 = 279.9 → 279
    expect(scanFractions({ swappiness: 60, anonCost: 1000, fileCost: 1000 })).toEqual({ anon: 119, file: 279 });
  });

  it('shifts pressure away from the costlier type, but each keeps about a third of it', () => {
    // total 1000, a = 2000, f = 1000, T = 3000: ap = 100·3001/2001 = 149, fp = 100·3001/1001 = 299
    expect(scanFractions({ swappiness: 100, anonCost: 1000, fileCost: 0 })).toEqual({ anon: 149, file: 299 });
    // all cost on anon: anon still gets 1/3 of what file gets, never 0
    expect(scanFractions({ swappiness: 100, anonCost: 1e9, fileCost: 0 })).toEqual({ anon: 149, file: 299 });
  });

  it("uses the kernel's integer divisions, truncating each", () => {
    // total 3, a = 4, f = 5, T = 9: ap = 60·10/5 = 120, fp = 140·10/6 = 233.3 → 233
    expect(scanFractions({ swappiness: 60, anonCost: 1, fileCost: 2 })).toEqual({ anon: 120, file: 233 });
  });

  it('gives more anon weight for more swappiness, never more file weight', () => {
    fc.assert(
      fc.property(fc.nat(199), fc.nat(100000), fc.nat(100000), (s, anonCost, fileCost) => {
        const a = scanFractions({ swappiness: s, anonCost, fileCost });
        const b = scanFractions({ swappiness: s + 1, anonCost, fileCost });
        expect(b.anon).toBeGreaterThanOrEqual(a.anon);
        expect(b.file).toBeLessThanOrEqual(a.file);
      }),
    );
  });

  it.each([
    ['swappiness 201', { swappiness: 201, anonCost: 0, fileCost: 0 }],
    ['swappiness −1', { swappiness: -1, anonCost: 0, fileCost: 0 }],
    ['a negative anon cost', { swappiness: 60, anonCost: -1, fileCost: 0 }],
    ['a negative file cost', { swappiness: 60, anonCost: 0, fileCost: -3 }],
    ['a fractional cost', { swappiness: 60, anonCost: 0.5, fileCost: 0 }],
  ])('throws RangeError for %s', (_, input) => {
    expect(() => scanFractions(input)).toThrow(RangeError);
  });
});

const sizes: LruCounts = { inactive_anon: 8192, active_anon: 4096, inactive_file: 16384, active_file: 40960 };

describe('scanCounts', () => {
  it('scans size / 2^priority of each list in SCAN_EQUAL: 1/4096 at priority 12', () => {
    expect(scanCounts({ sizes, priority: 12, mode: 'equal', fractions: { anon: 60, file: 140 } })).toEqual({
      inactive_anon: 2,
      active_anon: 1,
      inactive_file: 4,
      active_file: 10,
    });
  });

  it('scans everything at priority 0', () => {
    expect(scanCounts({ sizes, priority: 0, mode: 'equal', fractions: { anon: 1, file: 1 } })).toEqual(sizes);
  });

  it('rounds the shift down: 4095 pages give nothing to scan at priority 12', () => {
    const small = { inactive_anon: 4095, active_anon: 4096, inactive_file: 8191, active_file: 0 };
    expect(scanCounts({ sizes: small, priority: 12, mode: 'equal', fractions: { anon: 1, file: 1 } })).toEqual({
      inactive_anon: 0,
      active_anon: 1,
      inactive_file: 1,
      active_file: 0,
    });
  });

  it("scales each list by its type's share in SCAN_FRACT, rounding down", () => {
    // priority 10: 8, 4, 16, 40; anon ×60/200, file ×140/200
    expect(scanCounts({ sizes, priority: 10, mode: 'fract', fractions: { anon: 60, file: 140 } })).toEqual({
      inactive_anon: 2, // 2.4
      active_anon: 1, // 1.2
      inactive_file: 11, // 11.2
      active_file: 28,
    });
  });

  it('scans one type only in SCAN_FILE and SCAN_ANON', () => {
    expect(scanCounts({ sizes, priority: 10, mode: 'file', fractions: { anon: 60, file: 140 } })).toEqual({
      inactive_anon: 0,
      active_anon: 0,
      inactive_file: 16,
      active_file: 40,
    });
    expect(scanCounts({ sizes, priority: 10, mode: 'anon', fractions: { anon: 60, file: 140 } })).toEqual({
      inactive_anon: 8,
      active_anon: 4,
      inactive_file: 0,
      active_file: 0,
    });
  });

  it('scans no file page with swappiness 200 and no anon page with swappiness 0 (SCAN_FRACT)', () => {
    const s200 = scanCounts({
      sizes,
      priority: 0,
      mode: 'fract',
      fractions: scanFractions({ swappiness: 200, anonCost: 0, fileCost: 0 }),
    });
    expect(s200.inactive_file + s200.active_file).toBe(0);
    expect(s200.inactive_anon).toBe(8192);
    const s0 = scanCounts({
      sizes,
      priority: 0,
      mode: 'fract',
      fractions: scanFractions({ swappiness: 0, anonCost: 0, fileCost: 0 }),
    });
    expect(s0.inactive_anon + s0.active_anon).toBe(0);
    expect(s0.active_file).toBe(40960);
  });

  it('scans nothing in SCAN_FRACT when both weights are 0', () => {
    expect(scanCounts({ sizes, priority: 0, mode: 'fract', fractions: { anon: 0, file: 0 } })).toEqual({
      inactive_anon: 0,
      active_anon: 0,
      inactive_file: 0,
      active_file: 0,
    });
  });

  it('works on lists beyond 2^32 pages, where >> would wrap', () => {
    const huge = { inactive_anon: 2 ** 40, active_anon: 0, inactive_file: 0, active_file: 0 };
    expect(
      scanCounts({ sizes: huge, priority: 12, mode: 'equal', fractions: { anon: 1, file: 1 } }).inactive_anon,
    ).toBe(2 ** 28);
  });

  it('never scans more than a list holds, nor a type that its mode leaves out', () => {
    fc.assert(
      fc.property(
        fc.record({
          inactive_anon: fc.nat(1e7),
          active_anon: fc.nat(1e7),
          inactive_file: fc.nat(1e7),
          active_file: fc.nat(1e7),
        }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom('file', 'equal', 'anon', 'fract' as const),
        fc.integer({ min: 0, max: 200 }),
        (lists, priority, mode, swappiness) => {
          const counts = scanCounts({
            sizes: lists,
            priority,
            mode,
            fractions: scanFractions({ swappiness, anonCost: 0, fileCost: 0 }),
          });
          for (const lru of Object.keys(lists) as (keyof LruCounts)[]) {
            expect(counts[lru]).toBeGreaterThanOrEqual(0);
            expect(counts[lru]).toBeLessThanOrEqual(Math.floor(lists[lru] / 2 ** priority));
          }
          if (mode === 'file') expect(counts.inactive_anon + counts.active_anon).toBe(0);
          if (mode === 'anon') expect(counts.inactive_file + counts.active_file).toBe(0);
          if (mode === 'equal') expect(counts.inactive_file).toBe(Math.floor(lists.inactive_file / 2 ** priority));
        },
      ),
    );
  });

  it.each([
    ['priority 13', { priority: 13 }],
    ['priority −1', { priority: -1 }],
    ['a negative list size', { sizes: { ...sizes, active_file: -1 } }],
    ['a fractional list size', { sizes: { ...sizes, inactive_anon: 1.5 } }],
  ])('throws RangeError for %s', (_, bad) => {
    expect(() => scanCounts({ sizes, priority: 12, mode: 'equal', fractions: { anon: 1, file: 1 }, ...bad })).toThrow(
      RangeError,
    );
  });
});

describe('inactiveIsLow', () => {
  it('wants inactive ≥ active below 1 GiB: 100 beside 200 is low, 150 beside 150 is not', () => {
    expect(inactiveIsLow(100, 200)).toBe(true);
    expect(inactiveIsLow(150, 150)).toBe(false);
    expect(inactiveIsLow(0, 0)).toBe(false);
    expect(inactiveIsLow(0, 1)).toBe(true);
    expect(inactiveIsLow(131071, 131072)).toBe(true); // 262143 pages: still ratio 1
  });

  it('wants 3 to 1 at 1 GiB (262144 pages): ⌊√10⌋ = 3', () => {
    expect(inactiveIsLow(65536, 196608)).toBe(false); // 65536 · 3 = 196608, not less
    expect(inactiveIsLow(65535, 196609)).toBe(true);
  });

  it('wants 6 to 1 at 4 GiB (⌊√40⌋) and 101 to 1 at 1 TiB (⌊√10240⌋)', () => {
    expect(inactiveIsLow(262144, 786432)).toBe(false);
    expect(inactiveIsLow(131072, 917505)).toBe(true); // 4 GiB: 131072 · 6 = 786432 < 917505
    expect(inactiveIsLow(149797, 898779)).toBe(false); // exactly 4 GiB: 149797 · 6 = 898782, not less
    expect(inactiveIsLow(149796, 898776)).toBe(true); // 4 pages short of 4 GiB: ratio ⌊√30⌋ = 5
    const tib = 268435456;
    expect(inactiveIsLow(2657, tib - 2657)).toBe(true); // 2657 · 101 = 268357 < 268432799
    expect(inactiveIsLow(2640000, tib - 2640000)).toBe(false); // 2640000 · 101 > 265795456
  });

  it('works beyond 2^32 pages', () => {
    expect(inactiveIsLow(2 ** 33, 2 ** 35)).toBe(false); // 160 TiB: ratio ⌊√1638400⌋ = 1280
    expect(inactiveIsLow(2 ** 20, 2 ** 35)).toBe(true);
  });

  it.each([
    ['a negative inactive size', -1, 5],
    ['a fractional active size', 5, 1.5],
    ['a size beyond 2^53', 2 ** 53, 0],
  ])('throws RangeError for %s', (_, inactive, active) => {
    expect(() => inactiveIsLow(inactive, active)).toThrow(RangeError);
  });
});
