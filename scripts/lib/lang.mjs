// @ts-check
/**
 * The language of the learner-facing texts: Korean when MEMKATA_LANG=ko, or when MEMKATA_LANG is not set
 * and the system locale is Korean (LC_ALL, LC_MESSAGES, LANG = ko_KR…); English otherwise.
 */

/** @typedef {'en' | 'ko'} Lang */

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {Lang}
 */
export function uiLanguage(env = process.env) {
  const chosen = env.MEMKATA_LANG?.trim().toLowerCase();
  if (chosen) return chosen.startsWith('ko') ? 'ko' : 'en';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(_|$|\.)/i.test(locale) ? 'ko' : 'en';
}

/**
 * The kata's hints in a language (English when the kata has no Korean hints for that function).
 * @param {import('./manifest.mjs').Kata} kata
 * @param {string} fn
 * @param {Lang} lang
 */
export function hintsOf(kata, fn, lang) {
  return (lang === 'ko' ? kata.ko?.hints[fn] : undefined) ?? kata.hints[fn];
}

/**
 * The kata's title in a language.
 * @param {import('./manifest.mjs').Kata} kata
 * @param {Lang} lang
 */
export function titleOf(kata, lang) {
  return (lang === 'ko' ? kata.ko?.title : undefined) ?? kata.title;
}
