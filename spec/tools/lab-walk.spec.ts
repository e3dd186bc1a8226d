import { describe, expect, it } from 'vitest';
import * as addresses from '#kata/08-virtual-address';
import * as kata9 from '#kata/09-page-table';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { addressBox, flagNames, protectionReason, renderWalk } from '../../scripts/lab/page-walk.mjs';
import {
  buildTable,
  decodePagemap,
  exampleProcess,
  interestingAddresses,
  type ProcessPages,
  translateCheck,
  vmPteChecks,
  vmPteRule,
  walkPicture,
} from '../../scripts/lab/walk.mjs';

const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => [c.title, c.verdict]);

/** A table with the README's libc page (frame 0x137be8, writable) and THP (frame 0x132c00), PGD at frame 0x1000. */
function readmeTable() {
  let next = 0x1000;
  const table = new kata9.PageTable({ allocFrame: () => next++, freeFrame: () => {} });
  table.map(0x7f6f11439000n, 0x137be8, { write: true });
  table.map(0x7f6f10c00000n, 0x132c00, { huge: true, write: true });
  return table;
}
const picture = (
  table: kata9.PageTable,
  va: bigint,
  access: 'read' | 'write' | 'exec' = 'read',
  mode: 'user' | 'kernel' = 'user',
) =>
  renderWalk({
    va,
    parts: addresses.isCanonical(va) ? addresses.splitAddress(va) : undefined,
    steps: addresses.isCanonical(va) ? table.walk(va) : [],
    translation: table.translate(va, access, mode),
    access,
    mode,
  });

describe('renderWalk', () => {
  it('draws a 4 KiB walk: the indices, four table pages, the frame and the physical address', () => {
    expect(picture(readmeTable(), 0x7f6f11439123n)).toEqual([
      'read 0x00007f6f11439123 in user mode',
      '',
      '   47     39 38     30 29     21 20     12 11           0',
      '  ┌─────────┬─────────┬─────────┬─────────┬──────────────┐',
      '  │ PGD 254 │ PUD 444 │ PMD 138 │ PTE  57 │ offset 0x123 │',
      '  └─────────┴─────────┴─────────┴─────────┴──────────────┘',
      '',
      '  CR3 ──► PGD table at frame 0x1000',
      '          [254] 0x0000000001001067  P W U A D',
      '            └──► PUD table at frame 0x1001',
      '                 [444] 0x0000000001002067  P W U A D',
      '                   └──► PMD table at frame 0x1002',
      '                        [138] 0x0000000001003067  P W U A D',
      '                          └──► PTE table at frame 0x1003',
      '                               [57] 0x8000000137be8007  P W U NX',
      '                                 └──► 4 KiB page at frame 0x137be8',
      '',
      '  physical address = 0x137be8 × 4096 + 0x123 = 0x137be8123',
    ]);
  });

  it('ends a 2 MiB walk at the PMD and explains the 21-bit offset', () => {
    const lines = picture(readmeTable(), 0x7f6f10d23456n, 'write');
    expect(lines).toContain('                        [134] 0x8000000132c00087  P W U PS NX');
    expect(lines).toContain('                          └──► 2 MiB page at frame 0x132c00');
    expect(lines).toContain('  (a 2 MiB page: the PTE index and the offset together are the 21-bit offset 0x123456)');
    expect(lines.at(-1)).toBe('  physical address = 0x132c00 × 4096 + 0x123456 = 0x132d23456');
  });

  it('shows where a walk stops on an entry that is not present', () => {
    const lines = picture(readmeTable(), 0x7ffcf7980000n);
    expect(lines.slice(-3)).toEqual([
      '  CR3 ──► PGD table at frame 0x1000',
      '          [255] 0x0000000000000000  (not present)',
      "            └──✗ page fault (not present, at the PGD: the entry's P bit is clear)",
    ]);
  });

  it('names the reason of a protection fault', () => {
    expect(picture(readmeTable(), 0x7f6f11439000n, 'exec').at(-1)).toMatch(
      /└──✗ page fault \(protection, at the PTE: an instruction fetch from a no-execute page \(NX set\)\)$/,
    );
  });

  it('draws no table for a non-canonical address', () => {
    const lines = picture(readmeTable(), 0x800000000000n);
    expect(lines[0]).toBe('read 0x0000800000000000 in user mode');
    expect(lines[2]).toMatch(/^✗ not canonical/);
    expect(lines.some((l) => l.includes('CR3'))).toBe(false);
  });
});

