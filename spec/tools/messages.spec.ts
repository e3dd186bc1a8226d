/**
 * The learner's texts in Korean: one catalogue per language (scripts/lib/messages.mjs) with the same entries,
 * the language chosen by MEMKATA_LANG, a Korean course or a ko_KR locale, and the verdict, progress and
 * README rendered in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeShape } from '../../scripts/lib/dev-check.mjs';
import { uiLanguage } from '../../scripts/lib/lang.mjs';
import { catalogues, messagesFor } from '../../scripts/lib/messages.mjs';
import { repoRoot } from '../../scripts/lib/paths.mjs';
import { progressJson, progressRows, renderProgress } from '../../scripts/lib/progress-table.mjs';
import { stripAnsi } from '../../scripts/lib/style.mjs';
import { displayWidth } from '../../scripts/lib/text-width.mjs';
import { renderVerdict } from '../../scripts/lib/verdict.mjs';
import { kata1, runOf, spec } from './builders.ts';

const hangul = /[\uac00-\ud7a3]/;

/** Every entry, called with sample arguments where it is a function, flattened to text. */
function texts(catalogue: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalogue)) {
    // One-element arrays read as their element in a template and have .join: they fit every parameter.
    if (typeof value === 'function') out[key] = String(value(3, ['parseKb'], ['2'], ['x']));
    else if (typeof value === 'string') out[key] = value;
    else for (const [k, v] of Object.entries(value as Record<string, string>)) out[`${key}.${k}`] = v;
  }
  return out;
}

describe('catalogues', () => {
  it('has the same entries in English and Korean, and every Korean one says something', () => {
    const en = texts(catalogues.en);
    const ko = texts(catalogues.ko);
    expect(Object.keys(ko)).toEqual(Object.keys(en));
    for (const [key, text] of Object.entries(ko)) expect(text, key).not.toBe('');
  });

  it('writes the sentences in Korean and leaves the commands as they are', () => {
    const ko = texts(catalogues.ko);
    const sentences = Object.entries(ko).filter(([key]) => !['readme', 'kataHeading'].includes(key));
    const notKorean = sentences.filter(([, text]) => !hangul.test(text)).map(([key]) => key);
    expect(notKorean).toEqual([]);
    expect(messagesFor('ko').stuck('parseKb', 1, 1, 3)).toContain('npm run hint 1');
    expect(messagesFor('ko').replay('42', 2)).toContain('FC_SEED=42 npm run kata 2');
  });
});

