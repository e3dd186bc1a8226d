import type { Mapping } from './mapping.ts';

/**
 * Σ of each kB field over the mappings, keys in the order they first appear:
 * [{ fields: { Size: 8, Rss: 4 } }, { fields: { Size: 4, Swap: 12 } }] → { Size: 12, Rss: 4, Swap: 12 }.
 */
export function sumFields(mappings: Mapping[]): Record<string, number> {
  // For the page-granular fields (Rss, Shared_*, Private_*, Swap, …) this is what smaps_rollup prints. Pss comes
  // out a little lower: show_smap() truncates each VMA's PSS to whole kB, show_smaps_rollup() only the total.
  const sums: Record<string, number> = {};
  for (const mapping of mappings) {
    for (const [key, kb] of Object.entries(mapping.fields)) {
      sums[key] = (sums[key] ?? 0) + kb;
    }
  }
  return sums;
}
