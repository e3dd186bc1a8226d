import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpaceError } from '#kata/10-demand-paging';
import { THP_DEFAULTS, ThpAddressSpace, type ThpState } from '#kata/11-transparent-huge-pages';
import { thrown } from '../support/thrown.ts';
import { captured, capturedAddress, capturedMaps, capturedSmaps } from './captures.ts';
import { HPAGE, MiB, testFrames } from './frames.ts';

const hex = (v: bigint) => v.toString(16);
const maps = (space: ThpAddressSpace) => space.vmas().map((v) => `${hex(v.start)}-${hex(v.end)}`);

/** The live process under setarch -R: [vvar], [vvar_vclock], [vdso] right below the mmap base. */
function liveStart(options: { thp?: Partial<ThpState> } = {}) {
  const frames = testFrames();
  const space = new ThpAddressSpace({ frames, ...options });
  expect(space.mmap(32 * 1024, { prot: 'r-x' })).toBe(0x7ffff7ff7000n);
  return { frames, space };
}

const errorCode = (call: () => unknown): string => thrown(call, AddressSpaceError).code;

describe('ThpAddressSpace', () => {
  describe('constructor', () => {
    it('starts with this machine’s settings: madvise, use_zero_page 1, max_ptes_none 511, swap 64, shared 256 (live)', () => {
      const { space } = liveStart();
      expect(THP_DEFAULTS).toEqual({
        enabled: 'madvise',
        useZeroPage: true,
        maxPtesNone: 511,
        maxPtesSwap: 64,
        maxPtesShared: 256,
      });
      expect(space.thp).toMatchObject({ ...THP_DEFAULTS, hugeZeroPfn: null, hugeZeroMaps: 0 });
      expect(Object.values(space.thp.events).every((n) => n === 0)).toBe(true);
      expect(captured('setting', 'enabled')).toBe('always [madvise] never');
    });

    it('takes settings, and shares a ThpState it is given', () => {
      const frames = testFrames();
      const a = new ThpAddressSpace({ frames, thp: { enabled: 'always', maxPtesNone: 0 } });
      expect(a.thp).toMatchObject({ enabled: 'always', maxPtesNone: 0, maxPtesShared: 256 });
      const b = new ThpAddressSpace({ frames, thpState: a.thp });
      expect(b.thp).toBe(a.thp);
    });

    it.each<[Record<string, unknown>, string]>([
      [{ enabled: 'sometimes' }, 'an unknown mode'],
      [{ maxPtesNone: 512 }, 'max_ptes_none above 511'],
      [{ maxPtesSwap: -1 }, 'a negative max_ptes_swap'],
      [{ maxPtesShared: 1.5 }, 'a fractional max_ptes_shared'],
    ])('throws RangeError for %j (%s)', (thp) => {
      expect(() => new ThpAddressSpace({ frames: testFrames(), thp: thp as Partial<ThpState> })).toThrow(RangeError);
    });
  });

  describe('getUnmappedArea', () => {
    it('aligns a mapping whose length is a multiple of 2 MiB on 2 MiB, and no other (live, kernel ≥ 6.7)', () => {
      const { space } = liveStart();
      const odd = space.mmap(2 * MiB + 4096, { prot: 'rw-' });
      const two = space.mmap(2 * MiB, { prot: 'rw-' });
      const four = space.mmap(4 * MiB, { prot: 'rw-' });
      const small = space.mmap(4096, { prot: 'rw-' });
      expect([odd, two, four, small]).toEqual([
        capturedAddress('place', 'mmap 2101248'),
        capturedAddress('place', 'mmap 2097152'),
        capturedAddress('place', 'mmap 4194304'),
        capturedAddress('place', 'mmap 4096'),
      ]);
    });

    it('moves an aligned gap top down by 2 MiB: it asks for length + 2 MiB and keeps the top part (live: 4 MiB at …600000)', () => {
      const { space } = liveStart();
      space.mmap(2 * MiB + 4096, { prot: 'rw-' });
      space.mmap(2 * MiB, { prot: 'rw-' }); // ends at …7c00000, so the next gap ends at …7a00000: aligned
      expect(space.getUnmappedArea((4n * HPAGE) / 2n, false)).toBe(0x7ffff7600000n);
      expect(space.getUnmappedArea(HPAGE, false)).toBe(0x7ffff7800000n);
    });

    it('leaves MAP_SHARED mappings unaligned (their alignment is shmem_enabled’s business)', () => {
      const { space } = liveStart();
      expect(space.mmap(2 * MiB, { prot: 'rw-', shared: true })).toBe(0x7ffff7ff7000n - HPAGE);
    });

    it('falls back to an unaligned gap when there is no room for the extra 2 MiB', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), mmapBase: 0x300000n });
      expect(space.mmap(2 * MiB, { prot: 'rw-' })).toBe(0x100000n); // 3 MiB below the base: no room for 4 MiB
      const roomy = new ThpAddressSpace({ frames: testFrames(), mmapBase: 0x401000n });
      expect(roomy.mmap(2 * MiB, { prot: 'rw-' })).toBe(0x200000n); // [0x1000, 0x401000) holds 4 MiB: aligned
    });
  });

  describe('madvise', () => {
    it('splits a VMA into three when its middle is advised, and merges them back (live)', () => {
      const { space } = liveStart();
      const m = space.mmap(8 * MiB, { prot: 'rw-' });
      expect(m).toBe(capturedAddress('madvise', 'mmap 8388608'));
      space.madvise(m + HPAGE, 4 * MiB, 'hugepage');
      expect(maps(space).slice(0, 3)).toEqual(capturedMaps('madvise', 'after-hugepage-middle'));
      expect(space.vmas().map((v) => v.vmFlags.at(-1))).toEqual(['ac', 'hg', 'ac', 'me']);
      space.madvise(m, 2 * MiB, 'hugepage');
      expect(maps(space).slice(0, 2)).toEqual(capturedMaps('madvise', 'after-hugepage-start'));
      space.madvise(m, 8 * MiB, 'nohugepage');
      expect(maps(space).slice(0, 1)).toEqual(capturedMaps('madvise', 'after-nohugepage-all'));
      expect(space.vmas()[0]?.vmFlags).toEqual(capturedSmaps('madvise', 'after-nohugepage-all').vmFlags); // … ac nh
    });

    it('replaces hg by nh and nh by hg, keeping smaps’ order', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const m = space.mmap(4096, { prot: 'r--' });
      space.madvise(m, 4096, 'nohugepage');
      space.madvise(m, 4096, 'hugepage');
      expect(space.vmas()[0]?.vmFlags).toEqual(['rd', 'mr', 'mw', 'me', 'hg']);
      space.madvise(m, 4096, 'hugepage');
      expect(space.vmas()[0]?.vmFlags).toEqual(['rd', 'mr', 'mw', 'me', 'hg']);
    });

    it('advises the mapped parts of a range with a hole, then throws ENOMEM (live: both pieces got hg)', () => {
      const { space } = liveStart();
      const m = space.mmap(8 * MiB, { prot: 'rw-' });
      space.madvise(m, 8 * MiB, 'nohugepage');
      space.munmap(m + HPAGE, 4096);
      expect(captured('madvise', 'over-a-hole')).toBe('-> -1 ENOMEM');
      expect(errorCode(() => space.madvise(m, 4 * MiB, 'hugepage'))).toBe('ENOMEM');
      expect(maps(space).slice(0, 3)).toEqual(capturedMaps('madvise', 'after-over-a-hole'));
      const flags = space
        .vmas()
        .slice(0, 3)
        .map((v) => v.vmFlags.at(-1));
      const live = ['first', 'second', 'third'].map((p) => capturedSmaps('madvise', `over-a-hole-${p}`).vmFlags.at(-1));
      expect(flags).toEqual(live);
    });

    it('throws EINVAL for an address that is not page-aligned (live) or an unknown advice, and does nothing for length 0 (live)', () => {
      const { space } = liveStart();
      const m = space.mmap(4 * MiB, { prot: 'rw-' });
      expect(captured('madvise', 'unaligned')).toBe('-> -1 EINVAL');
      expect(errorCode(() => space.madvise(m + 1n, 4096, 'hugepage'))).toBe('EINVAL');
      expect(errorCode(() => space.madvise(m, 4096, 'dontneed' as 'hugepage'))).toBe('EINVAL');
      expect(errorCode(() => space.madvise(m, -1, 'hugepage'))).toBe('EINVAL');
      expect(errorCode(() => space.madvise(m, 1.5, 'hugepage'))).toBe('EINVAL');
      expect(errorCode(() => space.madvise(-4096n, 4096, 'hugepage'))).toBe('EINVAL');
      expect(errorCode(() => space.madvise(0x7ffffffff000n, 4096, 'hugepage'))).toBe('EINVAL'); // past TASK_SIZE
      expect(captured('madvise', 'length-0')).toBe('-> 0');
      const before = space.vmas();
      space.madvise(m, 0, 'hugepage');
      expect(space.vmas()).toEqual(before);
    });

    it('splits a 2 MiB page that a new VMA boundary cuts through (thp_split_pmd), and no other', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.madvise(va, 4 * MiB, 'hugepage');
      space.access(va, 'write');
      space.madvise(va + HPAGE, 2 * MiB, 'nohugepage'); // the boundary lies between two 2 MiB blocks
      expect(space.thp.events.thp_split_pmd).toBe(0);
      space.madvise(va, 4096, 'hugepage'); // hg already: no VMA changes, nothing splits
      expect(space.thp.events.thp_split_pmd).toBe(0);
      space.madvise(va + 4096n, 4096, 'nohugepage');
      expect(space.thp.events.thp_split_pmd).toBe(1);
      expect(
        space
          .vmas()
          .slice(0, 3)
          .map((v) => v.vmFlags.at(-1)),
      ).toEqual(['hg', 'nh', 'hg']);
      expect(space.stats().rssKb).toBe(2048);
      expect(space.smaps().reduce((sum, v) => sum + v.fields.AnonHugePages, 0)).toBe(0);
    });

    it('throws ENOMEM, not EINVAL, for address 0 and for a range that ends exactly at the end of user space', () => {
      const { space } = liveStart();
      expect(errorCode(() => space.madvise(0n, 4096, 'hugepage'))).toBe('ENOMEM');
      expect(errorCode(() => space.madvise(0x7ffffffff000n - 4096n, 4096, 'hugepage'))).toBe('ENOMEM');
    });

    it('leaves a VMA that only touches the range alone: no split, no empty piece', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const high = space.mmap(4 * 4096, { prot: 'rw-' });
      const low = space.mmap(4 * 4096, { prot: 'r--' });
      space.madvise(low, 4 * 4096, 'hugepage');
      space.madvise(high, 4 * 4096, 'nohugepage');
      expect(space.vmas().map((v) => [v.start, v.end, v.vmFlags.at(-1)])).toEqual([
        [low, high, 'hg'],
        [high, high + 4n * 4096n, 'nh'],
      ]);
    });

    it('splits the 2 MiB pages cut at either end of the range, and none that a boundary only touches', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(8 * MiB, { prot: 'rw-' });
      space.madvise(va, 8 * MiB, 'hugepage');
      for (let i = 0n; i < 4n; i++) space.access(va + i * HPAGE, 'write');
      space.madvise(va + HPAGE, 2 * MiB, 'nohugepage'); // both ends on block boundaries
      expect(space.thp.events.thp_split_pmd).toBe(0);
      space.madvise(va + 2n * HPAGE + 4096n, 2 * MiB, 'nohugepage'); // cuts blocks 2 and 3
      expect(space.thp.events.thp_split_pmd).toBe(2);
      expect(space.smaps().reduce((sum, v) => sum + v.fields.AnonHugePages, 0)).toBe(2 * 2048);
      expect(space.stats().rssKb).toBe(4 * 2048);
    });

    it('keeps MAP_SHARED pieces on the right pages of their shmem object', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames });
      const m = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
      for (let i = 0n; i < 4n; i++) space.access(m + i * 4096n, 'write');
      space.madvise(m + 4096n, 8192, 'hugepage');
      expect(space.vmas()).toHaveLength(3);
      const child = space.fork();
      for (let i = 0n; i < 4n; i++) {
        child.access(m + i * 4096n, 'read');
        expect(child.pagemap(m + i * 4096n) & 0xfffffffffn).toBe(space.pagemap(m + i * 4096n) & 0xfffffffffn);
      }
      space.madvise(m, 4 * 4096, 'hugepage'); // every piece hg now, but shared pieces never merge
      expect(space.vmas()).toHaveLength(3);
      space.munmap(m, 4 * 4096);
      child.exit();
      space.exit();
      expect(frames.inUse()).toBe(0);
    });

    it('never leaves two neighbours that could merge, nor a VMA without its flag, whatever is advised', () => {
      const advice = fc.record({
        at: fc.nat(31),
        pages: fc.integer({ min: 0, max: 16 }),
        what: fc.constantFrom('hugepage', 'nohugepage'),
      });
      fc.assert(
        fc.property(fc.array(advice, { maxLength: 12 }), (advices) => {
          const space = new ThpAddressSpace({ frames: testFrames() });
          const m = space.mmap(32 * 4096, { prot: 'rw-' });
          const want: string[] = Array(32).fill('');
          for (const a of advices) {
            const pages = Math.min(a.pages, 32 - a.at);
            space.madvise(m + BigInt(a.at) * 4096n, pages * 4096, a.what as 'hugepage');
            for (let i = a.at; i < a.at + pages; i++) want[i] = a.what === 'hugepage' ? 'hg' : 'nh';
          }
          const vmas = space.vmas();
          vmas.forEach((v, i) => {
            const next = vmas[i + 1];
            if (next && next.start === v.end) expect(next.vmFlags).not.toEqual(v.vmFlags);
            for (let va = v.start; va < v.end; va += 4096n) {
              const flag = v.vmFlags.find((f) => f === 'hg' || f === 'nh') ?? '';
              expect(flag).toBe(want[Number((va - m) / 4096n)]);
            }
          });
          expect(space.stats().vmSizeKb).toBe(128);
        }),
      );
    });
  });
});
