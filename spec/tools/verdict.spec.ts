import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stripAnsi } from '../../scripts/lib/style.mjs';
import { renderVerdict } from '../../scripts/lib/verdict.mjs';
import { kata1, spec } from './builders.ts';

const base = { kata: kata1, loadFailures: [], diagnostics: [], solution: false, hintsShown: {}, next: undefined };

// A learner's kata folder in which parseKb calls pagesToKb (a helper with specs of its own).
const learner = mkdtempSync(join(tmpdir(), 'memkata-verdict-'));
writeFileSync(
  join(learner, 'units.ts'),
  [
    'export function pagesToKb(pages: number): number {',
    '  return pages * 3;',
    '}',
    '',
    'export function parseKb(text: string, line = 1): number {',
    '  return pagesToKb(Number(text)) / 4;',
    '}',
    '',
  ].join('\n'),
);
afterAll(() => rmSync(learner, { recursive: true, force: true }));

describe('renderVerdict', () => {
  it('counts green specs and says the kata is done when all pass', () => {
    const v = renderVerdict({ ...base, specs: [spec(), spec({ name: 'b' })] });
    expect(v).toMatchObject({ green: 2, total: 2, done: true });
    expect(v.text).toContain('Kata 1 · pages and units: 2/2 specs green');
    expect(v.text).toContain('kata done');
  });

  it('names the function to write and its file for a stub', () => {
    const failing = spec({
      state: 'failed',
      describe: 'parseKb',
      errors: [
        {
          name: 'NotImplementedError',
          message: "parseKb is not implemented yet: replace the notImplemented('parseKb') line",
        },
      ],
    });
    const v = renderVerdict({ ...base, specs: [spec(), failing] });
    expect(v.done).toBe(false);
    expect(v.text).toContain('1/2 specs green');
    expect(v.text).toContain('parseKb is not written yet.');
    expect(v.text).toMatch(
      /Open katas\/01-pages-and-units\/units\.ts:\d+ and replace `return notImplemented\('parseKb'\)`/,
    );
    expect(v.text).toContain('npm run hint 1 shows hint 1 of 3');
  });

  it('sends the learner to the earlier kata when their code uses its unwritten function', () => {
    const kata5 = { ...kata1, number: 5, slug: '05-smem', title: 'smem' };
    const failing = spec({
      slug: '05-smem',
      state: 'failed',
      describe: 'measureProcess',
      errors: [{ name: 'NotImplementedError', message: 'parseHex is not implemented yet: …' }],
    });
    const text = renderVerdict({ ...base, kata: kata5, specs: [failing] }).text;
    expect(text).toContain('Your code uses parseHex from kata 1 (pages and units), which is not written yet.');
    expect(text).toMatch(/Finish kata 1 first: npm run kata 1 {3}\(katas\/01-pages-and-units\/hex\.ts:\d+\)/);
  });

  it('shows the first differing line of two texts, with the column', () => {
    const failing = spec({
      state: 'failed',
      errors: [
        { name: 'AssertionError', message: 'expected …', expected: 'Mem:  1\nSwap: 2 ', actual: 'Mem:  1\nSwap: 2' },
      ],
    });
    const text = renderVerdict({ ...base, specs: [failing] }).text;
    expect(text).toContain('The text differs at line 2:');
    expect(text).toContain('expected: "Swap: 2 "');
    expect(text).toContain('received: "Swap: 2"');
    expect(text).toContain('first difference, column 8');
  });

  it('shows expected and received for values', () => {
    const failing = spec({
      state: 'failed',
      errors: [{ name: 'AssertionError', message: 'x', expected: '5785528', actual: '1446382' }],
    });
    const text = renderVerdict({ ...base, specs: [failing] }).text;
    expect(text).toContain('Expected: 5785528');
    expect(text).toContain('Received: 1446382');
  });

  it('turns an async timeout into the loop message with the kata time limit', () => {
    const failing = spec({
      state: 'failed',
      name: 'reads',
      errors: [{ name: 'Error', message: 'Test timed out in 5000ms.' }],
    });
    expect(renderVerdict({ ...base, specs: [failing] }).text).toContain(
      'spec "reads" did not finish in 5 s — look for a loop that never ends',
    );
  });

  it("tallies green specs per function, in the kata's order", () => {
    const specs = [
      spec({ describe: 'parseKb', state: 'failed', errors: [{ name: 'AssertionError', message: 'x' }] }),
      spec({ describe: 'pagesToKb' }),
      spec({ describe: 'pagesToKb', name: 'b' }),
      spec({ describe: 'parseKb', name: 'c' }),
    ];
    const text = stripAnsi(renderVerdict({ ...base, specs }).text);
    expect(text).toContain('  pagesToKb 2/2 · parseKb 1/2\n');
  });

  it('names the helper that fails its own specs when its caller fails on a wrong value', () => {
    const specs = [
      spec({ describe: 'pagesToKb', state: 'failed', errors: [{ name: 'AssertionError', message: 'x' }] }),
      spec({
        describe: 'parseKb',
        state: 'failed',
        errors: [{ name: 'AssertionError', message: 'x', expected: '4', actual: '3' }],
      }),
    ];
    // The first failing spec is parseKb's here (its file comes first), but the cause is pagesToKb.
    const text = renderVerdict({ ...base, dir: learner, specs: [specs[1], specs[0]] as typeof specs }).text;
    expect(text).toContain('parseKb calls pagesToKb, which fails 1 of its own 1 spec: fix pagesToKb first.');
    expect(text).toContain(`Edit: ${learner}/units.ts:1 (pagesToKb)`);
  });

  it("points at the learner's own frame nearest the failure when the code threw", () => {
    const failing = spec({
      state: 'failed',
      describe: 'parseKb',
      errors: [
        {
          name: 'TypeError',
          message: "Cannot read properties of undefined (reading 'x')",
          location: 'katas/01-pages-and-units/units.ts:2:10',
        },
      ],
    });
    const text = renderVerdict({ ...base, dir: learner, specs: [failing] }).text;
    expect(text).toContain('Edit: katas/01-pages-and-units/units.ts:2:10');
    expect(text).not.toContain('calls pagesToKb');
  });

  it('names the keys that differ in two objects, the first few', () => {
    const expected = '{\n  "low": {\n    "free": 3,\n    "used": 0,\n  },\n  "mem": {\n    "used": 7,\n  },\n}';
    const actual = '{\n  "low": {\n    "free": 3,\n    "used": -200000,\n  },\n  "mem": {\n    "used": 7,\n  },\n}';
    const failing = spec({ state: 'failed', errors: [{ name: 'AssertionError', message: 'x', expected, actual }] });
    const text = renderVerdict({ ...base, specs: [failing] }).text;
    expect(text).toContain('low.used: expected 0, received -200000');
    expect(text).not.toContain('mem.used');
    expect(text).not.toContain('The text differs');
  });

  it('lists at most five differing keys, then how many more', () => {
    const obj = (v: number) => `[\n${Array.from({ length: 8 }, () => `  ${v},`).join('\n')}\n]`;
    const failing = spec({
      state: 'failed',
      errors: [{ name: 'AssertionError', message: 'x', expected: obj(1), actual: obj(2) }],
    });
    const text = renderVerdict({ ...base, specs: [failing] }).text;
    expect(text).toContain('[4]: expected 1, received 2');
    expect(text).not.toContain('[5]: expected');
    expect(text).toContain('… and 3 more difference(s)');
  });

  it('places the caret by display columns under Hangul, and counts columns that way', () => {
    const failing = spec({
      state: 'failed',
      errors: [{ name: 'AssertionError', message: 'x', expected: '메모리:  1\nx', actual: '메모리: 1\nx' }],
    });
    const text = stripAnsi(renderVerdict({ ...base, specs: [failing] }).text);
    // "메모리: " is 8 columns wide (each syllable takes two): the texts part at column 9, and the caret sits there.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('expected: "메모리:  1"'));
    expect(lines[at + 2]).toBe(`${' '.repeat(14)}${' '.repeat(9)}^ first difference, column 9`);
  });

  it('shows the assertion inside a failed property: the input, then expected vs received', () => {
    const message =
      'Property failed after 1 tests\n{ seed: 99, path: "0", endOnFailure: true }\nCounterexample: [7]\nShrunk 3 time(s)';
    const cause = { name: 'AssertionError', message: 'expected +0 to be 7', expected: '7', actual: '0' };
    const text = renderVerdict({
      ...base,
      specs: [spec({ state: 'failed', errors: [{ name: 'Error', message, cause }] })],
    }).text;
    expect(text).toContain('Smallest failing input: [7]');
    expect(text).toContain('For that input:');
    expect(text).toContain('Expected: 7');
    expect(text).toContain('Received: 0');
    expect(text).not.toContain('returned false');
    expect(text).toContain('FC_SEED=99 npm run kata 1');
  });

  it("shows the error the learner's code threw inside a property, and where", () => {
    const message = 'Property failed after 1 tests\n{ seed: 5, path: "0", endOnFailure: true }\nCounterexample: ["x"]';
    const cause = {
      name: 'TypeError',
      message: 'x.trim is not a function',
      location: 'katas/01-pages-and-units/units.ts:6:3',
    };
    const text = renderVerdict({
      ...base,
      specs: [spec({ state: 'failed', errors: [{ name: 'Error', message, cause }] })],
    }).text;
    expect(text).toContain('For that input: TypeError: x.trim is not a function');
    expect(text).toContain('Edit: katas/01-pages-and-units/units.ts:6:3');
  });

  it('offers the next hint for the function the first failing spec is about', () => {
    const failing = spec({ describe: 'parseKb', state: 'failed', errors: [{ name: 'AssertionError', message: 'x' }] });
    const v = renderVerdict({ ...base, hintsShown: { parseKb: 1, pagesToKb: 3 }, specs: [failing] });
    expect(v.current).toBe('parseKb');
    expect(v.text).toContain('Stuck on parseKb? npm run hint 1 shows hint 2 of 3 for parseKb.');
    const all = renderVerdict({ ...base, hintsShown: { parseKb: 3 }, specs: [failing] }).text;
    expect(all).toContain('All 3 hints for parseKb shown');
  });

  it('keeps the counterexample and the replay seed of a failed property', () => {
    const message =
      'Property failed after 3 tests\n{ seed: 1234, path: "2", endOnFailure: true }\nCounterexample: [7]\nShrunk 0 time(s)\nGot error: boom';
    const text = renderVerdict({
      ...base,
      specs: [spec({ state: 'failed', errors: [{ name: 'Error', message }] })],
    }).text;
    expect(text).toContain('Smallest failing input: [7]');
    expect(text).toContain('FC_SEED=1234 npm run kata 1');
  });

  it('reports a syntax error with file:line and the compiler message, not a stack', () => {
    const failure = {
      project: 'katas',
      slug: kata1.slug,
      file: 'spec/01-pages-and-units/1-units.spec.ts',
      errors: [
        {
          name: 'Error',
          message:
            'Transform failed with 1 error:\n\n[PARSE_ERROR] Unexpected token\n    ╭─[ katas/01-pages-and-units/units.ts:10:21 ]\n 10 │   return pages * 4 +;\n',
        },
      ],
    };
    const text = renderVerdict({
      ...base,
      specs: [],
      loadFailures: [failure],
      diagnostics: [
        {
          file: 'katas/01-pages-and-units/units.ts',
          line: 10,
          column: 22,
          code: 'TS1109',
          message: 'Expression expected.',
        },
      ],
    }).text;
    expect(text).toContain('your code does not compile yet');
    expect(text).toContain('Your code does not compile: katas/01-pages-and-units/units.ts:10:22');
    expect(text).toContain('Expression expected.');
    expect(text).not.toContain('at transformWithOxc');
  });

  it('lists type errors in the kata', () => {
    const text = renderVerdict({
      ...base,
      specs: [spec()],
      diagnostics: [
        {
          file: 'katas/01-pages-and-units/units.ts',
          line: 17,
          column: 3,
          code: 'TS2322',
          message: "Type 'string' is not assignable to type 'number'.",
        },
      ],
    }).text;
    expect(text).toContain("katas/01-pages-and-units/units.ts:17:3  Type 'string' is not assignable to type 'number'.");
  });

  it('does not offer hints when running the reference', () => {
    const text = renderVerdict({ ...base, solution: true, specs: [spec()] }).text;
    expect(text).toContain('(reference solution)');
    expect(text).not.toContain('npm run hint');
  });
});
