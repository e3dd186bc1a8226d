// The lab as a learner runs it: `node scripts/lab.mjs …`, on the bundled snapshot (never the live machine),
// with --solution so the answer does not depend on how far the learner is.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const lab = (...args: string[]) => {
  const run = spawnSync(process.execPath, ['scripts/lab.mjs', ...args], { cwd: repo, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
const SNAPSHOT = 'spec/fixtures/lab/proc';

describe('lab.mjs', () => {
  it('exits 0 when free on the snapshot matches the free output captured with it', () => {
    const run = lab('free', '--solution', '--proc', SNAPSHOT);
    expect(run.stdout).toContain(
      '✓ free -k — all 3 lines match\n✓ free -w — all 3 lines match\n✓ free -h — all 3 lines match\n',
    );
    expect(run.code).toBe(0);
  }, 20_000);

  it("exits 1 and shows free's line, the reference's line and the column where they part", () => {
    const root = mkdtempSync(join(tmpdir(), 'memkata-lab-spec-'));
    try {
      cpSync(join(repo, 'spec/fixtures/lab'), root, { recursive: true });
      const freeH = join(root, 'free', 'free-h.txt');
      writeFileSync(freeH, readFileSync(freeH, 'utf8').replace('530Mi', '531Mi'));
      const run = lab('free', '--solution', '--proc', join(root, 'proc'));
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('✗ free -h\n');
      expect(run.stdout).toContain(`first difference at column 30: "1" in free -h's line, "0" in yours`);
      expect(run.stdout).toContain('1 of 3 comparisons does not hold: work on kata 2 (npm run kata 2).');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 20_000);

  it('exits 0 on the real smaps of sleep in the snapshot', () => {
    const run = lab('smaps', '13577', '--solution', '--proc', SNAPSHOT);
    expect(run.stdout).toContain(
      '✓ Σ smaps = smaps_rollup (page-granular fields) — 15 fields over 36 VMAs, exactly (Rss 1660 kB)',
    );
    expect(run.code).toBe(0);
  }, 20_000);

  it.each([
    [['bogus'], 'lab: unknown mode "bogus"'],
    [['free', '--proc', '/nonexistent/memkata'], 'lab: --proc /nonexistent/memkata: there is no such folder.'],
    [
      ['smaps', '999999', '--solution', '--proc', SNAPSHOT],
      'lab: there is no process 999999 in spec/fixtures/lab/proc',
    ],
  ])(
    'exits 2 on a usage error: %j',
    (args, message) => {
      const run = lab(...args);
      expect(run.stderr).toContain(message);
      expect(run.code).toBe(2);
    },
    20_000,
  );
});
