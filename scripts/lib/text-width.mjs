// @ts-check
/**
 * How many terminal columns a string takes: 2 for East Asian wide and fullwidth characters (Hangul, CJK,
 * fullwidth forms, most emoji), 0 for combining marks and zero-width characters, 1 for the rest. The caret
 * under a differing column must sit under the right glyph, also in Korean output. Pure.
 */

/** [first, last] code point ranges of wide characters (Unicode East_Asian_Width W and F, the common blocks). */
/** @type {ReadonlyArray<readonly [number, number]>} */
const WIDE = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // emoji
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B …
];

/** @param {number} cp */
function codePointWidth(cp) {
  if (cp === 0 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) return 0;
  for (const [first, last] of WIDE) if (cp >= first && cp <= last) return 2;
  return 1;
}

/** @param {string} text */
export function displayWidth(text) {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}
