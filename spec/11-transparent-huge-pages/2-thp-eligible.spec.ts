import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HPAGE_PMD_SIZE, type ThpMode, thpEligible } from '#kata/11-transparent-huge-pages';
import { fixture } from '#support/fixtures';

const MiB = 0x100000n;
const flags = (text: string) => text.trim().split(' ');

/** The VMAs of thp-split-demo.txt: header line → { start, end }, with their VmFlags. */
function demoVma(step: string) {
  const text = fixture('thp/thp-split-demo.txt');
  const header = new RegExp(`^\\[${step}\\] ([0-9a-f]+)-([0-9a-f]+) `, 'm').exec(text);
  const vmFlags = new RegExp(`^\\[${step}\\]   VmFlags: (.*)$`, 'm').exec(text);
  const eligible = new RegExp(`^\\[${step}\\]   THPeligible:\\s+(\\d)$`, 'm').exec(text);
  if (!header || !vmFlags || !eligible) throw new Error(`no ${step} VMA in thp-split-demo.txt`);
  return {
    vma: { start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), vmFlags: flags(vmFlags[1] as string) },
    thpEligible: eligible[1] === '1',
  };
}

describe('thpEligible', () => {
  it('allows a fault in an aligned 2 MiB block inside an hg VMA when enabled is madvise (live: THPeligible 1)', () => {
    const { vma, thpEligible: live } = demoVma('after-faults');
    expect(live).toBe(true);
    expect(thpEligible(vma, vma.start, 'madvise')).toBe(true);
    expect(thpEligible(vma, vma.start + 12345n, 'madvise')).toBe(true);
    expect(thpEligible(vma, vma.end - 1n, 'madvise')).toBe(true);
  });

  it('refuses everywhere in the 1 MiB VMA left after a 4 KiB munmap: no aligned 2 MiB block fits (live: THPeligible 0)', () => {
    const { vma, thpEligible: live } = demoVma('after-munmap-4k');
    expect(live).toBe(false);
    expect(vma.end - vma.start).toBe(MiB);
    expect(thpEligible(vma, vma.start, 'madvise')).toBe(false);
    expect(thpEligible(vma, vma.end - HPAGE_PMD_SIZE, 'always')).toBe(false);
  });

  it('needs the hg flag in madvise mode, not in always mode, and nothing passes in never mode', () => {
    const vma = { start: 0x7f0000000000n, end: 0x7f0000400000n, vmFlags: ['rd', 'wr', 'mr', 'mw', 'me', 'ac'] };
    expect(thpEligible(vma, vma.start, 'madvise')).toBe(false);
    expect(thpEligible(vma, vma.start, 'always')).toBe(true);
    expect(thpEligible({ ...vma, vmFlags: [...vma.vmFlags, 'hg'] }, vma.start, 'never')).toBe(false);
  });

  it('refuses an nh VMA whatever the mode (MADV_NOHUGEPAGE)', () => {
    const vma = { start: 0x7f0000000000n, end: 0x7f0000400000n, vmFlags: ['rd', 'wr', 'ac', 'nh'] };
    for (const mode of ['always', 'madvise', 'never'] as const) expect(thpEligible(vma, vma.start, mode)).toBe(false);
    expect(thpEligible({ ...vma, vmFlags: ['hg', 'nh'] }, vma.start, 'always')).toBe(false);
  });

  it('looks at the aligned block around the address, not at the address: the block must lie wholly inside the VMA', () => {
    // [1 MiB, 5 MiB): only the block [2 MiB, 4 MiB) fits.
    const vma = { start: MiB, end: 5n * MiB, vmFlags: ['hg'] };
    expect(thpEligible(vma, MiB, 'madvise')).toBe(false); // block [0, 2 MiB) starts before the VMA
    expect(thpEligible(vma, 2n * MiB, 'madvise')).toBe(true);
    expect(thpEligible(vma, 4n * MiB - 1n, 'madvise')).toBe(true);
    expect(thpEligible(vma, 4n * MiB, 'madvise')).toBe(false); // block [4, 6 MiB) ends after it
    expect(thpEligible({ ...vma, end: 4n * MiB }, 2n * MiB, 'always')).toBe(true); // ending exactly at its end is fine
  });

  it('takes kata 3’s Mapping as it is (extra fields are fine)', () => {
    const mapping = {
      start: 0x7f6f10c00000n,
      end: 0x7f6f11000000n,
      perms: { read: true, write: true, exec: false, shared: false },
      pathname: '',
      vmFlags: ['rd', 'wr', 'mr', 'mw', 'me', 'ac', 'hg'],
    };
    expect(thpEligible(mapping, 0x7f6f10c00000n, 'madvise')).toBe(true);
  });

  it('throws RangeError for a mode that is not always, madvise or never', () => {
    const vma = { start: 0n, end: 4n * MiB, vmFlags: ['hg'] };
    expect(() => thpEligible(vma, 0n, 'inherit' as ThpMode)).toThrow(RangeError);
    expect(() => thpEligible(vma, 0n, '[madvise]' as ThpMode)).toThrow(RangeError);
  });

  it('says yes exactly when the mode allows it and [addr & ~(2 MiB−1), +2 MiB) ⊆ [start, end)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 64n * MiB }),
        fc.bigInt({ min: 1n, max: 16n * MiB }),
        fc.bigInt({ min: 0n, max: 96n * MiB }),
        fc.subarray(['hg', 'nh', 'rd', 'wr']),
        fc.constantFrom<ThpMode>('always', 'madvise', 'never'),
        (start4k, length4k, address, vmFlags, mode) => {
          const start = start4k & ~0xfffn;
          const end = start + ((length4k + 0xfffn) & ~0xfffn);
          const block = address - (address % HPAGE_PMD_SIZE);
          const fits = block >= start && block + HPAGE_PMD_SIZE <= end;
          const allowed =
            !vmFlags.includes('nh') && (mode === 'always' || (mode === 'madvise' && vmFlags.includes('hg')));
          expect(thpEligible({ start, end, vmFlags }, address, mode)).toBe(fits && allowed);
        },
      ),
    );
  });
});