describe('addressBox', () => {
  it('lines the bit numbers up with the cells', () => {
    const box = addressBox({ pgd: 511, pud: 511, pmd: 507, pte: 0, offset: 0 });
    const [ruler = '', ...rows] = box;
    expect(new Set(rows.map((l) => [...l].length)).size).toBe(1);
    expect(`${ruler} `.length).toBe([...(rows[0] ?? '')].length); // the ruler ends under the last cell's inside
    expect(ruler.indexOf('39') + 2).toBe((rows[0] ?? '').indexOf('┬'));
    expect(box[2]).toBe('│ PGD 511 │ PUD 511 │ PMD 507 │ PTE   0 │ offset   0x0 │');
  });
});

describe('flagNames', () => {
  it('names the set bits in bit order', () => {
    expect(flagNames(0x8000000137be8067n)).toBe('P W U A D NX');
    expect(flagNames(0x1e3n)).toBe('P W A D PS G');
    expect(flagNames(0n)).toBe('');
  });
});

describe('protectionReason', () => {
  it('says which right was missing, user/supervisor first as the CPU checks it', () => {
    expect(protectionReason(0x8000000000001001n, 'write', 'user')).toMatch(/user access to a kernel page/);
    expect(protectionReason(0x8000000000001005n, 'write', 'user')).toMatch(/write to a read-only page/);
    expect(protectionReason(0x8000000000001007n, 'exec', 'user')).toMatch(/no-execute/);
  });
});

describe('decodePagemap', () => {
  it('reads present pages with their frame, swapped pages, and skips untouched ones (live entries, reference §9.3)', () => {
    const entries = [0x8100000000137be8n, 0n, 0x8000000000003b32n, 0x4000000000000c20n, 0xa10000000012269bn];
    const { present, swapped } = decodePagemap(0x7f000, entries, 'rw-p');
    expect(present).toEqual([
      { vpn: 0x7f000, pfn: 0x137be8, write: true, exec: false },
      { vpn: 0x7f002, pfn: 0x3b32, write: true, exec: false },
      { vpn: 0x7f004, pfn: 0x12269b, write: true, exec: false },
    ]);
    expect(swapped).toEqual([{ vpn: 0x7f003, pfn: 0, write: true, exec: false }]);
  });

  it("takes the rights from the mapping's permissions", () => {
    expect(decodePagemap(1, [1n << 63n], 'r-xp').present).toEqual([{ vpn: 1, pfn: 0, write: false, exec: true }]);
  });
});

/** A vmpte capture (spec/fixtures/vmpte) as ProcessPages. */
function captured(name: string): ProcessPages & { vmPteKb: number } {
  const c = JSON.parse(fixture(`vmpte/${name}.json`)) as {
    vmPteKb: number;
    present: [string, number][];
    swapped: [string, number][];
    huge: string[];
  };
  const expand = (runs: [string, number][], pfn: number) =>
    runs.flatMap(([first, count]) =>
      Array.from({ length: count }, (_, i) => ({ vpn: Number.parseInt(first, 16) + i, pfn, write: true, exec: false })),
    );
  return {
    present: expand(c.present, 0),
    swapped: expand(c.swapped, 0),
    huge: new Set(c.huge.map((h) => Number.parseInt(h, 16))),
    vmPteKb: c.vmPteKb,
  };
}

describe('buildTable and vmPteRule', () => {
  it.each(['sleep', 'thp', 'pageout'])('reproduce the kernel VmPTE of the %s capture', (name) => {
    const pages = captured(name);
    expect(buildTable(kata9, pages).vmPteKb()).toBe(pages.vmPteKb);
    expect(vmPteRule(pages)).toBe(pages.vmPteKb);
  });

  it('maps a THP block as one 2 MiB page', () => {
    const table = buildTable(kata9, exampleProcess());
    expect(table.walk(0x7f6f10d23456n)).toHaveLength(3);
    expect(table.translate(0x7f6f10d23456n)).toEqual({
      kind: 'ok',
      pa: 0x132c00n * 4096n + 0x123456n,
      pageSize: 2097152,
    });
  });
});

