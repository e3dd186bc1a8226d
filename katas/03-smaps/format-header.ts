import { notImplemented } from '#shared/errors';
import type { MappingHeader } from './mapping.ts';

/**
 * A header → its line, without the newline, as the kernel prints it: addresses and offset in lower-case hex
 * with at least 8 digits, the device as two 2-digit hex numbers, the inode in decimal, then one space.
 * A named mapping is padded with spaces so that the name starts at index 73 (a prefix already 72 or more
 * characters long gets just one more space); an unnamed one ends right there, in "0 ".
 * formatHeader({ start: 0x7f6f10c00000n, end: 0x7f6f11000000n, perms: { read: true, write: true, exec: false,
 * shared: false }, offset: 0n, dev: { major: 0, minor: 0 }, inode: 0, pathname: '', deleted: false })
 * → "7f6f10c00000-7f6f11000000 rw-p 00000000 00:00 0 ".
 */
export function formatHeader(header: MappingHeader): string {
  return notImplemented('formatHeader');
}
