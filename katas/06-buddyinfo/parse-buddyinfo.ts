import { notImplemented, ParseError } from '#shared/errors';
import type { ZoneFreeArea } from './free-area.ts';

/**
 * /proc/buddyinfo → one ZoneFreeArea per line, in the order the kernel printed them.
 * "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
 * → [{ node: 0, zone: 'DMA', free: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3] }].
 * Every line must have as many counts as the first one (the kernel prints NR_PAGE_ORDERS columns on each).
 * Anything else throws `new ParseError(message, line)` with the 1-based line: an empty text, a line of
 * another shape, a count that is not a plain decimal number (`12a`, `0x10`, `1e3`, `12.0`, `-1`), a number
 * beyond 2^53, a zone listed twice, a CR before the newline, a blank line.
 */
export function parseBuddyinfo(text: string): ZoneFreeArea[] {
  return notImplemented('parseBuddyinfo');
}
