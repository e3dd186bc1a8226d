/**
 * Runs before every spec file, in both projects.
 * - fast-check: FC_SEED and FC_NUM_RUNS make a failing property replay exactly (fast-check prints the seed).
 * - time limits: each kata's timeoutSeconds from katas.json is the per-spec timeout, and arms the loop guard
 *   (scripts/lib/loop-guard.mjs) that stops a synchronous endless loop in the learner's code.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, expect, vi } from 'vitest';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const numRuns = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;
fc.configureGlobal({
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  ...(numRuns !== undefined && numRuns > 0 ? { numRuns } : {}),
});

const testPath = expect.getState().testPath ?? '';
const slug = /[\\/]spec[\\/](\d{2}-[^\\/]+)[\\/]/.exec(testPath)?.[1];
// read, not imported: a JSON import would make Vite transform the whole manifest (hints and all, 290 kB) into
// a module before every spec file
const manifest = JSON.parse(readFileSync(new URL('../../katas.json', import.meta.url), 'utf8')) as {
  katas: { slug: string; timeoutSeconds?: number }[];
};
const timeoutSeconds = manifest.katas.find((k) => k.slug === slug)?.timeoutSeconds ?? 5;
vi.setConfig({ testTimeout: timeoutSeconds * 1000 });

/** What a learner sees when their code loops for longer than the spec may run. */
export class LoopTimeoutError extends Error {
  override readonly name = 'LoopTimeoutError';
}

// After one endless loop in a file, the specs after it most likely run into the same loop: they get
// RETRY_SECONDS each instead of the full time, so the learner waits seconds, not minutes.
const RETRY_SECONDS = 1;
let budget = timeoutSeconds;
// Armed from the start: the spec file imports the learner's module right after this setup, and a loop at
// the top level of that module runs then, before any spec.
let deadline = Date.now() + budget * 1000;
let calls = 0;
let current = '';

const guard = () => {
  // Date.now() is cheap, but not free: look at the clock every 1024 turns of any loop.
  if ((++calls & 1023) === 0 && Date.now() > deadline) {
    const seconds = budget;
    budget = Math.min(budget, RETRY_SECONDS);
    throw new LoopTimeoutError(
      current
        ? `spec "${current}" did not finish in ${seconds} s — look for a loop that never ends`
        : `loading your code did not finish in ${seconds} s — look for a loop that never ends at the top level of a file`,
    );
  }
};
(globalThis as { __memkataLoopGuard?: () => void }).__memkataLoopGuard = guard;

/**
 * Drops the stack lines that point into node_modules/ from a failed spec's errors (and their causes). For every
 * such line vitest's main thread reads the whole file, looking for a source map: 390 kB of fast-check a frame,
 * ten frames a failing property, for every failing spec — most of the time a run of failing specs took. The
 * lines that stay are the learner's code and the specs, all a verdict shows.
 */
function dropLibraryFrames(error: unknown, seen = new Set<unknown>()): void {
  if (typeof error !== 'object' || error === null || seen.has(error)) return;
  seen.add(error);
  const e = error as { stack?: unknown; cause?: unknown };
  if (typeof e.stack === 'string') {
    e.stack = e.stack
      .split('\n')
      .filter((line) => !/^\s+at .*[\\/]node_modules[\\/]/.test(line))
      .join('\n');
  }
  dropLibraryFrames(e.cause, seen);
}

beforeEach((context) => {
  context.onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) dropLibraryFrames(error);
  });
  current = context.task.name;
  calls = 0;
  deadline = Date.now() + budget * 1000;
});
afterEach(() => {
  deadline = Number.POSITIVE_INFINITY;
});
