import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFree, type FreeOptions, type FreeReport, formatFree, parseMeminfo } from '#kata/02-free';
import { EDGE_INPUTS, type FreeCapture, fixture, freeCaptures, REFERENCE_INPUTS, reportFromKwltv } from './captures.ts';

const render = ({ meminfoPath, options }: FreeCapture) =>
  formatFree(computeFree(parseMeminfo(fixture(meminfoPath))), options);

const report = fc.record({
  mem: fc.record({
    total: fc.nat(2 ** 40),
    used: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    free: fc.nat(2 ** 40),
    shared: fc.nat(2 ** 40),
    buffers: fc.nat(2 ** 40),
    cache: fc.nat(2 ** 40),
    buffCache: fc.nat(2 ** 40),
    available: fc.nat(2 ** 40),
  }),
  low: fc.record({ total: fc.nat(2 ** 40), used: fc.nat(2 ** 40), free: fc.nat(2 ** 40) }),
  high: fc.record({ total: fc.nat(2 ** 40), used: fc.nat(2 ** 40), free: fc.nat(2 ** 40) }),
  swap: fc.record({ total: fc.nat(2 ** 40), used: fc.nat(2 ** 40), free: fc.nat(2 ** 40) }),
  total: fc.record({ total: fc.nat(2 ** 40), used: fc.nat(2 ** 40), free: fc.nat(2 ** 40) }),
  commit: fc.record({
    limit: fc.nat(2 ** 40),
    committed: fc.nat(2 ** 40),
    available: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  }),
}) satisfies fc.Arbitrary<FreeReport>;

const options = fc.record(
  {
    unit: fc.constantFrom('b' as const, 'k' as const, 'm' as const, 'g' as const, 't' as const, 'p' as const),
    si: fc.boolean(),
    human: fc.boolean(),
    wide: fc.boolean(),
    lohi: fc.boolean(),
    totals: fc.boolean(),
    committed: fc.boolean(),
    locale: fc.constantFrom('en' as const, 'ko' as const),
  },
  { requiredKeys: [] },
) satisfies fc.Arbitrary<FreeOptions>;

describe('formatFree', () => {
  it.each(freeCaptures('free', REFERENCE_INPUTS))('prints exactly what $title printed', (capture) => {
    expect(render(capture)).toBe(fixture(capture.path));
  });

  it.each(freeCaptures('free/edge', EDGE_INPUTS))('prints exactly what $title printed (edge case)', (capture) => {
    expect(render(capture)).toBe(fixture(capture.path));
  });

  it.each(['k', 'w', 'h'])('prints what free -%s printed in the same instant as a live /proc/meminfo', (option) => {
    const options: FreeOptions = option === 'k' ? { unit: 'k' } : option === 'w' ? { wide: true } : { human: true };
    const report = computeFree(parseMeminfo(fixture('free/live-pair/meminfo.txt')));
    expect(formatFree(report, options)).toBe(fixture(`free/live-pair/free-${option}.txt`));
  });

  it.each([...REFERENCE_INPUTS.map((name) => ['free', name]), ...EDGE_INPUTS.map((name) => ['free/edge', name])])(
    'prints every captured output of %s/%s from the numbers of its free -k -w -l -t -v capture',
    (folder, input) => {
      const numbers = reportFromKwltv(fixture(`${folder}/outputs/${input}/free_kwltv.txt`));
      const captures = freeCaptures(folder as 'free' | 'free/edge', [input]);
      const wrong = captures.filter((c) => formatFree(numbers, c.options) !== fixture(c.path)).map((c) => c.title);
      expect(wrong).toEqual([]);
    },
  );

  it('pads the Korean labels by display width: 메모리: and 스  왑: are 7 columns wide, so 2 spaces follow', () => {
    const numbers = reportFromKwltv(fixture('free/outputs/swap16g/free_kwltv.txt'));
    const lines = formatFree(numbers, { locale: 'ko', lohi: true, totals: true, committed: true }).split('\n');
    expect(lines.slice(1, 7).map((line) => line.slice(0, line.indexOf(':') + 3))).toEqual([
      '메모리:  ',
      '하  위:  ',
      '상  위:  ',
      '스  왑:  ',
      '총  계:  ',
      '커  밋:  ',
    ]);
  });

  it('prints the header, Mem, [Low, High], Swap, [Total], [Comm], each ending in a newline', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        const text = formatFree(r, o);
        const labels = text
          .split('\n')
          .slice(1, -1)
          .map((line) => line.slice(0, line.indexOf(':') + 1).replace(/\s/g, ''));
        const en = ['Mem:', ...(o.lohi ? ['Low:', 'High:'] : []), 'Swap:', ...(o.totals ? ['Total:'] : [])];
        const ko = ['메모리:', ...(o.lohi ? ['하위:', '상위:'] : []), '스왑:', ...(o.totals ? ['총계:'] : [])];
        const expected = [
          ...(o.locale === 'ko' ? ko : en),
          ...(o.committed ? [o.locale === 'ko' ? '커밋:' : 'Comm:'] : []),
        ];
        return text.endsWith('\n') && JSON.stringify(labels) === JSON.stringify(expected);
      }),
    );
  });

  it('right-aligns every cell in 11 columns after a 9-column label, one space apart, a wider cell pushing the rest', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        const rows = formatFree(r, { ...o, locale: 'en' })
          .split('\n')
          .slice(1, -1);
        // English labels are ASCII, so columns are characters. A cell wider than 11 (-b of a large size) is
        // printed whole and moves the later cells right: rebuilding each row from its own cells must give it back.
        return rows.every((row) => {
          const label = row.slice(0, row.indexOf(':') + 1);
          const cells = row.slice(label.length).trim().split(/ +/);
          const width = cells.length === (row.startsWith('Mem:') ? (o.wide ? 7 : 6) : 3);
          const rebuilt = label.padEnd(9) + cells.map((cell, i) => (i === 0 ? '' : ' ') + cell.padStart(11)).join('');
          return width && rebuilt === row;
        });
      }),
    );
  });
});
