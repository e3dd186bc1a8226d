import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { formatMeminfo, MEMINFO_NAMES } from '#kata/16-machine';
import { readMeminfo } from '#support/meminfo';
import { fixture, MEMINFO_CAPTURES } from './captures.ts';

describe('formatMeminfo', () => {
  it.each(MEMINFO_CAPTURES)('prints %s byte for byte from its own numbers', (path) => {
    const text = fixture(path);
    expect(formatMeminfo(readMeminfo(text))).toBe(text);
  });

  it('pads the name and colon to 16 columns and the KiB to 8, then " kB"', () => {
    expect(formatMeminfo({ MemTotal: 1032192, Cached: 0 })).toBe(
      'MemTotal:        1032192 kB\nCached:                0 kB\n',
    );
  });

  it('lets a value wider than 8 push " kB" right, as VmallocTotal does', () => {
    expect(formatMeminfo({ VmallocTotal: 34359738367 })).toBe('VmallocTotal:   34359738367 kB\n');
  });

  it('prints the HugePages_* counts without a unit: label to 19 columns, value in 5 (not 8), even past 99999', () => {
    expect(formatMeminfo({ HugePages_Total: 0, HugePages_Free: 7, HugePages_Rsvd: 123456, HugePages_Surp: 12 })).toBe(
      'HugePages_Total:       0\nHugePages_Free:        7\nHugePages_Rsvd:    123456\nHugePages_Surp:       12\n',
    );
  });

  it('keeps Hugepagesize and Hugetlb in kB: only the four HugePages_ counts lose the unit', () => {
    expect(formatMeminfo({ Hugepagesize: 2048, Hugetlb: 0 })).toBe(
      'Hugepagesize:       2048 kB\nHugetlb:               0 kB\n',
    );
  });

  it('prints the lines in the order of the record, and nothing for an empty one', () => {
    expect(formatMeminfo({ MemFree: 1, MemTotal: 2 })).toBe(
      'MemFree:               1 kB\nMemTotal:              2 kB\n',
    );
    expect(formatMeminfo({})).toBe('');
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY])(
    'refuses %s with a RangeError that names the line',
    (bad) => {
      expect(() => formatMeminfo({ MemTotal: 4, MemFree: bad })).toThrow(RangeError);
      expect(() => formatMeminfo({ MemTotal: 4, MemFree: bad })).toThrow(/MemFree/);
    },
  );

  it("is read back by your kata 02 parseMeminfo: every one of Linux 6.18's lines, any value", () => {
    const record = fc.record(
      Object.fromEntries(MEMINFO_NAMES.map((name) => [name, fc.nat({ max: 2 ** 40 })])) as Record<
        string,
        fc.Arbitrary<number>
      >,
    );
    fc.assert(
      fc.property(record, (meminfo) => {
        expect(parseMeminfo(formatMeminfo(meminfo))).toEqual(meminfo);
      }),
    );
  });
});
