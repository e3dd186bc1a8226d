/**
 * One zone of /proc/zoneinfo. Every count is in **pages** (4 KiB), as the kernel prints them.
 * `min`, `low`, `high` and `promo` are printed with the zone's `boost` already added (`wmark_pages()`).
 */
export interface Zone {
  /** `Node 0, zone   Normal` → node 0. */
  node: number;
  /** DMA, DMA32, Normal, HighMem, Movable, Device. */
  name: string;
  /** `pages free`. */
  free: number;
  /** `boost`: raised for a while after a pageblock was stolen for another migrate type (Linux 5.0+; 0 before). */
  boost: number;
  min: number;
  low: number;
  high: number;
  /** `promo` (Linux 6.0+, for memory tiering); null when the kernel prints no such line. */
  promo: number | null;
  /** Pages the zone's PFN range covers, holes included. */
  spanned: number;
  /** Pages of real memory in that range. */
  present: number;
  /** Pages the buddy allocator manages: present minus what was reserved at boot. */
  managed: number;
  /** `cma`: pages set aside for the contiguous memory allocator; null when the kernel prints no such line. */
  cma: number | null;
  /** `protection: (…)` = lowmem_reserve[]: pages this zone keeps back from an allocation that could use zone j. */
  protection: number[];
  /** The zone's own counters (`nr_free_pages`, `nr_zone_inactive_file`, `numa_hit`, …), and any other
   * `name value` line a newer kernel prints: kept, never rejected. Empty for an empty zone. */
  stats: Record<string, number>;
  /** The node's counters (`per-node stats`): only on the node's first populated zone. */
  nodeStats?: Record<string, number>;
  /** `node_unreclaimable:` (populated zones only). */
  nodeUnreclaimable?: boolean;
  /** `start_pfn:` (populated zones only). */
  startPfn?: number;
}

/** What the watermark formulas need to know about a zone. `Zone` fits. */
export interface ZoneSize {
  name: string;
  managed: number;
}

/** A zone's watermarks, in pages, before boost. */
export interface Watermarks {
  min: number;
  low: number;
  high: number;
  promo: number;
}
