// @ts-check
/**
 * A vitest pool for watch mode: vitest's own worker threads, but the thread for the next run is started as
 * soon as a run ends, while the learner is still typing. vitest 4.1 ends its workers after every run, and
 * starting one (a thread, vitest's runtime loaded in it) was ~115 ms of every save-to-verdict
 * (docs/performance.md). The worker itself is vitest's ThreadsPoolWorker, unchanged: each run still gets a
 * fresh thread and the usual start/run/stop protocol; only the thread's creation moves out of the way.
 * Custom pools are vitest's experimental API (`pool: { name, createPoolWorker }`, vitest ≥ 4.0).
 */
import { Worker } from 'node:worker_threads';
import { ThreadsPoolWorker } from 'vitest/node';

/** @typedef {import('vitest/node').PoolOptions} PoolOptions */

/**
 * @returns {{ name: string, createPoolWorker: (options: PoolOptions) => ThreadsPoolWorker, close: () => Promise<void> }}
 */
export function prewarmedThreads() {
  /** @type {{ key: string, thread: Worker } | undefined} */
  let spare;
  /** @param {PoolOptions} options */
  const keyOf = (options) => JSON.stringify([options.execArgv, options.env, options.distPath]);
  /** @param {ThreadsPoolWorker} worker @param {PoolOptions} options */
  const prepareNext = (worker, options) => {
    if (spare) return;
    const thread = new Worker(/** @type {any} */ (worker).entrypoint, {
      env: /** @type {any} */ (options.env),
      execArgv: options.execArgv,
      stdout: true,
      stderr: true,
    });
    thread.unref(); // a spare thread never keeps the process alive
    thread.on('error', () => {
      if (spare?.thread === thread) spare = undefined;
    });
    spare = { key: keyOf(options), thread };
  };
  return {
    name: 'memkata-prewarmed-threads',
    createPoolWorker(options) {
      const worker = new ThreadsPoolWorker(options);
      if (spare && spare.key === keyOf(options)) {
        // ThreadsPoolWorker.start() keeps a thread it already has (`this._thread ||= new Worker(…)`).
        /** @type {any} */ (worker)._thread = spare.thread;
        spare.thread.ref();
        spare = undefined;
      }
      const stop = worker.stop.bind(worker);
      worker.stop = async () => {
        await stop();
        prepareNext(worker, options);
      };
      return worker;
    },
    async close() {
      const thread = spare?.thread;
      spare = undefined;
      await thread?.terminate();
    },
  };
}
