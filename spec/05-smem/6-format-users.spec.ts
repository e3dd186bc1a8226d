import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmemUsers, type SmemOptions, type UserColumn } from '#kata/05-smem';
import { processesArb, words } from './process-arb.ts';
import { captures, measuredProcesses, output } from './trees.ts';

const lab = measuredProcesses('swap-lab');
const usersOf = (table: string) =>
  table
    .split('\n')
    .slice(1, -1)
    .filter((line) => !line.startsWith('-'))
    .map((line) => words(line)[0]);

describe('formatSmemUsers', () => {
  it.each(
    captures()
      .filter((c) => c.users)
      .map((c) => [c.title, c] as const),
  )('prints what `%s` printed, byte for byte', (_, c) => {
    expect(formatSmemUsers(measuredProcesses(c.tree), c.options as SmemOptions<UserColumn>)).toBe(
      output(c.tree, c.file),
    );
  });

  it("adds up root's two processes in one row: count 2, USS 144 + 2272 = 2416", () => {
    const root = formatSmemUsers(lab)
      .split('\n')
      .find((line) => line.startsWith('root '))!;
    expect(words(root)).toEqual(['root', '2', '0', '2416', '2760', '5232']);
  });

  it('orders users with equal PSS by name: systemd-network before www-data', () => {
    const users = usersOf(formatSmemUsers(lab));
    expect(users.indexOf('systemd-network')).toBe(users.indexOf('www-data') - 1);
  });

  it('sorts on PSS when asked for VSS, as smem 1.5 does (its -u vss column reads pss)', () => {
    expect(formatSmemUsers(lab, { sort: 'vss' })).toBe(formatSmemUsers(lab, { sort: 'pss' }));
  });

  it('prints one row per user that has a process with mappings', () => {
    fc.assert(
      fc.property(processesArb, (ps) => {
        const users = usersOf(formatSmemUsers(ps));
        expect([...users].sort()).toEqual([...new Set(ps.filter((p) => p.maps > 0).map((p) => p.user))].sort());
      }),
    );
  });

  it('totals the users: the number of processes and the sum of each size, no user count', () => {
    fc.assert(
      fc.property(processesArb, (ps) => {
        const shown = ps.filter((p) => p.maps > 0);
        const sum = (pick: (p: (typeof shown)[number]) => number) => shown.reduce((s, p) => s + pick(p), 0);
        const lines = formatSmemUsers(ps, { totals: true }).split('\n');
        expect(lines.at(-3)).toBe('-'.repeat(lines[0]!.length));
        expect(lines.at(-2)!.slice(0, 9)).toBe(' '.repeat(9));
        expect(words(lines.at(-2)!).map(Number)).toEqual([
          shown.length,
          sum((p) => p.swap),
          sum((p) => p.uss),
          sum((p) => p.pss),
          sum((p) => p.rss),
        ]);
      }),
    );
  });
});
