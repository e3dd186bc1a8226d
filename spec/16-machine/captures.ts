/**
 * The real captures kata 16's specs compare with (every file was read on this machine's Linux 6.18; the
 * fixture READMEs say how), and small readers for them that do not depend on the learner's Part I parsers.
 */
import type { ZoneinfoZone } from '#kata/16-machine';
import { fixture } from '#support/fixtures';
import { readZoneinfo } from '#support/zoneinfo';

/** Real /proc/meminfo reads of Linux 6.18 (spec/fixtures/{reclaim,free,swap,oom}/README.md). */
export const MEMINFO_CAPTURES = [
  'reclaim/hog/with-swap/meminfo-at-peak.txt',
  'reclaim/hog/no-swap/meminfo-at-peak.txt',
  'free/meminfo/live.txt',
  'swap/swapfile/meminfo-swapfile.txt',
  'oom/snapshot/proc/meminfo',
] as const;

/** Real /proc/vmstat reads (spec/fixtures/reclaim/README.md). */
export const VMSTAT_CAPTURES = [
  'reclaim/hog/with-swap/vmstat-before.txt',
  'reclaim/hog/with-swap/vmstat-after.txt',
  'reclaim/hog/no-swap/vmstat-after.txt',
] as const;

/** The three processes of spec/fixtures/proc: status, statm, smaps_rollup read back to back. */
export const PROCESSES = ['sleep', 'bash', 'fixture'] as const;

export { fixture };

/** `name value` lines → a record in the same order. */
export function readVmstat(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [name, value] = line.split(' ');
    out[name as string] = Number(value);
  }
  return out;
}

/** The `Key: value` lines of a status capture, values as printed. */
export function statusLines(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
  );
}

/** The zones of a real /proc/zoneinfo with everything formatZoneinfo prints, the per-CPU pagesets included. */
export function zoneinfoZones(text: string): ZoneinfoZone[] {
  return readZoneinfo(text).map((zone, i) => {
    const block = text.split(/^(?=Node \d+, zone)/m).filter((b) => b.startsWith('Node '))[i] as string;
    const pagesets = [
      ...block.matchAll(
        / {4}cpu: \d+\n {14}count: +(\d+)\n {14}high: +(\d+)\n {14}batch: +(\d+)\n {14}high_min: (\d+)\n {14}high_max: (\d+)\n {2}vm stats threshold: (\d+)/g,
      ),
    ].map((m) => ({
      count: Number(m[1]),
      high: Number(m[2]),
      batch: Number(m[3]),
      highMin: Number(m[4]),
      highMax: Number(m[5]),
      statThreshold: Number(m[6]),
    }));
    return {
      node: zone.node,
      name: zone.name,
      free: zone.free,
      boost: zone.boost,
      min: zone.min,
      low: zone.low,
      high: zone.high,
      promo: zone.promo ?? 0,
      spanned: zone.spanned,
      present: zone.present,
      managed: zone.managed,
      cma: zone.cma ?? 0,
      protection: zone.protection,
      ...(zone.nodeStats && { nodeStats: zone.nodeStats }),
      stats: zone.stats,
      pagesets,
      nodeUnreclaimable: zone.nodeUnreclaimable ?? false,
      startPfn: zone.startPfn ?? 0,
    };
  });
}
