import { notImplemented } from '#shared/errors';

/**
 * An index in thousandths as debugfs prints it: "%d.%03d" of index / 1000 and index % 1000, with C's
 * integer division, which rounds toward zero and leaves the remainder the sign of the index.
 * 66 → "0.066", 1000 → "1.000", −1000 → "-1.000", and −500 → "0.-500": the fraction carries the minus
 * sign, as C prints it. (extfrag_index pads the whole part to 2 columns, "%2d", on its own lines:
 * " 0.880"; that padding is the caller's.) RangeError for a number that is not a whole number.
 */
export function formatIndex(thousandths: number): string {
  return notImplemented('formatIndex');
}
