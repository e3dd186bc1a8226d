// A maintainer adds a kata with `npm run new-kata`: the dev check lists its TODOs, and passes once they are
// written. Run in a copy of the repository with kata 1 alone, so nothing here touches the real tree.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { camel, kebab } from '../../scripts/lib/new-kata.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'memkata-new-kata-'));
afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000);

function copyRepository() {
  for (const f of [
    'package.json',
    'tsconfig.json',
    'tsconfig.base.json',
    'tsconfig.solutions.json',
    'vitest.config.ts',
    'biome.json',
  ]) {
    cpSync(join(repo, f), join(root, f));
  }
  for (const d of [
    'scripts',
    'katas/shared',
    'katas/01-pages-and-units',
    'solutions/01-pages-and-units',
    'spec/01-pages-and-units',
    'spec/support',
    'spec/fixtures/free/meminfo',
  ]) {
    cpSync(join(repo, d), join(root, d), { recursive: true });
  }
  mkdirSync(join(root, 'docs'));
  const manifest = JSON.parse(readFileSync(join(repo, 'katas.json'), 'utf8'));
  manifest.katas = manifest.katas.filter((k: { number: number }) => k.number === 1);
  writeFileSync(join(root, 'katas.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Each package linked, not node_modules itself: the dev check writes its own cache there.
  mkdirSync(join(root, 'node_modules'));
  for (const pkg of readdirSync(join(repo, 'node_modules'))) {
    if (pkg !== '.cache' && pkg !== '.vite')
      symlinkSync(join(repo, 'node_modules', pkg), join(root, 'node_modules', pkg));
  }
}

const node = (...args: string[]) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('camel and kebab', () => {
  it('turn a slug into a function name and a function name into a file name', () => {
    expect(camel('buddy-allocator')).toBe('buddyAllocator');
    expect(kebab('parseZoneinfo')).toBe('parse-zoneinfo');
  });
});

describe('npm run new-kata', () => {
  it('writes a kata whose TODOs the dev check lists, and which passes once they are written', () => {
    copyRepository();
    const made = node('scripts/new-kata.mjs', '2', 'toy', 'a toy', 'I', '--functions', 'double');
    expect(made.code, made.out).toBe(0);
    for (const f of [
      'katas/02-toy/double.ts',
      'katas/02-toy/README.md',
      'katas/02-toy/README.ko.md',
      'solutions/02-toy/double.ts',
      'spec/02-toy/1-double.spec.ts',
      'docs/katas.md',
    ]) {
      expect(readFileSync(join(root, f), 'utf8')).not.toBe('');
    }
    expect(node('scripts/new-kata.mjs', '2', 'toy', 'again', 'I').out).toContain('kata 2 exists already');

    // Before: the TODOs are listed (without the spec run; the TODO reference throws, so its spec fails anyway).
    const before = node('scripts/check.mjs', '2', '--no-specs');
    expect(before.code).toBe(1);
    expect(before.out).toContain('hint "nudge" of double is not written');
    expect(before.out).toContain('solutions/02-toy/double.ts still says TODO');
    expect(before.out).toContain('katas/02-toy/README.md still says TODO');

    // The maintainer writes the TODOs.
    writeFileSync(
      join(root, 'solutions/02-toy/double.ts'),
      "/** Twice the text: double('ab') → 'abab'. */\nexport function double(input: string): string {\n  return input + input;\n}\n",
    );
    writeFileSync(
      join(root, 'spec/02-toy/1-double.spec.ts'),
      "import { describe, expect, it } from 'vitest';\nimport { double } from '#kata/02-toy';\n\ndescribe('double', () => {\n  it('writes the text twice', () => {\n    expect(double('ab')).toBe('abab');\n  });\n});\n",
    );
    for (const readme of ['README.md', 'README.ko.md']) {
      const file = join(root, 'katas/02-toy', readme);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll(/TODO:?/g, 'Done'));
    }
    const manifest = JSON.parse(readFileSync(join(root, 'katas.json'), 'utf8'));
    const entry = manifest.katas.find((k: { number: number }) => k.number === 2);
    const tiers = { nudge: ['Twice.'], approach: ['Add it to itself.'], 'near-solution': ['`input + input`'] };
    entry.hints.double = tiers;
    entry.ko.hints.double = tiers;
    writeFileSync(join(root, 'katas.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    expect(node('scripts/stub.mjs', '2', '--write').code).toBe(0);

    const after = node('scripts/check.mjs', '2');
    expect(after.out).toContain('Dev check: every kata is honest, mirrored and complete.');
    expect(after.code).toBe(0);
  }, 120_000);
});
