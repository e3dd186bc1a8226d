import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FreeOptions, type FreeReport, formatFree, ParseError, parseFree, scaleSize } from '#kata/02-free';
import { EDGE_INPUTS, fixture, freeCaptures, OPTION_SETS, REFERENCE_INPUTS } from './captures.ts';

const captures = [...freeCaptures('free', REFERENCE_INPUTS), ...freeCaptures('free/edge', EDGE_INPUTS)];
const EN_HEADER = ['total', 'used', 'free', 'shared', 'buff/cache', 'available'];
const EN_WIDE = ['total', 'used', 'free', 'shared', 'buffers', 'cache', 'available'];
const KO_HEADER = ['총계', '사용', '여분', '공유', '버퍼/캐시', '가용'];
const KO_WIDE = ['총계', '사용', '여분', '공유', '버퍼', '캐시', '가용'];

// The seed's own `free` (seed 001): procps 3.3, a 14-space header, and the old Korean label 스왑:.
const SEED_001 = [
  '              total        used        free      shared  buff/cache   available',
  'Mem:        8040056     1075880     1975472      270580     4988704     6492900',
  '스왑:     1048572       89160      959412',
  '',
].join('\n');

function parseErrorLine(text: string): number | undefined {
  try {
    parseFree(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

function valueOrParseError(text: string): boolean {
  try {
    const { header, rows } = parseFree(text);
    return header.length >= 6 && Array.isArray(rows.Mem);
  } catch (error) {
    return error instanceof ParseError && error.line >= 1 && error.line <= text.split('\n').length;
  }
}

const kib = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const three = fc.record({ total: kib, used: kib, free: kib });
const report: fc.Arbitrary<FreeReport> = fc.record({
  mem: fc.record({
    total: kib,
    used: kib,
    free: kib,
    shared: kib,
    buffers: kib,
    cache: kib,
    buffCache: kib,
    available: kib,
  }),
  low: three,
  high: three,
  swap: three,
  total: three,
  commit: fc.record({ limit: kib, committed: kib, available: kib }),
});
const options: fc.Arbitrary<FreeOptions> = fc.record(
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
);

describe('parseFree', () => {
  it('reads free -k -w -l -t -v back, every cell as printed', () => {
    expect(parseFree(fixture('free/outputs/live/free_kwltv.txt'))).toEqual({
      header: EN_WIDE,
      rows: {
        Mem: ['24683656', '373680', '22678072', '8896', '36020', '1866216', '24309976'],
        Low: ['24683656', '2005584', '22678072'],
        High: ['0', '0', '0'],
        Swap: ['0', '0', '0'],
        Total: ['24683656', '373680', '22678072'],
        Comm: ['12341828', '57212', '12284616'],
      },
    });
  });

  it('reads Korean output with English row names: 메모리 → Mem, 스  왑 → Swap', () => {
    expect(parseFree(fixture('free/outputs/live/free_h_ko.txt'))).toEqual({
      header: KO_HEADER,
      rows: { Mem: ['23Gi', '364Mi', '21Gi', '8.7Mi', '1.8Gi', '23Gi'], Swap: ['0B', '0B', '0B'] },
    });
  });

  it.each(Object.entries(OPTION_SETS))('reads free_%s the same in English and Korean', (key) => {
    for (const input of REFERENCE_INPUTS) {
      const en = parseFree(fixture(`free/outputs/${input}/free_${key}.txt`));
      const ko = parseFree(fixture(`free/outputs/${input}/free_${key}_ko.txt`));
      expect(ko.rows).toEqual(en.rows);
      const wide = en.header.length === 7;
      expect([en.header, ko.header]).toEqual(wide ? [EN_WIDE, KO_WIDE] : [EN_HEADER, KO_HEADER]);
    }
  });

  it.each(captures)('reads $title back with the rows it printed', (capture) => {
    const { rows, header } = parseFree(fixture(capture.path));
    const o = capture.options;
    const names = ['Mem', ...(o.lohi ? ['Low', 'High'] : []), 'Swap', ...(o.totals ? ['Total'] : [])];
    expect(Object.keys(rows).sort()).toEqual([...names, ...(o.committed ? ['Comm'] : [])].sort());
    expect(header).toHaveLength(o.wide ? 7 : 6);
    expect(rows.Mem).toHaveLength(o.wide ? 7 : 6);
  });

  it("reads the seed's procps 3.3 output, whose Swap row is labelled 스왑: (an older translation)", () => {
    expect(parseFree(SEED_001)).toEqual({
      header: EN_HEADER,
      rows: {
        Mem: ['8040056', '1075880', '1975472', '270580', '4988704', '6492900'],
        Swap: ['1048572', '89160', '959412'],
      },
    });
  });

  it('reads the live Korean free -w -t -l and the negative Comm cell of an overcommitted machine', () => {
    expect(parseFree(fixture('free/live-formats/free-wtl-ko.txt')).rows.Total).toEqual([
      '24683656',
      '499940',
      '22547132',
    ]);
    expect(parseFree(fixture('free/edge/outputs/seed001/free_hwltv.txt')).rows.Comm).toEqual([
      '4.8Gi',
      '7.9Gi',
      '-3Gi',
    ]);
  });

  it('reads CRLF line endings', () => {
    expect(parseFree(SEED_001.replaceAll('\n', '\r\n')).rows.Swap).toEqual(['1048572', '89160', '959412']);
  });

  it('skips the blank line free -s prints after a report, also as a CRLF line, and lines of blanks', () => {
    const report = fixture('free/outputs/live/free_default.txt');
    const expected = parseFree(report);
    expect(parseFree(`${report}\n`)).toEqual(expected);
    expect(parseFree(`${report}\n`.replaceAll('\n', '\r\n'))).toEqual(expected);
    expect(parseFree(`\n \t\n${report.replace('\nSwap:', '\n   \nSwap:')}`)).toEqual(expected);
  });

  it.each([
    ['', 1, 'an empty text'],
    [fixture('free/live-formats/free-k-c2.txt'), 5, 'two reports (free -c 2): the second header'],
    ['Mem:        8040056     1075880\n', 1, 'a row before the header'],
    ['               total        used        free\n', 1, 'a header of 3 columns'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 6\nFoo: 1 2 3\n`, 3, 'an unknown label'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 6\nMem: 1 2 3 4 5 6\n`, 3, 'a row twice'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5\n`, 2, 'a Mem row one cell short'],
    [`${EN_WIDE.join(' ')}\nMem: 1 2 3 4 5 6\n`, 2, 'a wide header with a narrow Mem row'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 6\nSwap: 1 2 3 4\n`, 3, 'a Swap row with 4 cells'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 12X\n`, 2, 'a cell that is not a size'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 x12\n`, 2, 'a cell with junk before the number'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 1.25Gi\n`, 2, 'a cell with two decimals'],
    [`${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 1KiB\n`, 2, 'a cell with a unit free does not print'],
    ['\n  \n\n', 1, 'only blank lines'],
    ['Mem:        8040056     1075880     1975472      270580     4988704     6492900\n', 1, 'a Mem row first'],
    [`: ${EN_HEADER.join(' ')}\nMem: 1 2 3 4 5 6\n`, 1, 'a header that starts with a colon'],
  ])('throws ParseError for %j on line %i (%s)', (text, line) => {
    expect(() => parseFree(text)).toThrow(ParseError);
    expect(parseErrorLine(text)).toBe(line);
  });

  it('throws ParseError for a text without a Mem row', () => {
    expect(() => parseFree(`${EN_HEADER.join(' ')}\nSwap: 1 2 3\n`)).toThrow(ParseError);
  });

  it('gives back every cell formatFree printed, in English and Korean', () => {
    fc.assert(
      fc.property(report, options, (r, o) => {
        const cell = (size: number) => scaleSize(size, { unit: o.unit, si: o.si, human: o.human });
        const cells = (line: { total: number; used: number; free: number }) =>
          [line.total, line.used, line.free].map(cell);
        const m = r.mem;
        const mem = o.wide
          ? [m.total, m.used, m.free, m.shared, m.buffers, m.cache, m.available]
          : [m.total, m.used, m.free, m.shared, m.buffCache, m.available];
        expect(parseFree(formatFree(r, o)).rows).toEqual({
          Mem: mem.map(cell),
          ...(o.lohi ? { Low: cells(r.low), High: cells(r.high) } : {}),
          Swap: cells(r.swap),
          ...(o.totals ? { Total: cells(r.total) } : {}),
          ...(o.committed ? { Comm: [r.commit.limit, r.commit.committed, r.commit.available].map(cell) } : {}),
        });
      }),
    );
  });

  it('returns rows or throws ParseError with a line, whatever the text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), valueOrParseError));
    const line = fc.oneof(
      fc.constantFrom(...EN_HEADER, ...KO_HEADER, 'Mem:', '스  왑:', 'Swap:', 'Comm:', '\r', ''),
      fc.stringMatching(/^-?\d{0,25}(\.\d)?[BKMGTP]?i?$/),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(line, { maxLength: 9 }).map((words) => words.join(' ')),
          { maxLength: 8 },
        ),
        (lines) => valueOrParseError(lines.join('\n')),
      ),
    );
  });

  it('returns rows or throws ParseError with a line for a real capture cut off anywhere (fuzz)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), fc.nat(), fc.boolean(), (capture, cut, crlf) => {
        const text = fixture(capture.path);
        const truncated = text.slice(0, cut % (text.length + 1));
        return valueOrParseError(crlf ? truncated.replaceAll('\n', '\r\n') : truncated);
      }),
    );
  });
});
