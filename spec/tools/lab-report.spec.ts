import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotImplementedError, ParseError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { type Check, exitCodeOf, fail, note, pass } from '../../scripts/lab/checks.mjs';
import { describeDifference, diffLines, renderDiff, splitLines, visible } from '../../scripts/lab/diff-lines.mjs';
import { classifyError, failureCheck, firstKataFrame } from '../../scripts/lab/kata-errors.mjs';
import { describeLoadError } from '../../scripts/lab/kata-loader.mjs';
import { BUNDLED_PROC, noProcMessage } from '../../scripts/lab/no-proc.mjs';
import { hasLiveProc } from '../../scripts/lab/proc-source.mjs';
import { mergeTodos, renderReport, summary } from '../../scripts/lab/report.mjs';
import { indexStubs } from '../../scripts/lab/stubs.mjs';

const freeH = fixture('lab/free/free-h.txt');

describe('diffLines', () => {
  it('finds nothing between a text and itself', () => {
    fc.assert(fc.property(fc.string(), (text) => diffLines(text, text).same));
  });

  it('lists exactly the lines that differ, 1-based', () => {
    const got = freeH.replace('530Mi', '531Mi');
    expect(diffLines(freeH, got).rows.map((r) => r.line)).toEqual([2]);
  });

  it('counts a missing final newline as a difference', () => {
    expect(diffLines('a\n', 'a').rows).toEqual([{ line: 1, expected: 'a\n', got: 'a' }]);
  });

  it('reports a line only one side has', () => {
    expect(diffLines('a\nb\n', 'a\n').rows).toEqual([{ line: 2, expected: 'b\n', got: undefined }]);
  });
});

describe('splitLines', () => {
  it('keeps every character: the lines joined are the text', () => {
    fc.assert(fc.property(fc.string(), (text) => splitLines(text).join('') === text));
  });
});

describe('describeDifference', () => {
  it('names the column and the two characters in plain words', () => {
    expect(describeDifference('Mem:  530Mi\n', 'Mem:  531Mi\n', 'free -h')).toBe(
      `first difference at column 9: "0" in free -h's line, "1" in yours`,
    );
  });

  it('says "a space" for a lost trailing space', () => {
    expect(describeDifference('0 \n', '0\n', 'the kernel')).toBe(
      "first difference at column 2: a space in the kernel's line, the end of the line in yours",
    );
  });
});

describe('visible', () => {
  it('shows trailing blanks as dots and drops the newline', () => {
    expect(visible('VmFlags: rd mr \n')).toBe('VmFlags: rd mr·');
    expect(visible('x')).toBe('x   (no newline at the end)');
    expect(visible(undefined)).toBe('(no line)');
  });
});

describe('renderDiff', () => {
  const diff = diffLines(freeH, freeH.replace('530Mi', '531Mi'));

  it('puts the two lines side by side when the terminal is wide enough', () => {
    const lines = renderDiff(diff, { expectedName: 'free -h', width: 200 });
    expect(lines[0]).toMatch(/^ {7}free -h printed +│ your code printed$/);
    expect(lines[1]).toBe(
      'line 2 Mem:            23Gi       530Mi        22Gi       8.7Mi       803Mi        23Gi │ Mem:            23Gi       531Mi        22Gi       8.7Mi       803Mi        23Gi',
    );
  });

  it('puts them one above the other in a narrow terminal', () => {
    expect(renderDiff(diff, { expectedName: 'free -h', width: 80 })).toEqual([
      'line 2:',
      '  free -h   │ Mem:            23Gi       530Mi        22Gi       8.7Mi       803Mi        23Gi',
      '  your code │ Mem:            23Gi       531Mi        22Gi       8.7Mi       803Mi        23Gi',
      `  first difference at column 30: "0" in free -h's line, "1" in yours`,
    ]);
  });

  it('says how many more lines differ than it shows', () => {
    const many = diffLines('a\nb\nc\n', 'x\ny\nz\n');
    expect(renderDiff(many, { expectedName: 'smem', maxRows: 2 }).at(-1)).toBe('… and 1 more differing lines');
  });
});

