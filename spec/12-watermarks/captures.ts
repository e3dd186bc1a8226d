/**
 * Kata 12's captures (spec/fixtures/zoneinfo/README.md) and a renderer of zoneinfo in the kernel's layout
 * for the round-trip property. The captures are read with spec/support/zoneinfo.ts, not with the learner's
 * parseZoneinfo, so that computeWatermarks and lowmemReserve are tested on their own.
 */
import type { Zone } from '#kata/12-watermarks';
import { fixture } from '#support/fixtures';
import { type ZoneinfoCapture, zoneinfoCaptures } from '#support/zoneinfo';

/** Every `with-sysctls-*.txt` capture: 2026-11-22 (the project's), 2026-12-01 and 2026-12-01 tuned. */
export const CAPTURES: ZoneinfoCapture[] = zoneinfoCaptures();

/** The capture the README's numbers come from. */
export const NOV22 = CAPTURES.find((c) => c.file === 'with-sysctls-2026-11-22.txt') as ZoneinfoCapture;

/** The excerpt of /proc/zoneinfo printed in seed 003 (an older kernel: no boost, promo or cma lines). */
export const SEED_003 = fixture('zoneinfo/seed-003-excerpt.txt');

/** Σ over the zones up to Normal of max(managed − high, 0), in KiB: nr_free_buffer_pages() × 4. */
export function lowmemKb(zones: readonly { name: string; managed: number; high: number; boost: number }[]): number {
  return zones
    .filter((z) => ['DMA', 'DMA32', 'Normal'].includes(z.name))
    .reduce((sum, z) => sum + Math.max(z.managed - z.high, 0) * 4, 0);
}

/** What a generated zone may leave out, as older kernels do. */
export interface RenderOptions {
  boost?: boolean;
  promo?: boolean;
  cma?: boolean;
  cpus?: number;
}

/**
 * One zone as `zoneinfo_show_print` (mm/vmstat.c, Linux 6.18) prints it. Populated zones (present > 0)
 * get their counters, pagesets for `cpus` CPUs, node_unreclaimable and start_pfn.
 */
export function renderZone(zone: Zone, options: RenderOptions = {}): string {
  const { boost = true, promo = true, cma = true, cpus = 2 } = options;
  const counter = (name: string, value: number) => `\n      ${name.padEnd(12)} ${value}`;
  const field = (name: string, value: number) => `\n        ${name.padEnd(8)} ${value}`;
  let text = `Node ${zone.node}, zone ${zone.name.padStart(8)}`;
  if (zone.nodeStats) {
    text += '\n  per-node stats';
    for (const [name, value] of Object.entries(zone.nodeStats)) text += counter(name, value);
  }
  text += `\n  pages free     ${zone.free}`;
  if (boost) text += field('boost', zone.boost);
  text += field('min', zone.min) + field('low', zone.low) + field('high', zone.high);
  if (promo) text += field('promo', zone.promo ?? 0);
  text += field('spanned', zone.spanned) + field('present', zone.present) + field('managed', zone.managed);
  if (cma) text += field('cma', zone.cma ?? 0);
  text += `\n        protection: (${zone.protection.join(', ')})`;
  if (zone.present > 0) {
    for (const [name, value] of Object.entries(zone.stats)) text += counter(name, value);
    text += '\n  pagesets';
    for (let cpu = 0; cpu < cpus; cpu++) {
      text += `\n    cpu: ${cpu}\n              count:    0\n              high:     0\n              batch:    1`;
      text += `\n              high_min: 28\n              high_max: 240\n  vm stats threshold: 4`;
    }
    text += `\n  node_unreclaimable:  ${zone.nodeUnreclaimable ? 1 : 0}\n  start_pfn:           ${zone.startPfn ?? 0}`;
  }
  return `${text}\n`;
}
