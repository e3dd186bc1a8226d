// @ts-check
/** Finds where an exported name is defined in a kata folder, so the runner can say which file to edit. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/**
 * @param {string} dir a kata folder relative to the repository ("katas/01-pages-and-units")
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
    files = readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  } catch {
    return undefined;
  }
  for (const file of files.sort()) {
    const lines = readFileSync(join(repoRoot, dir, file), 'utf8').split('\n');
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
