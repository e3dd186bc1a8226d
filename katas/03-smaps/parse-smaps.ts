import { notImplemented } from '#shared/errors';
import type { Mapping } from './mapping.ts';

/**
 * The text of /proc/PID/smaps → one Mapping per header line, with the lines below it:
 *
 *   55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967                    /opt/memkata/fixture
 *   Size:                  4 kB
 *   …
 *   VmFlags: rd mr mw me
 *
 * → [{ start: 0x55cde9519000n, …, pathname: '/opt/memkata/fixture', fields: { Size: 4, … },
 *      thpEligible: false, protectionKey: 0, vmFlags: ['rd', 'mr', 'mw', 'me'] }].
 * '' → []. Anything the kernel would not print (a field before the first header, a field twice in one
 * mapping, an empty line, CRLF) throws `new ParseError(message, line)` with the 1-based line.
 */
export function parseSmaps(text: string): Mapping[] {
  return notImplemented('parseSmaps');
}
