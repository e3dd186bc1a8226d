// @ts-check
/**
 * Maintainer check: does `npm run ui` render in a real browser, and does it show the whole run? Starts the UI,
 * opens it in headless Debian Chromium through playwright-core (no browser download), and waits until the
 * UI's file counters (FAIL (n) / RUNNING (n) / PASS (n)) account for every spec file of the kata projects
 * with none running; only then it saves a screenshot and says the UI works. The UI asks Google Fonts for a
 * font; offline that request is blocked, not waited for.
 *
 *   apt-get install chromium && node scripts/maintainer/ui-check.mjs [--out .memkata/ui.png] [--timeout 300]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from '../lib/cli.mjs';
import { repoRoot } from '../lib/paths.mjs';

const { flags } = parseArgs(process.argv.slice(2), ['out', 'chromium', 'timeout']);
const timeoutMs = 1000 * Number(typeof flags.timeout === 'string' ? flags.timeout : 300);
const out = join(repoRoot, typeof flags.out === 'string' ? flags.out : '.memkata/ui.png');
const executablePath = typeof flags.chromium === 'string' ? flags.chromium : '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: apt-get install chromium (or pass --chromium PATH).`);
  process.exit(2);
}
const port = 51299;
const ui = spawn(process.execPath, [join(repoRoot, 'scripts/ui.mjs'), '--port', String(port)], {
  cwd: repoRoot,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let log = '';
ui.stdout?.on('data', (d) => {
  log += d;
});
ui.stderr?.on('data', (d) => {
  log += d;
});
const stop = () => {
  try {
    process.kill(-(ui.pid ?? 0), 'SIGTERM');
  } catch {}
};

let code = 1;
try {
  const url = `http://localhost:${port}/__vitest__/`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
  await page.goto(url);
  const expected = specFiles().length;
  /** @type {ReturnType<typeof counters>} */
  let seen;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    seen = counters(await page.locator('body').innerText());
    if (seen && seen.running === 0 && seen.failed + seen.passed + seen.skipped >= expected) break;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(1000);
  }
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  await browser.close();
  const shown = seen ? seen.failed + seen.passed + seen.skipped : 0;
  if (seen && shown === expected && seen.running === 0) {
    console.log(
      `The UI shows every spec file of the run: ${expected} (${seen.failed} failing, ${seen.passed} passing)` +
        `${seen.tests === undefined ? '' : `, ${seen.tests} specs`}.`,
    );
    code = 0;
  } else {
    console.error(
      seen
        ? `The UI shows ${shown} of ${expected} spec files (${seen.running} still running) after ${timeoutMs / 1000} s.`
        : 'The UI never showed its file counters (FAIL (n) / RUNNING (n) / PASS (n)).',
    );
  }
  console.log(`Screenshot: ${out}`);
} catch (error) {
  console.error(`The UI check failed: ${error instanceof Error ? error.message : error}`);
  console.error(log.slice(-2000));
} finally {
  stop();
}
process.exit(code);

/** The spec files the UI's project runs (the same glob as vitest.config.ts's kata projects). */
function specFiles() {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.spec.ts')) files.push(path);
    }
  };
  for (const entry of readdirSync(join(repoRoot, 'spec'))) {
    if (/^\d{2}-/.test(entry)) walk(join(repoRoot, 'spec', entry));
  }
  return files;
}

/**
 * The UI's file counters from its text: "FAIL (5) / RUNNING (1) / PASS (0) / SKIP (--)".
 * @param {string} text
 */
function counters(text) {
  const n = (/** @type {string} */ label) => {
    const m = new RegExp(`${label} \\((\\d+|--)\\)`).exec(text);
    return m ? (m[1] === '--' ? 0 : Number(m[1])) : undefined;
  };
  const failed = n('FAIL');
  const running = n('RUNNING');
  const passed = n('PASS');
  if (failed === undefined || running === undefined || passed === undefined) return undefined;
  const tests = /(\d+)\s*Total/.exec(text)?.[1];
  return { failed, running, passed, skipped: n('SKIP') ?? 0, tests: tests === undefined ? undefined : Number(tests) };
}
