import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padLabel, ROW_LABELS, ROW_NAMES } from '#kata/02-free';

describe('padLabel', () => {
  it('pads Mem: with 5 spaces to the 9-column label column', () => {
    expect(padLabel('Mem:')).toBe('Mem:     ');
  });

  it('pads every English label to 9 characters', () => {
    expect(ROW_NAMES.map((name) => padLabel(ROW_LABELS.en[name]))).toEqual([
      'Mem:     ',
      'Low:     ',
      'High:    ',
      'Swap:    ',
      'Total:   ',
      'Comm:    ',
    ]);
  });

  it('pads by display width, not length: 메모리: and 스  왑: are 7 columns, so 2 spaces follow', () => {
    expect(padLabel('메모리:')).toBe('메모리:  ');
    expect(padLabel('스  왑:')).toBe('스  왑:  ');
    expect(ROW_NAMES.map((name) => padLabel(ROW_LABELS.ko[name]).endsWith(':  '))).toEqual(Array(6).fill(true));
  });

  it("pads procps 3.3's 스왑: (5 columns) with 4 spaces", () => {
    expect(padLabel('스왑:')).toBe('스왑:    ');
  });

  it('adds nothing to a label of 9 characters or more, however wide', () => {
    expect(padLabel('Swapcache:')).toBe('Swapcache:');
    expect(padLabel('Committed')).toBe('Committed');
    expect(padLabel('메모리메모리메모리:')).toBe('메모리메모리메모리:');
  });

  it('adds nothing to a label of exactly 9 characters, even 17 columns wide: 가나다라마바사아:', () => {
    expect(padLabel('가나다라마바사아:')).toBe('가나다라마바사아:');
  });

  it('adds nothing to a label exactly 9 columns wide: 가나다라: (4 × 2 + 1)', () => {
    expect(padLabel('가나다라:')).toBe('가나다라:');
  });

  it("adds all 9 spaces when a label under 9 characters is wider than 9 columns (printf's negative precision)", () => {
    // 가나다라마: is 6 characters and 11 columns: 9 − 11 = −2, and printf("%.*s", −2, "         ") prints all 9.
    expect(padLabel('가나다라마:')).toBe(`가나다라마:${' '.repeat(9)}`);
  });

  it('makes any ASCII label shorter than 9 characters exactly 9 characters, the label first', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (label) => {
        const padded = padLabel(label);
        return padded.length === 9 && padded.startsWith(label) && padded.slice(label.length).trim() === '';
      }),
    );
  });
});
