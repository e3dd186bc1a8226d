// @ts-check
/**
 * User names for uids, as smem's `pwd.getpwuid(uid)[0]` finds them, with its fallback to the number
 * (smem `procdata.username`). Node has no getpwuid, so the lab reads /etc/passwd itself.
 */
import { readFileSync } from 'node:fs';

/**
 * @param {string} text  /etc/passwd: `name:x:uid:gid:…`
 * @returns {Map<number, string>} the first name listed for each uid
 */
export function parsePasswd(text) {
  /** @type {Map<number, string>} */
  const names = new Map();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid) && !names.has(Number(uid))) names.set(Number(uid), name);
  }
  return names;
}

/**
 * @param {number | undefined} uid  undefined when the owner could not be read (smem prints "?")
 * @param {ReadonlyMap<number, string>} names
 */
export function userName(uid, names) {
  if (uid === undefined) return '?';
  return names.get(uid) ?? String(uid);
}

/** The system's users, or none when /etc/passwd cannot be read. */
export function readPasswd(path = '/etc/passwd') {
  try {
    return parsePasswd(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}
