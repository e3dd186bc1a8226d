/**
 * A small reader of /proc/zoneinfo captures, for specs: kata 12's own specs (so that a test of
 * computeWatermarks does not depend on the learner's parseZoneinfo) and the specs of later katas (13, 16),
 * which must read fixtures without importing a learner's kata 12. Deliberately simple: regular expressions,
 * no error handling; it reads what the kernel printed, nothing else. Watermarks are in pages, as printed
 * (boost included).
 */
import { fixture, fixtureDir } from './fixtures.ts';

/** One zone of a capture. `promo` and `cma` are null when the kernel printed no such line. */
export interface CapturedZone {
  node: number;
  name: string;
  free: number;
  boost: number;
  min: number;
  low: number;
  high: number;
  promo: number | null;
  spanned: number;
  present: number;
  managed: number;
  cma: number | null;
  protection: number[];
  /** The zone's `name value` counters (after `protection:`, before `pagesets`). */
  stats: Record<string, number>;
  /** The node's counters, on the zone that printed `per-node stats`. */
  nodeStats?: Record<string, number>;
  startPfn?: number;
  nodeUnreclaimable?: boolean;
}

/** A capture made by spec/fixtures/zoneinfo/capture/capture-zoneinfo.sh: four sysctls, then zoneinfo. */
export interface ZoneinfoCapture {
  /** The file's name under spec/fixtures/zoneinfo/. */
  file: string;
  minFreeKbytes: number;
  watermarkScaleFactor: number;
  watermarkBoostFactor: number;
  lowmemReserveRatio: number[];
  /** The zoneinfo part of the file, as the kernel printed it. */
  zoneinfo: string;
  zones: CapturedZone[];
}

const NAME_VALUE = /^ +([A-Za-z_]\w*) +(\d+)$/;

/** Every zone of a /proc/zoneinfo text. */
export function readZoneinfo(text: string): CapturedZone[] {
  const blocks = text.split(/^(?=Node \d+, zone)/m).filter((block) => block.startsWith('Node '));
  return blocks.map((block) => {
    const lines = block.replace(/\r/g, '').split('\n');
    const [, node = '', name = ''] = /^Node (\d+), zone +(\S+)$/.exec(lines[0] ?? '') ?? [];
    const at = (label: string) => lines.findIndex((l) => l.trim().startsWith(label));
    const freeAt = at('pages free');
    const protectionAt = at('protection:');
    const pagesetsAt = at('pagesets');
    const value = (key: string): number | null => {
      const line = lines.slice(freeAt, protectionAt).find((l) => l.trim().split(/ +/)[0] === key);
      return line === undefined ? null : Number(line.trim().split(/ +/).at(-1));
    };
    const counters = (from: number, to: number) =>
      Object.fromEntries(
        lines
          .slice(from, to)
          .map((l) => NAME_VALUE.exec(l))
          .filter((m) => m !== null)
          .map((m) => [m[1], Number(m[2])]),
      );
    const colon = (key: string) => {
      const m = new RegExp(`^ *${key}: +(\\d+)$`, 'm').exec(block);
      return m ? Number(m[1]) : undefined;
    };
    const zone: CapturedZone = {
      node: Number(node),
      name,
      free: Number(lines[freeAt]?.trim().split(/ +/).at(-1)),
      boost: value('boost') ?? 0,
      min: value('min') ?? Number.NaN,
      low: value('low') ?? Number.NaN,
      high: value('high') ?? Number.NaN,
      promo: value('promo'),
      spanned: value('spanned') ?? Number.NaN,
      present: value('present') ?? Number.NaN,
      managed: value('managed') ?? Number.NaN,
      cma: value('cma'),
      protection: (/\((.*)\)/.exec(lines[protectionAt] ?? '')?.[1] ?? '').split(', ').map(Number),
      stats: counters(protectionAt + 1, pagesetsAt === -1 ? lines.length : pagesetsAt),
    };
    if (at('per-node stats') !== -1) zone.nodeStats = counters(1, freeAt);
    const startPfn = colon('start_pfn');
    const unreclaimable = colon('node_unreclaimable');
    if (startPfn !== undefined) zone.startPfn = startPfn;
    if (unreclaimable !== undefined) zone.nodeUnreclaimable = unreclaimable !== 0;
    return zone;
  });
}

/** A capture file: its four sysctl lines and its zones. */
export function readZoneinfoWithSysctls(file: string, text: string): ZoneinfoCapture {
  const lines = text.split('\n');
  const zoneinfo = lines.slice(4).join('\n');
  return {
    file,
    minFreeKbytes: Number(lines[0]),
    watermarkScaleFactor: Number(lines[1]),
    watermarkBoostFactor: Number(lines[2]),
    lowmemReserveRatio: (lines[3] ?? '').split('\t').map(Number),
    zoneinfo,
    zones: readZoneinfo(zoneinfo),
  };
}

/** Every `with-sysctls-*.txt` capture in spec/fixtures/zoneinfo/ (spec/fixtures/zoneinfo/README.md). */
export function zoneinfoCaptures(): ZoneinfoCapture[] {
  return fixtureDir('zoneinfo')
    .filter((f) => f.startsWith('with-sysctls-'))
    .map((f) => readZoneinfoWithSysctls(f, fixture(`zoneinfo/${f}`)));
}
