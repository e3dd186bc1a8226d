import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../scripts/lib/cli.mjs';
import { locateExport } from '../../scripts/lib/locate.mjs';
import { progressRows, renderProgress } from '../../scripts/lib/progress-table.mjs';
import { parseDiagnostics } from '../../scripts/lib/typecheck.mjs';
import { runOf, spec } from './builders.ts';

describe('parseArgs', () => {
  it('separates words and flags, with values for the flags that take one', () => {
    expect(parseArgs(['3', '--watch', '--tier', '2', '--proc=/x', '-h'], ['tier'])).toEqual({
      positional: ['3'],
      flags: { watch: true, tier: '2', proc: '/x', h: true },
    });
  });
});

describe('locateExport', () => {
  it('points at the notImplemented line of a stub', () => {
    expect(locateExport('katas/01-pages-and-units', 'parseHex')).toMatch(/^katas\/01-pages-and-units\/hex\.ts:\d+$/);
  });

  it('gives nothing for a name the kata does not export', () => {
    expect(locateExport('katas/01-pages-and-units', 'nothingHere')).toBeUndefined();
  });
});

describe('parseDiagnostics', () => {
  it('reads tsc --pretty false output, continuation lines included', () => {
    const out =
      "katas/01-x/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.\n  more detail\n";
    expect(parseDiagnostics(out)).toEqual([
      {
        file: 'katas/01-x/a.ts',
        line: 3,
        column: 5,
        code: 'TS2322',
        message: "Type 'string' is not assignable to type 'number'.\n  more detail",
      },
    ]);
  });
});

describe('progress table', () => {
  it('calls a kata done, in progress or not started from its green specs', () => {
    const rows = progressRows(runOf([spec(), spec({ state: 'failed' })]));
    expect(rows[0]).toMatchObject({ number: 1, green: 1, total: 2, state: 'in progress' });
    const text = renderProgress(rows);
    expect(text).toContain('0/');
    expect(text).toMatch(/Progress \[.*\] 0\/\d+ katas done · 1\/2 specs green/);
    expect(text).toContain('Next: npm run kata 1 (pages and units)');
  });
});
