import { ParseError } from '#shared/errors';
import type { MappingHeader } from './mapping.ts';

// fs/proc/task_mmu.c show_vma_header_prefix() prints "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " (hex with at
// least 8 or 2 digits, a 64-bit value has at most 16; MAJOR() is 12 bits, so 3 hex digits, MINOR() 20, so 5),
// then show_map_vma() pads a named mapping with spaces so that the name starts at index 73. An unnamed one
// ends after the inode's space. The `s` flag lets the name hold any character: seq_path() escapes only "\n"
// (as "\012").
const HEADER =
  /^([0-9a-f]{8,16})-([0-9a-f]{8,16}) ([r-][w-][x-][sp]) ([0-9a-f]{8,16}) ([0-9a-f]{2,3}):([0-9a-f]{2,5}) (\d+) (?: *([^ ].*))?$/s;

// d_path() appends this to the path of a file that was unlinked while mapped.
const DELETED = ' (deleted)';

/**
 * One header line of /proc/PID/smaps → its parts. The layout (fs/proc/task_mmu.c show_map_vma()):
 *
 *   start-end perms offset major:minor inode, then for a named mapping spaces up to index 73 and the name.
 *
 * "7f6f11431000-7f6f11439000 rw-s 00000000 fe:00 2180969     /var/tmp/kata-deleted.bin (deleted)" →
 * { start: 0x7f6f11431000n, end: 0x7f6f11439000n, perms: { read: true, write: true, exec: false, shared: true },
 *   offset: 0n, dev: { major: 0xfe, minor: 0 }, inode: 2180969, pathname: '/var/tmp/kata-deleted.bin',
 *   deleted: true }.
 *
 * Addresses and the offset are hex (lower case, no 0x, 8 to 16 digits as "%08lx" prints them) and may be
 * beyond 2^53: use bigint. The device is hex (major 2–3 digits, minor 2–5), the inode decimal. Parts are
 * separated by exactly one space, and one follows the inode even when no name does. An unnamed mapping ends in "0 " and gets pathname ''. A line that is not a header
 * (or an inode beyond 2^53, or an end before the start) throws `new ParseError(message, lineNumber)`.
 */
export function parseHeader(line: string, lineNumber = 1): MappingHeader {
  const m = HEADER.exec(line);
  if (m === null) {
    throw new ParseError(
      `expected a mapping header like "55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967  /path", got ${JSON.stringify(line)}`,
      lineNumber,
    );
  }
  // Stryker disable next-line StringLiteral: groups 1 to 7 take part in every match; the defaults only satisfy the types
  const [, start = '', end = '', rwxp = '', offset = '', major = '', minor = '', inode = ''] = m;
  const name = m[8] ?? ''; // only a named mapping has group 8
  const header = {
    start: BigInt(`0x${start}`),
    end: BigInt(`0x${end}`),
    perms: { read: rwxp[0] === 'r', write: rwxp[1] === 'w', exec: rwxp[2] === 'x', shared: rwxp[3] === 's' },
    offset: BigInt(`0x${offset}`),
    dev: { major: Number.parseInt(major, 16), minor: Number.parseInt(minor, 16) },
    inode: Number(inode),
    pathname: name.endsWith(DELETED) ? name.slice(0, -DELETED.length) : name,
    deleted: name.endsWith(DELETED),
  };
  if (header.end < header.start) {
    throw new ParseError(`the mapping ends (${end}) before it starts (${start})`, lineNumber);
  }
  if (!Number.isSafeInteger(header.inode)) {
    // Inode numbers are 64-bit: an overlayfs with xino=on gives 9223372036854775810. A number cannot hold it.
    throw new ParseError(`inode ${inode} is beyond 2^53: a JavaScript number cannot hold it exactly`, lineNumber);
  }
  return header;
}
