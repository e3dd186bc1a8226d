import { notImplemented } from '#shared/errors';

/** The languages formatFree speaks: procps-ng 4.0.2's own English, and its Korean translation (po/ko.po). */
export type Locale = 'en' | 'ko';

/** A row of the free report, named by its English label without the colon. */
export type RowName = 'Mem' | 'Low' | 'High' | 'Swap' | 'Total' | 'Comm';

/** The rows in the order free prints them (Low and High only with -l, Total with -t, Comm with -v). */
export const ROW_NAMES: readonly RowName[] = ['Mem', 'Low', 'High', 'Swap', 'Total', 'Comm'];

/**
 * The row labels exactly as free 4.0.2 prints them. The Korean Swap label is `스  왑:` with two ASCII spaces
 * (so are Low, High, Total and Comm): that is the shipped translation, not a typo of ours.
 */
export const ROW_LABELS: Record<Locale, Record<RowName, string>> = {
  en: { Mem: 'Mem:', Low: 'Low:', High: 'High:', Swap: 'Swap:', Total: 'Total:', Comm: 'Comm:' },
  ko: { Mem: '메모리:', Low: '하  위:', High: '상  위:', Swap: '스  왑:', Total: '총  계:', Comm: '커  밋:' },
};

/**
 * The header line (without its newline). It is one translated string, so the Korean columns line up only as
 * well as the translator spaced them.
 */
export const HEADERS: Record<Locale, { normal: string; wide: string }> = {
  en: {
    normal: '               total        used        free      shared  buff/cache   available',
    wide: '               total        used        free      shared     buffers       cache   available',
  },
  ko: {
    normal: '               총계         사용        여분      공유    버퍼/캐시    가용',
    wide: '               총계         사용        여분      공유       버퍼          캐시    가용',
  },
};

/** The label column is 9 display columns wide (free.c HC_WIDTH). */
export const LABEL_WIDTH = 9;

// East Asian Wide and Fullwidth ranges, as glibc's wcwidth() gives them 2 columns (Markus Kuhn's table).
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, CJK symbols
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables: 메, 모, 리, 스, 왑, …
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/**
 * How many terminal columns the text takes (wcswidth): 2 for each character in WIDE_RANGES (Hangul, CJK,
 * kana, fullwidth forms), 1 for any other, counted per character (code point), not per UTF-16 unit.
 * displayWidth('스  왑:') → 7 (two Hangul characters, two spaces and a colon).
 */
export function displayWidth(text: string): number {
  return notImplemented('displayWidth');
}

/**
 * The label followed by spaces up to 9 display columns, as free.c print_head_col() pads it:
 * padLabel('Mem:') → 'Mem:     ', padLabel('메모리:') → '메모리:  ' (7 columns + 2 spaces).
 * A label of 9 characters or more gets no padding. One of fewer characters but more than 9 columns gets
 * all 9 spaces: printf("%.*s", 9 − width, "         ") takes a negative precision as none.
 */
export function padLabel(label: string): string {
  return notImplemented('padLabel');
}
