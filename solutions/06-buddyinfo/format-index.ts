/**
 * An index in thousandths as debugfs prints it: "%d.%03d" of index / 1000 and index % 1000, with C's
 * integer division, which rounds toward zero and leaves the remainder the sign of the index.
 * 66 → "0.066", 1000 → "1.000", −1000 → "-1.000", and −500 → "0.-500": the fraction carries the minus
 * sign, as C prints it. (extfrag_index pads the whole part to 2 columns, "%2d", on its own lines:
 * " 0.880"; that padding is the caller's.) RangeError for a number that is not a whole number.
 */
export function formatIndex(thousandths: number): string {
  if (!Number.isSafeInteger(thousandths)) {
    throw new RangeError(`an index is a whole number of thousandths, got ${thousandths}`);
  }
  const whole = Math.trunc(thousandths / 1000); // C's int division: toward zero
  const fraction = thousandths % 1000; // JavaScript's % keeps the sign of the dividend, as C's does
  return `${whole}.${cPad3(fraction)}`; // a whole part of −0 prints as 0
}

/** printf("%03d"): at least 3 characters, zeros after the sign ("-05"). */
function cPad3(value: number): string {
  const digits = String(Math.abs(value));
  return value < 0 ? `-${digits.padStart(2, '0')}` : digits.padStart(3, '0');
}
