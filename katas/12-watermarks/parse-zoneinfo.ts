import { notImplemented } from '#shared/errors';
import type { Zone } from './zone.ts';

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
  return notImplemented('parseZoneinfo');
}
