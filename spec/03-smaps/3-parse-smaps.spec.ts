import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Mapping, ParseError, parseSmaps } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES, fixtureRegions, headerLines } from './captures.ts';

const FIXTURE = fixture('proc/fixture/smaps.txt');
const ZOO = fixture('smaps/zoo/smaps.txt');

/** Whatever parseSmaps does with text, it returns mappings or throws ParseError naming a line of the text. */
function valueOrParseError(text: string): boolean {
  try {
    const mappings = parseSmaps(text);
    return Array.isArray(mappings) && mappings.every((m) => typeof m.start === 'bigint' && m.end >= m.start);
  } catch (error) {
    const lines = text.split('\n').length;
    return error instanceof ParseError && Number.isInteger(error.line) && error.line >= 1 && error.line <= lines;
  }
}

function lineOfError(text: string): number {
  try {
    parseSmaps(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).line;
  }
  return expect.unreachable('parseSmaps should have thrown');
}

describe('parseSmaps', () => {
  it.each(CAPTURES)('reads one mapping per header line of $dir ($what)', ({ smaps }) => {
    const headers = headerLines(smaps);
    const mappings = parseSmaps(smaps);
    expect(mappings).toHaveLength(headers.length);
    expect(mappings.map((m) => `${m.start.toString(16).padStart(8, '0')}-${m.end.toString(16)}`)).toEqual(
      headers.map((h) => h.split(' ')[0]),
    );
    expect(mappings.at(-1)!.pathname).toBe('[vsyscall]');
    expect(mappings.at(-1)!.start).toBe(0xffffffffff600000n);
  });

  it('reads every line of a mapping: the kB fields in order, THPeligible, ProtectionKey and VmFlags', () => {
    const first = parseSmaps(FIXTURE)[0]!;
    expect(Object.keys(first.fields)).toEqual([
      'Size',
      'KernelPageSize',
      'MMUPageSize',
      'Rss',
      'Pss',
      'Pss_Dirty',
      'Shared_Clean',
      'Shared_Dirty',
      'Private_Clean',
      'Private_Dirty',
      'Referenced',
      'Anonymous',
      'KSM',
      'LazyFree',
      'AnonHugePages',
      'ShmemPmdMapped',
      'FilePmdMapped',
      'Shared_Hugetlb',
      'Private_Hugetlb',
      'Swap',
      'SwapPss',
      'Locked',
    ]);
    expect(first).toMatchObject({
      pathname: '/opt/memkata/fixture',
      fields: { Size: 4, Rss: 4, Private_Dirty: 4 },
      thpEligible: false,
      protectionKey: 0,
      vmFlags: ['rd', 'mr', 'mw', 'me'],
    });
  });

  describe('the fixture process (spec/fixtures/proc/fixture/addrs.txt names its regions)', () => {
    const regions = fixtureRegions();
    const at = (name: string): Mapping => {
      const mapping = parseSmaps(FIXTURE).find((m) => m.start === regions[name]);
      if (mapping === undefined) return expect.unreachable(`no mapping starts at the ${name} region`);
      return mapping;
    };

    it('shows the 2 MiB transparent huge page: AnonHugePages 2048, THPeligible 1, the hg flag', () => {
      const thp = at('thp_mapping');
      expect(thp.fields).toMatchObject({ Size: 4096, Rss: 2048, AnonHugePages: 2048 });
      expect(thp.thpEligible).toBe(true);
      expect(thp.vmFlags).toContain('hg');
    });

    it('shows the MADV_NOHUGEPAGE region: 16 pages written and 16 only read give Rss 64 kB, flag nh', () => {
      const anon = at('anon');
      expect(anon.fields).toMatchObject({ Size: 256, Rss: 64, Anonymous: 64, Private_Dirty: 64 });
      expect(anon.vmFlags).toEqual(['rd', 'wr', 'mr', 'mw', 'me', 'ac', 'nh']);
    });

    it('shows the 4 mlocked pages as Locked 16 kB and the lo flag', () => {
      const locked = at('locked');
      expect(locked.fields.Locked).toBe(16);
      expect(locked.vmFlags).toContain('lo');
    });

    it('shows the unlinked file mapping as deleted, its path without the suffix', () => {
      expect(at('deleted_file')).toMatchObject({
        pathname: '/var/tmp/kata-deleted.bin',
        deleted: true,
        perms: { read: true, write: true, exec: false, shared: true },
      });
    });

    it('shows shared anonymous memory as /dev/zero (deleted) on device 00:01', () => {
      expect(at('shmem')).toMatchObject({ pathname: '/dev/zero', deleted: true, dev: { major: 0, minor: 1 } });
    });

    it('has the [vvar_vclock] mapping Linux 6.18 added next to [vvar] and [vdso]', () => {
      const names = parseSmaps(FIXTURE).map((m) => m.pathname);
      expect(names).toEqual(expect.arrayContaining(['[vvar]', '[vvar_vclock]', '[vdso]', '[heap]', '[stack]']));
    });
  });

  describe('the zoo (spec/fixtures/smaps/zoo)', () => {
    const withFlag = (code: string) => parseSmaps(ZOO).filter((m) => m.vmFlags.includes(code));

    it('shows 10 GiB of private hugetlb in 2 MiB pages, outside Rss', () => {
      const [huge] = withFlag('ht').filter((m) => !m.perms.shared);
      expect(huge).toMatchObject({ pathname: '/anon_hugepage', deleted: true });
      expect(huge!.fields).toMatchObject({ Size: 10485760, KernelPageSize: 2048, Private_Hugetlb: 10485760, Rss: 0 });
    });

    it('shows a hugetlb page mapped by two processes as Shared_Hugetlb', () => {
      const [shared] = withFlag('ht').filter((m) => m.perms.shared);
      expect(shared!.fields.Shared_Hugetlb).toBe(2048);
      expect(shared!.pathname).toBe('/memfd:memkata hugetlb');
    });

    it('shows 32 identical pages merged by KSM: KSM 128 kB, Pss 4 kB, flag mg', () => {
      const [merged] = withFlag('mg');
      expect(merged!.fields).toMatchObject({ Rss: 128, KSM: 128, Pss: 4 });
    });

    it('shows 16 pages given back with MADV_FREE as LazyFree 64 kB', () => {
      const lazy = parseSmaps(ZOO).filter((m) => m.fields.LazyFree! > 0);
      expect(lazy.map((m) => m.fields.LazyFree)).toEqual([64]);
    });

    it('shows mlock2(MLOCK_ONFAULT) as lo lf, with only the 3 touched pages Locked', () => {
      const [onFault] = withFlag('lf');
      expect(onFault!.vmFlags).toContain('lo');
      expect(onFault!.fields).toMatchObject({ Size: 32, Rss: 12, Locked: 12 });
    });

    it('has no ProtectionKey line on this machine (its CPU has no pkeys), unlike the fixture process', () => {
      expect(parseSmaps(ZOO).every((m) => m.protectionKey === undefined)).toBe(true);
      expect(parseSmaps(FIXTURE).every((m) => m.protectionKey === 0)).toBe(true);
    });

    it('reads a path with spaces, and the 1 TiB reservation whose Size has 10 digits', () => {
      const zoo = parseSmaps(ZOO);
      expect(zoo.map((m) => m.pathname)).toContain('/tmp/memkata-smaps/dir with spaces/file with spaces.bin');
      expect(zoo.find((m) => m.vmFlags.join(' ') === 'mr mw me nr')!.fields.Size).toBe(1073741824);
    });
  });

  it("reads the seed's Ubuntu sample: no ProtectionKey line, the sd flag, no trailing space", () => {
    const [python] = parseSmaps(fixture('smaps/seed-000/python-excerpt.txt'));
    expect(python).toMatchObject({
      start: 0x5c3ddd614000n,
      pathname: '/usr/local/bin/python3.11',
      dev: { major: 0, minor: 0x2f },
      thpEligible: false,
      vmFlags: ['rd', 'mr', 'mw', 'me', 'sd'],
    });
    expect(python!.protectionKey).toBeUndefined();
    expect(python!.fields.Swap).toBe(0);
  });

  it.each(CAPTURES)(
    'gives Rss = Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty per VMA ($dir)',
    ({ smaps }) => {
      for (const { fields: f } of parseSmaps(smaps)) {
        expect(f.Rss).toBe(f.Shared_Clean! + f.Shared_Dirty! + f.Private_Clean! + f.Private_Dirty!);
      }
    },
  );

  it.each(CAPTURES)('gives Pss ≤ Rss ≤ Size per VMA ($dir)', ({ smaps }) => {
    for (const { fields: f } of parseSmaps(smaps)) {
      expect(f.Pss).toBeLessThanOrEqual(f.Rss!);
      expect(f.Rss).toBeLessThanOrEqual(f.Size!);
    }
  });

  it('gives Size = end − start for every mapping', () => {
    for (const { smaps } of CAPTURES) {
      for (const m of parseSmaps(smaps)) expect(BigInt(m.fields.Size!) * 1024n).toBe(m.end - m.start);
    }
  });

  it('returns no mappings for an empty file (a kernel thread has no mm)', () => {
    expect(parseSmaps('')).toEqual([]);
  });

  it('throws ParseError at line 326 of the long-prefix capture: an inode a number cannot hold', () => {
    expect(lineOfError(fixture('smaps/long-prefix/smaps.txt'))).toBe(326);
  });

  it('throws ParseError at line 1 for a field before any header', () => {
    expect(lineOfError('Rss:                   4 kB\n')).toBe(1);
  });

  it('throws ParseError for a field given twice in one mapping, naming the second', () => {
    const lines = FIXTURE.split('\n');
    lines.splice(5, 0, 'Rss:                   8 kB'); // after line 5, "Rss:  4 kB"
    expect(lineOfError(lines.join('\n'))).toBe(6);
  });

  it.each([
    ['THPeligible:           0', 'THPeligible'],
    ['ProtectionKey:         0', 'ProtectionKey'],
    ['VmFlags: rd mr mw me ', 'VmFlags'],
  ])('throws ParseError for %j twice in one mapping, naming the second (%s)', (line) => {
    const lines = FIXTURE.split('\n');
    lines.splice(26, 0, line); // after the first mapping's VmFlags line, before the second header
    expect(lineOfError(lines.join('\n'))).toBe(27);
  });

  it('allows the same field once in each mapping, and reads a text without its final newline', () => {
    const mappings = parseSmaps(FIXTURE.trimEnd());
    expect(mappings.map((m) => m.fields.Rss)).toEqual(parseSmaps(FIXTURE).map((m) => m.fields.Rss));
    expect(mappings.at(-1)!.vmFlags).toEqual(['ex']);
  });

  it('reads a field whose label starts with A or Z as a field of the mapping, not as a header', () => {
    const text =
      '55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967 \nAnonymous:             4 kB\nZswap:                 8 kB\n';
    expect(parseSmaps(text)[0]!.fields).toEqual({ Anonymous: 4, Zswap: 8 });
  });

  it('leaves thpEligible and protectionKey out, and vmFlags empty, when a mapping has no such line', () => {
    const [bare] = parseSmaps('55cde9519000-55cde951a000 r--p 00000000 fe:00 2180967 \nRss:                   4 kB\n');
    expect(bare).toEqual({
      start: 0x55cde9519000n,
      end: 0x55cde951a000n,
      perms: { read: true, write: false, exec: false, shared: false },
      offset: 0n,
      dev: { major: 0xfe, minor: 0 },
      inode: 2180967,
      pathname: '',
      deleted: false,
      fields: { Rss: 4 },
      vmFlags: [],
    });
    expect(Object.keys(bare!)).not.toContain('thpEligible');
  });

  it('throws ParseError for an empty line between mappings', () => {
    const lines = FIXTURE.split('\n');
    lines.splice(26, 0, '');
    expect(lineOfError(lines.join('\n'))).toBe(27);
  });

  it('throws ParseError for a size without its unit, naming its line', () => {
    expect(lineOfError(FIXTURE.replace('Rss:                   4 kB', 'Rss:                   4'))).toBe(5);
  });

  it('throws ParseError naming the line of a kB value beyond 2^53', () => {
    const lines = FIXTURE.split('\n');
    const kbLines = lines.flatMap((line, index) => (line.endsWith(' kB') ? [index] : []));
    fc.assert(
      fc.property(fc.constantFrom(...kbLines), fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), (index, big) => {
        const edited = [...lines];
        edited[index] = edited[index]!.replace(/\d+ kB$/, `${big} kB`);
        return lineOfError(edited.join('\n')) === index + 1;
      }),
      { numRuns: 50 },
    );
  });

  it('throws ParseError for CRLF line endings (the kernel writes \\n only)', () => {
    const line = lineOfError(FIXTURE.replaceAll('\n', '\r\n'));
    expect([1, 2]).toContain(line);
  });

  it('returns mappings or throws ParseError for random text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), valueOrParseError));
  });

  it('returns mappings or throws ParseError for every cut of a real file (fuzz)', () => {
    const texts = [...CAPTURES.map((c) => c.smaps), fixture('smaps/long-prefix/smaps.txt')];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.boolean(), (text, cut, crlf) => {
        const piece = text.slice(0, cut % (text.length + 1));
        return valueOrParseError(crlf ? piece.replaceAll('\n', '\r\n') : piece);
      }),
      { numRuns: 200 },
    );
  });

  it('returns mappings or throws ParseError when one line of a real file is replaced (fuzz)', () => {
    const lines = FIXTURE.split('\n');
    const replacement = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[A-Z][a-z_]{0,10}: *\d{0,25} ?k?B?$/),
      fc.stringMatching(
        /^[0-9a-f]{1,18}-[0-9a-f]{1,18} [rwxps-]{4} [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \d{1,22} {0,30}.{0,10}$/,
      ),
    );
    fc.assert(
      fc.property(fc.nat(lines.length - 1), replacement, (at, line) => {
        const edited = [...lines];
        edited[at] = line;
        return valueOrParseError(edited.join('\n'));
      }),
      { numRuns: 200 },
    );
  });
});
