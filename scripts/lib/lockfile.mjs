// @ts-check
/**
 * A package-lock.json (lockfile version 2 or 3) cut down to the packages a smaller set of top-level
 * dependencies needs, so that `npm ci` works in a classroom export with exactly the versions memkata pins,
 * without asking the registry to resolve anything. Pure.
 *
 * Reachability follows npm's own lookup: a dependency of the package at `node_modules/a/node_modules/b` is
 * looked for in `node_modules/a/node_modules/b/node_modules/<name>`, then `node_modules/a/node_modules/<name>`,
 * then `node_modules/<name>`. Optional and peer dependencies count (npm installs both; the optional ones
 * include every platform's binary package, so a lock made on Linux still installs on macOS and Windows).
 */

/**
 * @param {any} lock          a parsed package-lock.json
 * @param {any} rootPackage   the package.json the cut lock goes with (name, version, dependencies, devDependencies, engines)
 * @returns {any}
 */
export function pruneLock(lock, rootPackage) {
  if (!lock?.packages || (lock.lockfileVersion !== 2 && lock.lockfileVersion !== 3)) {
    throw new Error('package-lock.json must be lockfile version 2 or 3 (npm 7 or newer)');
  }
  /** @type {Record<string, any>} */
  const packages = lock.packages;
  /** @type {Set<string>} */
  const kept = new Set();
  /** @type {string[]} */
  const queue = [];

  /**
   * @param {string} from the path of the depending package ('' for the root)
   * @param {string} name
   */
  const locate = (from, name) => {
    let base = from;
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (candidate in packages) return candidate;
      if (!base) return undefined;
      const at = base.lastIndexOf('/node_modules/');
      base = at < 0 ? '' : base.slice(0, at);
    }
  };
  /** @param {string} from @param {Record<string, string> | undefined} deps @param {boolean} required */
  const add = (from, deps, required) => {
    for (const name of Object.keys(deps ?? {})) {
      const path = locate(from, name);
      if (!path) {
        if (required) throw new Error(`package-lock.json has no ${name} (needed by ${from || 'the root'})`);
        continue;
      }
      if (!kept.has(path)) {
        kept.add(path);
        queue.push(path);
      }
    }
  };

  add('', rootPackage.dependencies, true);
  add('', rootPackage.devDependencies, true);
  add('', rootPackage.optionalDependencies, false);
  while (queue.length > 0) {
    const path = /** @type {string} */ (queue.shift());
    const entry = packages[path];
    if (entry.link && entry.resolved) {
      // a workspace link: keep its target too
      if (entry.resolved in packages && !kept.has(entry.resolved)) {
        kept.add(entry.resolved);
        queue.push(entry.resolved);
      }
    }
    add(path, entry.dependencies, true);
    add(path, entry.optionalDependencies, false);
    add(path, entry.peerDependencies, false);
  }

  const root = { ...(packages[''] ?? {}) };
  for (const key of [
    'name',
    'version',
    'license',
    'dependencies',
    'devDependencies',
    'optionalDependencies',
    'engines',
  ]) {
    if (rootPackage[key] !== undefined) root[key] = rootPackage[key];
    else delete root[key];
  }
  /** @type {Record<string, any>} */
  const out = { '': root };
  for (const path of Object.keys(packages).sort()) if (kept.has(path)) out[path] = packages[path];
  return { ...lock, name: rootPackage.name, version: rootPackage.version, packages: out };
}
