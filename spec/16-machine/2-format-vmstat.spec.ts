import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVmstat, VMSTAT_NAMES } from '#kata/16-machine';
import { fixture, readVmstat, VMSTAT_CAPTURES } from './captures.ts';

describe('formatVmstat', () => {
  it.each(VMSTAT_CAPTURES)('prints %s byte for byte from its own counters', (path) => {
    const text = fixture(path);
    expect(formatVmstat(readVmstat(text))).toBe(text);
  });

  it("prints Linux 6.18's 192 counters (VMSTAT_NAMES) in the capture's order", () => {
    const zeros = Object.fromEntries(VMSTAT_NAMES.map((name) => [name, 0]));
    const names = formatVmstat(zeros)
      .trimEnd()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    expect(names).toEqual(Object.keys(readVmstat(fixture(VMSTAT_CAPTURES[1]))));
  });

  it('writes "name value" with one space, no padding', () => {
    expect(formatVmstat({ nr_free_pages: 3840, pswpout: 0 })).toBe('nr_free_pages 3840\npswpout 0\n');
  });

  it.each([-1, 0.5, Number.NaN, 2 ** 53])('refuses %s with a RangeError that names the counter', (bad) => {
    expect(() => formatVmstat({ pgfault: 1, pswpin: bad })).toThrow(RangeError);
    expect(() => formatVmstat({ pgfault: 1, pswpin: bad })).toThrow(/pswpin/);
  });

  it('keeps every counter and its order: read back line by line, it is the same record', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,20}$/), fc.nat()), (vmstat) => {
        expect(readVmstat(formatVmstat(vmstat))).toEqual(vmstat);
        expect(formatVmstat(vmstat).split('\n').length).toBe(Object.keys(vmstat).length + 1);
      }),
    );
  });
});
