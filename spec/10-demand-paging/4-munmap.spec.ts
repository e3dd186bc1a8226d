import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError, TASK_SIZE } from '#kata/10-demand-paging';
import { thrown } from '../support/thrown.ts';
import { captured, capturedMaps, capturedStatus } from './captures.ts';
import { pageAt, testFrames } from './frames.ts';

const errorCode = (call: () => unknown): string => thrown(call, AddressSpaceError).code;

const maps = (space: AddressSpace) =>
  space.vmas().map((v) => `${v.start.toString(16)}-${v.end.toString(16)} ${v.prot}${v.shared ? 's' : 'p'}`);

/** The live run's fault section: [vvar]…[vdso] below the base, then the 64-page mapping right below them. */
function liveFaultSection() {
  const frames = testFrames();
  const space = new AddressSpace({ frames });
  space.mmap(32 * 1024, { prot: 'r-x' }); // stands for [vvar], [vvar_vclock], [vdso]
  const va = space.mmap(64 * 4096, { prot: 'rw-' });
  for (let i = 0; i < 16; i++) space.access(pageAt(va, i), 'write');
  for (let i = 16; i < 32; i++) space.access(pageAt(va, i), 'write'); // written pages, as the live run's were
  return { frames, space, va };
}

describe('AddressSpace', () => {
  describe('munmap', () => {
    it('splits a VMA in two when the middle goes, and frees what was mapped there (live)', () => {
      const { frames, space, va } = liveFaultSection();
      expect(va).toBe(0x7ffff7fb7000n); // where the live run's 64 pages went
      const before = space.stats();
      const inUse = frames.inUse();
      space.munmap(pageAt(va, 8), 16 * 4096);
      expect(maps(space).slice(0, 2)).toEqual(capturedMaps('fault', 'after-munmap-16-pages'));
      const after = space.stats();
      const liveBefore = capturedStatus('fault', 'after-write-read-pages');
      const liveAfter = capturedStatus('fault', 'after-munmap-16-pages');
      expect(after.vmSizeKb - before.vmSizeKb).toBe((liveAfter.VmSize as number) - (liveBefore.VmSize as number)); // −64
      expect(after.rssAnonKb - before.rssAnonKb).toBe((liveAfter.RssAnon as number) - (liveBefore.RssAnon as number));
      expect(after.vmPteKb).toBe(before.vmPteKb); // live: VmPTE 28 before and after, the table still holds pages
      expect(frames.inUse()).toBe(inUse - 16);
    });

    it('gives every frame back when all of it goes: RSS 0, VmPTE 0, only the PGD left (live: RssAnon −192 kB)', () => {
      const { frames, space, va } = liveFaultSection();
      space.munmap(pageAt(va, 8), 16 * 4096);
      space.munmap(va, 64 * 4096);
      const live = capturedStatus('fault', 'after-munmap-all').RssAnon as number;
      const liveBefore = capturedStatus('fault', 'after-munmap-16-pages').RssAnon as number;
      expect(liveBefore - live).toBe(64); // the other 16 written pages
      expect(space.stats()).toMatchObject({ rssKb: 0, rssAnonKb: 0, vmPteKb: 0, vmSizeKb: 32 });
      expect(frames.inUse()).toBe(1); // the PGD: the [vdso] stand-in was never touched, so it has no table
    });

    it('succeeds for a range with nothing mapped and for one only partly mapped, as Linux does (live: both return 0)', () => {
      expect(captured('place', 'munmap-never-mapped')).toBe('0x100000000 4096 -> 0');
      expect(captured('place', 'munmap-partly-unmapped')).toMatch(/-> 0$/);
      const { space } = liveFaultSection();
      const before = maps(space);
      space.munmap(0x100000000n, 4096);
      expect(maps(space)).toEqual(before);
      const va = space.vmas()[0]?.start as bigint;
      space.munmap(va - 0x4000n, 0x8000); // four pages before the mapping and its first four
      expect(space.vmas()[0]?.start).toBe(va + 0x4000n);
    });

    it('rounds the length up to a whole page: munmap(va, 1) removes one page (live)', () => {
      expect(captured('place', 'munmap-length-1 0x7ffff7ff6000')).toMatch(/^-> 0/);
      const { space, va } = liveFaultSection();
      space.munmap(va, 1);
      expect(space.vmas()[0]).toMatchObject({ start: va + 4096n, end: va + 64n * 4096n });
      expect(space.stats().rssAnonKb).toBe(31 * 4);
    });

    it.each([
      [1n, 4096, 'an address that is not page-aligned (live: EINVAL)'],
      [0n, 0, 'a length of 0 (live: EINVAL)'],
      [0n, -4096, 'a negative length'],
      [0n, 0.5, 'a fraction of a byte'],
      [-4096n, 4096, 'a negative address'],
      [TASK_SIZE - 4096n, 8192, 'a range that runs past the end of user space'],
      [TASK_SIZE, 4096, 'a range that starts at the end of user space'],
    ])('throws EINVAL for %s, %s (%s) and changes nothing', (offset, length) => {
      const { space, va } = liveFaultSection();
      const before = { vmas: space.vmas(), stats: space.stats() };
      const address = offset === 1n ? va + 1n : offset;
      expect(() => space.munmap(address, length)).toThrow(AddressSpaceError);
      expect(errorCode(() => space.munmap(address, length))).toBe('EINVAL');
      expect({ vmas: space.vmas(), stats: space.stats() }).toEqual(before);
    });

    it('leaves a VMA that only touches the range alone, and accepts a range that ends at the end of user space', () => {
      const { space, va } = liveFaultSection();
      const before = space.stats();
      space.munmap(va - 0x10000n, 0x10000); // ends where the VMA starts
      space.munmap(va + 64n * 4096n, 4096); // starts where it ends: the [vdso] stand-in, untouched pages
      expect(space.vmas()[0]).toMatchObject({ start: va, end: va + 64n * 4096n });
      expect(space.stats().rssKb).toBe(before.rssKb);
      space.munmap(TASK_SIZE - 4096n, 4096);
      expect(space.stats().vmSizeKb).toBe(before.vmSizeKb - 4); // one page of the stand-in
    });

    it('calls zapRange for no VMA that only touches the range', () => {
      const calls: bigint[][] = [];
      class Spy extends AddressSpace {
        override zapRange(start: bigint, end: bigint): void {
          calls.push([start, end]);
          super.zapRange(start, end);
        }
      }
      const space = new Spy({ frames: testFrames() });
      const high = space.mmap(4096, { prot: 'rw-' });
      const low = space.mmap(4096, { prot: 'r--' });
      space.munmap(low - 4096n, 4096); // ends where low starts
      space.munmap(high + 4096n, 4096); // starts where high ends
      expect(calls).toEqual([]);
      space.munmap(0n, 4096); // address 0 is a valid (empty) range
      expect(space.vmas()).toHaveLength(2);
    });

    it('skips an empty 2 MiB stretch and still frees the pages after it', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      const va = space.mmap(6 * 1024 * 1024, { prot: 'rw-' });
      space.access(va + 5n * 1024n * 1024n, 'write'); // only in the last 2 MiB
      space.munmap(va, 6 * 1024 * 1024);
      expect(frames.inUse()).toBe(1);
      expect(space.mm.pages.size).toBe(0);
    });

    it('turns the unmapped range into a segfault', () => {
      const { space, va } = liveFaultSection();
      space.munmap(pageAt(va, 8), 4096);
      expect(space.access(pageAt(va, 8), 'read')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(space.access(pageAt(va, 7), 'read').kind).toBe('hit');
      expect(space.access(pageAt(va, 9), 'read').kind).toBe('hit');
    });

    it('leaves the zero page alone: unmapping read-only pages frees nothing but page tables', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      const va = space.mmap(8 * 4096, { prot: 'r--' });
      for (let i = 0; i < 8; i++) space.access(pageAt(va, i), 'read');
      expect(frames.inUse()).toBe(4);
      space.munmap(va, 8 * 4096);
      expect(frames.inUse()).toBe(1);
    });

    it('keeps VmPeak and VmHWM at the largest values ever reached', () => {
      const { space, va } = liveFaultSection();
      space.munmap(va, 64 * 4096);
      expect(space.stats()).toMatchObject({ vmSizeKb: 32, vmPeakKb: 32 + 256, rssKb: 0, vmHwmKb: 128 });
    });

    it('frees a MAP_SHARED mapping’s pages when its last VMA goes, not before', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      const va = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
      for (let i = 0; i < 4; i++) space.access(pageAt(va, i), 'write');
      const withPages = frames.inUse();
      space.munmap(pageAt(va, 1), 4096); // the VMA splits; the shmem object keeps all 4 pages
      expect(space.stats().rssShmemKb).toBe(12);
      expect(frames.inUse()).toBe(withPages);
      expect(space.vmas().map((v) => v.shared)).toEqual([true, true]);
      expect(space.access(pageAt(va, 3), 'read').kind).toBe('hit');
      space.munmap(va, 4096);
      expect(frames.inUse()).toBe(withPages);
      space.munmap(pageAt(va, 2), 2 * 4096);
      expect(space.stats().rssShmemKb).toBe(0);
      expect(frames.inUse()).toBe(1);
    });

    it('forgets a MAP_SHARED page it freed: the frame handed out again starts as a new, clean page', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const old = space.mmap(4096, { prot: 'rw-', shared: true });
      space.access(old, 'write');
      const pfn = space.pagemap(old) & 0x7fffffffffffffn;
      space.munmap(old, 4096);
      const sh = space.mmap(4096, { prot: 'rw-', shared: true });
      space.access(sh, 'read');
      expect(space.pagemap(sh) & 0x7fffffffffffffn).toBe(pfn); // the same frame, given out again
      expect(space.residentPages()[0]).toMatchObject({ dirty: false, mapcount: 1 });
    });

    it('frees pages through zapRange, once per VMA piece (the hook kata 11 overrides)', () => {
      const calls: [bigint, bigint][] = [];
      class Spy extends AddressSpace {
        override zapRange(start: bigint, end: bigint): void {
          calls.push([start, end]);
          super.zapRange(start, end);
        }
      }
      const space = new Spy({ frames: testFrames() });
      const a = space.mmap(4 * 4096, { prot: 'rw-' });
      const b = space.mmap(4 * 4096, { prot: 'r--' }); // right below a: not merged (another prot)
      space.munmap(pageAt(b, 2), 4 * 4096);
      expect(calls).toEqual([
        [pageAt(b, 2), pageAt(b, 4)],
        [a, pageAt(a, 2)],
      ]);
    });

    it('gives back every frame but the PGD, and leaves RSS 0, after munmap of everything (any history)', () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('mmap' as const), pages: fc.integer({ min: 1, max: 24 }), shared: fc.boolean() }),
        fc.record({ kind: fc.constant('touch' as const), at: fc.nat(120), write: fc.boolean() }),
        fc.record({ kind: fc.constant('munmap' as const), at: fc.nat(120), pages: fc.integer({ min: 1, max: 16 }) }),
      );
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
          const base = 0x40000000n;
          const frames = testFrames();
          const space = new AddressSpace({ frames, mmapBase: base });
          const page = (at: number) => base - BigInt(at + 1) * 4096n;
          let touched = 0;
          for (const o of ops) {
            if (o.kind === 'mmap') space.mmap(o.pages * 4096, { prot: 'rw-', shared: o.shared });
            else if (o.kind === 'munmap') space.munmap(page(o.at + o.pages - 1), o.pages * 4096);
            else if (space.access(page(o.at), o.write ? 'write' : 'read').kind !== 'segv') touched++;
            expect(space.stats().rssKb).toBeLessThanOrEqual(touched * 4);
          }
          expect(space.stats().rssKb).toBe(space.residentPages().length * 4);
          space.munmap(base - 0x1000000n, 0x1000000);
          expect(space.vmas()).toEqual([]);
          expect(space.stats()).toMatchObject({ rssKb: 0, vmSizeKb: 0, vmPteKb: 0 });
          expect(frames.inUse()).toBe(1);
        }),
      );
    });
  });
});
