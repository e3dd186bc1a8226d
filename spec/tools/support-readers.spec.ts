import { describe, expect, it } from 'vitest';
import { fixture } from '#support/fixtures';
import { readMeminfo } from '#support/meminfo';
import { readSmaps, sumField } from '#support/smaps';

describe('readMeminfo', () => {
  it('reads a real /proc/meminfo into a record of numbers, HugePages counts as counts', () => {
    const meminfo = readMeminfo(fixture('free/meminfo/live.txt'));
    expect(meminfo.MemTotal).toBe(24683656);
    expect(meminfo.HugePages_Total).toBe(0);
    expect(Object.keys(meminfo).length).toBeGreaterThan(40);
  });

  it('refuses a line that is not "Name: value", naming it', () => {
    expect(() => readMeminfo('MemTotal: 1 kB\nnonsense\n')).toThrow('meminfo line 2');
  });
});

describe('readSmaps', () => {
  it('reads every mapping of a real smaps, whose Rss sums to the rollup', () => {
    const entries = readSmaps(fixture('proc/sleep/smaps.txt'));
    const rollup = readSmaps(fixture('proc/sleep/smaps_rollup.txt'));
    expect(entries.at(-1)?.pathname).toBe('[vsyscall]');
    expect(entries.at(-1)?.start).toBe(0xffffffffff600000n);
    const mapped = entries.filter((e) => e.pathname !== '[vsyscall]');
    expect(sumField(mapped, 'Rss')).toBe(rollup[0]?.fields.Rss);
    expect(entries[0]?.vmFlags).toContain('rd');
  });

  it('refuses a line that is neither a header nor a field, naming it', () => {
    expect(() => readSmaps('00400000-00401000 r--p 00000000 fe:00 1 /bin/x\njunk here\n')).toThrow('smaps line 2');
  });
});
