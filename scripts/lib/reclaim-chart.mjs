// @ts-check
/**
 * Seed 004's figure made live: free pages over time against the min/low/high watermarks, with kswapd's wake
 * and sleep and every direct reclaim marked. Two renderers of the same plain data — a Unicode chart for the
 * terminal and an SVG file — so any reclaim simulation can be drawn: kata 13's ReclaimZone (`zone.samples`,
 * `zone.events`, `zone.config.watermarks` fit as they are), the practice exercise, kata 16's machine.
 * Pure functions: data in, text out.
 */

/** @typedef {{ t: number, free: number }} Sample  free pages at tick t */
/** @typedef {{ t: number, type: string }} ChartEvent  a ReclaimEvent (only t and type are read) */
/** @typedef {{ min: number, low: number, high: number }} Marks  watermarks in pages */
/**
 * @typedef {object} ChartData
 * @property {Marks} watermarks
 * @property {readonly Sample[]} samples   in time order, at least one
 * @property {readonly ChartEvent[]} [events]
 * @property {string} [title]
 * @property {number} [tickMs]  milliseconds per tick, for the time axis (default 1)
 */

/** The markers of the terminal chart, strongest first: one per column. */
export const MARKERS = /** @type {const} */ ({
  oom: '☠',
  direct_reclaim_begin: '✖',
  kswapd_wake: '▲',
  kswapd_sleep: '▼',
  /** kswapd woke and slept within one column */
  both: '↕',
});

/**
 * kswapd's working intervals: from each mm_vmscan_kswapd_wake to the next kswapd_sleep (or the end). kswapd
 * works during a tick, and the events carry the tick's end, so an interval starts one tick before its wake.
 * @param {readonly ChartEvent[]} events
 * @param {number} end  the last tick
 * @returns {[number, number][]}
 */
export function kswapdIntervals(events, end) {
  /** @type {[number, number][]} */
  const intervals = [];
  /** @type {number | null} */
  let start = null;
  for (const e of events) {
    if (e.type === 'kswapd_wake' && start === null) start = Math.max(e.t - 1, 0);
    if (e.type === 'kswapd_sleep' && start !== null) {
      intervals.push([start, e.t]);
      start = null;
    }
  }
  if (start !== null) intervals.push([start, end]);
  return intervals;
}

/** @param {ChartData} data */
function check(data) {
  const { watermarks: m, samples } = data;
  if (!m || !(m.min <= m.low && m.low <= m.high)) throw new RangeError('watermarks must be min ≤ low ≤ high');
  if (!samples || samples.length === 0) throw new RangeError('a chart needs at least one sample');
}

/**
 * The y range: 0 up to a round number above the highest free count — but never more than 3 × high, so that the
 * watermarks stay readable when the zone starts nearly empty (the curve is cut at the top then).
 */
export function yMax(/** @type {Pick<ChartData, 'samples' | 'watermarks'>} */ { samples, watermarks }) {
  const highest = samples.reduce((m, s) => Math.max(m, s.free), watermarks.high);
  const top = Math.min(highest * 1.15, Math.max(watermarks.high * 3, 1));
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(top, 1))) - 1);
  return Math.max(Math.ceil(top / step) * step, 1);
}

