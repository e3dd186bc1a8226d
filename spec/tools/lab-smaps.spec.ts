import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reference from '#kata/03-smaps';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { checkSmaps, EXACT_FIELDS, type SmapsKata, sumsAgainstRollup } from '../../scripts/lab/smaps.mjs';

const kata: SmapsKata = reference;
// The three real processes of the bundled snapshot: sleep, bash, and the purpose-built fixture program.
const PROCESSES = [
  ['sleep 600', 13577, 36],
  ['bash', 2744, 43],
  ['fixture', 13870, 29],
] as const;
const sampleOf = (pid: number, edit: { smaps?: (t: string) => string; rollup?: (t: string) => string } = {}) => {
  const smaps = fixture(`lab/proc/${pid}/smaps`);
  const rollup = fixture(`lab/proc/${pid}/smaps_rollup`);
  return {
    label: `PID ${pid}`,
    smaps: edit.smaps ? edit.smaps(smaps) : smaps,
    rollup: edit.rollup ? edit.rollup(rollup) : rollup,
    stable: true,
    attempts: 1,
  };
};

describe('checkSmaps', () => {
  it.each(PROCESSES)('finds every kernel rule holds for the real capture of %s (PID %i)', (_, pid) => {
    const checks = checkSmaps(kata, sampleOf(pid));
    expect(checks.map((c) => [c.title, c.verdict])).toEqual([
      ['formatSmaps(parseSmaps(smaps)) is smaps again', 'pass'],
      ['parseSmapsRollup reads every line', 'pass'],
      ['smaps_rollup spans the first to the last VMA', 'pass'],
      ['Σ smaps = smaps_rollup (page-granular fields)', 'pass'],
      [expect.stringMatching(/^Σ smaps ≤ smaps_rollup by less than \d+ kB/), 'pass'],
    ]);
  });

  it.each(PROCESSES)('counts the VMAs of %s without [vsyscall] (PID %i: %i)', (_, pid, vmas) => {
    const checks = checkSmaps(kata, sampleOf(pid));
    expect(checks[4]?.title).toBe(`Σ smaps ≤ smaps_rollup by less than ${vmas} kB (Pss, Pss_Dirty, SwapPss, Locked)`);
  });

  it("reports sleep's PSS 10 kB short of the rollup: each VMA's PSS is truncated", () => {
    const checks = checkSmaps(kata, sampleOf(13577));
    expect(checks[4]?.lines).toEqual([
      "short by Pss 10, Pss_Dirty 0, SwapPss 0, Locked 0 kB: each VMA's PSS is truncated to whole kB",
    ]);
  });

  it('names Rss when one mapping of the real smaps is edited (the rollup no longer adds up)', () => {
    // The first Rss line of sleep's smaps: 8 kB of /usr/bin/sleep, made 12.
    const edit = (t: string) => t.replace('Rss:                   8 kB', 'Rss:                  12 kB');
    const checks = checkSmaps(kata, sampleOf(13577, { smaps: edit }));
    const sum = checks.find((c) => c.title === 'Σ smaps = smaps_rollup (page-granular fields)')!;
    expect(sum.verdict).toBe('fail');
    expect(sum.kata).toBe(3);
    expect(sum.lines).toContain('  Rss: 1664 kB │ 1660 kB');
  });

  it('names Pss when the rollup is edited beyond what truncation explains', () => {
    const checks = checkSmaps(
      kata,
      sampleOf(13577, { rollup: (t) => t.replace(/^Pss: +299 kB$/m, 'Pss:                 400 kB') }),
    );
    const trunc = checks.at(-1)!;
    expect(trunc.verdict).toBe('fail');
    expect(trunc.lines[0]).toBe('  Pss: Σ 289 kB, rollup 400 kB: the rollup should be 0 to 35 kB more');
  });

  it('names the line and column where formatSmaps loses the trailing space of a nameless mapping', () => {
    const trimming: SmapsKata = { ...kata, formatSmaps: (m) => kata.formatSmaps(m).replace(/ 0 \n/g, ' 0\n') };
    const roundTrip = checkSmaps(trimming, sampleOf(13577))[0]!;
    expect(roundTrip.verdict).toBe('fail');
    expect(roundTrip.expectedName).toBe('the kernel');
    const first = roundTrip.diff!.rows[0]!;
    expect(first.expected).toMatch(/ 0 \n$/);
    expect(first.got).toBe(first.expected!.replace(/ 0 \n$/, ' 0\n'));
  });

  it('tells the learner to finish kata 3 when parseSmaps is still a stub', () => {
    const stub: SmapsKata = {
      ...kata,
      parseSmaps: () => {
        throw new NotImplementedError('parseSmaps');
      },
    };
    const checks = checkSmaps(stub, sampleOf(2744));
    expect(checks).toHaveLength(1);
    expect(checks[0]?.verdict).toBe('todo');
    expect(checks[0]?.lines[0]).toBe('parseSmaps is not written yet: finish kata 3 first.');
  });

  it('names the rollup range when parseSmapsRollup misreads it', () => {
    const off: SmapsKata = { ...kata, parseSmapsRollup: (t) => ({ ...kata.parseSmapsRollup(t), end: 0n }) };
    const checks = checkSmaps(off, sampleOf(2744));
    expect(checks[1]?.verdict).toBe('fail');
    expect(checks[1]?.lines[0]).toBe('the range: the file says 560e7f2aa000-7fff35384000, yours 560e7f2aa000-00000000');
  });
});

describe('sumsAgainstRollup', () => {
  it('turns a mismatch into a note, not a failure, when the process kept changing while it was read', () => {
    const sample = { ...sampleOf(13577), stable: false, attempts: 10 };
    const sums = { ...kata.sumFields(kata.parseSmaps(sample.smaps)), Rss: 1 };
    const [exact] = sumsAgainstRollup(sums, sample);
    expect(exact?.verdict).toBe('note');
    expect(exact?.lines.join('\n')).toContain('PID 13577 kept changing');
  });

  it('fails any page-granular field whose sum is off by any amount', () => {
    const sample = sampleOf(2744);
    const sums = kata.sumFields(kata.parseSmaps(sample.smaps));
    fc.assert(
      fc.property(
        fc.constantFrom(...EXACT_FIELDS.filter((f) => f in sums)),
        fc.integer({ min: 1, max: 1 << 20 }),
        (field, delta) => {
          const [exact] = sumsAgainstRollup({ ...sums, [field]: (sums[field] ?? 0) + delta }, sample);
          return exact?.verdict === 'fail' && exact.lines.some((l) => l.startsWith(`  ${field}: `));
        },
      ),
    );
  });
});
