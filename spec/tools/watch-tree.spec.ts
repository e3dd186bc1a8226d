// Watch mode (npm run kata -- N --watch): a save runs the specs again on the saved code, in worker threads kept
// from the run before (scripts/lib/kept-threads-pool.mjs, scripts/lib/watch-tree.mjs). Driven in a child
// process on a small project of its own, so no learner's file is ever touched.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository, so that the project's `vitest` import resolves to the repository's own.
mkdirSync(join(repo, 'node_modules/.cache/memkata'), { recursive: true });
const dir = mkdtempSync(join(repo, 'node_modules/.cache/memkata/watch-'));
const lib = join(dir, 'lib');
mkdirSync(lib);
mkdirSync(join(dir, 'checks'));
const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

write('lib/value.ts', 'export const value: number = 1;\n');
write('lib/index.ts', "export { value } from './value.ts';\n");
// Fails on purpose: its message says what it saw (the value, and which process and worker thread ran it).
write(
  'checks/value.spec.ts',
  `import { threadId } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { value } from '../lib/index.ts';
it('reports', () => { expect.fail(JSON.stringify({ value, thread: process.pid + ':' + threadId })); });
`,
);
// The driver: one Vitest with the kept threads, watching lib/, printing one line per run.
write(
  'driver.mjs',
  `import { createVitest } from 'vitest/node';
import { keptThreads } from ${JSON.stringify(join(repo, 'scripts/lib/kept-threads-pool.mjs'))};
import { watchTree } from ${JSON.stringify(join(repo, 'scripts/lib/watch-tree.mjs'))};
const seen = (modules) => {
  for (const module of modules) {
    const failure = module.errors()[0]?.message;
    if (failure) return { failure: failure.split('\\n')[0] };
    for (const test of module.children.allTests()) return JSON.parse(test.result().errors?.[0]?.message ?? '{}');
  }
  return {};
};
const reporter = { onTestRunEnd: (modules) => console.log('RUN ' + JSON.stringify(seen(modules))) };
const vitest = await createVitest('test', {
  root: ${JSON.stringify(dir)}, config: false, include: ['checks/*.spec.ts'], watch: false,
  isolate: false, pool: keptThreads(), reporters: [reporter],
}, { logLevel: 'error' });
await vitest.start();
watchTree(vitest, ${JSON.stringify(lib)});
console.log('WATCHING');
`,
);

let driver: ChildProcess;
const lines: Record<string, unknown>[] = [];
let onLine: (() => void) | undefined;
/** Resolves once the driver watches lib/: a save before that would go unseen. */
let watching: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  watching = resolve;
});
/** Run n's report (0: the first run), once it has come. */
const report = (n: number) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const check = () => n < lines.length && resolve(lines[n] as Record<string, unknown>);
    onLine = check;
    check();
  });
/** The report of the run that `save` starts. */
const afterSave = async (save: () => void) => {
  await ready;
  const next = report(lines.length);
  save();
  return next;
};

beforeAll(() => {
  driver = spawn(process.execPath, [join(dir, 'driver.mjs')], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  driver.stdout?.on('data', (data) => {
    buffer += String(data);
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      if (line.startsWith('RUN ')) lines.push(JSON.parse(line.slice(4)));
      if (line === 'WATCHING') watching();
      onLine?.();
    }
  });
});
afterAll(() => {
  driver?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('watchTree with keptThreads', () => {
  it('runs the specs again on the saved code, in the worker thread of the run before', async () => {
    const first = await report(0);
    expect(first.value).toBe(1);
    const second = await afterSave(() => write('lib/value.ts', 'export const value: number = 2;\n'));
    // lib/index.ts, which re-exports value.ts, is loaded again too: not the value of the first run
    expect(second).toEqual({ value: 2, thread: first.thread });
  }, 60_000);

  it('loads a file the learner had not written yet once it exists (a failed import is tried again)', async () => {
    const missing = await afterSave(() => write('lib/index.ts', "export { value } from './later.ts';\n"));
    expect(String(missing.failure)).toContain('later.ts');
    const found = await afterSave(() => write('lib/later.ts', 'export const value: number = 3;\n'));
    expect(found.value).toBe(3);
  }, 60_000);
});
