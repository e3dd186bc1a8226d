// @ts-check
/**
 * The kata manifest (katas.json), read and checked once. Everything that needs the list of katas asks here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSchema } from './json-schema.mjs';
import { repoRoot } from './paths.mjs';

/** @typedef {'nudge' | 'approach' | 'near-solution'} HintTier */
/** @typedef {Record<HintTier, string[]>} HintTiers */
/**
 * @typedef {object} Kata
 * @property {number} number
 * @property {string} slug         e.g. "01-pages-and-units": the folder name in katas/, solutions/ and spec/
 * @property {string} title
 * @property {string} part         a key of Manifest.parts ("I" … "V")
 * @property {number} points
 * @property {number} timeoutSeconds
 * @property {Record<string, HintTiers>} hints  per exported function or class, in the order the learner writes them
 * @property {{ title: string, hints: Record<string, HintTiers> }} [ko]  the Korean texts
 */
/** @typedef {{ parts: Record<string, string>, katas: Kata[] }} Manifest */

/** @type {HintTier[]} */
export const HINT_TIERS = ['nudge', 'approach', 'near-solution'];

export const SCHEMA_FILE = join(repoRoot, 'scripts', 'manifest.schema.json');

export class ManifestError extends Error {
  /** @override */
  name = 'ManifestError';
}

/**
 * Checks the manifest against scripts/manifest.schema.json (the one description of its shape), then what a
 * schema cannot say. Messages name the entry and the field: `katas[5] (06-buddyinfo): hints.parseBuddyinfo.nudge is missing`.
 * @param {unknown} data
 * @returns {Manifest}
 */
export function validateManifest(data) {
  /** @param {string} message */
  const fail = (message) => {
    throw new ManifestError(`katas.json: ${message}`);
  };
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const problems = validateSchema(schema, data);
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map(({ path, message }) => `${describePath(data, path)} ${message}`);
    fail(list.join('; ') + (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''));
  }
  const { parts, katas } = /** @type {Manifest} */ (data);
  const numbers = new Set();
  katas.forEach((k, i) => {
    const where = `katas[${i}] (${k.slug})`;
    if (numbers.has(k.number)) fail(`${where}: number ${k.number} is used twice`);
    numbers.add(k.number);
    if (Number(k.slug.slice(0, 2)) !== k.number) fail(`${where}: the slug must start with the kata number`);
    if (!(k.part in parts)) fail(`${where}: part "${k.part}" is not one of ${Object.keys(parts).join(', ')}`);
    if (i > 0 && k.number <= (katas[i - 1]?.number ?? 0)) fail('katas must be listed in increasing number order');
  });
  return /** @type {Manifest} */ (data);
}

/**
 * "katas[3].hints.x" → "katas[3] (04-status): hints.x"; "parts" → "parts".
 * @param {unknown} data
 * @param {string} path
 */
function describePath(data, path) {
  const m = /^katas\[(\d+)\]\.?(.*)$/.exec(path);
  if (!m) return path || 'the top level';
  const slug = /** @type {any} */ (data)?.katas?.[Number(m[1])]?.slug;
  const entry = `katas[${m[1]}]${typeof slug === 'string' ? ` (${slug})` : ''}`;
  return m[2] ? `${entry}: ${m[2]}` : entry;
}

/** @type {Manifest | undefined} */
let cached;

/** Forget the manifest read so far: the next call reads katas.json again (after a script changed it). */
export function reloadManifest() {
  cached = undefined;
}

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

/**
 * The kata's exported functions and classes in the order the learner writes them: the keys of its hints.
 * @param {Kata} kata
 * @returns {string[]}
 */
export function kataFunctions(kata) {
  return Object.keys(kata.hints);
}
