// @ts-check
/**
 * Watch mode's re-runs (npm run kata -- N --watch): memkata watches the learner's tree itself and asks the
 * Vitest it started to run the kata's spec files again.
 */
import { readdirSync, statSync, watch as watchFiles } from 'node:fs';
import { join } from 'node:path';

/**
 * Re-runs the specs when a file of the tree changes. We watch the folders ourselves instead of using vitest's
 * watch mode, which waits a fixed 100 ms before every re-run (docs/performance.md). The whole tree is
 * watched: a kata may use an earlier kata's functions. Folders, not files, are watched: many editors save by
 * writing a new file and renaming it over the old one, and a watch on the old file would go quiet. A save
 * often comes as a burst of events (a temporary file, a rename): they are gathered for 15 ms and run once.
 * @param {any} vitest   a Vitest (createVitest) that ran once; its spec files are re-run
 * @param {string} root   the folder to watch: the learner's katas/ (or solutions/)
 * @param {{ onRerun?: () => void }} [options]  onRerun: a re-run is about to start
 * @returns {() => void}  stops watching
 */
export function watchTree(vitest, root, { onRerun } = {}) {
  const specFiles = vitest.state.getFilepaths();
  /** @type {Set<string>} */
  const changed = new Set();
  /** @type {Set<string>} */
  const watched = new Set();
  /** @type {import('node:fs').FSWatcher[]} */
  const watchers = [];
  /** Every .ts file of the tree, as the folder watches saw it. @type {Set<string>} */
  const treeFiles = new Set();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let running = false;
  let again = false;
  const rerun = async () => {
    if (running) {
      again = true; // a save during a run: run once more when this one ends
      return;
    }
    running = true;
    onRerun?.();
    for (const file of changed) vitest.invalidateFile(file); // Vite's transform of it
    // The kept workers (scripts/lib/kept-threads-pool.mjs) load again every file of the tree they hold, and
    // every module that imports one (spec helpers included), as vitest's own watch mode does for a changed
    // file (VitestWatcher.handleFileChanged). Every file, not only the changed ones: a module whose import
    // failed because the learner had not written that file yet must be tried again once it exists.
    for (const file of treeFiles) vitest.watcher.handleFileChanged(file);
    vitest.watcher.changedTests.clear(); // what it noted for its own re-runs, which memkata does not use
    const trigger = [...changed][0];
    changed.clear();
    await vitest.rerunFiles(specFiles, trigger);
    running = false;
    if (again) {
      again = false;
      await rerun();
    }
  };
  /** @param {string} dir */
  const watchFolder = (dir) => {
    if (watched.has(dir)) return;
    watched.add(dir);
    const watcher = watchFiles(dir, (_event, name) => {
      if (!name) return;
      const path = join(dir, String(name));
      const stat = statOf(path);
      if (stat?.isDirectory()) watchFolder(path); // a folder the learner just made
      if (!path.endsWith('.ts')) return;
      if (stat?.isFile()) treeFiles.add(path);
      else treeFiles.delete(path); // gone (deleted, or a temporary file renamed away)
      changed.add(path);
      clearTimeout(timer);
      timer = setTimeout(rerun, 15);
    });
    watchers.push(watcher);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') watchFolder(join(dir, entry.name));
      else if (entry.name.endsWith('.ts')) treeFiles.add(join(dir, entry.name));
    }
  };
  watchFolder(root);
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/**
 * @param {string} path
 * @returns {import('node:fs').Stats | undefined} undefined when the path is gone already
 */
function statOf(path) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
