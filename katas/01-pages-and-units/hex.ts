import { notImplemented } from '#shared/errors';

/**
 * "ffffffffff600000", "0x7FFF" → bigint, with or without 0x/0X, digits in any case, at any size (above 2^53
 * a number loses bits). Anything else (nothing, a blank, a sign, a non-hex digit, "0x" alone) throws
 * `new ParseError(message, line)` (import it from '#shared/errors').
 * @param line the 1-based line the text came from, for the error message
 */
export function parseHex(text: string, line = 1): bigint {
  return notImplemented('parseHex');
}

/**
 * Lower case, zero padded to at least minDigits, no 0x: how smaps prints addresses (seq_put_hex_ll).
 * formatHex(0x1000n) → "00001000", formatHex(0xfen, 2) → "fe". A negative value throws RangeError.
 */
export function formatHex(value: bigint, minDigits = 8): string {
  return notImplemented('formatHex');
}
