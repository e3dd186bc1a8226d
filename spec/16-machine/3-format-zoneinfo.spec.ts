import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseZoneinfo } from '#kata/12-watermarks';
import { formatZoneinfo, NODE_STAT_NAMES, ZONE_STAT_NAMES, type ZoneinfoZone } from '#kata/16-machine';
import { fixture, zoneinfoZones } from './captures.ts';

const SNAPSHOT = 'zoneinfo/snapshot/proc/zoneinfo';
const CAPTURES = ['with-sysctls-2026-12-01.txt', 'with-sysctls-tuned-2026-12-01.txt'].map((f) =>
  fixture(`zoneinfo/${f}`).split('\n').slice(4).join('\n'),
);

/** A populated zone with one CPU, its counters all 0. */
function zone(overrides: Partial<ZoneinfoZone> = {}): ZoneinfoZone {
  return {
    node: 0,
    name: 'Normal',
    free: 100,
    boost: 0,
    min: 1,
    low: 2,
    high: 3,
    promo: 4,
    spanned: 200,
    present: 200,
    managed: 190,
    cma: 0,
    protection: [0, 0, 0, 0, 0],
    stats: { nr_free_pages: 100 },
    pagesets: [{ count: 0, high: 1, batch: 1, highMin: 4, highMax: 5, statThreshold: 4 }],
    nodeUnreclaimable: false,
    startPfn: 1048576,
    ...overrides,
  };
}

describe('formatZoneinfo', () => {
  it('prints the 2026-12-01 snapshot of this machine byte for byte: five zones, per-node stats under DMA, two CPUs', () => {
    const text = fixture(SNAPSHOT);
    expect(formatZoneinfo(zoneinfoZones(text))).toBe(text);
  });

  it.each(CAPTURES.map((text, i) => [i, text] as const))('prints capture %i byte for byte', (_, text) => {
    expect(formatZoneinfo(zoneinfoZones(text))).toBe(text);
  });

  it('names the zone right-aligned in 8 after "zone "', () => {
    expect(formatZoneinfo([zone({ name: 'DMA', present: 0 })]).split('\n')[0]).toBe('Node 0, zone      DMA');
    expect(formatZoneinfo([zone({ node: 1, name: 'Movable', present: 0 })]).split('\n')[0]).toBe(
      'Node 1, zone  Movable',
    );
  });

  it('stops an unpopulated zone (nothing present) after its protection line: no counters, no pagesets, no start_pfn', () => {
    expect(formatZoneinfo([zone({ present: 0, managed: 0, spanned: 0, protection: [0, 32] })])).toBe(
      [
        'Node 0, zone   Normal',
        '  pages free     100',
        '        boost    0',
        '        min      1',
        '        low      2',
        '        high     3',
        '        promo    4',
        '        spanned  0',
        '        present  0',
        '        managed  0',
        '        cma      0',
        '        protection: (0, 32)',
        '',
      ].join('\n'),
    );
  });

  it('prints a populated zone whole: counters as "%-12s %lu", then per CPU the pageset and the threshold', () => {
    const text = formatZoneinfo([
      zone({
        stats: { nr_free_pages: 100, nr_mlock: 7 },
        pagesets: [
          { count: 1, high: 2, batch: 3, highMin: 4, highMax: 5, statThreshold: 6 },
          { count: 7, high: 8, batch: 9, highMin: 10, highMax: 11, statThreshold: 12 },
        ],
        nodeUnreclaimable: true,
      }),
    ]);
    expect(text.split('\n').slice(12)).toEqual([
      '      nr_free_pages 100',
      '      nr_mlock     7',
      '  pagesets',
      '    cpu: 0',
      '              count:    1',
      '              high:     2',
      '              batch:    3',
      '              high_min: 4',
      '              high_max: 5',
      '  vm stats threshold: 6',
      '    cpu: 1',
      '              count:    7',
      '              high:     8',
      '              batch:    9',
      '              high_min: 10',
      '              high_max: 11',
      '  vm stats threshold: 12',
      '  node_unreclaimable:  1',
      '  start_pfn:           1048576',
      '',
    ]);
  });

  it('prints the node counters only where they are given, before "pages free"', () => {
    const text = formatZoneinfo([zone({ nodeStats: { nr_inactive_anon: 5, nr_dirty: 0 } }), zone({ name: 'Movable' })]);
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'Node 0, zone   Normal',
      '  per-node stats',
      '      nr_inactive_anon 5',
      '      nr_dirty     0',
      '  pages free     100',
    ]);
    expect(lines.filter((l) => l === '  per-node stats')).toHaveLength(1);
  });

  it('is read back by your kata 12 parseZoneinfo: watermarks, sizes, protection and every counter', () => {
    const counters = (names: readonly string[]) =>
      fc.record(
        Object.fromEntries(names.map((n) => [n, fc.nat({ max: 2 ** 32 })])) as Record<string, fc.Arbitrary<number>>,
      );
    const populated = fc.record({
      free: fc.nat({ max: 2 ** 30 }),
      min: fc.nat({ max: 2 ** 20 }),
      managed: fc.integer({ min: 1, max: 2 ** 30 }),
      protection: fc.array(fc.nat({ max: 2 ** 20 }), { minLength: 5, maxLength: 5 }),
      nodeStats: counters(NODE_STAT_NAMES),
      stats: counters(ZONE_STAT_NAMES),
    });
    fc.assert(
      fc.property(populated, ({ free, min, managed, protection, nodeStats, stats }) => {
        const zones = [
          zone({ name: 'DMA', present: 0, managed: 0, spanned: 0, free: 0 }),
          zone({
            free,
            min,
            low: min + 1,
            high: min + 2,
            promo: min + 3,
            managed,
            present: managed,
            protection,
            nodeStats,
            stats,
          }),
        ];
        const [dma, normal] = parseZoneinfo(formatZoneinfo(zones));
        expect(dma).toMatchObject({ name: 'DMA', present: 0, managed: 0 });
        expect(normal).toMatchObject({
          name: 'Normal',
          free,
          min,
          low: min + 1,
          high: min + 2,
          managed,
          protection,
          stats,
        });
        expect(normal?.nodeStats).toEqual(nodeStats);
        expect(normal?.startPfn).toBe(1048576);
      }),
    );
  });
});
