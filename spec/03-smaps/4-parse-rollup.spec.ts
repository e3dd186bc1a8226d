import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseSmapsRollup } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES, readRollupFields, readSmaps, realVmas } from './captures.ts';

const ROLLUP_KEYS = [
  'Rss',
  'Pss',
  'Pss_Dirty',
  'Pss_Anon',
  'Pss_File',
  'Pss_Shmem',
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
];

describe('parseSmapsRollup', () => {
  it("reads the fixture process's rollup: its range and every sum", () => {
    const rollup = parseSmapsRollup(fixture('proc/fixture/smaps_rollup.txt'));
    expect(rollup.start).toBe(0x55cde9519000n);
    expect(rollup.end).toBe(0x7ffcf79a1000n);
    expect(Object.keys(rollup.fields)).toEqual(ROLLUP_KEYS);
    expect(rollup.fields).toMatchObject({
      Rss: 3572,
      Pss: 2474,
      Pss_Anon: 2236,
      Pss_File: 230,
      Pss_Shmem: 8,
      AnonHugePages: 2048,
      Locked: 16,
    });
  });

  it("reads the zoo's Private_Hugetlb of 10485760 kB, printed one column wider than the others", () => {
    const text = fixture('smaps/zoo/smaps_rollup.txt');
    expect(text).toContain('\nPrivate_Hugetlb: 10485760 kB\n');
    expect(parseSmapsRollup(text).fields).toMatchObject({ Private_Hugetlb: 10485760, Shared_Hugetlb: 2048, KSM: 128 });
  });

  it.each(CAPTURES)('spans the first VMA to the last, leaving out [vsyscall] ($dir)', ({ smaps, rollup }) => {
    const vmas = realVmas(readSmaps(smaps));
    const read = parseSmapsRollup(rollup);
    expect([read.start, read.end]).toEqual([vmas[0]!.start, vmas.at(-1)!.end]);
    expect(read.fields).toEqual(readRollupFields(rollup));
  });

  it('reads the rollup of a process without mappings: 00000000-00000000, all zero', () => {
    const empty = `00000000-00000000 ---p 00000000 00:00 0                          [rollup]\n${ROLLUP_KEYS.map(
      (k) => `${`${k}:`.padEnd(16)}${'0'.padStart(8)} kB\n`,
    ).join('')}`;
    const rollup = parseSmapsRollup(empty);
    expect([rollup.start, rollup.end, rollup.fields.Rss]).toEqual([0n, 0n, 0]);
  });

  it.each([
    ['', 'an empty file'],
    ['Rss:                3572 kB\n', 'no header'],
    [fixture('proc/fixture/smaps.txt'), 'an smaps file, whose first header is not [rollup]'],
    [`${fixture('proc/fixture/smaps_rollup.txt')}VmFlags: rd \n`, 'a VmFlags line'],
    [`${fixture('proc/fixture/smaps_rollup.txt')}THPeligible:           0\n`, 'a THPeligible line'],
    [`${fixture('proc/fixture/smaps_rollup.txt')}Rss:                   1 kB\n`, 'Rss twice'],
    [
      fixture('proc/fixture/smaps_rollup.txt').replace('Locked:               16 kB', 'Locked:               16'),
      'a missing unit',
    ],
  ])('throws ParseError for %#: %s', (text) => {
    expect(() => parseSmapsRollup(text)).toThrow(ParseError);
  });

  it('names the line of the error: 1 for the header, the line itself for a field', () => {
    const rollup = fixture('proc/fixture/smaps_rollup.txt');
    const lines = rollup.split('\n');
    const lineOf = (text: string): number => {
      try {
        parseSmapsRollup(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        return (error as ParseError).line;
      }
      return expect.unreachable('parseSmapsRollup should have thrown');
    };
    const withLine = (index: number, line: string) => lines.map((l, i) => (i === index ? line : l)).join('\n');
    expect(lineOf(fixture('proc/fixture/smaps.txt'))).toBe(1);
    expect(lineOf(withLine(0, 'not a header'))).toBe(1);
    expect(lineOf(withLine(5, 'Pss_File:            230'))).toBe(6);
    expect(lineOf(withLine(12, 'VmFlags: rd '))).toBe(13);
    expect(lineOf(`${rollup}Rss:                   1 kB\n`)).toBe(lines.length);
    expect(lineOf(withLine(20, ''))).toBe(21);
  });

  it("reads a rollup without its final newline, and with a newer kernel's field", () => {
    const rollup = fixture('proc/fixture/smaps_rollup.txt');
    expect(parseSmapsRollup(rollup.trimEnd()).fields.Locked).toBe(16);
    expect(parseSmapsRollup(`${rollup}Pss_Future:            7 kB\n`).fields.Pss_Future).toBe(7);
  });

  it('returns a rollup or throws ParseError for every cut and edit of a real rollup (fuzz)', () => {
    const texts = CAPTURES.map((c) => c.rollup);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.string({ maxLength: 8 }), (text, at, insert) => {
        const cut = at % (text.length + 1);
        for (const input of [text.slice(0, cut), text.slice(0, cut) + insert + text.slice(cut), insert]) {
          try {
            const rollup = parseSmapsRollup(input);
            if (typeof rollup.start !== 'bigint' || rollup.end < rollup.start) return false;
          } catch (error) {
            if (!(error instanceof ParseError) || error.line < 1 || error.line > input.split('\n').length) return false;
          }
        }
        return true;
      }),
    );
  });
});
