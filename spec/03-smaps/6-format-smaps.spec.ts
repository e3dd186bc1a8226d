import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmaps, type Mapping, parseSmaps } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { header } from './arbitraries.ts';
import { CAPTURES, readSmaps } from './captures.ts';

const FIELD_KEY = fc
  .stringMatching(/^[A-Z][A-Za-z0-9_]{0,16}$/)
  .filter((k) => !['THPeligible', 'ProtectionKey', 'VmFlags'].includes(k));

const mapping: fc.Arbitrary<Mapping> = fc
  .record(
    {
      header,
      fields: fc.dictionary(FIELD_KEY, fc.nat({ max: Number.MAX_SAFE_INTEGER }), { maxKeys: 25 }),
      thpEligible: fc.boolean(),
      protectionKey: fc.nat(15),
      vmFlags: fc.array(fc.oneof(fc.stringMatching(/^[a-z]{2}$/), fc.constant('??')), { maxLength: 12 }),
    },
    { requiredKeys: ['header', 'fields', 'vmFlags'] },
  )
  .map(({ header: h, fields, ...rest }) => ({ ...h, fields: { ...fields }, ...rest }));

describe('formatSmaps', () => {
  it.each(CAPTURES)('prints $dir byte for byte ($what)', ({ smaps }) => {
    expect(formatSmaps(readSmaps(smaps))).toBe(smaps);
  });

  it.each(CAPTURES)('gives back $dir byte for byte after parseSmaps', ({ smaps }) => {
    expect(formatSmaps(parseSmaps(smaps))).toBe(smaps);
  });

  it('prints a field in a 16-column label and an 8-column value, Private_Hugetlb in 17 and 7', () => {
    const text = formatSmaps([
      {
        start: 0x7f0a5a200000n,
        end: 0x7f0cda200000n,
        perms: { read: true, write: true, exec: false, shared: false },
        offset: 0n,
        dev: { major: 0, minor: 0x11 },
        inode: 24952,
        pathname: '/anon_hugepage',
        deleted: true,
        fields: { Size: 10485760, KernelPageSize: 2048, Rss: 0, Shared_Hugetlb: 0, Private_Hugetlb: 10485760 },
        thpEligible: false,
        vmFlags: ['rd', 'wr', 'mr', 'mw', 'me', 'dc', 'de', 'ht'],
      },
    ]);
    expect(text.split('\n').slice(1)).toEqual([
      'Size:           10485760 kB',
      'KernelPageSize:     2048 kB',
      'Rss:                   0 kB',
      'Shared_Hugetlb:        0 kB',
      'Private_Hugetlb: 10485760 kB',
      'THPeligible:           0',
      'VmFlags: rd wr mr mw me dc de ht ',
      '',
    ]);
    expect(fixture('smaps/zoo/smaps.txt')).toContain('Size:           10485760 kB\nKernelPageSize:     2048 kB\n');
  });

  it('prints THPeligible and ProtectionKey as "%8u" without a unit, and leaves out the ones it lacks', () => {
    const [first] = readSmaps(fixture('proc/fixture/smaps.txt'));
    const lines = formatSmaps([first!]).split('\n');
    expect(lines.slice(-4)).toEqual([
      'THPeligible:           0',
      'ProtectionKey:         0',
      'VmFlags: rd mr mw me ',
      '',
    ]);
    const { protectionKey: _, thpEligible: __, ...older } = first!;
    expect(formatSmaps([older])).not.toMatch(/THPeligible|ProtectionKey/);
  });

  it('ends the VmFlags line in a space, even with no flags', () => {
    const [first] = readSmaps(fixture('proc/fixture/smaps.txt'));
    expect(formatSmaps([{ ...first!, vmFlags: [] }]).endsWith('\nVmFlags: \n')).toBe(true);
  });

  it("adds the trailing space the seed's sample lost after sd", () => {
    const seed = fixture('smaps/seed-000/python-excerpt.txt');
    expect(formatSmaps(readSmaps(seed))).toBe(seed.replace('VmFlags: rd mr mw me sd\n', 'VmFlags: rd mr mw me sd \n'));
  });

  it('prints nothing for no mappings', () => {
    expect(formatSmaps([])).toBe('');
  });

  it('is read back by parseSmaps as the same mappings, for any mappings (parse ∘ format = id)', () => {
    fc.assert(
      fc.property(fc.array(mapping, { maxLength: 5 }), (mappings) => {
        expect(parseSmaps(formatSmaps(mappings))).toEqual(mappings);
      }),
    );
  });

  it('prints one header line per mapping and one line per field, each ending in \\n', () => {
    fc.assert(
      fc.property(fc.array(mapping, { maxLength: 5 }), (mappings) => {
        const text = formatSmaps(mappings);
        const expected = mappings.reduce(
          (n, m) =>
            n +
            2 +
            Object.keys(m.fields).length +
            (m.thpEligible === undefined ? 0 : 1) +
            (m.protectionKey === undefined ? 0 : 1),
          0,
        );
        return text.split('\n').length - 1 === expected && (text === '' || text.endsWith('\n'));
      }),
    );
  });
});
