import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseField } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES } from './captures.ts';

const zooLine = (start: string) =>
  fixture('smaps/zoo/smaps.txt')
    .split('\n')
    .find((l) => l.startsWith(start))!;

describe('parseField', () => {
  it('reads "Rss:                   4 kB" as 4 KiB', () => {
    expect(parseField('Rss:                   4 kB')).toEqual({ kind: 'kb', key: 'Rss', kb: 4 });
  });

  it('reads a value wider than its 8 columns: Size of a 1 TiB reservation, 1073741824 kB', () => {
    expect(zooLine('Size:           1073741824')).toBe('Size:           1073741824 kB');
    expect(parseField('Size:           1073741824 kB')).toEqual({ kind: 'kb', key: 'Size', kb: 1073741824 });
  });

  it('reads Private_Hugetlb, whose label is one column wider: "Private_Hugetlb: 10485760 kB"', () => {
    expect(zooLine('Private_Hugetlb: 1')).toBe('Private_Hugetlb: 10485760 kB');
    expect(parseField('Private_Hugetlb: 10485760 kB')).toEqual({ kind: 'kb', key: 'Private_Hugetlb', kb: 10485760 });
  });

  it('reads THPeligible, a 0 or 1 without a unit', () => {
    expect(parseField('THPeligible:           1')).toEqual({ kind: 'thp-eligible', eligible: true });
    expect(parseField('THPeligible:           0')).toEqual({ kind: 'thp-eligible', eligible: false });
  });

  it('reads ProtectionKey, a number without a unit', () => {
    expect(parseField('ProtectionKey:         0')).toEqual({ kind: 'protection-key', key: 0 });
    expect(parseField('ProtectionKey:        15')).toEqual({ kind: 'protection-key', key: 15 });
  });

  it('reads the VmFlags codes in order, the trailing space and all', () => {
    expect(parseField('VmFlags: rd wr mr mw me ac hg ')).toEqual({
      kind: 'vm-flags',
      flags: ['rd', 'wr', 'mr', 'mw', 'me', 'ac', 'hg'],
    });
  });

  it("reads the seed's VmFlags line, which lost its trailing space: rd mr mw me sd", () => {
    const seed = fixture('smaps/seed-000/python-excerpt.txt').trimEnd().split('\n').at(-1)!;
    expect(seed).toBe('VmFlags: rd mr mw me sd');
    expect(parseField(seed)).toEqual({ kind: 'vm-flags', flags: ['rd', 'mr', 'mw', 'me', 'sd'] });
  });

  it('reads an empty VmFlags line and the "??" the kernel prints for a bit it has no name for', () => {
    expect(parseField('VmFlags: ')).toEqual({ kind: 'vm-flags', flags: [] });
    expect(parseField('VmFlags: rd ?? ')).toEqual({ kind: 'vm-flags', flags: ['rd', '??'] });
  });

  it("keeps a field it does not know (a newer kernel's) as a kB field", () => {
    expect(parseField('Pss_Future:           12 kB')).toEqual({ kind: 'kb', key: 'Pss_Future', kb: 12 });
  });

  it('takes any capital letter, lower-case letter, digit or _ in a label: Zswapped_2M, A9z', () => {
    expect(parseField('Zswapped_2M:           8 kB')).toEqual({ kind: 'kb', key: 'Zswapped_2M', kb: 8 });
    expect(parseField('A9z_Y0:                1 kB')).toEqual({ kind: 'kb', key: 'A9z_Y0', kb: 1 });
    expect(parseField('Rss:             9876543210 kB')).toEqual({ kind: 'kb', key: 'Rss', kb: 9876543210 });
  });

  it('reads every line below the headers of every capture', () => {
    for (const { smaps } of CAPTURES) {
      const lines = smaps.split('\n').filter((l) => /^[A-Z]/.test(l));
      const kinds = lines.map((l) => parseField(l).kind);
      expect(kinds.filter((k) => k === 'vm-flags')).toHaveLength(lines.filter((l) => l.startsWith('VmFlags')).length);
      expect(kinds.filter((k) => k === 'kb')).toHaveLength(lines.filter((l) => l.endsWith(' kB')).length);
    }
  });

  it.each([
    ['Rss:                   4', 'a size without its unit'],
    ['Rss:                   4 MB', 'another unit'],
    ['Rss:                   4 kB\r', 'a CRLF line ending'],
    ['Rss:                  -4 kB', 'a negative size'],
    ['Rss:                 4.5 kB', 'a fraction'],
    ['Rss:      99999999999999999 kB', 'a size beyond 2^53'],
    ['Rss:                     kB', 'no number'],
    ['Rss                    4 kB', 'no colon'],
    ['rss:                   4 kB', 'a label that does not start with a capital letter'],
    ['Pss Dirty:             4 kB', 'a space in the label'],
    ['Pss-Dirty:             4 kB', 'a dash in the label'],
    ['Rss@:                  4 kB', 'an @ (one before A) in the label'],
    ['Rss[:                  4 kB', 'a [ (one after Z) in the label'],
    ['Rss`:                  4 kB', 'a ` (one before a) in the label'],
    ['Rss{:                  4 kB', 'a { (one after z) in the label'],
    ['Rss/:                  4 kB', 'a / (one before 0) in the label'],
    ['Rss;:                  4 kB', 'a ; (one after 9) in the label'],
    [':                      4 kB', 'no label'],
    ['', 'an empty line'],
    ['THPeligible:           2', 'THPeligible other than 0 or 1'],
    ['THPeligible:           1 kB', 'THPeligible with a unit'],
    ['ProtectionKey:       -1', 'a negative protection key'],
    ['VmFlags: rd wr m', 'a VmFlags code cut short'],
    ['VmFlags: rd WR ', 'an upper-case VmFlags code'],
    ['VmFlags: rD ', 'a code with one capital'],
    ['VmFlags: rd abc ', 'a code of three letters'],
    ['VmFlags: rd  wr ', 'two spaces between codes'],
    ['VmFlags:rd ', 'no space after the colon'],
    ['VmFlags: rd wr  ', 'two spaces at the end'],
    ['VmFlags: r1 ', 'a digit in a code'],
    ['VmFlags: r~ ', 'a ~ (above z) in a code'],
    ['VmFlags: r` ', 'a ` (below a) in a code'],
    ['VmFlags: rd-wr ', 'a dash between codes'],
    ['VmFlags:xrd', 'a letter where the space goes'],
    ['Rss:                 12a kB', 'a letter inside the number'],
    ['Rss:                  12 kB x', 'text after the unit'],
    ['Rss:                  12 kB ', 'a blank after the unit'],
    ['Rss:                  12  kB', 'two spaces before the unit'],
    ['Rss:\t                 12 kB', 'a tab where the kernel pads with spaces'],
    ['Rss:                 1e3 kB', 'an exponent'],
    ['Rss:                0x10 kB', 'hexadecimal'],
    ['Rss:                +12 kB', 'a plus sign'],
    ['ProtectionKey:', 'ProtectionKey with no number'],
    ['ProtectionKey:        ', 'ProtectionKey with only blanks'],
    ['ProtectionKey:         0 kB', 'ProtectionKey with a unit'],
    ['ProtectionKey:        1x', 'ProtectionKey with a letter'],
    ['THPeligible:', 'THPeligible with no number'],
    ['THPeligible:          ', 'THPeligible with only blanks'],
    ['THPeligible:          -1', 'a negative THPeligible'],
    ['THPeligible:           1x', 'THPeligible with a letter'],
  ])('throws ParseError for %j (%s)', (line) => {
    expect(() => parseField(line)).toThrow(ParseError);
  });

  it.each([
    ['Rss:    4 MB', 'a bad unit'],
    ['Rss:      99999999999999999 kB', 'a size beyond 2^53'],
    ['Pss Dirty:    4 kB', 'a bad label'],
    ['THPeligible:           2', 'a bad THPeligible'],
    ['ProtectionKey:', 'a missing protection key'],
    ['VmFlags: rd WR ', 'a bad VmFlags code'],
    ['Rss:    4 kB\r', 'a CR'],
  ])('puts the line number it was given in the ParseError, and line 1 when none: %j (%s)', (line) => {
    const lineOf = (run: () => unknown): number => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        return (error as ParseError).line;
      }
      return expect.unreachable('parseField should have thrown');
    };
    expect(lineOf(() => parseField(line, 9))).toBe(9);
    expect(lineOf(() => parseField(line))).toBe(1);
  });

  it('reads ProtectionKey and THPeligible wider than 8 columns, and VmFlags without the trailing space', () => {
    expect(parseField('ProtectionKey: 123456789')).toEqual({ kind: 'protection-key', key: 123456789 });
    expect(parseField('VmFlags: rd')).toEqual({ kind: 'vm-flags', flags: ['rd'] });
    expect(parseField('VmFlags: ??')).toEqual({ kind: 'vm-flags', flags: ['??'] });
  });

  it('reads back any size printed as the kernel prints it (label padded to 16, "%8lu kB")', () => {
    const label = fc
      .stringMatching(/^[A-Z][A-Za-z0-9_]{0,14}$/)
      .filter((k) => !['THPeligible', 'ProtectionKey', 'VmFlags'].includes(k));
    fc.assert(
      fc.property(label, fc.nat({ max: Number.MAX_SAFE_INTEGER }), (key, kb) => {
        const field = parseField(`${`${key}:`.padEnd(16)}${String(kb).padStart(8)} kB`);
        return field.kind === 'kb' && field.key === key && field.kb === kb;
      }),
    );
  });

  it('returns a field or throws ParseError, whatever the text (fuzz)', () => {
    const kbLike = fc.stringMatching(/^[A-Za-z_:]{0,12}: *-?\d{0,22}(\.\d)? ?k?B?\r?$/);
    const flagsLike = fc.stringMatching(/^VmFlags:( [a-z?A-Z]{1,3})* ?\r?$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), kbLike, flagsLike), (line) => {
        try {
          const field = parseField(line, 3);
          return field.kind !== 'kb' || (Number.isSafeInteger(field.kb) && field.kb >= 0);
        } catch (error) {
          return error instanceof ParseError && error.line === 3;
        }
      }),
    );
  });
});
