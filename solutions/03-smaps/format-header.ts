import { formatHex } from '#kata/01-pages-and-units';
import type { MappingHeader } from './mapping.ts';

// show_vma_header_prefix(): seq_setwidth(m, 25 + sizeof(void *) * 6 - 1), 72 on 64-bit.
const PREFIX_WIDTH = 72;

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
  const { start, end, perms, offset, dev, inode } = header;
  const permsText =
    (perms.read ? 'r' : '-') + (perms.write ? 'w' : '-') + (perms.exec ? 'x' : '-') + (perms.shared ? 's' : 'p');
  const prefix =
    `${formatHex(start)}-${formatHex(end)} ${permsText} ${formatHex(offset)} ` +
    `${formatHex(BigInt(dev.major), 2)}:${formatHex(BigInt(dev.minor), 2)} ${inode} `;
  const name = header.deleted ? `${header.pathname} (deleted)` : header.pathname;
  if (name === '') return prefix;
  // show_map_vma() → seq_pad(m, ' '): spaces up to the width, then one more space, then the name. A prefix
  // already 72 wide or wider gets just that one space.
  return `${prefix.padEnd(PREFIX_WIDTH, ' ')} ${name}`;
}
