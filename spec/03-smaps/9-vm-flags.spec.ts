import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeVmFlag } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES } from './captures.ts';

/** show_smap_vma_flags() on x86_64, Linux 6.12–6.18 (reference §2.4), with the meanings the README gives. */
const TABLE: [code: string, meaning: string][] = [
  ['rd', 'readable'],
  ['wr', 'writeable'],
  ['ex', 'executable'],
  ['sh', 'shared'],
  ['mr', 'may read'],
  ['mw', 'may write'],
  ['me', 'may execute'],
  ['ms', 'may share'],
  ['gd', 'grows down (stack)'],
  ['um', 'userfaultfd missing'],
  ['pf', 'PFN map'],
  ['uw', 'userfaultfd write-protect'],
  ['lo', 'locked (mlock)'],
  ['io', 'I/O memory'],
  ['sr', 'sequential read advice'],
  ['rr', 'random read advice'],
  ['dc', 'do not copy on fork'],
  ['de', 'do not expand on mremap'],
  ['lf', 'lock on fault'],
  ['ac', 'accountable'],
  ['nr', 'swap not reserved'],
  ['ht', 'hugetlb'],
  ['sf', 'synchronous fault'],
  ['ar', 'arch-specific (x86: PAT)'],
  ['wf', 'wipe on fork'],
  ['dd', 'do not dump'],
  ['sd', 'soft-dirty'],
  ['mm', 'mixed map'],
  ['hg', 'MADV_HUGEPAGE'],
  ['nh', 'MADV_NOHUGEPAGE'],
  ['mg', 'MADV_MERGEABLE (KSM)'],
  ['ss', 'shadow stack'],
  ['ui', 'userfaultfd minor'],
  ['dp', 'droppable'],
  ['sl', 'sealed (mseal)'],
];

describe('describeVmFlag', () => {
  it.each(TABLE)('describes %s as %j', (code, meaning) => {
    expect(describeVmFlag(code)).toBe(meaning);
  });

  it('knows every code in every capture (the zoo shows 28 different ones)', () => {
    const texts = [...CAPTURES.map((c) => c.smaps), fixture('smaps/seed-000/python-excerpt.txt')];
    const codes = new Set(
      texts.flatMap((t) => [...t.matchAll(/^VmFlags:(.*)$/gm)].flatMap((m) => m[1]!.trim().split(' '))),
    );
    const zoo = new Set(
      [...fixture('smaps/zoo/smaps.txt').matchAll(/^VmFlags:(.*)$/gm)].flatMap((m) => m[1]!.trim().split(' ')),
    );
    expect(zoo.size).toBe(28);
    for (const code of codes) expect([code, describeVmFlag(code)]).not.toEqual([code, 'unknown']);
  });

  it.each([
    ['zz', 'a code no kernel prints'],
    ['??', 'what the kernel prints for a bit it has no name for'],
    ['dw', 'VM_DENYWRITE, gone since Linux 5.15 though proc.rst still lists it'],
    ['RD', 'upper case'],
    ['', 'nothing'],
    ['constructor', 'a name every object inherits'],
    ['toString', 'another'],
    ['__proto__', 'and the prototype itself'],
  ])("returns 'unknown' for %j (%s)", (code) => {
    expect(describeVmFlag(code)).toBe('unknown');
  });

  it("returns a description or 'unknown' for any string, and a known description only for a table code", () => {
    const known = new Set(TABLE.map(([code]) => code));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 3 }), fc.stringMatching(/^[a-z]{2}$/)), (code) => {
        const meaning = describeVmFlag(code);
        return known.has(code) ? meaning !== 'unknown' : meaning === 'unknown';
      }),
    );
  });
});
