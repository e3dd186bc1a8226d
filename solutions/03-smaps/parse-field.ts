import { ParseError } from '#shared/errors';
import type { Field } from './mapping.ts';

/**
 * One line below a header → a Field:
 *   "Rss:                   4 kB"   → { kind: 'kb', key: 'Rss', kb: 4 }
 *   "THPeligible:           1"      → { kind: 'thp-eligible', eligible: true }
 *   "ProtectionKey:         0"      → { kind: 'protection-key', key: 0 }
 *   "VmFlags: rd wr mr mw me ac "   → { kind: 'vm-flags', flags: ['rd', 'wr', 'mr', 'mw', 'me', 'ac'] }
 * A label is a capital letter, then letters, digits or "_". Any other label with a "N kB" value is a 'kb'
 * field too (a newer kernel's). A value is spaces, decimal digits and exactly " kB" (nothing after it; no unit
 * for THPeligible, 0 or 1, and ProtectionKey). VmFlags codes are two lower-case letters or "??", each after
 * exactly one space; one more space may end the line. Anything else — a size without " kB", a number beyond
 * 2^53, a CR at the end — throws `new ParseError(message, lineNumber)`.
 */
export function parseField(line: string, lineNumber = 1): Field {
  // Stryker disable next-line ConditionalExpression,MethodExpression,CallExpression: every value reader below rejects a trailing \r as well, with the same ParseError and line; this check only names the likely cause
  if (line.endsWith('\r')) throw new ParseError('a carriage return: smaps lines end in \\n only (CRLF?)', lineNumber);
  const colon = line.indexOf(':');
  const key = line.slice(0, colon);
  if (!isLabel(key)) {
    throw new ParseError(`expected a line like "Rss:      4 kB", got ${JSON.stringify(line)}`, lineNumber);
  }
  // show_smap(): every line is SEQ_PUT_DEC(label, …) + " kB" except these three.
  switch (key) {
    case 'THPeligible':
      return { kind: 'thp-eligible', eligible: parseBit(line, colon + 1, lineNumber) };
    case 'ProtectionKey':
      return { kind: 'protection-key', key: parseNumber(line, colon + 1, '', lineNumber) };
    case 'VmFlags':
      return { kind: 'vm-flags', flags: parseVmFlags(line, colon + 1, lineNumber) };
    default:
      return { kind: 'kb', key, kb: parseNumber(line, colon + 1, ' kB', lineNumber) };
  }
}

/** The kernel's labels: a capital letter, then letters, digits or "_" (Rss, Pss_Dirty, THPeligible, …). */
function isLabel(key: string): boolean {
  if (!isCapital(key.charCodeAt(0))) return false;
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!(isCapital(c) || (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x5f)) return false; // a-z, 0-9, _
  }
  return true;
}

/**
 * The value after the colon: blanks, a decimal number, then exactly `unit` (" kB", or nothing for "%8u"):
 * "           4 kB" → 4. Read in place, digit by digit, because this runs for every line: kata 1's parseKb
 * (a regular expression and a slice) makes the whole parse 1.08× as slow. Beyond 2^53 a number loses
 * digits, so that is an error too.
 */
function parseNumber(line: string, from: number, unit: string, lineNumber: number): number {
  let i = from;
  while (line.charCodeAt(i) === 0x20) i++; // the padding of "%8lu"
  const digits = i;
  let value = 0;
  while (isDigit(line.charCodeAt(i))) value = value * 10 + (line.charCodeAt(i++) - 0x30);
  if (i === digits || line.length !== i + unit.length || !line.endsWith(unit)) {
    throw new ParseError(
      `expected a value like ${unit === '' ? '"       0"' : '"       4 kB"'}, got ${JSON.stringify(line.slice(from))}`,
      lineNumber,
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new ParseError(
      `${line.slice(digits, i)} is beyond 2^53: a JavaScript number cannot hold it exactly`,
      lineNumber,
    );
  }
  return value;
}

/** THPeligible is !!thp_vma_allowable_orders(): 0 or 1. */
function parseBit(line: string, from: number, lineNumber: number): boolean {
  const bit = parseNumber(line, from, '', lineNumber);
  if (bit > 1) throw new ParseError(`THPeligible is 0 or 1, got ${bit}`, lineNumber);
  return bit === 1;
}

/**
 * " rd wr mr mw me ac " → ['rd', 'wr', 'mr', 'mw', 'me', 'ac']: show_smap_vma_flags() prints "VmFlags:", then
 * " %s" per set bit — a two-letter code, or "??" for a bit it has no name for — and a last space. So every
 * code comes after exactly one space, and the line may end in one more (the seed's copy lost it: accepted).
 * Read three characters at a time (a split and a filter per mapping made the whole parse 6 % slower).
 */
function parseVmFlags(line: string, from: number, lineNumber: number): string[] {
  const flags: string[] = [];
  for (let i = from; i < line.length; i += 3) {
    if (line.charCodeAt(i) !== 0x20) throw badFlags(line, from, lineNumber); // the space before each code
    if (i + 1 === line.length) break; // the space after the last code
    const code = line.slice(i + 1, i + 3);
    const letters = isLower(code.charCodeAt(0)) && isLower(code.charCodeAt(1));
    if (!(letters || code === '??')) throw badFlags(line, from, lineNumber);
    flags.push(code); // what follows it must be a space: the next turn checks
  }
  return flags;
}

function badFlags(line: string, from: number, lineNumber: number): ParseError {
  return new ParseError(
    `expected "VmFlags:" and two-letter codes, each after one space, got ${JSON.stringify(line.slice(from))}`,
    lineNumber,
  );
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isCapital = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
