// @ts-check
/** Finds where an exported name is defined in a kata folder, so the runner can say which file to edit. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './paths.mjs';

/**
 * @param {string} dir a kata folder relative to the repository ("katas/01-pages-and-units"), or absolute
 * @param {string} name an export ("parseKb") or a method ("BuddyAllocator.alloc")
 * @returns {string | undefined} "katas/01-pages-and-units/units.ts:24"
 */
export function locateExport(dir, name) {
  const [outer = '', method] = name.split('.');
  if (!/^[A-Za-z_$][\w$]*$/.test(outer)) return undefined;
  const definition = new RegExp(
    `^export\\s+(?:async\\s+)?(?:function\\*?|class|const|let|interface|type)\\s+${outer}\\b`,
  );
  let files;
  try {
    files = readdirSync(resolve(repoRoot, dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  } catch {
    return undefined;
  }
  for (const file of files.sort()) {
    const lines = readFileSync(resolve(repoRoot, dir, file), 'utf8').split('\n');
    const at = lines.findIndex((l) => definition.test(l));
    if (at < 0) continue;
    let line = at;
    if (method) {
      const m = lines.findIndex((l, i) => i > at && new RegExp(`^\\s+(?:async\\s+)?${method}\\s*\\(`).test(l));
      if (m >= 0) line = m;
    }
    // Point at the body (the notImplemented line) when it is in this function, else at the signature.
    const end = lines.findIndex((l, i) => i > line && /^(export|\})/.test(l));
    const body = lines.findIndex((l, i) => i > line && (end < 0 || i <= end) && l.includes('notImplemented('));
    return `${dir}/${file}:${(body >= 0 ? body : line) + 1}`;
  }
  return undefined;
}

/**
 * The names among `candidates` that the function `name` calls in its body, in the learner's kata folder: a
 * wrong value from a helper shows up as a failure of its caller, and the verdict can say so.
 * @param {string} dir a kata folder relative to the repository
 * @param {string} name an exported function
 * @param {readonly string[]} candidates the kata's other functions
 * @returns {string[]}
 */
export function callsOf(dir, name, candidates) {
  const body = functionBody(dir, name);
  if (body === undefined) return [];
  return candidates.filter((c) => c !== name && new RegExp(`(?<![\\w$.])${c.replace(/\$/g, '\\$')}\\s*\\(`).test(body));
}

/**
 * The text of an exported function's (or class's) body, from its definition to the first line after it that
 * starts a new top-level statement. Good enough for the kata files' plain layout.
 * @param {string} dir
 * @param {string} name
 * @returns {string | undefined}
 */
export function functionBody(dir, name) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const definition = new RegExp(`^export\\s+(?:async\\s+)?(?:function\\*?|class|const|let)\\s+${name}\\b`);
  let files;
  try {
    files = readdirSync(resolve(repoRoot, dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  } catch {
    return undefined;
  }
  for (const file of files.sort()) {
    const lines = readFileSync(resolve(repoRoot, dir, file), 'utf8').split('\n');
    const at = lines.findIndex((l) => definition.test(l));
    if (at < 0) continue;
    const end = lines.findIndex((l, i) => i > at && /^(?:\}|export\b|function\b|const\b|class\b)/.test(l));
    return lines.slice(at + 1, end < 0 ? undefined : end + 1).join('\n');
  }
  return undefined;
}
