import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reference from '#kata/02-free';
import { NotImplementedError, ParseError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import {
  compareFree,
  FREE_VARIANTS,
  type FreeKata,
  freeFieldChanges,
  freeNumbers,
  showFree,
} from '../../scripts/lab/free.mjs';
import { freeRulesOf } from '../../scripts/lab/free-versions.mjs';

// The bundled snapshot: /proc/meminfo and `free -k`, `-w`, `-h` read in the same instant (live-pair).
const meminfo = fixture('lab/proc/meminfo');
const captured = (file: string) => fixture(`lab/free/${file}`);
const variant = (title: string) => FREE_VARIANTS.find((v) => v.title === title)!;
const sample = (output: string, before = meminfo, after = before) => ({ before, output, after, attempts: 1 });
const kata: FreeKata = reference;

describe('compareFree', () => {
  it.each(FREE_VARIANTS.map((v) => [v.title, v] as const))(
    'finds the reference agrees with the real %s captured with the snapshot',
    (_, v) => {
      const check = compareFree(kata, v, sample(captured(v.capture)));
      expect(check.verdict).toBe('pass');
      expect(check.lines).toEqual(['all 3 lines match']);
    },
  );

  it('names the one line that differs when a line of the real output is edited', () => {
    const real = captured('free-h.txt').replace('530Mi', '531Mi');
    const check = compareFree(kata, variant('free -h'), sample(real));
    expect(check.verdict).toBe('fail');
    expect(check.kata).toBe(2);
    expect(check.expectedName).toBe('free -h');
    expect(check.diff?.rows).toEqual([
      {
        line: 2,
        expected: 'Mem:            23Gi       531Mi        22Gi       8.7Mi       803Mi        23Gi\n',
        got: 'Mem:            23Gi       530Mi        22Gi       8.7Mi       803Mi        23Gi\n',
      },
    ]);
    expect(check.lines.at(-1)).toBe('Next: npm run kata 2 (the specs name the rule that differs).');
  });

  it('shows the meminfo fields free reads, so the learner can redo the sum by hand', () => {
    const real = captured('free-k.txt').replace('543564', '543565');
    const check = compareFree(kata, variant('free -k'), sample(real));
    expect(check.lines).toContain(
      'meminfo: MemTotal 24683656, MemFree 23597996, MemAvailable 24140092, Buffers 7632, Cached 693564, SReclaimable 121352, Shmem 8896, SwapTotal 0, SwapFree 0',
    );
  });

  it('accepts the output when it matches the second meminfo read (free ran between the two)', () => {
    const later = meminfo.replace('MemAvailable:   24140092 kB', 'MemAvailable:   24140088 kB');
    const real = captured('free-k.txt').replace('543564', '543568').replace('24140092', '24140088');
    expect(compareFree(kata, variant('free -k'), sample(real, meminfo, later)).verdict).toBe('pass');
  });

  it('says the numbers drifted when meminfo never stood still and nothing matches', () => {
    const later = meminfo.replace('MemFree:        23597996 kB', 'MemFree:        23597744 kB');
    const real = captured('free-k.txt').replace('23597996', '23597000');
    const check = compareFree(kata, variant('free -k'), { ...sample(real, meminfo, later), attempts: 10 });
    expect(check.verdict).toBe('fail');
    expect(check.lines.join('\n')).toContain(
      'meminfo kept changing while free ran (MemFree 23597996 → 23597744), in all 10 tries:',
    );
  });

  it('tells the learner to finish kata 2 when formatFree is still a stub, without a stack dump', () => {
    const stub: FreeKata = {
      ...kata,
      formatFree: () => {
        throw new NotImplementedError('formatFree');
      },
    };
    const stubs = new Map([['formatFree', 'katas/02-free/format-free.ts']]);
    const check = compareFree(stub, variant('free -w'), sample(captured('free-w.txt')), stubs);
    expect(check.verdict).toBe('todo');
    expect(check.lines).toEqual([
      'formatFree is not written yet (katas/02-free/format-free.ts): finish kata 2 first.',
      'Next: npm run kata 2, then come back to the lab.',
    ]);
  });

  it('shows the meminfo line a ParseError names', () => {
    const refusing: FreeKata = {
      ...kata,
      parseMeminfo: () => {
        throw new ParseError('expected "Key: N kB"', 3);
      },
    };
    const check = compareFree(refusing, variant('free -k'), sample(captured('free-k.txt')));
    expect(check.verdict).toBe('fail');
    expect(check.lines.slice(0, 3)).toEqual([
      'formatFree(computeFree(parseMeminfo(meminfo)), { unit: \'k\' }) threw ParseError for line 3 of /proc/meminfo: expected "Key: N kB"',
      '  line 3: "MemAvailable:   24140092 kB"',
      'Linux wrote this file, so the parser must read it.',
    ]);
  });
});

describe('compareFree with an older free', () => {
  // procps-ng 3.3.12 … 3.3.17 prints a 14-space header and rows as "%-7s" + " %11s" (free.c of 3.3.x): one
  // column narrower than 4.x. Narrowing the real 4.0.2 capture by one blank per line gives that layout.
  const narrow = (text: string) => text.replace(/^ /, '').replace(/^(\S+:) /gm, '$1');
  // With the 3.3 rule, used = MemTotal − MemFree − Buffers − Cached − SReclaimable = 263112 (reference §1.5).
  const old = narrow(captured('free-k.txt').replace('543564', '263112'));

  it('compares number by number, with the 3.3 `used` rule, when free is procps-ng 3.3.x', () => {
    const check = compareFree(kata, variant('free -k'), sample(old), undefined, { procps: '3.3', layout: 'numbers' });
    expect(check.verdict).toBe('pass');
    expect(check.lines).toEqual(['all 3 lines hold the same words and numbers']);
  });

  it('still fails a wrong number in the narrower layout', () => {
    const wrong = old.replace('263112', '263113');
    const check = compareFree(kata, variant('free -k'), sample(wrong), undefined, { procps: '3.3', layout: 'numbers' });
    expect(check.verdict).toBe('fail');
    expect(check.diff?.rows[0]?.expected).toBe('Mem: 24683656 263113 23597996 8896 822548 24140092\n');
  });

  it('does not accept the 3.3 numbers under the 4.x rules', () => {
    expect(compareFree(kata, variant('free -k'), sample(narrow(captured('free-k.txt')))).verdict).toBe('fail');
  });
});

describe('freeRulesOf', () => {
  it.each([
    ['free from procps-ng 4.0.2', '4', 'exact', true],
    ['free from procps-ng 4.0.4', '4', 'exact', true],
    ['free from procps-ng 4.0.0', '3.3', 'exact', true],
    ['free from procps-ng 3.3.17', '3.3', 'numbers', false],
  ])('reads %j as the %s rules, compared %s', (version, procps, layout, human) => {
    expect(freeRulesOf(version)).toMatchObject({ procps, layout, human });
  });

  it.each([['free from procps-ng 3.3.10'], ['free (procps version 3.2.8)'], [''], [undefined]])(
    'compares nothing with %j, and says why',
    (version) => {
      const rules = freeRulesOf(version);
      expect(rules.procps).toBeUndefined();
      expect(rules.caveat).toMatch(/nothing to compare with/);
    },
  );
});

describe('freeNumbers', () => {
  it('squeezes blanks and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[^\s]+$/)), fc.array(fc.integer({ min: 1, max: 12 })), (words, gaps) => {
        const spaced = words.map((w, i) => w + ' '.repeat(gaps[i] ?? 1)).join('');
        return freeNumbers(spaced) === words.join(' ');
      }),
    );
  });
});

describe('freeFieldChanges', () => {
  it('lists only the fields free reads', () => {
    const later = meminfo
      .replace('MemFree:        23597996 kB', 'MemFree:        23597744 kB')
      .replace(/^Active:.*$/m, 'Active:           999999 kB');
    expect(freeFieldChanges(meminfo, later)).toEqual(['MemFree 23597996 → 23597744']);
  });

  it('finds no change between a read and itself, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => freeFieldChanges(text, text).length === 0));
  });
});

describe('showFree', () => {
  it("prints the learner's report as a note when there is nothing to compare with", () => {
    const check = showFree(kata, variant('free -k'), meminfo, 'free is not installed');
    expect(check.verdict).toBe('note');
    expect(check.lines).toEqual(['free is not installed', ...captured('free-k.txt').trimEnd().split('\n')]);
  });
});
