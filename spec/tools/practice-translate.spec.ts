import { describe, expect, it } from 'vitest';
import * as kata8 from '#kata/08-virtual-address';
import * as kata9 from '#kata/09-page-table';
import exercise, { generator } from '../../scripts/practice/translate.mjs';

const katas = new Map<number, Record<string, unknown>>([
  [8, kata8],
  [9, kata9],
]);
const run = (seed: number, answers = false, options: Record<string, number> = {}) =>
  exercise.run({ seed, answers, options, katas }) as string;

/** The printed table pages: frame → slot → entry. */
function printedTables(text: string) {
  const pages = new Map<number, Map<number, bigint>>();
  let current: Map<number, bigint> | undefined;
  for (const line of text.split('\n')) {
    const page = /^ {2}table page at frame 0x([0-9a-f]+)/.exec(line);
    if (page) {
      current = new Map();
      pages.set(Number.parseInt(page[1] ?? '', 16), current);
    }
    const entry = /^ {4}\[ *(\d+)\] 0x([0-9a-f]{16})$/.exec(line);
    if (entry && current) current.set(Number(entry[1]), BigInt(`0x${entry[2]}`));
  }
  return pages;
}

/**
 * A walk by hand over the printed text, written apart from kata 9 (this is what the student does): the
 * answer line's text after the arrow.
 */
function byHand(pages: Map<number, Map<number, bigint>>, pgd: number, va: bigint, access: string, mode: string) {
  const top = va >> 47n;
  if (top !== 0n && top !== 0x1ffffn) return 'fault: non-canonical';
  const names = ['PGD', 'PUD', 'PMD', 'PTE'];
  let frame = pgd;
  for (let level = 0; level < 4; level++) {
    const slot = Number((va >> BigInt(39 - 9 * level)) & 511n);
    const entry = pages.get(frame)?.get(slot) ?? 0n;
    if ((entry & 1n) === 0n) return `fault: not-present at the ${names[level]}`;
    const leaf = level === 3 || (level === 2 && (entry & 0x80n) !== 0n);
    if (leaf) {
      const refused =
        (mode === 'user' && !(entry & 4n)) ||
        (access === 'write' && !(entry & 2n)) ||
        (access === 'exec' && entry >> 63n);
      if (refused) return `fault: protection at the ${names[level]}`;
      const size = level === 3 ? 4096n : 0x200000n;
      return `0x${((entry & 0xffffffffff000n) + (va % size)).toString(16)}`;
    }
    frame = Number((entry >> 12n) & 0xffffffffffn);
  }
  throw new Error('unreachable');
}

const questionLine = /^ +\d+\. (read |write|exec )/;

describe('practice translate', () => {
  it('prints the seed and makes the same exercise from the same seed', () => {
    expect(run(42).split('\n')[0]).toBe('memkata practice · translate · seed 42');
    expect(run(42)).toBe(run(42));
    expect(run(42, true)).toBe(run(42, true));
  });

  it('makes another exercise from another seed', () => {
    expect(run(1)).not.toBe(run(2));
  });

  it('keeps the answers for --answers, and says how to get them', () => {
    const text = run(42);
    expect(text).not.toContain('Answers (');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Answers: npm run practice -- translate --seed 42 --answers');
  });

  it('asks --count questions (8 by default)', () => {
    const questions = (t: string) => t.split('\n').filter((l) => questionLine.test(l)).length;
    expect(questions(run(5))).toBe(8);
    expect(questions(run(5, false, { count: 3 }))).toBe(3);
  });

  it('gives answers a walk by hand over the printed table agrees with, for 30 seeds', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const text = run(seed, true, { count: 13 });
      const pages = printedTables(text);
      const pgd = Number.parseInt(/frame 0x([0-9a-f]+) \(PGD\)/.exec(text)?.[1] ?? '', 16);
      const answers = text.split('Answers (kata 9 reference):')[1] ?? '';
      const lines = answers.split('\n').filter((l) => questionLine.test(l));
      expect(lines).toHaveLength(13);
      for (const line of lines) {
        const m = /\d+\. (read|write|exec) +0x([0-9a-f]{16})( \(kernel\))? {2}→ {2}(.*)$/.exec(line);
        expect(m, line).not.toBeNull();
        const [, access = '', va = '', kernel, answer] = m ?? [];
        const mode = kernel ? 'kernel' : 'user';
        expect(answer, `seed ${seed}: ${line}`).toBe(byHand(pages, pgd, BigInt(`0x${va}`), access, mode));
      }
    }
  });

  it('asks every kind of question across seeds: translations, each fault and each level', () => {
    const all = Array.from({ length: 10 }, (_, i) => run(i + 1, true, { count: 13 })).join('\n');
    const kinds = [
      'not-present at the PGD',
      'not-present at the PUD',
      'not-present at the PMD',
      'not-present at the PTE',
    ];
    for (const kind of [...kinds, 'protection at the PTE', 'non-canonical', '2 MiB frame', '4 KiB frame']) {
      expect(all).toContain(kind);
    }
  });
});

describe('generator', () => {
  it('gives the same numbers from the same seed, in [min, max]', () => {
    const a = generator(9);
    const b = generator(9);
    const xs = Array.from({ length: 50 }, () => a.int(3, 7));
    expect(Array.from({ length: 50 }, () => b.int(3, 7))).toEqual(xs);
    expect(xs.every((x) => x >= 3 && x <= 7)).toBe(true);
    expect(new Set(xs).size).toBe(5);
  });
});
