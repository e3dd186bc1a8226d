import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Mapping, sumFields } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CAPTURES, PAGE_GRANULAR_FIELDS, readRollupFields, readSmaps, realVmas, TRUNCATED_FIELDS } from './captures.ts';

/** A mapping that only has fields: sumFields looks at nothing else. */
const withFields = (fields: Record<string, number>): Mapping => ({
  start: 0x1000n,
  end: 0x2000n,
  perms: { read: true, write: false, exec: false, shared: false },
  offset: 0n,
  dev: { major: 0, minor: 0 },
  inode: 0,
  pathname: '',
  deleted: false,
  fields,
  vmFlags: [],
});

const fieldsArb = fc.dictionary(
  fc.constantFrom('Size', 'Rss', 'Pss', 'Swap', 'Locked', 'KSM', 'Pss_Future'),
  fc.nat({ max: 2 ** 40 }),
);

describe('sumFields', () => {
  it('adds each field over the mappings, keys in the order they first appear', () => {
    const sums = sumFields([
      withFields({ Size: 8, Rss: 4 }),
      withFields({ Size: 4, Swap: 12 }),
      withFields({ Rss: 1 }),
    ]);
    expect(sums).toEqual({ Size: 12, Rss: 5, Swap: 12 });
    expect(Object.keys(sums)).toEqual(['Size', 'Rss', 'Swap']);
  });

  it('returns {} for no mappings', () => {
    expect(sumFields([])).toEqual({});
  });

  it.each(CAPTURES)('matches smaps_rollup exactly for every page-granular field ($dir)', ({ smaps, rollup }) => {
    const sums = sumFields(realVmas(readSmaps(smaps)));
    const rolled = readRollupFields(rollup);
    for (const key of PAGE_GRANULAR_FIELDS) expect([key, sums[key]]).toEqual([key, rolled[key]]);
  });

  it.each(CAPTURES)(
    'falls short of the rollup by less than one kB per VMA for Pss, Pss_Dirty, SwapPss and Locked ($dir)',
    ({ smaps, rollup }) => {
      const vmas = realVmas(readSmaps(smaps));
      const sums = sumFields(vmas);
      const rolled = readRollupFields(rollup);
      for (const key of TRUNCATED_FIELDS) {
        const short = rolled[key]! - sums[key]!;
        expect(short, key).toBeGreaterThanOrEqual(0);
        expect(short, key).toBeLessThan(vmas.length);
      }
    },
  );

  it("shows why smem's PSS is lower than smaps_rollup's: bash 1201 kB against 1220 kB over 43 VMAs", () => {
    const bash = CAPTURES.find((c) => c.dir === 'proc/bash')!;
    const vmas = realVmas(readSmaps(bash.smaps));
    expect([sumFields(vmas).Pss, readRollupFields(bash.rollup).Pss, vmas.length]).toEqual([1201, 1220, 43]);
  });

  it('adds the Size of the VMAs up to VmSize of /proc/PID/status (10988 kB for the fixture process)', () => {
    for (const dir of ['proc/sleep', 'proc/bash', 'proc/fixture']) {
      const vmSize = Number(/^VmSize:\s+(\d+) kB$/m.exec(fixture(`${dir}/status.txt`))![1]);
      expect(sumFields(realVmas(readSmaps(fixture(`${dir}/smaps.txt`)))).Size).toBe(vmSize);
    }
  });

  it('is additive: the sums of two lists of mappings add up to the sums of both together', () => {
    fc.assert(
      fc.property(fc.array(fieldsArb), fc.array(fieldsArb), (a, b) => {
        const left = sumFields(a.map(withFields));
        const right = sumFields(b.map(withFields));
        const both = sumFields([...a, ...b].map(withFields));
        const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
        return (
          Object.keys(both).length === keys.size && [...keys].every((k) => both[k] === (left[k] ?? 0) + (right[k] ?? 0))
        );
      }),
    );
  });

  it('gives the rollup for page-granular fields whatever the order of the VMAs', () => {
    const shuffledCapture = fc.constantFrom(...CAPTURES).chain((c) => {
      const vmas = realVmas(readSmaps(c.smaps));
      const all = { minLength: vmas.length, maxLength: vmas.length };
      return fc.tuple(fc.constant(readRollupFields(c.rollup)), fc.shuffledSubarray(vmas, all));
    });
    fc.assert(
      fc.property(shuffledCapture, ([rolled, vmas]) => {
        const sums = sumFields(vmas);
        return PAGE_GRANULAR_FIELDS.every((key) => sums[key] === rolled[key]);
      }),
      { numRuns: 40 },
    );
  });
});
