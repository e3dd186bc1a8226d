/**
 * A small course for spec/tools/grading-attacks.spec.ts: the real harness (scripts/, spec/support/,
 * katas/shared/, vitest.config.ts, package.json) with fake katas that each ask for one function, `double`, and a
 * learner's code that attacks the grader in its own way. solutions/ is there, as in memkata itself.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checksumsOf } from '../../scripts/lib/course.mjs';
import { repoRoot } from '../../scripts/lib/paths.mjs';

/** The spec every fake kata has: two examples and a property (fast-check, 100 runs unless told otherwise). */
const specFor = (slug: string) => `import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { double } from '#kata/${slug}';

describe('double', () => {
  it('doubles 2', () => {
    expect(double(2)).toBe(4);
  });
  it('doubles 21', () => {
    expect(double(21)).toEqual(42);
  });
  it('doubles any integer', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (n) => { expect(double(n)).toBe(2 * n); }));
  });
});
`;

const reference = 'export function double(n: number): number {\n  return 2 * n;\n}\n';
const wrong = 'export function double(n: number): number {\n  return n === 2 ? 4 : 0;\n}\n';

/** Each attack: the learner's katas/NN-slug/index.ts. `LEARNER` is replaced by the learner's root. */
export const ATTACKS: Record<string, string> = {
  '01-honest': reference,
  '02-reexport': "export * from '../../solutions/02-reexport/index.ts';\n",
  '03-spec-import': `import { fixture } from '#support/fixtures';\nvoid fixture;\n${reference}`,
  '04-exit-import': `process.exit(0);\n${reference}`,
  '05-exit-spec': 'export function double(n: number): number {\n  process.exit(0);\n}\n',
  '06-grade-files': `import { mkdirSync, writeFileSync } from 'node:fs';
const forged = JSON.stringify({ score: 999, maxScore: 999, katas: [] });
const classroom = JSON.stringify({ version: 1, status: 'pass', max_score: 999, tests: [] });
for (const dir of ['LEARNER/grade', \`\${process.cwd()}/grade\`]) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(\`\${dir}/results.json\`, forged);
  writeFileSync(\`\${dir}/classroom.json\`, classroom);
  writeFileSync(\`\${dir}/junit.xml\`, '<testsuites tests="999" failures="0"/>');
}
export function double(n: number): number {
  writeFileSync('LEARNER/grade/results.json', forged);
  return n === 2 ? 4 : 0;
}
`,
  '07-patch-expect': `const vitest = (globalThis as any).__vitest_index__;
const pass = () => ({ pass: true, message: () => '' });
try { vitest.expect.extend({ toBe: pass, toEqual: pass }); } catch {}
try { Object.getPrototypeOf(vitest.expect(0)).toBe = function () { return this; }; } catch {}
try { (Object as any).is = () => true; } catch {}
try { (Date as any).now = () => 0; } catch {}
${wrong}`,
  '08-forged-line': `console.log('999 passed, 0 failed');
process.stdout.write('Score: 999/999\\n999 passed, 0 failed\\n');
export function double(n: number): number {
  console.log('999 passed, 0 failed');
  process.stdout.write('999 passed, 0 failed\\n');
  return n === 2 ? 4 : 0;
}
`,
  '09-loop': 'export function double(n: number): number {\n  for (;;) {}\n}\n',
  '10-fc-env': 'export function double(n: number): number {\n  return Math.abs(n) > 1000 ? 0 : 2 * n;\n}\n',
  '11-fc-config': `import fc from 'fast-check';\nfc.configureGlobal({ numRuns: 1 });\n${wrong}`,
  '12-unguarded-loop': `(globalThis as any).__memkataLoopGuard = () => {};
export function double(n: number): number {
  for (;;) {}
}
`,
  '13-dynamic-import': `const support = await import(['..', '..', 'spec', 'support', 'fixtures.ts'].join('/'));
void support;
${reference}`,
};

/**
 * Writes the course into dir: memkata's harness, the fake katas' reference, specs and a course file with spec
 * counts and checksums, and in katas/ the learner's attacks (graded in place, solutions/ beside them, as in
 * memkata itself).
 */
export function buildAttackCourse(dir: string) {
  const copy = (path: string) =>
    cpSync(join(repoRoot, path), join(dir, path), {
      recursive: true,
      filter: (from) => !/[\\/](node_modules|\.install-[^\\/]*)$/.test(from),
    });
  for (const path of [
    'scripts',
    'spec/support',
    'katas/shared',
    'vitest.config.ts',
    'tsconfig.json',
    'tsconfig.base.json',
    'package.json',
  ])
    copy(path);
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const slugs = Object.keys(ATTACKS);
  const katas = slugs.map((slug) => ({
    number: Number(slug.slice(0, 2)),
    slug,
    title: slug.slice(3).replace(/-/g, ' '),
    part: 'I',
    points: 10,
    timeoutSeconds: 1,
    hints: { double: { nudge: ['n'], approach: ['a'], 'near-solution': ['s'] } },
  }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  write(join(dir, 'katas.json'), `${JSON.stringify({ parts: { I: 'Attacks' }, katas }, null, 2)}\n`);
  for (const slug of slugs) {
    write(join(dir, 'solutions', slug, 'index.ts'), reference);
    write(join(dir, 'spec', slug, '1-double.spec.ts'), specFor(slug));
    write(join(dir, 'katas', slug, 'index.ts'), (ATTACKS[slug] ?? '').replaceAll('LEARNER', dir));
  }
  const specCounts = Object.fromEntries(slugs.map((slug) => [`spec/${slug}/1-double.spec.ts`, 3]));
  const course = {
    format: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    source: {},
    katas: katas.map((k) => k.number),
    lang: 'en',
    specCounts,
    checksums: checksumsOf(dir),
  };
  write(join(dir, '.memkata-course.json'), `${JSON.stringify(course, null, 2)}\n`);
}
