import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseThpSetting } from '#kata/11-transparent-huge-pages';
import { fixture } from '#support/fixtures';

/** The 1-based line of the ParseError parseThpSetting throws for `text`, or undefined when it reads it. */
function errorLine(text: string): number | undefined {
  try {
    parseThpSetting(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

describe('parseThpSetting', () => {
  it('reads the live enabled file: "always [madvise] never\\n" is madvise', () => {
    expect(fixture('thp/thp-enabled.txt')).toBe('always [madvise] never\n');
    expect(parseThpSetting(fixture('thp/thp-enabled.txt'))).toBe('madvise');
  });

  it('reads the other two strings enabled_show() can print', () => {
    expect(parseThpSetting('[always] madvise never\n')).toBe('always');
    expect(parseThpSetting('always madvise [never]\n')).toBe('never');
  });

  it('reads the text without its final newline too', () => {
    expect(parseThpSetting('always madvise [never]')).toBe('never');
  });

  it('refuses the live defrag file, whose bracketed word is madvise too (it is not the enabled file)', () => {
    const defrag = fixture('thp/thp-defrag.txt');
    expect(defrag).toBe('always defer defer+madvise [madvise] never\n');
    expect(() => parseThpSetting(defrag)).toThrow(ParseError);
    expect(errorLine('always [defer] defer+madvise madvise never\n')).toBe(1);
    expect(errorLine('always defer [defer+madvise] madvise never\n')).toBe(1);
  });

  it('refuses the per-size files’ [inherit] and their four words (live: hugepages-2048kB/enabled)', () => {
    const perSize = fixture('thp/thp.tsv')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([key]) => key?.startsWith('hugepages-'))
      .map(([, value]) => `${value}\n`);
    expect(perSize).toEqual(['always [inherit] madvise never\n', 'always inherit madvise [never]\n']);
    for (const text of perSize) expect(errorLine(text)).toBe(1);
  });

  it.each([
    ['', 1, 'an empty file'],
    ['\n', 1, 'an empty line'],
    ['always madvise never\n', 1, 'no bracket'],
    ['[always] [madvise] never\n', 1, 'two brackets'],
    ['always [madvise]never\n', 1, 'a missing space'],
    ['always  [madvise] never\n', 1, 'two spaces'],
    [' always [madvise] never\n', 1, 'a leading space'],
    ['always [madvise] never \n', 1, 'a trailing space'],
    ['always [madvise] never\r\n', 1, 'CRLF'],
    ['Always [Madvise] Never\n', 1, 'capitals'],
    ['never [madvise] always\n', 1, 'the words in another order'],
    ['always [madvise ] never\n', 1, 'a space inside the brackets'],
    ['[madvise]\n', 1, 'the bracketed word alone'],
    ['madvise\n', 1, 'what you write to the file, not what it prints'],
    ['always [madvise] never\n\n', 2, 'an empty second line'],
    ['always [madvise] never\nalways [madvise] never\n', 2, 'the file twice'],
    ['0\n', 1, 'a flag file (use_zero_page)'],
    ['__proto__\n', 1, 'a name every object has'],
    ['constructor\n', 1, 'another one'],
  ])('throws ParseError for %j on line %i (%s)', (text, line) => {
    expect(() => parseThpSetting(text)).toThrow(ParseError);
    expect(errorLine(text)).toBe(line);
  });

  it('returns a mode or throws ParseError with a line, whatever the text (fuzz)', () => {
    const words = fc.constantFrom(
      'always',
      'madvise',
      'never',
      '[always]',
      '[madvise]',
      '[never]',
      'inherit',
      '[defer]',
      '',
    );
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc
        .tuple(fc.array(words, { maxLength: 5 }), fc.constantFrom('', '\n', '\r\n', '\n\n', ' '))
        .map(([w, end]) => w.join(' ') + end),
    );
    fc.assert(
      fc.property(texts, (text) => {
        try {
          const mode = parseThpSetting(text);
          expect(['always', 'madvise', 'never']).toContain(mode);
          expect(
            text
              .replace(/\n$/, '')
              .split(' ')
              .filter((w) => w === `[${mode}]`),
          ).toHaveLength(1);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          expect((error as ParseError).line).toBeGreaterThanOrEqual(1);
          expect((error as ParseError).line).toBeLessThanOrEqual(text.split('\n').length);
        }
      }),
    );
  });

  it('reads back every text the kernel prints, and nothing else that looks like it (fuzz)', () => {
    const modes = ['always', 'madvise', 'never'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...modes), fc.boolean(), (mode, newline) => {
        const text = modes.map((m) => (m === mode ? `[${m}]` : m)).join(' ') + (newline ? '\n' : '');
        expect(parseThpSetting(text)).toBe(mode);
      }),
    );
  });
});
