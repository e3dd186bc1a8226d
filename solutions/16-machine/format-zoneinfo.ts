/** One CPU's page list of a zone (struct per_cpu_pages) and that CPU's counter threshold. */
export interface Pageset {
  count: number;
  high: number;
  batch: number;
  highMin: number;
  highMax: number;
  /** `vm stats threshold`: how far a CPU's counters may drift before they are folded in. */
  statThreshold: number;
}

/** One zone of /proc/zoneinfo, everything in pages. */
export interface ZoneinfoZone {
  node: number;
  name: string;
  free: number;
  boost: number;
  min: number;
  low: number;
  high: number;
  promo: number;
  spanned: number;
  present: number;
  managed: number;
  cma: number;
  protection: number[];
  /** The node's counters: given for the node's first populated zone only, printed before `pages free`. */
  nodeStats?: Record<string, number>;
  /** The zone's own counters (and the NUMA ones), in order: printed for a populated zone. */
  stats: Record<string, number>;
  /** One per CPU: printed for a populated zone. */
  pagesets: Pageset[];
  nodeUnreclaimable: boolean;
  startPfn: number;
}

/**
 * /proc/zoneinfo, byte for byte as Linux 6.18 prints it (mm/vmstat.c zoneinfo_show_print), zone by zone:
 *
 *     Node 0, zone   Normal                          "Node %d, zone %8s"
 *       per-node stats                               only with nodeStats; then "      %-12s %lu" for each
 *       pages free     3840                          then boost, min, low, high, promo, spanned, present,
 *             boost    0                             managed, cma: 8 spaces, the name padded to 9, the value
 *             protection: (0, 3018, 4426, 4426, 4426)
 *
 * A zone with no pages present stops there. A populated one goes on: its stats ("      %-12s %lu"),
 * "  pagesets", per CPU "    cpu: N" and count/high/batch/high_min/high_max (14 spaces, the name and colon
 * padded to 10: "              count:    0") and "  vm stats threshold: N", then "  node_unreclaimable:  0|1" and
 * "  start_pfn:           N". Every line ends in "\n".
 */
export function formatZoneinfo(zones: ZoneinfoZone[]): string {
  let text = '';
  for (const zone of zones) {
    text += `Node ${zone.node}, zone ${zone.name.padStart(8)}\n`;
    if (zone.nodeStats) {
      text += '  per-node stats\n';
      text += counters(zone.nodeStats);
    }
    text += `  pages free     ${zone.free}\n`;
    for (const key of ['boost', 'min', 'low', 'high', 'promo', 'spanned', 'present', 'managed', 'cma'] as const) {
      text += `        ${key.padEnd(9)}${zone[key]}\n`;
    }
    text += `        protection: (${zone.protection.join(', ')})\n`;
    // "If unpopulated, no other information is useful"
    if (zone.present === 0) continue;
    text += counters(zone.stats);
    text += '  pagesets\n';
    zone.pagesets.forEach((pageset, cpu) => {
      text += `    cpu: ${cpu}\n`;
      for (const [label, value] of [
        ['count', pageset.count],
        ['high', pageset.high],
        ['batch', pageset.batch],
        ['high_min', pageset.highMin],
        ['high_max', pageset.highMax],
      ] as const) {
        text += `              ${`${label}:`.padEnd(10)}${value}\n`;
      }
      text += `  vm stats threshold: ${pageset.statThreshold}\n`;
    });
    text += `  node_unreclaimable:  ${zone.nodeUnreclaimable ? 1 : 0}\n`;
    text += `  start_pfn:           ${zone.startPfn}\n`;
  }
  return text;
}

/** "      %-12s %lu" for each counter. */
function counters(stats: Record<string, number>): string {
  let text = '';
  for (const [name, value] of Object.entries(stats)) text += `      ${name.padEnd(12)} ${value}\n`;
  return text;
}
