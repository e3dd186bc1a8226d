import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHeader } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { header } from './arbitraries.ts';
import { CAPTURES, headerLines, readSmaps } from './captures.ts';

describe('formatHeader', () => {
  it('pads a named mapping so that its path starts at index 73', () => {
    const line = '55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967                    /opt/memkata/fixture';
    const text = formatHeader({
      start: 0x55cde9519000n,
      end: 0x55cde951a000n,
      perms: { read: true, write: false, exec: false, shared: false },
      offset: 0n,
      dev: { major: 0xfe, minor: 0 },
      inode: 2180967,
      pathname: '/opt/memkata/fixture',
      deleted: false,
    });
    expect(text).toBe(line);
    expect(text.indexOf('/')).toBe(73);
  });

  it('ends an unnamed mapping in "0 ": the space after the inode stays, no padding follows', () => {
    const text = formatHeader({
      start: 0x7f6f10c00000n,
      end: 0x7f6f11000000n,
      perms: { read: true, write: true, exec: false, shared: false },
      offset: 0n,
      dev: { major: 0, minor: 0 },
      inode: 0,
      pathname: '',
      deleted: false,
    });
    expect(text).toBe('7f6f10c00000-7f6f11000000 rw-p 00000000 00:00 0 ');
  });

  it('prints the vsyscall page with 16-digit addresses, its name still at index 73', () => {
    const text = formatHeader({
      start: 0xffffffffff600000n,
      end: 0xffffffffff601000n,
      perms: { read: false, write: false, exec: true, shared: false },
      offset: 0n,
      dev: { major: 0, minor: 0 },
      inode: 0,
      pathname: '[vsyscall]',
      deleted: false,
    });
    expect(text).toBe('ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]');
  });

  it('appends " (deleted)" after the path of an unlinked file', () => {
    const text = formatHeader({
      start: 0x7f6f11660000n,
      end: 0x7f6f11664000n,
      perms: { read: true, write: true, exec: false, shared: true },
      offset: 0n,
      dev: { major: 0, minor: 1 },
      inode: 1841,
      pathname: '/dev/zero',
      deleted: true,
    });
    expect(text).toBe('7f6f11660000-7f6f11664000 rw-s 00000000 00:01 1841                       /dev/zero (deleted)');
  });

  it('gives a prefix longer than 72 characters one space only, as the long-prefix capture shows', () => {
    // The kernel's own line; its inode 9223372036854775810 is beyond 2^53, and a number holds it as
    // 9223372036854776000: the same 19 digits, so the spacing is still exactly the kernel's.
    const real = fixture('smaps/long-prefix/smaps.txt').split('\n')[325]!;
    expect(real).toBe(
      '7f4b80354000-7f4b80355000 r--p 7fffffffffffe000 00:2f 9223372036854775810  /tmp/memkata-smaps/merged/lower-file.bin',
    );
    const text = formatHeader({
      start: 0x7f4b80354000n,
      end: 0x7f4b80355000n,
      perms: { read: true, write: false, exec: false, shared: false },
      offset: 0x7fffffffffffe000n,
      dev: { major: 0, minor: 0x2f },
      inode: Number('9223372036854775810'), // = 9223372036854776000
      pathname: '/tmp/memkata-smaps/merged/lower-file.bin',
      deleted: false,
    });
    expect(text).toBe(real.replace('9223372036854775810', '9223372036854776000'));
  });

  it('reproduces every header of every capture', () => {
    for (const { smaps } of CAPTURES) {
      const lines = headerLines(smaps);
      expect(readSmaps(smaps).map(formatHeader)).toEqual(lines);
    }
  });

  it('puts a name at index max(73, prefix + 1) for any header (seq_pad)', () => {
    fc.assert(
      fc.property(header, (h) => {
        const text = formatHeader(h);
        const prefix = `${h.start.toString(16).padStart(8, '0')}-${h.end.toString(16).padStart(8, '0')} xxxx ${h.offset.toString(16).padStart(8, '0')} ${h.dev.major.toString(16).padStart(2, '0')}:${h.dev.minor.toString(16).padStart(2, '0')} ${h.inode} `;
        const name = h.deleted ? `${h.pathname} (deleted)` : h.pathname;
        if (name === '') return text.length === prefix.length && text.endsWith(' ');
        return (
          text.slice(Math.max(73, prefix.length + 1)) === name &&
          text.length === Math.max(73, prefix.length + 1) + name.length
        );
      }),
    );
  });
});
