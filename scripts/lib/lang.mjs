// @ts-check
/**
 * The language of the learner-facing texts: Korean when MEMKATA_LANG=ko; when MEMKATA_LANG is not set, Korean
 * when the repository is a classroom export made with `--lang ko` or when the system locale is Korean
 * (LC_ALL, LC_MESSAGES, LANG = ko_KR…); English otherwise. The texts themselves are in ./messages.mjs.
 */
import { readCourse } from './course.mjs';

/** @typedef {'en' | 'ko'} Lang */

/** @type {Lang | undefined} */
let courseLang;

/** The language a classroom export was made for (English for memkata itself). @returns {Lang} */
export function courseLanguage() {
  courseLang ??= readCourse()?.lang === 'ko' ? 'ko' : 'en';
  return courseLang;
}

/**
 * @param {Record<string, string | undefined>} [env]
 * @param {Lang} [course] the repository's own language (a `--lang ko` export says ko)
 * @returns {Lang}
 */
export function uiLanguage(env = process.env, course = courseLanguage()) {
  const chosen = env.MEMKATA_LANG?.trim().toLowerCase();
  if (chosen) return chosen.startsWith('ko') ? 'ko' : 'en';
  if (course === 'ko') return 'ko';
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
