import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSmapsRollup } from '#kata/03-smaps';
import { formatSmapsRollup } from '#kata/16-machine';
import { fixture, PROCESSES } from './captures.ts';

/** A rollup read off a capture: the range of its header and its fields in order. */
function rollupOf(text: string) {
  const [header = '', ...lines] = text.split('\n').filter((l) => l !== '');
  const [start = '', end = ''] = (header.split(' ')[0] ?? '').split('-');
  const fields = Object.fromEntries(
    lines.map((l) => [
      l.slice(0, l.indexOf(':')),
      Number(
        l
          .slice(l.indexOf(':') + 1)
          .replace('kB', '')
          .trim(),
      ),
    ]),
  );
  return { start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), fields };
}

describe('formatSmapsRollup', () => {
  it.each(PROCESSES)('prints /proc/PID/smaps_rollup of the captured %s byte for byte', (name) => {
    const text = fixture(`proc/${name}/smaps_rollup.txt`);
    expect(formatSmapsRollup(rollupOf(text))).toBe(text);
  });

  it('starts with a "---p" header named [rollup] at column 74, then "Key:" lines with the value ending at column 24', () => {
    expect(formatSmapsRollup({ start: 0x1000n, end: 0x7ffff7fff000n, fields: { Rss: 4, Pss: 1234567 } })).toBe(
      `00001000-7ffff7fff000 ---p 00000000 00:00 0${' '.repeat(30)}[rollup]\nRss:                   4 kB\nPss:             1234567 kB\n`,
    );
  });

  it('gives Private_Hugetlb its 17-column label and the value 7 columns, as smaps does', () => {
    const text = formatSmapsRollup({ start: 0n, end: 0n, fields: { Private_Hugetlb: 10485760, Shared_Hugetlb: 0 } });
    expect(text.split('\n').slice(1)).toEqual(['Private_Hugetlb: 10485760 kB', 'Shared_Hugetlb:        0 kB', '']);
  });

  it('is read back by your kata 03 parseSmapsRollup, range and fields', () => {
    const rollup = fc.record({
      start: fc.bigInt({ min: 0n, max: 0x7fffffffefffn }).map((v) => v & ~0xfffn),
      size: fc.bigInt({ min: 0n, max: 2n ** 32n }).map((v) => v & ~0xfffn),
      fields: fc.dictionary(
        fc.constantFrom('Rss', 'Pss', 'Pss_Dirty', 'Pss_Anon', 'Swap', 'SwapPss', 'Locked', 'Anonymous'),
        fc.nat(),
      ),
    });
    fc.assert(
      fc.property(rollup, ({ start, size, fields }) => {
        expect(parseSmapsRollup(formatSmapsRollup({ start, end: start + size, fields }))).toEqual({
          start,
          end: start + size,
          fields,
        });
      }),
    );
  });
});
