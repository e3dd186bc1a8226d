import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMemoryInvariants, type ProcMemory } from '#kata/04-status';
import { fixture } from '#support/fixtures';
import { CAPTURES, editLine, kbValue, setSmapsSwap, smapsMappings, statusForChecks, statusText } from './helpers.ts';

const RSS = 'VmRSS = RssAnon + RssFile + RssShmem';
const HWM = 'VmHWM >= VmRSS';
const PEAK = 'VmPeak >= VmSize';
const SWAP = 'VmSwap <= sum of smaps Swap';

const fixtureStatus = statusText('proc/fixture');
const fixtureSmaps = fixture('proc/fixture/smaps.txt');
// From proc/fixture/addrs.txt: a private anonymous mapping and a shared anonymous (shmem) one.
const ANON = '7f6f11439000';
const SHMEM = '7f6f11660000';

/** The fixture's status with some memory lines edited, as a ProcStatus for the checks. */
const editedFixture = (edits: Record<string, number>) =>
  statusForChecks(Object.entries(edits).reduce((text, [key, kb]) => editLine(text, key, kbValue(kb)), fixtureStatus));

describe('checkMemoryInvariants', () => {
  it.each(CAPTURES)('finds every invariant holding on %s', (capture) => {
    expect(checkMemoryInvariants(statusForChecks(statusText(capture)))).toEqual([]);
  });

  it.each(['proc/fixture', 'proc/sleep', 'proc/bash'])(
    'finds VmSwap 0 ≤ Σ Swap 0 on %s with the smaps read beside it (this machine has no swap)',
    (capture) => {
      const mappings = smapsMappings(fixture(`${capture}/smaps.txt`));
      expect(mappings.length).toBeGreaterThan(20);
      expect(checkMemoryInvariants(statusForChecks(statusText(capture)), mappings)).toEqual([]);
    },
  );

  it(`names "${RSS}" when RssAnon is edited from 2236 to 2232 kB`, () => {
    expect(checkMemoryInvariants(editedFixture({ RssAnon: 2232 }))).toEqual([RSS]);
  });

  it(`names "${HWM}" when VmHWM is edited from 3572 to 3568 kB, below VmRSS`, () => {
    expect(checkMemoryInvariants(editedFixture({ VmHWM: 3568 }))).toEqual([HWM]);
  });

  it(`names "${PEAK}" when VmPeak is edited from 10988 to 10984 kB, below VmSize`, () => {
    expect(checkMemoryInvariants(editedFixture({ VmPeak: 10984 }))).toEqual([PEAK]);
  });

  it(`names "${SWAP}" when VmSwap is edited to 8 kB while every smaps Swap is 0`, () => {
    expect(checkMemoryInvariants(editedFixture({ VmSwap: 8 }), smapsMappings(fixtureSmaps))).toEqual([SWAP]);
  });

  it('leaves VmSwap unchecked without mappings', () => {
    expect(checkMemoryInvariants(editedFixture({ VmSwap: 8 }))).toEqual([]);
  });

  it('counts shmem swap on the smaps side only: VmSwap 12 or 20 ≤ 12 anon + 8 shmem, but not 24', () => {
    const smaps = setSmapsSwap(setSmapsSwap(fixtureSmaps, ANON, 12), SHMEM, 8);
    const mappings = smapsMappings(smaps);
    expect(checkMemoryInvariants(editedFixture({ VmSwap: 12 }), mappings)).toEqual([]);
    expect(checkMemoryInvariants(editedFixture({ VmSwap: 20 }), mappings)).toEqual([]);
    expect(checkMemoryInvariants(editedFixture({ VmSwap: 24 }), mappings)).toEqual([SWAP]);
  });

  it('names every broken invariant, in the order rss, hwm, peak, swap', () => {
    const status = editedFixture({ RssAnon: 2240, VmHWM: 3000, VmPeak: 10000, VmSwap: 4 });
    expect(checkMemoryInvariants(status, smapsMappings(fixtureSmaps))).toEqual([RSS, HWM, PEAK, SWAP]);
  });

  it('finds nothing to check for a kernel thread, even with mappings', () => {
    expect(checkMemoryInvariants(statusForChecks(statusText('status/kthreadd')), [])).toEqual([]);
  });

  const memoryArb = fc
    .record({
      anon: fc.nat(1 << 24),
      file: fc.nat(1 << 24),
      shmem: fc.nat(1 << 20),
      hwmExtra: fc.nat(1 << 20),
      size: fc.nat(1 << 30),
      peakExtra: fc.nat(1 << 20),
      swap: fc.nat(1 << 20),
      shmemSwap: fc.nat(1 << 20),
    })
    .map(({ anon, file, shmem, hwmExtra, size, peakExtra, swap, shmemSwap }) => ({
      memory: {
        vmPeak: (size + peakExtra) * 4,
        vmSize: size * 4,
        vmLck: 0,
        vmPin: 0,
        vmHWM: (anon + file + shmem + hwmExtra) * 4,
        vmRSS: (anon + file + shmem) * 4,
        rssAnon: anon * 4,
        rssFile: file * 4,
        rssShmem: shmem * 4,
        vmData: 0,
        vmStk: 132,
        vmExe: 4,
        vmLib: 0,
        vmPTE: 48,
        vmSwap: swap * 4,
        hugetlbPages: 0,
      } satisfies ProcMemory,
      smapsSwap: [swap * 4, shmemSwap * 4],
    }));

  it('finds every invariant holding for any counters the kernel could print', () => {
    fc.assert(
      fc.property(memoryArb, ({ memory, smapsSwap }) => {
        const status = { ...statusForChecks(''), memory };
        const mappings = smapsSwap.map((swap) => ({ fields: { Rss: 4, Swap: swap } }));
        expect(checkMemoryInvariants(status, mappings)).toEqual([]);
      }),
    );
  });

  it(`names "${RSS}" whenever VmRSS is off by any amount`, () => {
    fc.assert(
      fc.property(memoryArb, fc.integer({ min: 1, max: 1 << 20 }), ({ memory }, off) => {
        const status = {
          ...statusForChecks(''),
          memory: { ...memory, vmRSS: memory.vmRSS + off, vmHWM: memory.vmHWM + off },
        };
        expect(checkMemoryInvariants(status)).toEqual([RSS]);
      }),
    );
  });
});
