import { describe, expect, it } from 'vitest';
import { renderVerdict } from '../../scripts/lib/verdict.mjs';
import { kata1, spec } from './builders.ts';

const base = { kata: kata1, loadFailures: [], diagnostics: [], solution: false, hintsShown: 0, next: undefined };

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
