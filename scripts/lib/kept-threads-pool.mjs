// @ts-check
/**
 * A vitest pool for watch mode whose worker threads outlive a run. vitest 4.1 ends every worker when a run
 * ends, so each save paid for a new thread to load vitest's runtime, fast-check and the spec support files
 * again before it ran a single spec (docs/performance.md: about half of save → verdict). Here the thread is
 * parked when a run ends and handed to the next run of the same project, with everything it loaded: the next
 * run re-imports only the spec files and the modules vitest was told to load again (`invalidates`:
 * scripts/lib/watch-tree.mjs names every file of the learner's tree and everything that imports one).
 *
 * The worker is vitest's ThreadsPoolWorker. vitest's PoolRunner still speaks its start/run/stop protocol to
 * it; for a parked thread the "start" (set up the environment) and "stop" (tear it down, then exit) are
 * answered here, so the thread keeps its environment and module cache. A thread that died, or that vitest
 * stops by force (after a worker error, or a cancelled run), is ended as usual, never parked. Custom pools
 * are vitest's experimental API (`pool: { name, createPoolWorker }`, vitest ≥ 4.0).
 */
import { ThreadsPoolWorker } from 'vitest/node';

/** @typedef {import('vitest/node').PoolOptions} PoolOptions */
/** @typedef {import('node:worker_threads').Worker} Thread */

/**
 * @returns {{ name: string, createPoolWorker: (options: PoolOptions) => ThreadsPoolWorker, close: () => Promise<void> }}
 */
export function keptThreads() {
  /** Parked threads by project and settings: one per worker slot a run used. @type {Map<string, Thread[]>} */
  const parked = new Map();
  /** Threads that exited: never parked, never handed out. @type {WeakSet<Thread>} */
  const dead = new WeakSet();
  /** @param {PoolOptions} options */
  const keyOf = (options) =>
    JSON.stringify([options.project.name, options.environment?.name, options.execArgv, options.env]);

  return {
    name: 'memkata-kept-threads',
    createPoolWorker(options) {
      const worker = new ThreadsPoolWorker(options);
      const key = keyOf(options);
      const self = /** @type {any} */ (worker);
      /** The listeners the PoolRunner added: taken off again when the thread is parked. */
      const listeners = /** @type {[string, (...args: any[]) => void][]} */ ([]);
      let reused = false;
      /** The runner asked for a graceful stop (a forced one, after an error or a cancel, ends the thread). */
      let stopAsked = false;
      const alive = () => self._thread && !dead.has(self._thread);

      const start = worker.start.bind(worker);
      worker.start = async () => {
        const thread = parked.get(key)?.pop();
        if (thread) {
          self._thread = thread; // ThreadsPoolWorker.start() keeps a thread it already has
          thread.ref();
          reused = true;
        }
        await start();
        if (!reused) {
          const fresh = /** @type {Thread} */ (self._thread);
          fresh.once('exit', () => {
            dead.add(fresh);
            const threads = parked.get(key) ?? [];
            if (threads.includes(fresh)) threads.splice(threads.indexOf(fresh), 1);
          });
        }
      };

      const on = worker.on.bind(worker);
      worker.on = (event, callback) => {
        listeners.push([event, callback]);
        on(event, callback);
      };

      const send = worker.send.bind(worker);
      worker.send = (message) => {
        const type = /** @type {any} */ (message)?.type;
        // A parked thread set its environment up in an earlier run; and a thread is parked rather than torn down.
        if (type === 'start' && reused) return answer(self._thread, 'started');
        if (type === 'stop' && alive()) {
          stopAsked = true;
          return answer(self._thread, 'stopped');
        }
        send(message);
      };

      const stop = worker.stop.bind(worker);
      worker.stop = async () => {
        if (!alive() || !stopAsked) return stop();
        const thread = /** @type {Thread} */ (self._thread);
        for (const [event, callback] of listeners) thread.off(event, callback);
        listeners.length = 0;
        // What ThreadsPoolWorker.stop() does besides terminating the thread.
        thread.stdout.unpipe(self.stdout);
        thread.stderr.unpipe(self.stderr);
        self.stdout.setMaxListeners(self.stdout.getMaxListeners() - 1);
        self.stderr.setMaxListeners(self.stderr.getMaxListeners() - 1);
        self._thread = undefined;
        thread.unref(); // a parked thread never keeps the process alive
        parked.set(key, [...(parked.get(key) ?? []), thread]);
      };
      return worker;
    },
    async close() {
      const threads = [...parked.values()].flat();
      parked.clear();
      await Promise.all(threads.map((thread) => thread.terminate()));
    },
  };
}

/**
 * Answers the PoolRunner as the worker would, on the next turn (the runner listens for the answer only after
 * it has sent the request).
 * @param {Thread} thread
 * @param {'started' | 'stopped'} type
 */
function answer(thread, type) {
  setImmediate(() => thread.emit('message', { type, __vitest_worker_response__: true }));
}
