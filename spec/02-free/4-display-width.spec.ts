import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, ROW_LABELS } from '#kata/02-free';

describe('displayWidth', () => {
  it('counts an ASCII label one column per character: Mem: is 4, Total: is 6', () => {
    expect([displayWidth('Mem:'), displayWidth('Total:'), displayWidth('')]).toEqual([4, 6, 0]);
  });

  it('counts each Hangul syllable 2 columns: 메모리: is 7 (3 × 2 + 1)', () => {
    expect(displayWidth('메모리:')).toBe(7);
  });

  it('counts every Korean label of free 4.0.2 as 7 columns, the two ASCII spaces of 스  왑: included', () => {
    expect(Object.values(ROW_LABELS.ko).map(displayWidth)).toEqual([7, 7, 7, 7, 7, 7]);
  });

  it.each([
    ['U+1100', 2, 'the first Hangul Jamo initial consonant'],
    ['U+10FF', 1, 'the code point just before it'],
    ['U+AC00', 2, '가, the first Hangul syllable'],
    ['U+D7A3', 2, '힣, the last Hangul syllable'],
    ['U+2E80', 2, 'the first CJK radical'],
    ['U+303E', 2, 'the end of CJK symbols and punctuation'],
    ['U+303F', 1, 'the half-width space after it'],
    ['U+3042', 2, 'あ, Hiragana'],
    ['U+4E00', 2, '一, the first CJK unified ideograph'],
    ['U+3400', 2, '㐀, the first of CJK extension A'],
    ['U+A000', 2, 'ꀀ, the first Yi syllable'],
    ['U+FE30', 2, '︰, a CJK compatibility form'],
    ['U+9FFF', 2, 'the last CJK unified ideograph'],
    ['U+F900', 2, 'the first CJK compatibility ideograph'],
    ['U+F8FF', 1, 'the private-use code point before it'],
    ['U+FF01', 2, '！, a fullwidth form'],
    ['U+FF60', 2, 'the last fullwidth form'],
    ['U+FF61', 1, '｡, a halfwidth form after it'],
    ['U+FFE6', 2, '￦, the fullwidth won sign'],
    ['U+20000', 2, '𠀀, CJK extension B beyond U+FFFF (two UTF-16 units, one character)'],
    ['U+10000', 1, '𐀀, a narrow character beyond U+FFFF: one column, although its length is 2'],
    ['U+0041', 1, 'A'],
  ])('gives %s the width glibc wcwidth() gives it: %i (%s)', (code, width) => {
    expect(displayWidth(String.fromCodePoint(Number.parseInt(code.slice(2), 16)))).toBe(width);
  });

  it('is the sum of the widths of its parts', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('메', '모', '리', '스', '왑', '𠀀', '𐀀', ' ', ':'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
    });
    fc.assert(fc.property(text, text, (a, b) => displayWidth(a + b) === displayWidth(a) + displayWidth(b)));
  });

  // fc.string() draws printable ASCII.
  it('counts an ASCII text as its length, and a Hangul text as twice its length', () => {
    const hangul = fc.string({ unit: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c)) });
    fc.assert(
      fc.property(fc.string(), hangul, (ascii, korean) => {
        expect(displayWidth(ascii)).toBe(ascii.length);
        expect(displayWidth(korean)).toBe(2 * korean.length);
      }),
    );
  });
});
