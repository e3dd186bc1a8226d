// @ts-check
/**
 * A classroom course: the learner repository `npm run export -- classroom DIR` writes. Its marker is
 * `.memkata-course.json` at the root (what was exported, when, from which commit, the language, how many specs
 * each spec file holds, and a checksum of every file the grade depends on). memkata itself has no such file.
 *
 * Checksums are SHA-256 of the file with CRLF read as LF (a Windows checkout with autocrlf is not a change).
 * `compareIntegrity` tells which of those files a learner's repository changed, added or removed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './paths.mjs';

export const COURSE_FILE = '.memkata-course.json';
/** The reference solutions of an export, compressed and encoded (scripts/lib/reference.mjs). */
export const BUNDLE_FILE = '.memkata-solutions';

/**
 * The files whose change would change the grade: the specs and their fixtures, the manifest, the harness, the
 * shared errors, the package files, the workflow that grades, the commit hook and the reference bundle.
 * Folders are listed with a trailing slash. katas/NN-slug/ (the learner's work) is not among them.
 */
export const GUARDED = [
  'spec/',
  'scripts/',
  'katas/shared/',
  'katas.json',
  'package.json',
  'package-lock.json',
  'vitest.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  '.github/workflows/classroom.yml',
  '.husky/pre-commit',
  BUNDLE_FILE,
];

/**
 * @typedef {object} Course
 * @property {1} format
 * @property {string} exportedAt           ISO date
 * @property {{ commit?: string, modified?: boolean }} source  the memkata commit it came from
 * @property {number[]} katas               the kata numbers it holds
 * @property {'en' | 'ko'} lang             the language its READMEs and runner speak first
 * @property {Record<string, number>} specCounts  per spec file: how many specs it holds (from the reference)
 * @property {Record<string, string>} checksums   per guarded file: sha256 hex
 */

/**
 * The course file of a repository, or undefined for memkata itself (or a broken file).
 * @param {string} [root]
 * @returns {Course | undefined}
 */
export function readCourse(root = repoRoot) {
  const file = join(root, COURSE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return data && data.format === 1 && typeof data.checksums === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** True in a classroom export (a course file at the root). @param {string} [root] */
export function isCourse(root = repoRoot) {
  return existsSync(join(root, COURSE_FILE));
}

/**
 * SHA-256 of a file's bytes, CRLF read as LF.
 * @param {Buffer | string} content
 */
export function checksum(content) {
  const text = typeof content === 'string' ? Buffer.from(content) : content;
  const normal = text.includes(13) ? Buffer.from(text.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : text;
  return createHash('sha256').update(normal).digest('hex');
}

/**
 * Every guarded file under root, as posix paths relative to it, sorted.
 * @param {string} root
 * @returns {string[]}
 */
export function guardedFiles(root) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.install-')) walk(path);
      } else files.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const item of GUARDED) {
    const path = join(root, item);
    if (!existsSync(path)) continue;
    if (item.endsWith('/')) {
      if (statSync(path).isDirectory()) walk(path);
    } else files.push(item);
  }
  return files.sort();
}

/**
 * @param {string} root
 * @returns {Record<string, string>}
 */
export function checksumsOf(root) {
  return Object.fromEntries(guardedFiles(root).map((f) => [f, checksum(readFileSync(join(root, f)))]));
}

/**
 * @typedef {object} Integrity
 * @property {'pristine' | 'modified' | 'unchecked'} integrity  unchecked: there is no course file to check against
 * @property {string[]} changed   guarded files whose content differs
 * @property {string[]} missing   guarded files that are gone
 * @property {string[]} added     files in guarded folders that the course does not have
 * @property {string} [against]   what the files were compared with
 */

/**
 * Compares a learner's guarded files with the course's checksums. Pure apart from reading the files.
 * @param {string} root the learner's repository
 * @param {Record<string, string> | undefined} expected the course's checksums
 * @param {string} [against] a few words for the report ("the course copy in /tmp/course")
 * @returns {Integrity}
 */
export function compareIntegrity(root, expected, against) {
  if (!expected) return { integrity: 'unchecked', changed: [], missing: [], added: [] };
  const actual = checksumsOf(root);
  const changed = Object.keys(expected).filter((f) => f in actual && actual[f] !== expected[f]);
  const missing = Object.keys(expected).filter((f) => !(f in actual));
  const added = Object.keys(actual).filter((f) => !(f in expected));
  const modified = changed.length + missing.length + added.length > 0;
  return { integrity: modified ? 'modified' : 'pristine', changed, missing, added, ...(against ? { against } : {}) };
}

/**
 * The one-line summary of an integrity check, naming up to five files.
 * @param {Integrity} report
 */
export function describeIntegrity(report) {
  if (report.integrity === 'unchecked') return 'course files: not checked (no .memkata-course.json to check against)';
  if (report.integrity === 'pristine') return 'course files: unchanged';
  const all = [
    ...report.changed.map((f) => `${f} (changed)`),
    ...report.missing.map((f) => `${f} (removed)`),
    ...report.added.map((f) => `${f} (added)`),
  ];
  return `course files: MODIFIED — ${all.slice(0, 5).join(', ')}${all.length > 5 ? ` and ${all.length - 5} more` : ''}`;
}
