import { notImplemented } from '#shared/errors';
import type { MappingHeader } from './mapping.ts';

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
  return notImplemented('parseHeader');
}
