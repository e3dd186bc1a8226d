// @ts-check
/**
 * The skeleton of a new kata (`npm run new-kata`): its manifest entry with TODO hints, and the files of its
 * three folders — a reference whose bodies say TODO, the stubs derived from it, a numbered spec per function
 * that fails until its TODOs are written, README.md and README.ko.md with the sections every kata has. The
 * dev check rejects every TODO, so a kata cannot land half-written. Pure: it returns what to write.
 */
import { deriveStub } from './derive-stub.mjs';

/**
 * @typedef {object} NewKata
 * @property {number} number
 * @property {string} slug       "17-compaction" (the number's two digits, then words)
 * @property {string} title
 * @property {string} part
 * @property {string[]} functions  exported functions, in the order the learner writes them
 */

/** "buddy-allocator" → "buddyAllocator"; "parseZoneinfo" → "parse-zoneinfo". */
export const camel = (/** @type {string} */ words) => words.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
export const kebab = (/** @type {string} */ name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

const TODO_TIERS = () => ({ nudge: ['TODO'], approach: ['TODO'], 'near-solution': ['TODO'] });

/**
 * @param {NewKata} kata
 * @returns {import('./manifest.mjs').Kata}
 */
export function manifestEntry(kata) {
  const hints = () => Object.fromEntries(kata.functions.map((fn) => [fn, TODO_TIERS()]));
  return {
    number: kata.number,
    slug: kata.slug,
    title: kata.title,
    part: kata.part,
    points: 10,
    timeoutSeconds: 5,
    hints: hints(),
    ko: { title: kata.title, hints: hints() },
  };
}

/**
 * The files of the new kata, by path relative to the repository.
 * @param {NewKata} kata
 * @returns {Map<string, string>}
 */
export function kataFiles(kata) {
  /** @type {Map<string, string>} */
  const files = new Map();
  const index = kata.functions.map((fn) => `export { ${fn} } from './${kebab(fn)}.ts';`).sort();
  for (const fn of kata.functions) {
    const reference = [
      '/**',
      ` * TODO: what ${fn} does, in one sentence a learner understands, with one worked example:`,
      ` * ${fn}('…') → '…'. Cite the kernel function or tool it mirrors.`,
      ' */',
      `export function ${fn}(input: string): string {`,
      `  // TODO: the reference solution: clear over clever, comments that cite what it mirrors.`,
      `  throw new Error('TODO: write the reference for ${fn}');`,
      '}',
      '',
    ].join('\n');
    files.set(`solutions/${kata.slug}/${kebab(fn)}.ts`, reference);
    files.set(`katas/${kata.slug}/${kebab(fn)}.ts`, deriveStub(reference, `${kebab(fn)}.ts`));
  }
  files.set(`solutions/${kata.slug}/index.ts`, `${index.join('\n')}\n`);
  files.set(`katas/${kata.slug}/index.ts`, `${index.join('\n')}\n`);
  kata.functions.forEach((fn, i) => {
    files.set(
      `spec/${kata.slug}/${i + 1}-${kebab(fn)}.spec.ts`,
      [
        "import { describe, expect, it } from 'vitest';",
        `import { ${fn} } from '#kata/${kata.slug}';`,
        '',
        `describe('${fn}', () => {`,
        "  it('TODO: a sentence that says what Linux does, or names the trap this spec tests', () => {",
        `    expect(${fn}('TODO: an input from a real capture in spec/fixtures/')).toBe('TODO: what Linux prints');`,
        '  });',
        '});',
        '',
      ].join('\n'),
    );
  });
  const table = kata.functions.map((fn) => `| \`${fn}\` | \`${kebab(fn)}.ts\` | TODO |`);
  files.set(
    `katas/${kata.slug}/README.md`,
    [
      `# Kata ${kata.number} · ${kata.title}`,
      '',
      'TODO: the concept in plain words, from the seed notes, with the real example a learner can check on Linux.',
      '',
      '## TODO: the idea (a table or a diagram)',
      '',
      "TODO: every rule a spec tests, with numbers computed or measured. Where the kernel's rule and the seed",
      "notes' simpler one differ, both, labelled with the kernel version.",
      '',
      '## What to implement',
      '',
      '| function | file | what it does |',
      '|---|---|---|',
      ...table,
      '',
      '## Run it',
      '',
      '```',
      `npm run kata ${kata.number}               # the specs, and what to do next`,
      `npm run kata -- ${kata.number} --watch    # again on every save`,
      `npm run hint ${kata.number}               # a hint for the function you are on`,
      '```',
      '',
    ].join('\n'),
  );
  files.set(
    `katas/${kata.slug}/README.ko.md`,
    [
      `# 카타 ${kata.number} · ${kata.title}`,
      '',
      'TODO: 한국어 독자를 위한 설명 (README.md를 그대로 옮기지 말고, 커널 용어는 한국 엔지니어가 쓰는 대로).',
      '',
      '## TODO: 개념 (표나 그림)',
      '',
      'TODO: 스펙이 검사하는 규칙 모두.',
      '',
      '## 구현할 것',
      '',
      '| 함수 | 파일 | 하는 일 |',
      '|---|---|---|',
      ...table,
      '',
      '## 실행',
      '',
      '```',
      `npm run kata ${kata.number}               # the specs, and what to do next`,
      `npm run kata -- ${kata.number} --watch    # again on every save`,
      `npm run hint ${kata.number}               # a hint for the function you are on`,
      '```',
      '',
    ].join('\n'),
  );
  return files;
}
