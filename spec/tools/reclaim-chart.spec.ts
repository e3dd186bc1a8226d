import { describe, expect, it } from 'vitest';
import { ReclaimZone } from '#kata/13-kswapd';
import { kswapdIntervals, MARKERS, reclaimChart, reclaimSvg, yMax } from '../../scripts/lib/reclaim-chart.mjs';

const marks = { min: 100, low: 125, high: 150 };
const samples = [
  { t: 0, free: 200 },
  { t: 1, free: 130 },
  { t: 2, free: 110 },
  { t: 3, free: 90 },
  { t: 4, free: 160 },
  { t: 5, free: 170 },
];
const events = [
  { t: 1, type: 'wakeup_kswapd' },
  { t: 2, type: 'kswapd_wake' },
  { t: 3, type: 'direct_reclaim_begin' },
  { t: 3, type: 'direct_reclaim_end' },
  { t: 4, type: 'kswapd_sleep' },
  { t: 5, type: 'oom' },
];

describe('kswapdIntervals', () => {
  it('spans each kswapd run from the tick before its wake to its sleep, and runs on to the end when it never sleeps', () => {
    expect(kswapdIntervals(events, 5)).toEqual([[1, 4]]);
    expect(kswapdIntervals([{ t: 3, type: 'kswapd_wake' }], 9)).toEqual([[2, 9]]);
    expect(
      kswapdIntervals(
        [
          { t: 0, type: 'kswapd_wake' },
          { t: 0, type: 'kswapd_sleep' },
        ],
        9,
      ),
    ).toEqual([[0, 0]]);
    expect(kswapdIntervals([{ t: 4, type: 'kswapd_sleep' }], 9)).toEqual([]);
  });
});

describe('yMax', () => {
  it('rounds up above the highest free count, and stops at 3 × high so that the watermarks stay readable', () => {
    expect(yMax({ samples, watermarks: marks })).toBe(230); // 200 × 1.15 = 230
    expect(yMax({ samples: [{ t: 0, free: 100000 }], watermarks: marks })).toBe(450);
  });
});

