import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseHeader } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES, headerLines } from './captures.ts';

const LONG_PREFIX = fixture('smaps/long-prefix/smaps.txt').split('\n');

describe('parseHeader', () => {
  it('reads a file mapping: addresses, perms, offset, device, inode and the path at column 73', () => {
    const line = '55cde951a000-55cde951b000 r-xp 00001000 fe:00 2180967                    /opt/memkata/fixture';
    expect(parseHeader(line)).toEqual({
      start: 0x55cde951a000n,
      end: 0x55cde951b000n,
      perms: { read: true, write: false, exec: true, shared: false },
      offset: 0x1000n,
      dev: { major: 0xfe, minor: 0 },
      inode: 2180967,
      pathname: '/opt/memkata/fixture',
      deleted: false,
    });
  });

  it('reads an anonymous mapping, whose line ends in "0 " with no name', () => {
    expect(parseHeader('7f6f10c00000-7f6f11000000 rw-p 00000000 00:00 0 ')).toEqual({
      start: 0x7f6f10c00000n,
      end: 0x7f6f11000000n,
      perms: { read: true, write: true, exec: false, shared: false },
      offset: 0n,
      dev: { major: 0, minor: 0 },
      inode: 0,
      pathname: '',
      deleted: false,
    });
  });

  it('reads the vsyscall page beyond 2^53 exactly, as bigint', () => {
    const header = parseHeader('ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]');
    expect(header.start).toBe(0xffffffffff600000n);
    expect(header.end - header.start).toBe(4096n);
    expect(header.perms).toEqual({ read: false, write: false, exec: true, shared: false });
    expect(header.pathname).toBe('[vsyscall]');
  });

  it('takes " (deleted)" off an unlinked file and says so in deleted', () => {
    const header = parseHeader(
      '7f6f11431000-7f6f11439000 rw-s 00000000 fe:00 2180969                    /var/tmp/kata-deleted.bin (deleted)',
    );
    expect(header.pathname).toBe('/var/tmp/kata-deleted.bin');
    expect(header.deleted).toBe(true);
    expect(header.perms.shared).toBe(true);
  });

  it('reads shared anonymous memory as /dev/zero (deleted) on device 00:01', () => {
    const header = parseHeader(
      '7f6f11660000-7f6f11664000 rw-s 00000000 00:01 1841                       /dev/zero (deleted)',
    );
    expect([header.pathname, header.deleted, header.dev]).toEqual(['/dev/zero', true, { major: 0, minor: 1 }]);
  });

  it('keeps the spaces inside a path, and " (deleted)" after one', () => {
    const lines = headerLines(fixture('smaps/zoo/smaps.txt'));
    const spaces = lines.find((l) => l.endsWith('file with spaces.bin'))!;
    const deleted = lines.find((l) => l.includes('deleted with spaces.bin'))!;
    expect(parseHeader(spaces).pathname).toBe('/tmp/memkata-smaps/dir with spaces/file with spaces.bin');
    expect(parseHeader(deleted)).toMatchObject({
      pathname: '/tmp/memkata-smaps/dir with spaces/deleted with spaces.bin',
      deleted: true,
    });
  });

  it('keeps a newline in a file name as the kernel escapes it: \\012', () => {
    const line = headerLines(fixture('smaps/zoo/smaps.txt')).find((l) => l.includes('line.bin'))!;
    expect(parseHeader(line).pathname).toBe('/tmp/memkata-smaps/dir with spaces/new\\012line.bin');
  });

  it('reads a file offset of 16 hex digits, beyond 2^53, exactly', () => {
    const line = headerLines(fixture('smaps/zoo/smaps.txt')).find((l) => l.endsWith('/sparse.bin'))!;
    expect(parseHeader(line).offset).toBe(0x7fffffffffffe000n);
  });

  it('reads device numbers as hex: fe:00 is 254:0, 00:2f is 0:47', () => {
    expect(parseHeader(LONG_PREFIX[0]!).dev).toEqual({ major: 254, minor: 0 });
    const line = '7f4b80354000-7f4b80355000 r--p 00000000 00:2f 2                          /merged/lower-file.bin';
    expect(parseHeader(line).dev).toEqual({ major: 0, minor: 47 });
  });

  it('reads every header of every capture, the name starting at index 73', () => {
    for (const { smaps } of CAPTURES) {
      for (const line of headerLines(smaps)) {
        const name = line.length > 73 ? line.slice(73) : '';
        const header = parseHeader(line);
        expect(header.deleted ? `${header.pathname} (deleted)` : header.pathname).toBe(name);
        expect(header.end > header.start).toBe(true);
      }
    }
  });

  it('throws ParseError for an inode a number cannot hold (overlayfs xino: 9223372036854775810)', () => {
    const line = LONG_PREFIX[325]!; // line 326 of smaps/long-prefix/smaps.txt
    expect(line).toContain(' 9223372036854775810  /');
    expect(() => parseHeader(line, 326)).toThrow(ParseError);
  });

  it.each([
    ['', 'nothing'],
    ['Rss:                   4 kB', 'a field, not a header'],
    ['55cde9519000 r--p 00000000 fe:00 2180967', 'no end address'],
    ['55cde9519000-55cde951a000 r--q 00000000 fe:00 2180967 ', 'a q for p/s'],
    ['55cde9519000-55cde951a000 rw 00000000 fe:00 2180967 ', 'two permission letters'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe00 2180967 ', 'no colon in the device'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:00 ', 'no inode'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:00 -1 ', 'a negative inode'],
    ['55CDE9519000-55CDE951A000 r--p 00000000 fe:00 0 ', 'upper-case hex (the kernel prints lower case)'],
    ['0x55cde9519000-0x55cde951a000 r--p 00000000 fe:00 0 ', 'a 0x prefix'],
    ['55cde951a000-55cde9519000 r--p 00000000 fe:00 0 ', 'an end before the start'],
    ['10000000000000000-10000000000001000 r--p 00000000 00:00 0 ', 'an address beyond 64 bits'],
    ['00000055cde9519000-55cde951a000 r--p 00000000 fe:00 0 ', 'an 18-digit start, although its value is small'],
    ['55cde9519000-000000055cde951a000 r--p 00000000 fe:00 0 ', 'a 17-digit end'],
    ['1000-2000 r--p 00000000 00:00 0 ', 'addresses of fewer than 8 digits (%08lx prints at least 8)'],
    ['55cde9519000-55cde951a000 r--p 1000 fe:00 0 ', 'an offset of fewer than 8 digits'],
    ['55cde9519000-55cde951a000 r--p 00000000 f:0 0 ', 'a device of 1 digit each (%02x prints at least 2)'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe00:00 0 ', 'a major of 4 digits (MAJOR() has 12 bits)'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:000000 0 ', 'a minor of 6 digits (MINOR() has 20 bits)'],
    ['x55cde9519000-55cde951a000 r--p 00000000 fe:00 0 ', 'junk before the start'],
    [' 55cde9519000-55cde951a000 r--p 00000000 fe:00 0 ', 'a blank before the start'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:00 12x ', 'an inode with a letter in it'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967x  /opt/memkata/fixture', 'junk glued to the inode'],
    ['55cde9519000-55cde951a000  r--p 00000000 fe:00 0 ', 'two spaces before the perms'],
    ['55cde9519000-55cde951a000 r--p 00000000 fe:00 1e3 ', 'an inode written 1e3'],
    ['7f6f10c00000-7f6f11000000 rw-p 00000000 00:00 0', 'an unnamed mapping without the space after its inode'],
    ['7f6f10c00000-7f6f11000000 rw-p 00000000 00:00 0  ', 'an unnamed mapping with two spaces after its inode'],
    ['55cde951a000-55cde951b000 r-xp 00001000 fe:00 2180967/opt/memkata/fixture', 'a name glued to the inode'],
  ])('throws ParseError for %j (%s)', (line) => {
    expect(() => parseHeader(line)).toThrow(ParseError);
  });

  it('puts the line number it was given in the ParseError, and line 1 when it was given none', () => {
    const lineOf = (run: () => unknown): number => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        return (error as ParseError).line;
      }
      return expect.unreachable('parseHeader should have thrown');
    };
    expect(lineOf(() => parseHeader('not a header', 42))).toBe(42);
    expect(lineOf(() => parseHeader('55cde951a000-55cde9519000 r--p 00000000 fe:00 0 ', 8))).toBe(8);
    expect(lineOf(() => parseHeader(LONG_PREFIX[325]!, 326))).toBe(326);
    expect(lineOf(() => parseHeader('not a header'))).toBe(1);
  });

  it('reads an empty mapping (start = end) and the highest possible end', () => {
    const empty = parseHeader('7f6f10c00000-7f6f10c00000 ---p 00000000 00:00 0 ');
    expect(empty.end - empty.start).toBe(0n);
    expect(parseHeader('fffffffffffff000-ffffffffffffffff r--p 00000000 00:00 0 ').end).toBe(2n ** 64n - 1n);
  });

  it('reads the largest device numbers: 3 hex digits of major, 5 of minor', () => {
    expect(parseHeader('55cde9519000-55cde951a000 r--p 00000000 fff:fffff 7 ').dev).toEqual({
      major: 0xfff,
      minor: 0xfffff,
    });
  });

  it('returns a header or throws ParseError, whatever the text (fuzz)', () => {
    const realLine = fc.constantFrom(...CAPTURES.flatMap((c) => headerLines(c.smaps)), ...LONG_PREFIX.slice(325, 327));
    const mutated = fc
      .tuple(realLine, fc.nat(), fc.string({ maxLength: 3 }))
      .map(
        ([line, at, text]) => line.slice(0, at % (line.length + 1)) + text + line.slice((at % (line.length + 1)) + 1),
      );
    const bigNumbers = fc
      .tuple(
        fc.bigInt({ min: 0n, max: 2n ** 80n }),
        fc.bigInt({ min: 0n, max: 2n ** 80n }),
        fc.bigInt({ min: 0n, max: 2n ** 80n }),
      )
      .map(([a, b, inode]) => `${a.toString(16)}-${b.toString(16)} rw-p 00000000 00:00 ${inode} `);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          realLine.map((l) => `${l}\r`),
          mutated,
          bigNumbers,
        ),
        (line) => {
          try {
            const header = parseHeader(line, 7);
            return typeof header.start === 'bigint' && header.end >= header.start && Number.isSafeInteger(header.inode);
          } catch (error) {
            return error instanceof ParseError && error.line === 7;
          }
        },
      ),
    );
  });
});