describe('classifyError', () => {
  it('recognises a stub by its NotImplementedError and finds its file', () => {
    const stubs = new Map([['scaleSize', 'katas/02-free/scale-size.ts']]);
    expect(classifyError(new NotImplementedError('scaleSize'), stubs)).toEqual({
      kind: 'not-implemented',
      what: 'scaleSize',
      kata: 2,
      file: 'katas/02-free/scale-size.ts',
    });
  });

  it('knows the kata of a Part I function even without a stub index (parseKb is kata 1)', () => {
    expect(classifyError(new NotImplementedError('parseKb'))).toMatchObject({ kind: 'not-implemented', kata: 1 });
  });

  it('keeps the line of a ParseError and drops the "line N: " prefix of its message', () => {
    expect(classifyError(new ParseError('bad size', 7))).toMatchObject({
      kind: 'parse-error',
      line: 7,
      message: 'bad size',
    });
  });

  it('calls anything else a crash, whatever was thrown', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        const failure = classifyError(thrown);
        return failure.kind === 'crash' || failure.kind === 'parse-error' || failure.kind === 'not-implemented';
      }),
    );
    expect(classifyError(new TypeError('x is undefined'))).toMatchObject({ kind: 'crash', name: 'TypeError' });
  });
});

describe('firstKataFrame', () => {
  it("finds the learner's file and line in a stack trace", () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'total')",
      '    at formatFree (/home/ada/memkata/katas/02-free/format-free.ts:31:22)',
      '    at compareFree (/home/ada/memkata/scripts/lab/free.mjs:80:5)',
    ].join('\n');
    expect(firstKataFrame(stack)).toBe('katas/02-free/format-free.ts:31');
  });
});

describe('failureCheck', () => {
  it('never shows a stack trace', () => {
    const error = new TypeError('boom');
    const check = failureCheck('free -k', error, { call: 'formatFree(…)', kata: 2 });
    expect(check.lines.join('\n')).not.toContain('    at ');
    expect(check.lines).toEqual(['formatFree(…) threw TypeError: boom', 'Next: npm run kata 2']);
  });
});

describe('describeLoadError', () => {
  it("puts Vite's colored parse error on one line with the file, line and column", () => {
    const message = [
      'Transform failed with 1 error:',
      '',
      '\u001b[31m[PARSE_ERROR] \u001b[0mUnexpected token',
      '   \u001b[38;5;246m╭\u001b[0m\u001b[38;5;246m─\u001b[0m\u001b[38;5;246m[\u001b[0m katas/02-free/format-free.ts:1:26 \u001b[38;5;246m]\u001b[0m',
      '   \u001b[38;5;246m│\u001b[0m',
    ].join('\n');
    expect(describeLoadError(message)).toBe('Unexpected token at katas/02-free/format-free.ts:1:26');
  });

  it('keeps a one-line message as it is', () => {
    expect(describeLoadError('Failed to load url ./nope.ts. Does the file exist?')).toBe(
      'Failed to load url ./nope.ts. Does the file exist?',
    );
  });
});

describe('indexStubs', () => {
  it('maps each notImplemented name to its file', () => {
    const stubs = indexStubs([
      { path: 'katas/03-smaps/parse-smaps.ts', text: "return notImplemented('parseSmaps');" },
      { path: 'katas/03-smaps/sum-fields.ts', text: 'return notImplemented("sumFields");' },
    ]);
    expect([...stubs]).toEqual([
      ['parseSmaps', 'katas/03-smaps/parse-smaps.ts'],
      ['sumFields', 'katas/03-smaps/sum-fields.ts'],
    ]);
  });
});