describe('uiLanguage', () => {
  it('follows MEMKATA_LANG first, then a Korean course, then the locale', () => {
    expect(uiLanguage({ MEMKATA_LANG: 'ko' }, 'en')).toBe('ko');
    expect(uiLanguage({ MEMKATA_LANG: 'en', LANG: 'ko_KR.UTF-8' }, 'ko')).toBe('en');
    expect(uiLanguage({}, 'ko')).toBe('ko');
    expect(uiLanguage({ LANG: 'ko_KR.UTF-8' }, 'en')).toBe('ko');
    expect(uiLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' }, 'en')).toBe('en');
    expect(uiLanguage({ LANG: 'C.UTF-8' }, 'en')).toBe('en');
  });
});

describe('renderVerdict in Korean', () => {
  const base = { kata: kata1, loadFailures: [], diagnostics: [], solution: false, hintsShown: {}, next: undefined };

  it('counts, names the function to write and offers the hint in Korean', () => {
    const failing = spec({
      state: 'failed',
      describe: 'parseKb',
      errors: [
        {
          name: 'NotImplementedError',
          message: "parseKb is not implemented yet: replace the notImplemented('parseKb') line",
        },
      ],
    });
    const text = stripAnsi(renderVerdict({ ...base, specs: [spec(), failing], lang: 'ko' }).text);
    expect(text).toContain('카타 1 · pages and units: 스펙 2개 중 1개 통과');
    expect(text).toContain('parseKb: 아직 작성되지 않았습니다.');
    expect(text).toMatch(/katas\/01-pages-and-units\/units\.ts:\d+ 에서 `return notImplemented\('parseKb'\)` 줄을/);
    expect(text).toContain('parseKb에서 막혔나요? parseKb의 힌트 3개 중 1번째 보기: npm run hint 1');
  });

  it('puts the caret under the first difference, counted in display columns after the Korean labels', () => {
    const failing = spec({
      state: 'failed',
      errors: [{ name: 'AssertionError', message: 'x', expected: 'Mem:  1\nSwap: 2', actual: 'Mem:  1\nSwap: 3' }],
    });
    const lines = stripAnsi(renderVerdict({ ...base, specs: [failing], lang: 'ko' }).text).split('\n');
    const expected = lines.find((l) => l.includes('기대값: "Swap: 2"')) ?? '';
    const caret = lines.find((l) => l.includes('^ 처음 다른 곳')) ?? '';
    const column = displayWidth(expected.slice(0, expected.indexOf('"') + 1)) + 'Swap: '.length;
    expect(displayWidth(caret.slice(0, caret.indexOf('^')))).toBe(column);
    expect(caret).toContain('7번째 칸');
  });

  it('says the kata is done, and the loop guard’s message, in Korean', () => {
    expect(stripAnsi(renderVerdict({ ...base, specs: [spec()], lang: 'ko' }).text)).toContain(
      '모든 스펙 통과: 카타 완료!',
    );
    const loop = spec({
      state: 'failed',
      errors: [
        {
          name: 'LoopTimeoutError',
          message: 'spec "reads a value" did not finish in 5 s — look for a loop that never ends',
        },
      ],
    });
    expect(stripAnsi(renderVerdict({ ...base, specs: [loop], lang: 'ko' }).text)).toContain(
      '스펙 "reads a value": 5초 안에 끝나지 않았습니다',
    );
  });
});

describe('renderProgress in Korean', () => {
  it('prints the table, the states and the next step in Korean', () => {
    const text = stripAnsi(renderProgress(progressRows(runOf([spec(), spec({ state: 'failed' })])), 'ko'));
    expect(text).toContain('진행 중');
    expect(text).toMatch(/진행 \[.*\] 카타 \d+개 중 0개 완료 · 스펙 2개 중 1개 통과/);
    expect(text).toContain('다음: npm run kata 1');
  });
});

describe('progressJson', () => {
  it('says who, when, and per kata the specs, the state, the points it would earn, hints and first green', () => {
    const rows = progressRows(runOf([spec(), spec({ state: 'failed' })]));
    const state = { version: 2 as const, katas: { 1: { current: 'parseKb', hints: { parseKb: 2, pagesToKb: 1 } } } };
    const json = progressJson(rows, { learner: 'Ada', at: '2026-12-01T09:00:00.000Z', state });
    expect(json).toMatchObject({ kind: 'memkata-progress', learner: 'Ada', green: 1, total: 2 });
    expect(json.rows[0]).toMatchObject({
      number: 1,
      green: 1,
      total: 2,
      state: 'in progress',
      current: 'parseKb',
      hintsShown: 3,
    });
    expect(json.next).toMatchObject({ number: 1, function: 'parseKb' });
  });
});

describe('README.ko.md', () => {
  it('has the headings and code blocks of README.md, and the export’s front pages agree too', () => {
    for (const [en, ko] of [
      ['README.md', 'README.ko.md'],
      ['scripts/export/README.md', 'scripts/export/README.ko.md'],
    ] as const) {
      const a = readmeShape(readFileSync(join(repoRoot, en), 'utf8'));
      const b = readmeShape(readFileSync(join(repoRoot, ko), 'utf8'));
      expect(b.headings, ko).toEqual(a.headings);
      expect(b.code, ko).toEqual(a.code);
      expect(readFileSync(join(repoRoot, ko), 'utf8')).toMatch(hangul);
    }
  });
});
