import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmem, type ProcessColumn, type SmemOptions } from '#kata/05-smem';
import { processesArb, words } from './process-arb.ts';
import { captures, measuredProcesses, output } from './trees.ts';

// Seed 000's `smem -t`, as printed on an Ubuntu host (the trailing spaces are smem's).
const SEED = [
  '  PID User     Command                         Swap      USS      PSS      RSS ',
  '1973892 ubuntu   -bash                              0     2336     2439     4540 ',
  ' 1396 ubuntu   /usr/local/bin/python -c fr        0     7584     7902     8864 ',
  '1975779 ubuntu   /usr/bin/python3 /usr/bin/s        0    14008    14392    17076 ',
  ' 1320 ubuntu   /usr/local/bin/python /usr/        0    23820    24171    25208 ',
  ' 1398 ubuntu   /usr/local/bin/python -c fr        0   111644   112683   114412 ',
  ' 1397 ubuntu   /usr/local/bin/python -c fr        0   111916   112955   114684 ',
  '-------------------------------------------------------------------------------',
  '    6 1                                           0   271308   274542   284784 ',
  '',
].join('\n');

const lab = measuredProcesses('swap-lab');
const pidsOf = (table: string) =>
  table
    .split('\n')
    .slice(1)
    .filter((line) => /^ *\d+ /.test(line))
    .map((line) => Number(words(line)[0]));

describe('formatSmem', () => {
  it("prints seed 000's `smem -t` table byte for byte, 7-digit PIDs and all", () => {
    expect(formatSmem(measuredProcesses('seed'), { totals: true })).toBe(SEED);
  });

  it.each(
    captures()
      .filter((c) => !c.users)
      .map((c) => [c.title, c] as const),
  )('prints what `%s` printed, byte for byte', (_, c) => {
    expect(formatSmem(measuredProcesses(c.tree), c.options as SmemOptions)).toBe(output(c.tree, c.file));
  });

  it('ends the header and every row with a space, as each format is followed by one', () => {
    const lines = formatSmem(lab).split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(line.endsWith(' ')).toBe(true);
  });

  it('leaves out a process without mappings (3100 had exited): 8 processes, not 9', () => {
    expect(lab.map((p) => p.pid)).toContain(3100);
    const table = formatSmem(lab, { totals: true });
    expect(pidsOf(table)).not.toContain(3100);
    expect(words(table.trimEnd().split('\n').at(-1)!)[0]).toBe('8');
  });

  it('orders processes with equal swap by PID (150, 877, 1203, 4242), whatever order they came in', () => {
    const order = [4242, 877, 1203, 150, 9999999, 2210, 3002, 3001, 3100];
    const shuffled = order.map((pid) => lab.find((p) => p.pid === pid)!);
    expect(pidsOf(formatSmem(shuffled, { sort: 'swap' })).slice(0, 4)).toEqual([150, 877, 1203, 4242]);
  });

  it('with -r, reverses the PID order of ties too: apache2 3002 before 3001', () => {
    expect(pidsOf(formatSmem(lab, { sort: 'swap', reverse: true })).slice(0, 3)).toEqual([9999999, 3002, 3001]);
  });

  it('prints the same table whatever order the processes come in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(lab, { minLength: lab.length }), (shuffled) => {
        expect(formatSmem(shuffled, { totals: true })).toBe(formatSmem(lab, { totals: true }));
      }),
    );
  });

  it('prints every process with mappings exactly once: the rows are a permutation of the input', () => {
    fc.assert(
      fc.property(processesArb, fc.constantFrom<ProcessColumn>('pid', 'user', 'swap', 'pss', 'rss'), (ps, sort) => {
        const rows = formatSmem(ps, { sort }).split('\n').slice(1, -1);
        const alone = ps.filter((p) => p.maps > 0).map((p) => formatSmem([p]).split('\n')[1]);
        expect([...rows].sort()).toEqual([...alone].sort());
      }),
    );
  });

  it('sorts the rows on the sort column, ascending, or descending with reverse', () => {
    const column = { swap: -4, uss: -3, pss: -2, rss: -1 } as const;
    fc.assert(
      fc.property(
        processesArb,
        fc.constantFrom('swap', 'uss', 'pss', 'rss' as const),
        fc.boolean(),
        (ps, sort, reverse) => {
          const values = formatSmem(ps, { sort, reverse })
            .split('\n')
            .slice(1, -1)
            .map((line) => Number(words(line).at(column[sort])));
          const ordered = [...values].sort((a, b) => (reverse ? b - a : a - b));
          expect(values).toEqual(ordered);
        },
      ),
    );
  });

  it('totals the rows: the number of processes, of distinct users, and the sum of each size', () => {
    fc.assert(
      fc.property(processesArb, (ps) => {
        const shown = ps.filter((p) => p.maps > 0);
        const sum = (pick: (p: (typeof shown)[number]) => number) => shown.reduce((s, p) => s + pick(p), 0);
        const lines = formatSmem(ps, { totals: true }).split('\n');
        expect(lines.at(-3)).toBe('-'.repeat(lines[0]!.length));
        expect(words(lines.at(-2)!).map(Number)).toEqual([
          shown.length,
          new Set(shown.map((p) => p.user)).size,
          sum((p) => p.swap),
          sum((p) => p.uss),
          sum((p) => p.pss),
          sum((p) => p.rss),
        ]);
      }),
    );
  });
});