describe('reclaimChart', () => {
  const text = reclaimChart({ watermarks: marks, samples, events, title: 'a test' }, { width: 6, height: 10 });
  const lines = text.split('\n');

  it('prints the title, the plot rows, the axis, the markers, the times and the legend', () => {
    expect(lines[0]).toBe('a test');
    expect(lines).toHaveLength(1 + 10 + 4 + 1);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('labels the three watermarks at the right of their rows, and the y axis at the top and bottom', () => {
    expect(lines.find((l) => l.endsWith(' high 150'))).toMatch(/^150 ┤/);
    expect(lines.find((l) => l.endsWith(' low 125'))).toMatch(/^125 ┤/);
    expect(lines.find((l) => l.endsWith(' min 100'))).toMatch(/^100 ┤/);
    expect(lines[1]).toMatch(/^230 ┤/);
    expect(lines[10]).toMatch(/^ {2}0 ┤ {6}$/);
  });

  it('puts one dot per column on the row of its last sample', () => {
    const plot = lines.slice(1, 11).map((l) => l.slice(5, 11));
    const dots = [0, 1, 2, 3, 4, 5].map((x) => plot.findIndex((row) => row[x] === '•'));
    // 200, 130, 110, 90, 160, 170 on rows of 230/9 pages each: 110 and 90 both round to the min row
    expect(dots).toEqual([1, 4, 5, 5, 3, 2]);
  });

  it('draws the axis thick while kswapd works, and marks wake ▲, stalls ✖, sleep ▼ and OOM ☠ in their columns', () => {
    expect(lines[11]).toBe('    └─━━━━─');
    expect(lines[12]).toBe(`       ▲${MARKERS.direct_reclaim_begin}▼☠`);
  });

  it('shows ↕ where kswapd woke and slept in one column, and the stronger marker where two others meet', () => {
    const both = reclaimChart(
      {
        watermarks: marks,
        samples,
        events: [
          { t: 2, type: 'kswapd_wake' },
          { t: 2, type: 'kswapd_sleep' },
          { t: 4, type: 'kswapd_sleep' },
          { t: 4, type: 'oom' },
        ],
      },
      { width: 6, height: 10 },
    ).split('\n');
    expect(both[11]).toBe('       ↕ ☠');
  });

  it('writes the time span under the axis: 1 ms a tick by default', () => {
    expect(lines[13]).toBe('     0 ms 5 ms');
    const seconds = reclaimChart({ watermarks: marks, samples, tickMs: 500 }, { width: 10, height: 4 }).split('\n');
    expect(seconds[6]).toBe('     0 ms 2.5 s');
    const wide = reclaimChart({ watermarks: marks, samples }, { width: 20, height: 4 }).split('\n');
    expect(wide[6]).toBe(`     0 ms${'5 ms'.padStart(16)}`);
  });

  it('refuses watermarks out of order and an empty run with RangeError', () => {
    expect(() => reclaimChart({ watermarks: { min: 2, low: 1, high: 3 }, samples })).toThrow(RangeError);
    expect(() => reclaimChart({ watermarks: marks, samples: [] })).toThrow(RangeError);
  });

  it('draws a real ReclaimZone run: its samples, events and watermarks fit as they are', () => {
    const zone = new ReclaimZone({ managedPages: 1000, watermarks: marks, kswapdBatch: 64 });
    for (let t = 0; t < 30; t++) {
      for (let i = 0; i < 40; i++) zone.allocate({ kind: 'file' });
      zone.tick();
    }
    const chart = reclaimChart({ watermarks: zone.config.watermarks, samples: zone.samples, events: zone.events });
    expect(chart).toContain('━');
    expect(chart).toMatch(/[▲↕]/);
  });
});

describe('reclaimSvg', () => {
  const svg = reclaimSvg({ watermarks: marks, samples, events, title: 'a <test> & more' });

  it('is one SVG document with the title escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 360"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('a &lt;test&gt; &amp; more');
    expect(svg.match(/<svg/g)).toHaveLength(1);
  });

  it('draws the curve through every sample, in time order', () => {
    const points = /<polyline class="free" points="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
    expect(points).toHaveLength(samples.length);
    const xs = points.map((p) => Number(p.split(',')[0]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBe(64);
    expect(xs.at(-1)).toBe(64 + 720 - 64 - 96);
  });

  it("draws the three watermarks, kswapd's interval, one tick per stall and the OOM", () => {
    for (const name of ['high', 'low', 'min']) expect(svg).toContain(`class="mark-${name}"`);
    expect(svg.match(/class="kswapd"/g)).toHaveLength(1);
    expect(svg.match(/class="direct"/g)).toHaveLength(1);
    expect(svg.match(/class="oom"/g)).toHaveLength(1);
    expect(svg).toContain('>high 150</text>');
  });

  it('draws at most one mark per pixel column, however many stalls', () => {
    const many = Array.from({ length: 5000 }, () => ({ t: 3, type: 'direct_reclaim_begin' }));
    expect(reclaimSvg({ watermarks: marks, samples, events: many }).match(/class="direct"/g)).toHaveLength(1);
  });

  it('gives the same bytes for the same data', () => {
    expect(reclaimSvg({ watermarks: marks, samples, events })).toBe(reclaimSvg({ watermarks: marks, samples, events }));
  });

  it('keeps a curve that leaves the range inside the plot', () => {
    const ys = (
      /<polyline class="free" points="([^"]+)"/.exec(
        reclaimSvg({
          watermarks: marks,
          samples: [
            { t: 0, free: 1e6 },
            { t: 1, free: 0 },
          ],
        }),
      )?.[1] ?? ''
    )
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(ys).toEqual([36, 296]);
  });
});
