// Watch mode must end when whoever started it goes (issue 6: `npm run kata -- 2 --watch` left
// `node scripts/kata.mjs 2 --watch` running, adopted by init, after npm was killed).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const watcher = fileURLToPath(new URL('../../scripts/lib/parent-watch.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'memkata-parent-'));
const child = join(dir, 'child.mjs');
const npm = join(dir, 'npm.cjs');
writeFileSync(
  child,
  `import { exitWithParent } from ${JSON.stringify(watcher)};
exitWithParent(() => { console.log('gone'); process.exit(0); }, { intervalMs: 50 });
console.log('ready');
setInterval(() => {}, 1000);
`,
);
// A stand-in for npm: it runs the child through `sh -c`, as npm run does, and stays.
writeFileSync(
  npm,
  `require('node:child_process').spawn('sh', ['-c', ${JSON.stringify(`${process.execPath} ${child}`)}], { stdio: 'inherit' });
setInterval(() => {}, 1000);
`,
);
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const waitFor = (p: ChildProcess, text: string, ms = 8000) =>
  new Promise<boolean>((resolve) => {
    let seen = '';
    const timer = setTimeout(() => resolve(false), ms);
    p.stdout?.on('data', (d) => {
      seen += String(d);
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });

const start = (file: string) => {
  const p = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(p);
  return p;
};

describe.skipIf(process.platform === 'win32')('exitWithParent', () => {
  it('ends the process when npm is killed without a chance to pass the signal on (SIGKILL)', async () => {
    const p = start(npm);
    expect(await waitFor(p, 'ready')).toBe(true);
    const gone = waitFor(p, 'gone');
    p.kill('SIGKILL');
    expect(await gone).toBe(true);
  }, 15_000);

  it.each(['SIGTERM', 'SIGHUP'] as const)(
    'ends the process on %s (a kill, a closed terminal)',
    async (signal) => {
      const p = start(child);
      expect(await waitFor(p, 'ready')).toBe(true);
      const gone = waitFor(p, 'gone');
      p.kill(signal);
      expect(await gone).toBe(true);
    },
    15_000,
  );
});