describe('noProcMessage', () => {
  it('says the live lab needs Linux and offers the bundled snapshot for the same mode', () => {
    const message = noProcMessage('darwin', 'free');
    expect(message.split('\n')[0]).toBe("The live lab needs Linux's /proc, and macOS does not have one.");
    expect(message).toContain('  npm run lab -- free --proc spec/fixtures/lab/proc');
  });

  it('names Windows too', () => {
    expect(noProcMessage('win32', 'smem')).toContain('and Windows does not have one');
  });

  it('says /proc is not mounted on a Linux without it', () => {
    expect(noProcMessage('linux', 'smaps').split('\n')[0]).toBe(
      'The live lab needs /proc, and it is not mounted here (a container without /proc? mount -t proc proc /proc).',
    );
  });

  it("offers a mode's own snapshot when it has one, and every mode's snapshot exists", async () => {
    const { existsSync } = await import('node:fs');
    const { loadModes } = await import('../../scripts/lab/mode.mjs');
    expect(noProcMessage('darwin', 'zoneinfo', 'spec/fixtures/zoneinfo/snapshot/proc')).toContain(
      '  npm run lab -- zoneinfo --proc spec/fixtures/zoneinfo/snapshot/proc',
    );
    for (const mode of await loadModes()) {
      if (mode.snapshot) expect(existsSync(mode.snapshot), `${mode.name}: ${mode.snapshot}`).toBe(true);
    }
  });

  it('offers a snapshot the repository really holds', () => {
    expect(BUNDLED_PROC).toBe('spec/fixtures/lab/proc');
    expect(fixture('lab/proc/meminfo')).toMatch(/^MemTotal: +\d+ kB\n/);
  });
});

describe('hasLiveProc', () => {
  it('finds no /proc in a folder that is not one', () => {
    expect(hasLiveProc('/nonexistent/memkata')).toBe(false);
  });
});

describe('exitCodeOf', () => {
  it('is 0 when every comparison holds (notes decide nothing) and 1 otherwise', () => {
    const ok = pass('a');
    const info = note('b', ['drift']);
    const bad = fail('c', 2, ['differs']);
    const todo: Check = { title: 'd', verdict: 'todo', lines: [], kata: 3 };
    expect([exitCodeOf([ok, info]), exitCodeOf([ok, bad]), exitCodeOf([todo]), exitCodeOf([])]).toEqual([0, 1, 1, 0]);
  });
});

describe('summary', () => {
  it('names the katas to work on, in order', () => {
    expect(summary([pass('a'), fail('b', 4, []), fail('c', 3, [])])).toBe(
      '2 of 3 comparisons do not hold: work on kata 3 (npm run kata 3), then kata 4 (npm run kata 4).',
    );
  });

  it('says so when nothing could run yet', () => {
    expect(summary([{ title: 'kata 2', verdict: 'todo', lines: [], kata: 2 }])).toBe(
      'The comparison cannot run yet: work on kata 2 (npm run kata 2).',
    );
  });
});

describe('mergeTodos', () => {
  it('says once what stops several comparisons, under all their titles', () => {
    const todo = (title: string): Check => ({
      title,
      verdict: 'todo',
      lines: ['parseMeminfo is not written yet'],
      kata: 2,
    });
    expect(mergeTodos([todo('free -k'), todo('free -w'), pass('x')])).toEqual([
      { title: 'free -k, free -w', verdict: 'todo', lines: ['parseMeminfo is not written yet'], kata: 2 },
      pass('x'),
    ]);
  });
});

describe('renderReport', () => {
  it('prints a passing check on one line and ends with the summary', () => {
    const text = renderReport({ heading: ['memkata lab · free'], checks: [pass('free -k', ['all 3 lines match'])] });
    expect(text).toBe('memkata lab · free\n\n✓ free -k — all 3 lines match\n\nThe comparison holds.\n');
  });

  it('prints the diff of a failing check under its lines', () => {
    const diff = diffLines(freeH, freeH.replace('530Mi', '531Mi'));
    const check = fail('free -h', 2, ['differs', 'Next: npm run kata 2'], { diff, expectedName: 'free -h' });
    const text = renderReport({ heading: ['lab'], checks: [check], width: 80 });
    expect(text).toContain('✗ free -h\n    differs\n    line 2:\n');
    expect(text).toContain(`in yours\n    Next: npm run kata 2\n\nThe comparison does not hold`);
  });
});
