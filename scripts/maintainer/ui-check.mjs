// @ts-check
/**
 * Maintainer check: does `npm run ui` render in a real browser? Starts the UI, opens it in headless Debian
 * Chromium through playwright-core (no browser download), waits until the kata spec files are listed, and
 * saves a screenshot. The UI asks Google Fonts for a font; offline that request is blocked, not waited for.
 *
 *   apt-get install chromium && node scripts/maintainer/ui-check.mjs [--out .memkata/ui.png]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from '../lib/cli.mjs';
import { repoRoot } from '../lib/paths.mjs';

const { flags } = parseArgs(process.argv.slice(2), ['out', 'chromium']);
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
  await page.getByText('1-units.spec.ts').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1500); // let the results arrive and the counters settle
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  const body = await page.locator('body').innerText();
  await browser.close();
  console.log(
    `The UI rendered the spec list (${/\bFail\b/.test(body) ? 'with its pass/fail counters' : 'but no counters were found'}).`,
  );
  console.log(`Screenshot: ${out}`);
  code = 0;
} catch (error) {
  console.error(`The UI check failed: ${error instanceof Error ? error.message : error}`);
  console.error(log.slice(-2000));
} finally {
  stop();
}
process.exit(code);
