/**
 * The parts of honest grading that need no spec run: the import scan (scripts/lib/import-guard.mjs) and the
 * course files' checksums (scripts/lib/course.mjs).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checksum, checksumsOf, compareIntegrity, describeIntegrity } from '../../scripts/lib/course.mjs';
import { forbiddenImports, refusal, scanImports, wrapDynamicImports } from '../../scripts/lib/import-guard.mjs';

const dir = mkdtempSync(join(tmpdir(), 'memkata-course-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scanImports', () => {
  it('finds static imports, re-exports, side-effect imports, import() and require() with their lines', () => {
    const text = [
      "import { a } from './a.ts';",
      "export * from '../../solutions/01-x/index.ts';",
      "import 'fast-check';",
      '// import { b } from "./commented.ts";',
      "const m = await import('../../spec/support/fixtures.ts');",
      'const n = require(`chai`);',
    ].join('\n');
    expect(scanImports(text)).toEqual([
      { specifier: './a.ts', line: 1 },
      { specifier: '../../solutions/01-x/index.ts', line: 2 },
      { specifier: 'fast-check', line: 3 },
      { specifier: '../../spec/support/fixtures.ts', line: 5 },
      { specifier: 'chai', line: 6 },
    ]);
  });
});

describe('refusal', () => {
  const from = '/repo/katas/01-x/units.ts';
  it.each([
    ['../../solutions/01-x/index.ts', 'under solutions/'],
    ['../../spec/01-x/helpers.ts', 'under spec/'],
    ['../../scripts/lib/grading.mjs', 'under scripts/'],
    ['#support/meminfo', 'spec/support/'],
    ['vitest', 'test framework'],
    ['@vitest/expect', 'test framework'],
    ['node:worker_threads', 'vitest'],
    ['node:module', 'require()'],
  ])('refuses %s', (specifier, why) => {
    expect(refusal(specifier, from, '/repo')).toContain(why);
  });

  it.each(['./units.ts', '../02-free/index.ts', '#kata/01-x', '#shared/errors', 'ts-pattern', 'node:fs'])(
    'allows %s',
    (specifier) => {
      expect(refusal(specifier, from, '/repo')).toBeUndefined();
    },
  );
});

describe('forbiddenImports', () => {
  it('names the file and line of each refused import, and every symbolic link, in the learner’s kata folders', () => {
    mkdirSync(join(dir, 'learner', 'katas', '01-x'), { recursive: true });
    mkdirSync(join(dir, 'learner', 'katas', 'shared'), { recursive: true });
    writeFileSync(
      join(dir, 'learner', 'katas', '01-x', 'index.ts'),
      "export * from './units.ts';\nimport fc from 'fast-check';\n",
    );
    writeFileSync(join(dir, 'learner', 'katas', 'shared', 'errors.ts'), "import { x } from '../../spec/x.ts';\n");
    symlinkSync('/etc/hostname', join(dir, 'learner', 'katas', '01-x', 'units.ts'));
    expect(forbiddenImports(join(dir, 'learner')).map((v) => `${v.file}:${v.line} ${v.kata}`)).toEqual([
      'katas/01-x/index.ts:2 01-x',
      'katas/01-x/units.ts:1 01-x',
    ]);
  });
});

describe('wrapDynamicImports', () => {
  it('sends every dynamic import’s specifier through the run-time check', () => {
    const out = wrapDynamicImports("const m = await import(['..', 'spec'].join('/'));")?.code;
    expect(out).toBe(
      "const m = await import(globalThis.__memkataCheckImport(['..', 'spec'].join('/'), import.meta.url));",
    );
  });
});

describe('compareIntegrity', () => {
  const course = join(dir, 'course');
  mkdirSync(join(course, 'spec', '01-x'), { recursive: true });
  mkdirSync(join(course, 'katas', '01-x'), { recursive: true });
  writeFileSync(join(course, 'spec', '01-x', '1-a.spec.ts'), 'one\n');
  writeFileSync(join(course, 'katas.json'), '{}\n');
  writeFileSync(join(course, 'katas', '01-x', 'index.ts'), 'the learner’s\n');

  it('checksums the files the grade depends on, not the learner’s work', () => {
    expect(Object.keys(checksumsOf(course))).toEqual(['katas.json', 'spec/01-x/1-a.spec.ts']);
  });

  it('reads CRLF as LF (a Windows checkout is not a change)', () => {
    expect(checksum('a\r\nb\r\n')).toBe(checksum('a\nb\n'));
  });

  it('names changed, removed and added files', () => {
    const sums = checksumsOf(course);
    writeFileSync(join(course, 'spec', '01-x', '1-a.spec.ts'), 'weakened\n');
    writeFileSync(join(course, 'spec', '01-x', '2-mine.spec.ts'), 'extra\n');
    rmSync(join(course, 'katas.json'));
    const report = compareIntegrity(course, sums, 'the course');
    expect(report).toEqual({
      integrity: 'modified',
      changed: ['spec/01-x/1-a.spec.ts'],
      missing: ['katas.json'],
      added: ['spec/01-x/2-mine.spec.ts'],
      against: 'the course',
    });
    expect(describeIntegrity(report)).toBe(
      'course files: MODIFIED — spec/01-x/1-a.spec.ts (changed), katas.json (removed), spec/01-x/2-mine.spec.ts (added)',
    );
    expect(compareIntegrity(course, undefined).integrity).toBe('unchecked');
  });
});
