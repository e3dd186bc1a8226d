import { notImplemented } from '#shared/errors';

/**
 * "ffffffffff600000", "0x7FFF" → bigint (with or without 0x, any case).
 * Not hexadecimal → throw `new ParseError(message, line)` (import it from '#shared/errors').
 */
export function parseHex(text: string, line = 1): bigint {
  return notImplemented('parseHex');
}

/**
 * Lower case, zero padded to at least minDigits, no 0x: how smaps prints addresses.
 * formatHex(0x1000n) → "00001000". A negative value throws RangeError.
 */
export function formatHex(value: bigint, minDigits = 8): string {
  return notImplemented('formatHex');
}
