import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseZoneinfo, type Zone } from '#kata/12-watermarks';
import { CAPTURES, NOV22, renderZone, SEED_003 } from './captures.ts';

const text = NOV22.zoneinfo;

/** The 1-based line of the ParseError parseZoneinfo throws for `input`, or undefined when it throws none. */
function parseErrorLine(input: string): number | undefined {
  try {
    parseZoneinfo(input);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

/** Whatever the input, zones of whole numbers or a ParseError that names one of its lines. */
function zonesOrParseError(input: string): boolean {
  try {
    const zones = parseZoneinfo(input);
    return zones.every((z) => [z.free, z.min, z.low, z.high, z.managed, ...z.protection].every(Number.isSafeInteger));
  } catch (error) {
    return error instanceof ParseError && error.line >= 1 && error.line <= input.split('\n').length;
  }
}

/** The capture with `line` (1-based) replaced. */
function withLine(input: string, line: number, replacement: string): string {
  const lines = input.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

/** The 1-based number of the first line of `input` that equals `line`. */
function lineOf(input: string, line: string, from = 1): number {
  return input.split('\n').indexOf(line, from - 1) + 1;
}

describe('parseZoneinfo', () => {
  it('reads every zone of a real /proc/zoneinfo, the empty Movable and Device zones included', () => {
    const zones = parseZoneinfo(text);
    expect(zones.map((z) => `${z.node}/${z.name}`)).toEqual(['0/DMA', '0/DMA32', '0/Normal', '0/Movable', '0/Device']);
  });

  it('reads the free pages, watermarks and sizes of each zone, in pages', () => {
    const pick = ({ name, free, boost, min, low, high, promo, spanned, present, managed, cma }: Zone) =>
      [name, free, boost, min, low, high, promo, spanned, present, managed, cma] as const;
    expect(parseZoneinfo(text).map(pick)).toEqual([
      ['DMA', 3840, 0, 46, 57, 68, 79, 4095, 3998, 3840, 0],
      ['DMA32', 772808, 0, 9331, 11663, 13995, 16327, 1044480, 782336, 772808, 0],
      ['Normal', 269664, 0, 7517, 9396, 11275, 13154, 5505024, 5505024, 622592, 0],
      ['Movable', 0, 0, 32, 32, 32, 32, 0, 0, 0, 0],
      ['Device', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('reads the protection line as one number per zone', () => {
    expect(parseZoneinfo(text).map((z) => z.protection)).toEqual([
      [0, 3018, 5450, 5450, 5450],
      [0, 0, 2432, 2432, 2432],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('attaches the per-node stats to the zone that prints them (the first populated one) as nodeStats', () => {
    const [dma, ...others] = parseZoneinfo(text);
    expect(Object.keys(dma?.nodeStats ?? {})).toHaveLength(51);
    expect(dma?.nodeStats).toMatchObject({ nr_inactive_anon: 15635, nr_file_pages: 253583, nr_kernel_file_pages: 0 });
    for (const zone of others) expect(zone.nodeStats).toBeUndefined();
  });

  it("keeps a populated zone's own counters in stats, and leaves an empty zone's stats empty", () => {
    const zones = parseZoneinfo(text);
    expect(zones[2]?.stats).toMatchObject({ nr_free_pages: 269664, nr_zone_inactive_file: 143219, numa_hit: 9578802 });
    expect(zones.map((z) => Object.keys(z.stats).length)).toEqual([17, 17, 17, 0, 0]);
    expect(zones[0]?.stats).not.toHaveProperty('nr_inactive_anon'); // a node stat, not the zone's
  });

  it('drops the per-CPU pagesets, but reads node_unreclaimable and start_pfn', () => {
    const zones = parseZoneinfo(text);
    for (const zone of zones) {
      for (const key of ['count', 'high_min', 'batch', 'cpu', 'threshold']) expect(zone.stats).not.toHaveProperty(key);
    }
    expect(zones.map((z) => z.startPfn)).toEqual([1, 4096, 1048576, undefined, undefined]);
    expect(zones.map((z) => z.nodeUnreclaimable)).toEqual([false, false, false, undefined, undefined]);
    expect(parseZoneinfo(text.replace('node_unreclaimable:  0', 'node_unreclaimable:  1'))[0]?.nodeUnreclaimable).toBe(
      true,
    );
  });

  it('leaves startPfn out of a zone that prints no start_pfn line, whatever the lines before it say', () => {
    const zones = parseZoneinfo(text.replace('  start_pfn:           1\n', ''));
    expect(zones[0]?.startPfn).toBeUndefined();
    expect(zones[0]?.nodeUnreclaimable).toBe(false);
    expect(zones[1]?.startPfn).toBe(4096);
  });

  it.each(CAPTURES.map((c) => [c.file, c] as const))('reads %s as the kernel printed it', (_, capture) => {
    expect(parseZoneinfo(capture.zoneinfo)).toEqual(capture.zones);
  });

  it('reads the excerpt in seed 003, from a kernel before 5.0: no boost line (0), no promo or cma line (null)', () => {
    expect(parseZoneinfo(SEED_003)).toEqual([
      {
        node: 0,
        name: 'Normal',
        free: 1446382,
        boost: 0,
        min: 15451,
        low: 22904,
        high: 30357,
        promo: null,
        spanned: 7602176,
        present: 7602176,
        managed: 7455511,
        cma: null,
        protection: [0, 0, 0, 0, 0],
        stats: {
          nr_free_pages: 1446382,
          nr_zone_inactive_anon: 1517750,
          nr_zone_active_anon: 24440,
          nr_zone_inactive_file: 2392079,
          nr_zone_active_file: 1786313,
          nr_zone_unevictable: 0,
          nr_zone_write_pending: 0,
        },
      },
    ]);
  });

  it('keeps counters and zone lines a newer kernel adds, instead of rejecting them', () => {
    const newer = text
      .replace('      nr_free_pages 3840\n', '      nr_free_pages 3840\n      nr_future_pages 42\n')
      .replace('      nr_isolated_anon 0\n', '      nr_isolated_anon 0\n      nr_node_future 7\n')
      .replace('        managed  3840\n', '        managed  3840\n        future   9\n');
    const [dma] = parseZoneinfo(newer);
    expect(dma?.stats).toMatchObject({ nr_future_pages: 42, future: 9 });
    expect(dma?.nodeStats).toMatchObject({ nr_node_future: 7 });
  });

  it("reads a file cut off after a zone's `pagesets` line: only a cut before `protection:` is an error", () => {
    const cut = text
      .split('\n')
      .slice(0, lineOf(text, '  pagesets', lineOf(text, 'Node 0, zone   Normal')))
      .join('\n');
    expect(parseZoneinfo(cut).map((z) => z.name)).toEqual(['DMA', 'DMA32', 'Normal']);
  });

  it('reads node numbers of more than one digit', () => {
    expect(parseZoneinfo(text.replaceAll('Node 0, zone', 'Node 12, zone')).map((z) => z.node)).toEqual([
      12, 12, 12, 12, 12,
    ]);
  });

  it('reads a file with CRLF line endings', () => {
    expect(parseZoneinfo(text.replaceAll('\n', '\r\n'))).toEqual(parseZoneinfo(text));
  });

  it('reads a file without its final newline', () => {
    expect(parseZoneinfo(text.trimEnd())).toEqual(parseZoneinfo(text));
  });

  const minLine = lineOf(text, '        min      46');
  const protectionLine = lineOf(text, '        protection: (0, 3018, 5450, 5450, 5450)');
  const pagesetsLine = lineOf(text, '  pagesets');
  const freeLine = lineOf(text, '  pages free     3840');
  const startPfnLine = lineOf(text, '  start_pfn:           1');
  const dma32Line = lineOf(text, 'Node 0, zone    DMA32');
  it.each([
    ['an empty file', '', 1],
    ['a first line that is not `Node N, zone NAME`', 'Node x, zone DMA\n  pages free 1\n', 1],
    ['text before the first zone', `hello\n${text}`, 1],
    ['text before a `Node` line', text.replace('Node 0, zone    DMA32', '# Node 0, zone    DMA32'), dma32Line],
    ['trailing junk after a `Node` line', text.replace('Node 0, zone    DMA32', 'Node 0, zone    DMA32 x'), dma32Line],
    ['text before `pages free`', withLine(text, freeLine, '  my pages free     3840'), freeLine],
    ['`12a`', withLine(text, minLine, '        min      12a'), minLine],
    ['`0x10`', withLine(text, minLine, '        min      0x10'), minLine],
    ['`1e3`', withLine(text, minLine, '        min      1e3'), minLine],
    ['`12.0`', withLine(text, minLine, '        min      12.0'), minLine],
    ['a negative watermark', withLine(text, minLine, '        min      -46'), minLine],
    ['trailing junk after a value', withLine(text, minLine, '        min      46 pages'), minLine],
    ['a value beyond 2^53', withLine(text, minLine, '        min      9007199254740993'), minLine],
    ['`min` twice', withLine(text, minLine + 1, '        min      46'), minLine + 1],
    [
      'a zone without `managed` (at its protection line)',
      withLine(text, minLine + 6, '        extra    0'),
      protectionLine,
    ],
    ['a zone without `min` (at its protection line)', withLine(text, minLine, '        minimum  46'), protectionLine],
    [
      'a protection value that is not a number',
      withLine(text, protectionLine, '        protection: (0, x)'),
      protectionLine,
    ],
    ['an empty protection list', withLine(text, protectionLine, '        protection: ()'), protectionLine],
    ['the same counter twice', withLine(text, protectionLine + 2, '      nr_free_pages 3840'), protectionLine + 2],
    ['a counter after the pagesets', withLine(text, pagesetsLine + 1, '      nr_brand_new 1'), pagesetsLine + 1],
    ['`pagesets` twice', withLine(text, pagesetsLine + 1, '  pagesets'), pagesetsLine + 1],
    ['trailing junk after `pages free`', withLine(text, freeLine, '  pages free     3840 pages'), freeLine],
    [
      'text before `protection:`',
      withLine(text, protectionLine, '        my protection: (0, 3018, 5450, 5450, 5450)'),
      protectionLine,
    ],
    [
      'trailing junk after `protection:`',
      withLine(text, protectionLine, '        protection: (0, 3018, 5450, 5450, 5450) x'),
      protectionLine,
    ],
    [
      'protection values not separated by `, `',
      withLine(text, protectionLine, '        protection: (0,3018,5450,5450,5450)'),
      protectionLine,
    ],
    ['text before `start_pfn:`', withLine(text, startPfnLine, '  (start_pfn:           1'), startPfnLine],
    ['trailing junk after `start_pfn:`', withLine(text, startPfnLine, '  start_pfn:           1 x'), startPfnLine],
    ['the same zone twice', text.replace('zone    DMA32', 'zone      DMA'), dma32Line],
    ['a new zone before `protection:`', withLine(text, protectionLine, 'Node 0, zone   Extra'), protectionLine],
    ['a file cut off before `protection:`', text.split('\n').slice(0, minLine).join('\n'), minLine],
    ['`per-node stats` after `pages free`', withLine(text, minLine, '  per-node stats'), minLine],
  ])('throws ParseError for %s, on the right line', (_, input, line) => {
    expect(() => parseZoneinfo(input)).toThrow(ParseError);
    expect(parseErrorLine(input)).toBe(line);
  });

  it('reads back any zoneinfo printed in the kernel layout (zoneinfo_show_print)', () => {
    const count = fc.nat(2 ** 40);
    const counters = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), count, { maxKeys: 8 });
    const zone = fc.record({
      free: count,
      boost: count,
      min: count,
      low: count,
      high: count,
      promo: count,
      spanned: count,
      present: count,
      managed: count,
      cma: count,
      protection: fc.array(count, { minLength: 1, maxLength: 6 }),
      stats: counters,
      nodeUnreclaimable: fc.boolean(),
      startPfn: count,
    });
    const layout = fc.record({ boost: fc.boolean(), promo: fc.boolean(), cma: fc.boolean(), cpus: fc.nat(3) });
    const names = ['DMA', 'DMA32', 'Normal', 'HighMem', 'Movable', 'Device'];
    fc.assert(
      fc.property(
        fc.array(zone, { minLength: 1, maxLength: 6 }),
        counters,
        fc.nat(1023),
        layout,
        (drafts, nodeStats, node, how) => {
          const zones: Zone[] = drafts
            .map((d, i) => {
              const populated = d.present > 0;
              return {
                node,
                name: names[i] ?? 'Normal',
                ...d,
                boost: how.boost ? d.boost : 0,
                promo: how.promo ? d.promo : null,
                cma: how.cma ? d.cma : null,
                stats: populated ? d.stats : {},
                ...(i === 0 ? { nodeStats } : {}),
                ...(populated ? { nodeUnreclaimable: d.nodeUnreclaimable, startPfn: d.startPfn } : {}),
              };
            })
            .map(({ nodeUnreclaimable, startPfn, ...z }) =>
              z.present > 0 ? { ...z, nodeUnreclaimable, startPfn } : z,
            );
          const rendered = zones.map((z) => renderZone(z, how)).join('');
          expect(parseZoneinfo(rendered)).toEqual(zones);
        },
      ),
    );
  });

  it('returns zones or throws ParseError with a line, whatever the text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), zonesOrParseError));
    const line = fc.stringMatching(
      /^( {0,8})(Node \d, zone +\w+|pages free \d+|[a-z_]{1,8} +-?[\dx.e]{1,4}|protection: \([\d, ]*\)|per-node stats|pagesets|\w+: +\d+)\r?$/,
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => zonesOrParseError(lines.join('\n'))));
  });

  it('returns zones or throws ParseError with a line for a real file cut off or with one line replaced (fuzz)', () => {
    fc.assert(fc.property(fc.nat(text.length), (end) => zonesOrParseError(text.slice(0, end))));
    const lines = text.split('\n').length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: lines }), fc.string({ maxLength: 30 }), (line, replacement) =>
        zonesOrParseError(withLine(text, line, replacement)),
      ),
    );
  });
});