describe('vmPteChecks', () => {
  it('passes when the table, the rule and the kernel agree', () => {
    expect(verdicts(vmPteChecks(48, 48, 48))).toEqual([
      ['vmPteKb()', 'pass'],
      ['VmPTE', 'pass'],
    ]);
  });

  it('fails kata 9 when the table counts otherwise than the rule', () => {
    const [check] = vmPteChecks(52, 48, 48);
    expect(check).toMatchObject({ verdict: 'fail', kata: 9 });
  });

  it('explains a kernel that keeps empty tables, without blaming the kata', () => {
    const [, check] = vmPteChecks(52, 52, 56);
    expect(check?.verdict).toBe('note');
    expect(check?.lines[0]).toBe('the kernel: 56 kB, 1 table page more than the pages need.');
  });

  it('has nothing to say about the kernel for the built-in example', () => {
    expect(vmPteChecks(12, 12, undefined)).toHaveLength(1);
  });
});

describe('translateCheck', () => {
  const pages: ProcessPages = {
    present: [{ vpn: 0x7f6f11439, pfn: 0x137be8, write: true, exec: false }],
    swapped: [],
    huge: new Set(),
  };

  it('passes when every known frame translates back', () => {
    expect(translateCheck(buildTable(kata9, pages), pages).verdict).toBe('pass');
  });

  it('fails with the first page that translates elsewhere', () => {
    const wrong = { translate: () => ({ kind: 'ok', pa: 0x1000n, pageSize: 4096 }) };
    const check = translateCheck(wrong, pages);
    expect(check.verdict).toBe('fail');
    expect(check.lines[0]).toBe('translate(0x7f6f11439123) gave 0x1000; pagemap says frame 0x137be8, so 0x137be8123');
  });

  it('only notes when pagemap hides the frames', () => {
    const hidden = { ...pages, present: [{ ...pages.present[0]!, pfn: 0 }] };
    expect(translateCheck(buildTable(kata9, hidden), hidden).verdict).toBe('note');
  });
});

describe('walkPicture', () => {
  it("turns an unwritten kata into 'finish kata 9 first'", () => {
    const stub = {
      walk: () => {
        throw new NotImplementedError('PageTable.walk');
      },
      translate: () => ({}),
    };
    const result = walkPicture(
      addresses,
      stub,
      0x1000n,
      'read',
      new Map([['PageTable.walk', 'katas/09-page-table/page-table.ts']]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.check).toMatchObject({ verdict: 'todo', kata: 9 });
  });
});

describe('interestingAddresses', () => {
  it("picks a real process's text, heap, stack top and vsyscall page", () => {
    expect(interestingAddresses(fixture('proc/sleep/maps.txt'))).toEqual([
      { va: 0x555a29c63010n, what: 'text of /usr/bin/sleep' },
      { va: 0x555a5fe6b000n, what: 'the heap' },
      { va: 0x7ffcda659000n, what: 'the top page of the stack' },
      { va: 0xffffffffff600000n, what: '[vsyscall]: listed in maps, but no table maps it (the kernel emulates it)' },
    ]);
  });
});

describe("kata 9's README", () => {
  it('shows the walk `npm run lab -- walk --example --solution` draws for the heap write', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../katas/09-page-table/README.md', import.meta.url), 'utf8');
    const block = /```\n(write 0x0000555a5fe6b008[\s\S]*?)\n```/.exec(readme)?.[1];
    const example = exampleProcess();
    const table = buildTable(kata9, example, 0x1000);
    const heap = example.addresses.find((a) => a.what === 'the heap');
    expect(heap).toBeDefined();
    const drawn = walkPicture(addresses, table, heap?.va ?? 0n, 'write', new Map());
    expect(drawn.ok && drawn.value.join('\n')).toBe(block);
  });
});
