import { notImplemented } from '#shared/errors';

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
  return notImplemented('formatZoneinfo');
}
