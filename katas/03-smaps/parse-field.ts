import { notImplemented } from '#shared/errors';
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
  return notImplemented('parseField');
}
