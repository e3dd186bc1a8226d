import { ParseError } from '#shared/errors';

const HEX = /^(?:0[xX])?([0-9a-fA-F]+)$/;

/**
 * "ffffffffff600000", "0x7FFF" → bigint, with or without 0x/0X, digits in any case, at any size (above 2^53
 * a number loses bits). Anything else (nothing, a blank, a sign, a non-hex digit, "0x" alone) throws
 * `new ParseError(message, line)` (import it from '#shared/errors').
 * @param line the 1-based line the text came from, for the error message
 */
export function parseHex(text: string, line = 1): bigint {
  const match = HEX.exec(text);
  if (!match) {
    throw new ParseError(`expected a hexadecimal number, got ${JSON.stringify(text)}`, line);
  }
  // BigInt() parses "0x…" exactly, however long.
  return BigInt(`0x${match[1]}`);
}

/**
 * Lower case, zero padded to at least minDigits, no 0x: how smaps prints addresses (seq_put_hex_ll).
 * formatHex(0x1000n) → "00001000", formatHex(0xfen, 2) → "fe". A negative value throws RangeError.
 */
export function formatHex(value: bigint, minDigits = 8): string {
  if (value < 0n) throw new RangeError(`formatHex takes a value ≥ 0, got ${value}`);
  return value.toString(16).padStart(minDigits, '0');
}