/** Time label: "0 ms", "1.5 s". */
function timeLabel(/** @type {number} */ ms) {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(2))} s` : `${Number(ms.toFixed(1))} ms`;
}

/**
 * The chart as Unicode text: a y axis in pages, the free-page curve (•, with │ where it moved within a
 * column), the watermarks as lines labelled at the right, the x axis drawn thick (━) while kswapd works, and a
 * marker row: ▲ kswapd wakes, ▼ it sleeps, ✖ direct reclaim (an allocation stall), ☠ out of memory.
 * @param {ChartData} data
 * @param {{ width?: number, height?: number }} [size]  plot columns and rows (default 72 × 16)
 * @returns {string}
 */
export function reclaimChart(data, { width = 72, height = 16 } = {}) {
  check(data);
  const { samples, watermarks, events = [], title, tickMs = 1 } = data;
  const t0 = samples[0]?.t ?? 0;
  const t1 = Math.max(samples.at(-1)?.t ?? 0, t0 + 1);
  const top = yMax(data);
  const col = (/** @type {number} */ t) =>
    Math.min(width - 1, Math.max(0, Math.floor(((t - t0) / (t1 - t0)) * (width - 1) + 0.5)));
  const row = (/** @type {number} */ v) => Math.min(height - 1, Math.max(0, Math.round((1 - v / top) * (height - 1))));

  /** @type {string[][]} */
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  const marks = /** @type {const} */ ([
    ['high', watermarks.high, '┄'],
    ['low', watermarks.low, '╌'],
    ['min', watermarks.min, '─'],
  ]);
  for (const [, value, line] of marks) grid[row(value)]?.fill(line);
  // the curve: per column the lowest and highest free of its samples, the last one as the dot
  /** @type {({ lo: number, hi: number, last: number } | undefined)[]} */
  const columns = Array.from({ length: width }, () => undefined);
  for (const s of samples) {
    const c = col(s.t);
    const cur = columns[c];
    columns[c] = cur
      ? { lo: Math.min(cur.lo, s.free), hi: Math.max(cur.hi, s.free), last: s.free }
      : { lo: s.free, hi: s.free, last: s.free };
  }
  columns.forEach((c, x) => {
    if (!c) return;
    for (let y = row(c.hi); y <= row(c.lo); y++) /** @type {string[]} */ (grid[y])[x] = '│';
    /** @type {string[]} */ (grid[row(c.last)])[x] = '•';
  });

  const labelled = new Map(marks.map(([name, value]) => [row(value), `${name} ${value}`]));
  const yWidth = String(top).length;
  const lines = [];
  if (title) lines.push(title);
  grid.forEach((cells, y) => {
    const value =
      y === 0 ? String(top) : labelled.has(y) ? (labelled.get(y) ?? '').split(' ')[1] : y === height - 1 ? '0' : '';
    lines.push(`${(value ?? '').padStart(yWidth)} ┤${cells.join('')}${labelled.has(y) ? ` ${labelled.get(y)}` : ''}`);
  });
  const axis = Array.from({ length: width }, () => '─');
  for (const [a, b] of kswapdIntervals(events, t1)) for (let x = col(a); x <= col(b); x++) axis[x] = '━';
  lines.push(`${' '.repeat(yWidth)} └${axis.join('')}`);
  const markerRow = Array.from({ length: width }, () => ' ');
  const strength = /** @type {Record<string, number>} */ ({
    oom: 4,
    direct_reclaim_begin: 3,
    kswapd_wake: 2,
    kswapd_sleep: 1,
  });
  /** @type {number[]} */
  const placed = Array.from({ length: width }, () => 0);
  for (const e of events) {
    const s = strength[e.type];
    if (!s) continue;
    const x = col(e.t);
    const here = placed[x] ?? 0;
    // a wake and a sleep in the same column (kswapd's short runs): both arrows
    if ((here === 1 && s === 2) || (here === 2 && s === 1)) {
      placed[x] = 2.5;
      markerRow[x] = MARKERS.both;
    } else if (s > here) {
      placed[x] = s;
      markerRow[x] = MARKERS[/** @type {keyof typeof MARKERS} */ (e.type)];
    }
  }
  lines.push(`${' '.repeat(yWidth)}  ${markerRow.join('').trimEnd()}`);
  const left = timeLabel(t0 * tickMs);
  const right = timeLabel(t1 * tickMs);
  lines.push(`${' '.repeat(yWidth)}  ${left}${right.padStart(Math.max(width - left.length, right.length + 1))}`);
  lines.push(
    `${' '.repeat(yWidth)}  free pages (•) · ━ kswapd running · ▲ wake ▼ sleep ↕ both · ✖ direct reclaim · ☠ OOM`,
  );
  return `${lines.join('\n')}\n`;
}

/** @param {string} text */
function xml(text) {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** A number for SVG: at most one decimal. */
const n = (/** @type {number} */ v) => String(Number(v.toFixed(1)));

/**
 * The same chart as an SVG document: the free-page curve, the three watermarks dashed and labelled, kswapd's
 * working intervals shaded, direct reclaims as red ticks, OOM as a black cross, axes with their values and a
 * legend. Deterministic: the same data gives the same bytes.
 * @param {ChartData} data
 * @param {{ width?: number, height?: number }} [size]  in pixels (default 720 × 360)
 * @returns {string}
 */
export function reclaimSvg(data, { width = 720, height = 360 } = {}) {
  check(data);
  const { samples, watermarks, events = [], title = 'free pages against the watermarks', tickMs = 1 } = data;
  const pad = { left: 64, right: 96, top: 36, bottom: 64 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const t0 = samples[0]?.t ?? 0;
  const t1 = Math.max(samples.at(-1)?.t ?? 0, t0 + 1);
  const top = yMax(data);
  const x = (/** @type {number} */ t) => pad.left + ((t - t0) / (t1 - t0)) * w;
  const y = (/** @type {number} */ v) => pad.top + (1 - Math.min(v, top) / top) * h; // cut at the top
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="monospace" font-size="11">`,
    `<title>${xml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${pad.left}" y="20" font-size="13">${xml(title)}</text>`,
  ];
  for (const [a, b] of kswapdIntervals(events, t1)) {
    out.push(
      `<rect class="kswapd" x="${n(x(a))}" y="${pad.top}" width="${n(Math.max(x(b) - x(a), 1))}" height="${h}" fill="#dbeafe"/>`,
    );
  }
  const colors = { high: '#16a34a', low: '#ca8a04', min: '#dc2626' };
  for (const [name, value] of /** @type {const} */ ([
    ['high', watermarks.high],
    ['low', watermarks.low],
    ['min', watermarks.min],
  ])) {
    out.push(
      `<line class="mark-${name}" x1="${pad.left}" y1="${n(y(value))}" x2="${pad.left + w}" y2="${n(y(value))}" stroke="${colors[name]}" stroke-dasharray="6 4"/>`,
    );
    out.push(`<text x="${pad.left + w + 6}" y="${n(y(value) + 4)}" fill="${colors[name]}">${name} ${value}</text>`);
  }
  const points = samples.map((s) => `${n(x(s.t))},${n(y(s.free))}`).join(' ');
  out.push(`<polyline class="free" points="${points}" fill="none" stroke="#1d4ed8" stroke-width="1.5"/>`);
  // one mark per pixel column: a burst of stalls is thousands of events
  const drawn = new Set();
  for (const e of events) {
    if (e.type !== 'direct_reclaim_begin' && e.type !== 'oom') continue;
    const cx = n(x(e.t));
    if (drawn.has(`${e.type}@${Math.round(x(e.t))}`)) continue;
    drawn.add(`${e.type}@${Math.round(x(e.t))}`);
    if (e.type === 'direct_reclaim_begin') {
      out.push(
        `<line class="direct" x1="${cx}" y1="${pad.top + h}" x2="${cx}" y2="${pad.top + h - 10}" stroke="#dc2626" stroke-width="1.5"/>`,
      );
    } else {
      out.push(`<text class="oom" x="${cx}" y="${pad.top + h - 14}" text-anchor="middle" font-size="14">✖</text>`);
    }
  }
  // axes
  out.push(`<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${pad.top + h}" stroke="#111827"/>`);
  out.push(`<line x1="${pad.left}" y1="${pad.top + h}" x2="${pad.left + w}" y2="${pad.top + h}" stroke="#111827"/>`);
  for (const v of [0, top / 2, top]) {
    out.push(`<text x="${pad.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${n(v)}</text>`);
  }
  for (const t of [t0, (t0 + t1) / 2, t1]) {
    out.push(`<text x="${n(x(t))}" y="${pad.top + h + 16}" text-anchor="middle">${xml(timeLabel(t * tickMs))}</text>`);
  }
  const ly = height - 18;
  out.push(
    `<text x="${pad.left}" y="${ly}"><tspan fill="#1d4ed8">— free pages</tspan>  <tspan fill="#2563eb">▮ kswapd running</tspan>  <tspan fill="#dc2626">| direct reclaim</tspan>  ✖ out of memory</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
