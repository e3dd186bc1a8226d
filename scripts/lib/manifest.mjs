// @ts-check
/**
 * The kata manifest (katas.json), read and checked once. Everything that needs the list of katas asks here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** @typedef {'nudge' | 'approach' | 'near-solution'} HintTier */
/**
 * @typedef {object} Kata
 * @property {number} number
 * @property {string} slug         e.g. "01-pages-and-units": the folder name in katas/, solutions/ and spec/
 * @property {string} title
 * @property {string} part         a key of Manifest.parts ("I" … "V")
 * @property {number} points
 * @property {number} timeoutSeconds
 * @property {Record<HintTier, string[]>} hints
 */
/** @typedef {{ parts: Record<string, string>, katas: Kata[] }} Manifest */

/** @type {HintTier[]} */
export const HINT_TIERS = ['nudge', 'approach', 'near-solution'];

export class ManifestError extends Error {
  /** @override */
  name = 'ManifestError';
}

/**
 * Checks the shape the schema describes, with messages that name the entry and the field.
 * @param {unknown} data
 * @returns {Manifest}
 */
export function validateManifest(data) {
  /** @param {string} message */
  const fail = (message) => {
    throw new ManifestError(`katas.json: ${message}`);
  };
  if (!data || typeof data !== 'object') fail('the top level must be an object');
  const { parts, katas } = /** @type {any} */ (data);
  if (!parts || typeof parts !== 'object') fail('"parts" must be an object of part titles');
  if (!Array.isArray(katas) || katas.length === 0) fail('"katas" must be a non-empty list');
  const numbers = new Set();
  katas.forEach((/** @type {any} */ k, /** @type {number} */ i) => {
    const where = `katas[${i}]${k?.slug ? ` (${k.slug})` : ''}`;
    if (!Number.isInteger(k?.number) || k.number < 1) fail(`${where}: "number" must be a positive integer`);
    if (numbers.has(k.number)) fail(`${where}: number ${k.number} is used twice`);
    numbers.add(k.number);
    if (typeof k.slug !== 'string' || !/^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/.test(k.slug)) {
      fail(`${where}: "slug" must look like "01-pages-and-units"`);
    }
    if (Number(k.slug.slice(0, 2)) !== k.number) fail(`${where}: the slug must start with the kata number`);
    if (typeof k.title !== 'string' || !k.title) fail(`${where}: "title" is missing`);
    if (!(k.part in parts)) fail(`${where}: part "${k.part}" is not one of ${Object.keys(parts).join(', ')}`);
    if (!Number.isInteger(k.points) || k.points < 1) fail(`${where}: "points" must be a positive integer`);
    if (typeof k.timeoutSeconds !== 'number' || !(k.timeoutSeconds > 0)) fail(`${where}: "timeoutSeconds" must be > 0`);
    for (const tier of HINT_TIERS) {
      const lines = k.hints?.[tier];
      if (!Array.isArray(lines) || !lines.some((/** @type {unknown} */ l) => typeof l === 'string' && l.trim())) {
        fail(`${where}: hint tier "${tier}" is empty`);
      }
    }
  });
  for (let i = 1; i < katas.length; i++) {
    if (katas[i].number <= katas[i - 1].number) fail('katas must be listed in increasing number order');
  }
  return /** @type {Manifest} */ (data);
}

/** @type {Manifest | undefined} */
let cached;

/** @returns {Manifest} */
export function loadManifest() {
  cached ??= validateManifest(JSON.parse(readFileSync(join(repoRoot, 'katas.json'), 'utf8')));
  return cached;
}

/** @returns {Kata[]} */
export function allKatas() {
  return loadManifest().katas;
}

/**
 * @param {number} number
 * @returns {Kata | undefined}
 */
export function findKata(number) {
  return allKatas().find((k) => k.number === number);
}

/** @param {Kata} kata */
export function kataDirs(kata) {
  return {
    katas: join('katas', kata.slug),
    solutions: join('solutions', kata.slug),
    spec: join('spec', kata.slug),
  };
}

/**
 * The kata a file belongs to, from a path containing `/spec/NN-slug/`, `/katas/NN-slug/` or `/solutions/NN-slug/`.
 * @param {string} file
 * @returns {Kata | undefined}
 */
export function kataOfFile(file) {
  const m = /[\\/](?:spec|katas|solutions)[\\/](\d{2}-[^\\/]+)[\\/]/.exec(file);
  return m ? allKatas().find((k) => k.slug === m[1]) : undefined;
}
