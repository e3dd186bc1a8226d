// @ts-check
/**
 * What `npm run machine` shows while a scenario runs, and after: a frame redrawn every simulated second on a
 * terminal (free, the zone against min/low/high, kswapd, swap traffic, the largest process), one plain line
 * per second otherwise (sar -r 1 and vmstat 1 side by side), and the samples of the SVG figure. Pure: plain
 * data in (a Snapshot the command takes of the machine), text out.
 */

/**
 * @typedef {object} Snapshot
 * @property {number} t                  ticks (ms) since boot
 * @property {Record<string, number>} meminfo  /proc/meminfo in KiB
 * @property {string} free               `free` for that meminfo (kata 02's formatFree)
 * @property {{ free: number, min: number, low: number, high: number }} zone  pages
 * @property {string} kswapd             sleeping | running | hopeless
 * @property {{ pswpin: number, pswpout: number, stalls: number }} vmstat
 * @property {{ pid: number, name: string, rssKb: number, swapKb: number } | null} top  the largest process
 */

/** "12.345 s" from ticks (1 tick = 1 ms). @param {number} t */
export function seconds(t) {
  return `${(t / 1000).toFixed(3)} s`;
}

/**
 * Where free stands against the watermarks, as a bar from 0 to twice high: `─` up to min, `╌` to low,
 * `┄` to high, then spaces; ● marks free (► at the right end when free is beyond the bar).
 * @param {Snapshot['zone']} zone
 * @param {number} [width]
 */
export function zoneBar({ free, min, low, high }, width = 48) {
  const top = Math.max(2 * high, 1);
  const col = (/** @type {number} */ v) => Math.min(width - 1, Math.floor((v / top) * width));
  /** @type {string[]} */
  const cells = Array.from({ length: width }, (_, i) => {
    const v = ((i + 0.5) / width) * top;
    return v <= min ? '─' : v <= low ? '╌' : v <= high ? '┄' : ' ';
  });
  cells[col(free)] = free >= top ? '►' : '●';
  return `▕${cells.join('')}▏`;
}

/** The zone in words: what the kernel does at this level (kata 12's pressure). @param {Snapshot['zone']} zone */
export function zoneWords({ free, min, low, high }) {
  if (free <= min) return 'at min: allocations reclaim by themselves (direct reclaim)';
  if (free <= low) return 'below low: kswapd is woken';
  if (free <= high) return 'below high: kswapd, once awake, keeps going';
  return 'above high';
}

/**
 * The frame redrawn on a terminal.
 * @param {Snapshot} s
 * @param {string} heading
 * @returns {string[]}
 */
export function frame(s, heading) {
  const { zone, vmstat, top } = s;
  return [
    heading,
    `t = ${seconds(s.t)}`,
    '',
    ...s.free.trimEnd().split('\n'),
    '',
    `zone Normal  free ${String(zone.free).padStart(8)} pages  ${zoneBar(zone)}`,
    `             min ${zone.min}  low ${zone.low}  high ${zone.high}: ${zoneWords(zone)}`,
    `kswapd ${s.kswapd.padEnd(9)} direct-reclaim stalls ${vmstat.stalls}   pswpin ${vmstat.pswpin}   pswpout ${vmstat.pswpout}`,
    top ? `${top.name} (${top.pid})  VmRSS ${top.rssKb} kB  VmSwap ${top.swapKb} kB` : 'no process is running',
  ];
}

const COLUMNS = /** @type {const} */ ([
  ['time', 10],
  ['kbmemfree', 10],
  ['kbavail', 10],
  ['kbcached', 9],
  ['free_pg', 8],
  ['kswapd', 9],
  ['stalls', 7],
  ['pswpin', 8],
  ['pswpout', 8],
  ['VmRSS', 9],
  ['VmSwap', 9],
]);

/** The header of the plain lines. */
export function plainHeader() {
  return COLUMNS.map(([name, width]) => name.padStart(width)).join(' ');
}

/**
 * One plain line, sar -r and vmstat columns side by side (the largest process's VmRSS and VmSwap in kB last).
 * @param {Snapshot} s
 */
export function plainLine(s) {
  const m = s.meminfo;
  const cells = [
    seconds(s.t),
    m.MemFree ?? 0,
    m.MemAvailable ?? 0,
    m.Cached ?? 0,
    s.zone.free,
    s.kswapd,
    s.vmstat.stalls,
    s.vmstat.pswpin,
    s.vmstat.pswpout,
    s.top ? s.top.rssKb : '-',
    s.top ? s.top.swapKb : '-',
  ];
  return cells.map((cell, i) => String(cell).padStart(/** @type {number} */ (COLUMNS[i]?.[1]))).join(' ');
}

/**
 * The samples of a long run thinned for a picture `columns` wide: per column the lowest and the highest (in
 * time order), so that a dip to min survives; the first and last samples always stay.
 * @param {readonly { t: number, free: number }[]} samples in time order
 * @param {number} columns
 * @returns {{ t: number, free: number }[]}
 */
export function thin(samples, columns) {
  if (samples.length <= 2 * columns) return [...samples];
  const first = /** @type {{ t: number, free: number }} */ (samples[0]);
  const last = /** @type {{ t: number, free: number }} */ (samples.at(-1));
  const span = Math.max(last.t - first.t, 1);
  /** @type {Map<number, { lo: { t: number, free: number }, hi: { t: number, free: number } }>} */
  const buckets = new Map();
  for (const s of samples) {
    const c = Math.min(columns - 1, Math.floor(((s.t - first.t) / span) * columns));
    const b = buckets.get(c);
    if (!b) buckets.set(c, { lo: s, hi: s });
    else {
      if (s.free < b.lo.free) b.lo = s;
      if (s.free > b.hi.free) b.hi = s;
    }
  }
  /** @type {{ t: number, free: number }[]} */
  const out = [first];
  for (const { lo, hi } of buckets.values()) {
    const pair = lo.t <= hi.t ? [lo, hi] : [hi, lo];
    for (const s of pair) if (s !== out.at(-1) && s !== first && s !== last) out.push(s);
  }
  out.push(last);
  return out;
}
