// @ts-check
/**
 * The folder a grade runs in: a fresh copy, in the system's temporary folder, of the course's own files (specs,
 * manifest, harness, katas/shared; node_modules and the fixtures linked) with the learner's kata folders copied in.
 * So the learner's code runs beside the course's pristine specs whatever the learner's repository holds, never
 * beside solutions/ or the reference bundle, and an instructor's private specs never land in the learner's
 * repository. Only regular files of the learner's are copied (a symbolic link is refused by the import scan).
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { PRIVATE_FOLDER } from './grading.mjs';

/** The course files a grade needs, besides spec/, scripts/ and katas/shared/. */
const COURSE_FILES = ['package.json', 'katas.json', 'vitest.config.ts', 'tsconfig.json', 'tsconfig.base.json'];
const PREFIX = 'memkata-grade-';

/**
 * @param {string} from
 * @param {string} to
 * @param {(rel: string, isDir: boolean) => boolean} [keep]
 */
function copyTree(from, to, keep = () => true) {
  const walk = (/** @type {string} */ rel) => {
    mkdirSync(join(to, rel), { recursive: true });
    for (const entry of readdirSync(join(from, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (keep(child, true)) walk(child);
      } else if (entry.isFile() && keep(child, false)) copyFileSync(join(from, child), join(to, child));
    }
  };
  walk('');
}

/**
 * @typedef {object} Workspace
 * @property {string} dir
 * @property {string[]} privateFiles  the private spec files, relative to dir
 * @property {() => void} remove
 */

/**
 * Creates the workspace with the course's files (the learner's katas come later: `addLearnerKatas`).
 * @param {object} options
 * @param {string} options.course                 the course's root (memkata or a classroom export)
 * @param {string[] | undefined} options.specFiles  the public spec files to copy (default: all in spec/NN-slug/)
 * @param {string[]} options.slugs                the katas of the manifest
 * @param {string} [options.extraSpecs]           an instructor's folder of private specs (NN-slug/ folders)
 * @returns {Workspace}
 */
export function createWorkspace({ course, specFiles, slugs, extraSpecs }) {
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  const remove = () => {
    if (basename(dir).startsWith(PREFIX) && dirname(dir) === tmpdir()) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const file of COURSE_FILES)
      if (existsSync(join(course, file))) copyFileSync(join(course, file), join(dir, file));
    copyTree(
      join(course, 'scripts'),
      join(dir, 'scripts'),
      (rel, isDir) => !(isDir && /(^|\/)(node_modules|\.install-[^/]*)$/.test(rel)),
    );
    copyTree(join(course, 'katas', 'shared'), join(dir, 'katas', 'shared'));
    const listed = specFiles ? new Set(specFiles) : undefined;
    copyTree(join(course, 'spec'), join(dir, 'spec'), (rel, isDir) => {
      const top = rel.split('/')[0] ?? '';
      if (top === 'tools' || top === 'fixtures') return false;
      if (isDir || !listed || !/^\d{2}-/.test(top) || !rel.endsWith('.spec.ts')) return true;
      return listed.has(`spec/${rel}`);
    });
    symlinkSync(join(course, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // The captures are data the specs read by path: linked, not copied (a thousand files, read only).
    if (existsSync(join(course, 'spec', 'fixtures'))) {
      symlinkSync(join(course, 'spec', 'fixtures'), join(dir, 'spec', 'fixtures'), 'dir');
    }
    const privateFiles = extraSpecs ? copyPrivateSpecs(extraSpecs, dir, slugs) : [];
    return { dir, privateFiles, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * An instructor's private suite: DIR/NN-slug/*.spec.ts (helpers beside them allowed), copied to
 * spec/NN-slug/__private__/. A folder that names no kata of the course is an error, not a silent skip.
 * @param {string} from
 * @param {string} dir
 * @param {string[]} slugs
 */
function copyPrivateSpecs(from, dir, slugs) {
  if (!existsSync(from)) throw new Error(`the private specs folder ${from} does not exist`);
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isDirectory()) {
      if (entry.name.endsWith('.spec.ts'))
        throw new Error(
          `private spec ${entry.name} must be in a folder named for its kata (01-pages-and-units/${entry.name})`,
        );
      continue;
    }
    if (!slugs.includes(entry.name)) {
      throw new Error(
        `the private specs folder has ${entry.name}/, which is not a kata of this course (${slugs.join(', ')})`,
      );
    }
    const to = join(dir, 'spec', entry.name, PRIVATE_FOLDER);
    cpSync(join(from, entry.name), to, { recursive: true, dereference: true });
    const walk = (/** @type {string} */ d) => {
      for (const item of readdirSync(d, { withFileTypes: true })) {
        const path = join(d, item.name);
        if (item.isDirectory()) walk(path);
        else if (item.name.endsWith('.spec.ts')) files.push(relative(dir, path).split(sep).join('/'));
      }
    };
    walk(to);
  }
  if (files.length === 0) throw new Error(`the private specs folder ${from} has no NN-slug/*.spec.ts files`);
  return files.sort();
}

/**
 * Puts kata folders in the workspace: the learner's (every folder of katas/ but shared, regular files only),
 * or, to count specs before the learner's code is there, the reference's.
 * @param {string} dir the workspace
 * @param {string} from a katas/ folder (the learner's) or a map of reference files
 */
export function addLearnerKatas(dir, from) {
  if (!existsSync(from)) return;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === 'shared' || !entry.isDirectory()) continue;
    copyTree(
      join(from, entry.name),
      join(dir, 'katas', entry.name),
      (rel, isDir) => !(isDir && rel.endsWith('node_modules')),
    );
  }
}

/**
 * Writes reference folders as katas/NN-slug/ (for counting the specs), and returns a function that removes them.
 * @param {string} dir
 * @param {Record<string, Record<string, string>>} reference slug → file → text
 */
export function addReferenceKatas(dir, reference) {
  for (const [slug, files] of Object.entries(reference)) {
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, 'katas', slug, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  return () => {
    for (const slug of Object.keys(reference)) rmSync(join(dir, 'katas', slug), { recursive: true, force: true });
  };
}
