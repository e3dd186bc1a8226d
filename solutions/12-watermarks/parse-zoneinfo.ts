import { ParseError } from '#shared/errors';
import type { Zone } from './zone.ts';

// The lines of one zone, as `zoneinfo_show_print` (mm/vmstat.c) prints them. Indentation is not part of
// the grammar: every line is read trimmed.
const HEADER = /^Node (\d+), zone +(\S+)$/; //        "Node 0, zone   Normal"
const PAGES_FREE = /^pages free +(\S+)$/; //            "  pages free     269664"
const NAME_VALUE = /^([A-Za-z_]\w*) +(\S+)$/; //        "        min      7517", "      nr_free_pages 269664"
const PROTECTION = /^protection: \((.*)\)$/; //         "        protection: (0, 0, 0, 0, 0)"
const COLON_VALUE = /^([A-Za-z_][\w ]*): +(-?\d+)$/; // "    cpu: 0", "  vm stats threshold: 24", "  start_pfn:  1"
const DECIMAL = /^\d+$/;

/** The lines between `pages free` and `protection:`. The first six must be there; the others depend on the kernel. */
const REQUIRED = ['min', 'low', 'high', 'spanned', 'present', 'managed'] as const;
const OPTIONAL = ['boost', 'promo', 'cma'] as const;
type WatermarkLine = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const WATERMARK_LINES: ReadonlySet<string> = new Set([...REQUIRED, ...OPTIONAL]);

/** Where the reader is inside a zone. */
type Section =
  | 'start' //       before the first `Node` line
  | 'zone-header' // after `Node …, zone …`: `per-node stats` or `pages free` comes next
  | 'node-stats' //  after `per-node stats`
  | 'watermarks' //  after `pages free`, up to `protection:`
  | 'zone-stats' //  after `protection:`: the zone's counters
  | 'pagesets'; //   after `pagesets`: per-CPU lists, read and dropped

interface Draft {
  zone: Zone;
  nodeStats: Map<string, number> | undefined;
  stats: Map<string, number>;
  watermarks: Map<WatermarkLine, number>;
}

/**
 * /proc/zoneinfo → one Zone per `Node N, zone NAME` block, in the order printed, empty zones included.
 * `per-node stats` go to `nodeStats` of the zone they are printed in (the node's first populated zone);
 * `pagesets` (per-CPU lists) are read and dropped; any other `name value` counter is kept in `stats`, even
 * one this parser has never heard of. `boost` may be missing (kernels before 5.0: read as 0), and so may
 * `promo` and `cma` (null). Anything else — a line out of place, a value that is not a decimal number below
 * 2^53, a name twice, a zone without its min/low/high/spanned/present/managed lines, a zone twice — throws
 * `new ParseError(message, line)` with the 1-based line.
 */
