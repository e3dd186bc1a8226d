import { describe, expect, it } from 'vitest';
import * as addresses from '#kata/08-virtual-address';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import {
  type AddressKata,
  compareWithSmaps,
  countEntries,
  decodeEntry,
  indices,
  pageRows,
  type ReadVma,
  readSmaps,
  type SmapsVma,
} from '../../scripts/lab/pagemap.mjs';

/** The raw entries of spec/fixtures/pagemap/pagemap-decoded.txt, by label. */
const live = new Map(
  [...fixture('pagemap/pagemap-decoded.txt').matchAll(/^(.+?)\s+vaddr=(0x[0-9a-f]+) raw=(0x[0-9a-f]+)/gm)].map((m) => [
    (m[1] as string).trim(),
    { va: BigInt(m[2] as string), raw: BigInt(m[3] as string) },
  ]),
);
const raw = (label: string) => (live.get(label) as { raw: bigint }).raw;

const vma = (fields: Record<string, number>, pages = 4): SmapsVma => ({
  start: 0x7f0000000000n,
  end: 0x7f0000000000n + BigInt(pages) * 4096n,
  perms: 'rw-p',
  name: '',
  fields,
});
const PRESENT = 1n << 63n;
const EXCLUSIVE = 1n << 56n;
const FILE = 1n << 61n;
const SWAPPED = 1n << 62n;
const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => c.verdict);

describe('decodeEntry', () => {
  it('reads the live entries: a written page, the zero page, an untouched page, a shmem page', () => {
    expect(decodeEntry(raw('anon written page 0'))).toMatchObject({
      present: true,
      swapped: false,
      exclusive: true,
      fileOrShared: false,
      pfn: 0x137be8,
    });
    expect(decodeEntry(raw('anon read-only page 16'))).toMatchObject({ present: true, exclusive: false, pfn: 0x3b32 });
    expect(decodeEntry(raw('anon untouched page 40'))).toMatchObject({ present: false, swapped: false, pfn: null });
    expect(decodeEntry(raw('shmem page 0'))).toMatchObject({ present: true, fileOrShared: true, exclusive: true });
    expect(decodeEntry(raw('thp base+2MiB-4KiB')).pfn).toBe(0x132dff);
  });

  it('reads a swap entry’s type and offset, and a guard region as 6.18 prints it (type 31, offset 4)', () => {
    expect(decodeEntry(SWAPPED | 3n | (0x1234n << 5n))).toMatchObject({
      swapped: true,
      swapType: 3,
      swapOffset: 0x1234,
      pfn: null,
    });
    expect(decodeEntry(0x440000000000009fn)).toMatchObject({ swapped: true, guard: true, swapType: 31, swapOffset: 4 });
  });
});

describe('readSmaps', () => {
  it('reads the live fixture process’s mappings and their kB lines', () => {
    const text = fixture('proc/fixture/smaps.txt');
    const vmas = readSmaps(text);
    expect(vmas).toHaveLength(text.match(/^[0-9a-f]+-[0-9a-f]+ /gm)?.length ?? -1);
    const thp = vmas.find((v) => v.start === 0x7f6f10c00000n);
    expect(thp).toMatchObject({ perms: 'rw-p', name: '', fields: { Rss: 2048, AnonHugePages: 2048 } });
    expect(vmas.find((v) => v.name.includes('kata-deleted'))?.perms).toBe('rw-s');
  });
});

describe('countEntries', () => {
  it('counts present, swapped, exclusive and file-or-shared pages, and whether PFNs are shown', () => {
    const entries = [PRESENT | EXCLUSIVE | 5n, PRESENT | FILE | 6n, 0n, SWAPPED | FILE | (1n << 5n), PRESENT];
    expect(countEntries(entries)).toEqual({
      pages: 5,
      present: 3,
      swapped: 1,
      exclusive: 1,
      fileOrShared: 2,
      pfns: true,
    });
    expect(countEntries([PRESENT | EXCLUSIVE]).pfns).toBe(false);
  });
});

describe('compareWithSmaps', () => {
  const written: ReadVma = {
    vma: vma({ Rss: 8, Swap: 4, Private_Clean: 0, Private_Dirty: 8, Anonymous: 8 }),
    count: { pages: 4, present: 2, swapped: 1, exclusive: 2, fileOrShared: 0, pfns: true },
    entries: undefined,
  };

  it('finds the four views agree on a consistent mapping', () => {
    expect(verdicts(compareWithSmaps([written]))).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('explains present pages beyond Rss by the zero page, as a note', () => {
    const zero: ReadVma = { ...written, count: { ...(written.count as NonNullable<ReadVma['count']>), present: 5 } };
    const [rss] = compareWithSmaps([zero]);
    expect(rss?.verdict).toBe('note');
    expect(rss?.lines.join('\n')).toMatch(/zero page/);
  });

  it('leaves out mappings too large to read, and says so', () => {
    const huge: ReadVma = { vma: vma({ Rss: 1_000_000 }, 1 << 20), count: undefined, entries: undefined };
    const [rss] = compareWithSmaps([written, huge]);
    expect(rss).toMatchObject({ verdict: 'pass' });
    expect(rss?.lines[0]).toMatch(/1 mappings \(1 too large to read whole, left out\)/);
  });

  it('notes a difference in Swap, Private and file pages', () => {
    const off: ReadVma = {
      ...written,
      vma: vma({ Rss: 8, Swap: 8, Private_Clean: 4, Private_Dirty: 8, Anonymous: 4 }),
    };
    expect(verdicts(compareWithSmaps([off]))).toEqual(['pass', 'note', 'note', 'note']);
  });
});

describe('pageRows', () => {
  const read: ReadVma = {
    vma: { start: 0x7f6f11439000n, end: 0x7f6f1143d000n, perms: 'rw-p', name: '', fields: {} },
    count: { pages: 4, present: 2, swapped: 1, exclusive: 1, fileOrShared: 0, pfns: true },
    entries: [raw('anon written page 0'), 0n, SWAPPED | 2n | (7n << 5n), raw('anon read-only page 16')],
  };

  it('splits each address with kata 8 and shows the flags and the PFN (the reference §9.1 example)', () => {
    const { body, checks } = pageRows(addresses as AddressKata, [read]);
    expect(indices(0x7f6f11439000n)).toEqual({ pgd: 254, pud: 444, pmd: 138, pte: 57, offset: 0 });
    expect(body[2]).toBe('00007f6f11439000 254 444 138  57   P · · X  0x137be8   [anon]');
    expect(body[3]).toBe('00007f6f1143b000 254 444 138  59   · S · ·  swap 2:7   [anon]');
    expect(body).toHaveLength(5);
    expect(checks).toEqual([
      {
        title: 'your splitAddress on these addresses',
        verdict: 'pass',
        lines: ['2 addresses split as the MMU splits them'],
      },
    ]);
  });

  it('fails against kata 8 when the learner’s indices are wrong', () => {
    const wrong: AddressKata = { splitAddress: (va) => ({ ...indices(va), pgd: 0 }) };
    const { checks } = pageRows(wrong, [read]);
    expect(checks[0]).toMatchObject({ verdict: 'fail', kata: 8 });
  });

  it('says "finish kata 8 first" while splitAddress is a stub, and shows no table', () => {
    const stub: AddressKata = {
      splitAddress: () => {
        throw new NotImplementedError('splitAddress');
      },
    };
    const { body, checks } = pageRows(stub, [read]);
    expect(body).toEqual([]);
    expect(checks[0]?.verdict).toBe('todo');
    expect(checks[0]?.lines.join(' ')).toMatch(/finish kata 8 first/);
  });
});
