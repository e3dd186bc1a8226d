import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseStatm } from '#kata/04-status';
import { CAPTURES_WITH_STATM, statmText } from './helpers.ts';

const pageCount = fc.nat({ max: 2 ** 40 });

/** The line of the ParseError parseStatm throws for this text; fails the test when it does not throw one. */
function errorLine(text: string): number {
  try {
    parseStatm(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).line;
  }
  return expect.unreachable('parseStatm should have thrown ParseError');
}

describe('parseStatm', () => {
  it('reads the fixture\'s "2747 893 334 1 0 2205 0" as seven page counts', () => {
    expect(statmText('proc/fixture')).toBe('2747 893 334 1 0 2205 0\n');
    expect(parseStatm(statmText('proc/fixture'))).toEqual({
      size: 2747,
      resident: 893,
      shared: 334,
      text: 1,
      lib: 0,
      data: 2205,
      dt: 0,
    });
  });

  it('reads a bash shell\'s "1305 1039 749 193 0 324 0"', () => {
    expect(parseStatm(statmText('proc/bash'))).toEqual({
      size: 1305,
      resident: 1039,
      shared: 749,
      text: 193,
      lib: 0,
      data: 324,
      dt: 0,
    });
  });

  it('reads the seven zeros of a task without an mm (kernel thread, zombie)', () => {
    const zeros = { size: 0, resident: 0, shared: 0, text: 0, lib: 0, data: 0, dt: 0 };
    expect(parseStatm(statmText('status/kthreadd'))).toEqual(zeros);
    expect(parseStatm(statmText('status/zombie'))).toEqual(zeros);
  });

  it.each(CAPTURES_WITH_STATM)('reads the statm of %s with lib and dt 0', (capture) => {
    const statm = parseStatm(statmText(capture));
    expect(statm.lib).toBe(0);
    expect(statm.dt).toBe(0);
    expect(statm.resident).toBeGreaterThanOrEqual(statm.shared);
    expect(statm.size).toBeGreaterThanOrEqual(statm.resident);
  });

  it("reads CRLF and a missing final newline as it reads the kernel's LF", () => {
    const expected = parseStatm('730 415 388 5 0 89 0\n');
    expect(parseStatm('730 415 388 5 0 89 0\r\n')).toEqual(expected);
    expect(parseStatm('730 415 388 5 0 89 0')).toEqual(expected);
  });

  it.each([
    ['', 'nothing'],
    ['\n', 'an empty line'],
    ['2747 893 334 1 0 2205\n', 'six numbers'],
    ['2747 893 334 1 0 2205 0 0\n', 'eight numbers'],
    ['2747 893 334 1 0 -2205 0\n', 'a negative count'],
    ['2747 893 334 1 0 2205.5 0\n', 'a fraction'],
    ['2747 893 334 1 0 0x89d 0\n', 'hexadecimal'],
    ['2747 893 334 1 0 99999999999999999999 0\n', 'a count beyond 2^53'],
    ['2747 893 334 1 0 2205 0 kB\n', 'a unit'],
    ['VmSize:\t   10988 kB\n', 'a status line'],
    ['2747  893 334 1 0 2205 0\n', 'two spaces between numbers'],
    ['2747\t893 334 1 0 2205 0\n', 'a tab between numbers'],
    [' 2747 893 334 1 0 2205 0\n', 'a space before the first number'],
    ['2747 893 334 1 0 2205 0 \n', 'a space after the last number'],
  ])('throws ParseError on line 1 for %j (%s)', (text) => {
    expect(errorLine(text)).toBe(1);
  });

  it('throws ParseError on line 2 for a second line: statm is one line', () => {
    expect(errorLine('2747 893 334 1 0 2205 0\n2747 893 334 1 0 2205 0\n')).toBe(2);
    expect(errorLine('2747 893 334 1 0 2205 0\n\n')).toBe(2);
    expect(errorLine('2747 893 334 1 0 2205 0\nx')).toBe(2);
  });

  it('reads back any seven counts printed as proc_pid_statm prints them ("%lu %lu %lu %lu 0 %lu 0\\n")', () => {
    fc.assert(
      fc.property(pageCount, pageCount, pageCount, pageCount, pageCount, (size, resident, shared, text, data) => {
        const statm = parseStatm(`${size} ${resident} ${shared} ${text} 0 ${data} 0\n`);
        expect(statm).toEqual({ size, resident, shared, text, lib: 0, data, dt: 0 });
      }),
    );
  });

  it('returns seven safe page counts or throws ParseError with a line, whatever the text (fuzz)', () => {
    const statmish = fc.stringMatching(/^(-?\d{1,20}[ \t]?){5,9}(\r?\n)?$/);
    const cut = fc
      .tuple(fc.constantFrom(...CAPTURES_WITH_STATM), fc.nat())
      .map(([capture, at]) => statmText(capture).slice(0, at % 30));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary-ascii' }), statmish, cut), (text) => {
        try {
          return Object.values(parseStatm(text)).every((n) => Number.isSafeInteger(n) && n >= 0);
        } catch (error) {
          return error instanceof ParseError && (error.line === 1 || error.line === 2);
        }
      }),
    );
  });
});