export function parseZoneinfo(text: string): Zone[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop(); // the final newline ends the last line
  if (lines.length === 0) throw new ParseError('/proc/zoneinfo is empty', 1);

  const drafts: Draft[] = [];
  const seen = new Set<string>(); // "node/name" of every zone so far
  let section: Section = 'start';

  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    const line = raw.trim(); // also drops the \r of a CRLF line ending
    // Stryker disable next-line StringLiteral: only error messages use it, and specs check an error's class and line, not its words
    const got = `, got ${JSON.stringify(raw)}`;

    const header = HEADER.exec(line);
    if (header) {
      if (section !== 'start' && section !== 'zone-stats' && section !== 'pagesets') {
        throw new ParseError(`a new zone before the last one reached its \`protection:\` line${got}`, lineNumber);
      }
      const node = decimal(header[1] as string, lineNumber);
      const name = header[2] as string;
      if (seen.has(`${node}/${name}`)) throw new ParseError(`node ${node} has two ${name} zones`, lineNumber);
      seen.add(`${node}/${name}`);
      drafts.push(newDraft(node, name));
      section = 'zone-header';
      continue;
    }
    const draft = drafts.at(-1);
    if (draft === undefined) throw new ParseError(`expected \`Node N, zone NAME\`${got}`, lineNumber);
    const zone = draft.zone;

    if (section === 'zone-header' && line === 'per-node stats') {
      draft.nodeStats = new Map();
      section = 'node-stats';
      continue;
    }
    const pair = NAME_VALUE.exec(line);
    if (section === 'node-stats' && pair) {
      keep(draft.nodeStats ?? new Map(), pair, lineNumber, zone);
      continue;
    }
    if (section === 'zone-header' || section === 'node-stats') {
      const free = PAGES_FREE.exec(line);
      if (!free) throw new ParseError(`expected \`pages free N\`${got}`, lineNumber);
      zone.free = decimal(free[1] as string, lineNumber);
      section = 'watermarks';
      continue;
    }
    if (section === 'watermarks') {
      const protection = PROTECTION.exec(line);
      if (protection) {
        zone.protection = (protection[1] as string).split(', ').map((value) => decimal(value, lineNumber));
        copyWatermarks(draft, lineNumber);
        section = 'zone-stats';
        continue;
      }
      if (!pair) throw new ParseError(`expected \`name value\` or \`protection: (…)\`${got}`, lineNumber);
      const name = pair[1] as string;
      if (!WATERMARK_LINES.has(name)) {
        keep(draft.stats, pair, lineNumber, zone); // a line a newer kernel added: kept
      } else if (draft.watermarks.has(name as WatermarkLine)) {
        throw new ParseError(`\`${name}\` appears twice in zone ${zone.name}`, lineNumber);
      } else {
        draft.watermarks.set(name as WatermarkLine, decimal(pair[2] as string, lineNumber));
      }
      continue;
    }
    if (section === 'zone-stats' && line === 'pagesets') {
      section = 'pagesets';
      continue;
    }
    if (section === 'zone-stats' && pair) {
      keep(draft.stats, pair, lineNumber, zone);
      continue;
    }
    // After the counters: the per-CPU pagesets (read and dropped), then the zone's last two lines.
    const entry = COLON_VALUE.exec(line);
    if (!entry) {
      throw new ParseError(`expected a pageset line, \`node_unreclaimable:\` or \`start_pfn:\`${got}`, lineNumber);
    }
    const name = entry[1] as string;
    const value = entry[2] as string;
    if (name === 'node_unreclaimable') zone.nodeUnreclaimable = decimal(value, lineNumber) !== 0;
    if (name === 'start_pfn') zone.startPfn = decimal(value, lineNumber);
    section = 'pagesets';
  }

  if (section !== 'zone-stats' && section !== 'pagesets') {
    throw new ParseError('the last zone ends before its `protection:` line', lines.length);
  }
  return drafts.map(({ zone, nodeStats, stats }) => ({
    ...zone,
    stats: Object.fromEntries(stats), // fromEntries keeps even a name like "__proto__" as a plain key
    ...(nodeStats ? { nodeStats: Object.fromEntries(nodeStats) } : {}),
  }));
}

/** One `name value` counter into its map: a name twice is an error. */
function keep(into: Map<string, number>, [, name, value]: RegExpExecArray, lineNumber: number, zone: Zone): void {
  if (into.has(name as string)) throw new ParseError(`\`${name}\` appears twice in zone ${zone.name}`, lineNumber);
  into.set(name as string, decimal(value as string, lineNumber));
}

function newDraft(node: number, name: string): Draft {
  const zone: Zone = {
    node,
    name,
    free: 0,
    boost: 0,
    min: 0,
    low: 0,
    high: 0,
    promo: null,
    spanned: 0,
    present: 0,
    managed: 0,
    cma: null,
    // Stryker disable next-line ArrayDeclaration: replaced at the zone's protection line, before it can end
    protection: [],
    stats: {},
  };
  return { zone, nodeStats: undefined, stats: new Map(), watermarks: new Map() };
}

/** At `protection:`: every required line must have come; copy them into the zone. */
function copyWatermarks(draft: Draft, lineNumber: number): void {
  const { zone, watermarks } = draft;
  for (const name of REQUIRED) {
    if (!watermarks.has(name)) throw new ParseError(`zone ${zone.name} has no \`${name}\` line`, lineNumber);
  }
  const get = (name: WatermarkLine) => watermarks.get(name) ?? 0;
  zone.boost = get('boost'); // no boost line: a kernel before 5.0, which never boosted
  zone.min = get('min');
  zone.low = get('low');
  zone.high = get('high');
  zone.promo = watermarks.has('promo') ? get('promo') : null;
  zone.spanned = get('spanned');
  zone.present = get('present');
  zone.managed = get('managed');
  zone.cma = watermarks.has('cma') ? get('cma') : null;
}

/** A decimal number as the kernel prints `%lu`: digits only, below 2^53. */
function decimal(text: string, line: number): number {
  const value = Number(text);
  if (!DECIMAL.test(text) || !Number.isSafeInteger(value)) {
    throw new ParseError(`expected a decimal number below 2^53, got ${JSON.stringify(text)}`, line);
  }
  return value;
}
