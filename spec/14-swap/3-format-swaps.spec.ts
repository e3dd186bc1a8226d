import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSwaps, SWAPS_HEADER, type SwapArea } from '#kata/14-swap';
import { DIR, MANY, swaps } from './captures.ts';

const many = (): SwapArea[] => MANY.map((a) => ({ ...a }));

describe('formatSwaps', () => {
  it('prints only the header, tabs and all, when no swap is on (this machine, every day)', () => {
    expect(formatSwaps([])).toBe(swaps('swapfile/swaps-after-swapoff.txt'));
    expect(SWAPS_HEADER).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
  });

  it('prints a 2 GiB swap file byte for byte: 2097148 KiB (the first page is the header), priority −2', () => {
    expect(
      formatSwaps([{ path: '/var/tmp/memkata-hog/swapfile', kind: 'file', sizeKb: 2097148, usedKb: 0, priority: -2 }]),
    ).toBe(swaps('swapfile/swaps-swapfile.txt'));
  });

  it('prints ten awkward areas exactly as Linux 6.18 did: escapes, UTF-8, 39/40/41-byte paths, 8-digit sizes, a partition', () => {
    expect(formatSwaps(many())).toBe(swaps('areas/swaps-many.txt'));
  });

  it('prints the used KiB of the area the pages went to (256 KiB on the priority-5 area)', () => {
    const areas = many();
    (areas[3] as SwapArea).usedKb = 256;
    expect(formatSwaps(areas)).toBe(swaps('areas/swaps-used.txt'));
  });

  it('pads the escaped path to 40 bytes, not characters: "스왑\\040파일" is 16 bytes, so one space', () => {
    const line = formatSwaps([many()[3] as SwapArea]).split('\n')[1] as string;
    expect(line.startsWith(`${DIR}/스왑\\040파일 file\t\t`)).toBe(true);
    // 20 characters of path, 38 bytes: two spaces
    const path = `/${'é'.repeat(18)}/`;
    expect(formatSwaps([{ path, kind: 'file', sizeKb: 1, usedKb: 0, priority: 1 }]).split('\n')[1]).toBe(
      `${path}  file\t\t1\t\t0\t\t1`,
    );
  });

  it('gives a path of 40 bytes or more exactly one space', () => {
    const [, l39, l40, l41] = formatSwaps(many().slice(4, 7)).split('\n');
    expect(l39).toMatch(/^\/var\/tmp\/memkata-swaps\/p39-a{12} file/);
    expect(l40).toMatch(/^\/var\/tmp\/memkata-swaps\/p40-a{13} file/);
    expect(l41).toMatch(/^\/var\/tmp\/memkata-swaps\/p41-a{14} file/);
    const long = `/${'x'.repeat(200)}`;
    expect(formatSwaps([{ path: long, kind: 'file', sizeKb: 4, usedKb: 4, priority: -2 }])).toBe(
      `${SWAPS_HEADER}${long} file\t\t4\t\t4\t\t-2\n`,
    );
  });

  it('escapes space, tab, newline and backslash as \\040 \\011 \\012 \\134, and nothing else', () => {
    const line = formatSwaps([
      { path: '/a b\tc\nd\\e#f"g\'h', kind: 'file', sizeKb: 8, usedKb: 0, priority: -2 },
    ]).split('\n')[1];
    expect(line?.startsWith('/a\\040b\\011c\\012d\\134e#f"g\'h ')).toBe(true);
  });

  it('drops the second tab after a size or a used count of 10000000 KiB or more', () => {
    const text = formatSwaps([
      { path: '/dev/sdb2', kind: 'partition', sizeKb: 9999999, usedKb: 9999999, priority: -2 },
      { path: '/dev/sdc2', kind: 'partition', sizeKb: 10000000, usedKb: 10000000, priority: -3 },
      { path: '/dev/sdd2', kind: 'partition', sizeKb: 134217724, usedKb: 0, priority: 32767 },
    ]);
    expect(text.split('\n').slice(1, 4)).toEqual([
      `/dev/sdb2${' '.repeat(31)}partition\t9999999\t\t9999999\t\t-2`,
      `/dev/sdc2${' '.repeat(31)}partition\t10000000\t10000000\t-3`,
      `/dev/sdd2${' '.repeat(31)}partition\t134217724\t0\t\t32767`,
    ]);
  });

  it('prints the extreme priorities of a short, −32768 and 32767, and an area used to the last slot', () => {
    const text = formatSwaps([
      { path: '/a', kind: 'file', sizeKb: 8, usedKb: 8, priority: -32768 },
      { path: '/b', kind: 'file', sizeKb: 8, usedKb: 0, priority: 32767 },
    ]);
    expect(text.split('\n').slice(1, 3)).toEqual([
      `/a${' '.repeat(38)}file\t\t8\t\t8\t\t-32768`,
      `/b${' '.repeat(38)}file\t\t8\t\t0\t\t32767`,
    ]);
  });

  it('keeps the order it is given (the kernel lists areas by type, which is not swapon order after a swapoff)', () => {
    expect(formatSwaps([...many()].reverse()).split('\n')[1]).toMatch(/^\/dev\/loop0 /);
  });

  it.each([
    ['an empty path', { path: '' }],
    ['a path with NUL', { path: '/a\0b' }],
    ['a lone surrogate in the path', { path: '/a\ud800' }],
    ['a kind that is not file or partition', { kind: 'zram' as 'file' }],
    ['a negative size', { sizeKb: -4 }],
    ['a fractional size', { sizeKb: 4.5 }],
    ['used above the size', { usedKb: 70000 }],
    ['a size beyond 2^53', { sizeKb: 2 ** 53 }],
    ['a priority above 32767', { priority: 32768 }],
    ['a priority below −32768', { priority: -32769 }],
    ['a negative used count', { usedKb: -1 }],
    ['a path that is not a string', { path: 42 as unknown as string }],
    ['a fractional priority', { priority: 1.5 }],
  ])('throws RangeError for %s', (_, bad) => {
    expect(() => formatSwaps([{ ...(many()[0] as SwapArea), ...bad }])).toThrow(RangeError);
  });

  it('prints one line per area, each ending in its priority and a newline', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }).filter((p) => !p.includes('\0')),
            kind: fc.constantFrom('file' as const, 'partition' as const),
            sizeKb: fc.nat(2 ** 40),
            priority: fc.integer({ min: -32768, max: 32767 }),
          }),
          { maxLength: 8 },
        ),
        (rows) => {
          const areas = rows.map((r) => ({ ...r, usedKb: Math.floor(r.sizeKb / 3) }));
          const lines = formatSwaps(areas).split('\n');
          expect(lines).toHaveLength(areas.length + 2);
          expect(lines.at(-1)).toBe('');
          for (const [i, a] of areas.entries()) expect(lines[i + 1]?.endsWith(`\t${a.priority}`)).toBe(true);
        },
      ),
    );
  });
});
