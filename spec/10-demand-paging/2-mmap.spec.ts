import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AddressSpace,
  AddressSpaceError,
  MMAP_BASE,
  MMAP_MIN_ADDR,
  type Prot,
  TASK_SIZE,
  type Vma,
} from '#kata/10-demand-paging';
import { thrown } from '../support/thrown.ts';
import { capturedAddress, capturedMaps } from './captures.ts';
import { testFrames } from './frames.ts';

const KiB = 1024;
const maps = (space: AddressSpace) =>
  space.vmas().map((v) => `${v.start.toString(16)}-${v.end.toString(16)} ${v.prot}p`);

const errorCode = (call: () => unknown): string => thrown(call, AddressSpaceError).code;

/** The live capture's process before its first mmap: [vvar], [vvar_vclock] and [vdso] right below the base. */
function captureStart(): AddressSpace {
  const space = new AddressSpace({ frames: testFrames() });
  // 0x7ffff7ff7000-0x7ffff7fff000: the kernel placed these 32 KiB first, top-down, as mmap does.
  expect(space.mmap(32 * KiB, { prot: 'r-x' })).toBe(0x7ffff7ff7000n);
  return space;
}

describe('AddressSpace', () => {
  describe('mmap', () => {
    it('starts empty: no VMA, VmSize 0, and only the PGD page taken from the allocator', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      expect(space.vmas()).toEqual([]);
      expect(space.stats()).toMatchObject({ vmSizeKb: 0, rssKb: 0, vmPteKb: 0, minorFaults: 0 });
      expect(frames.inUse()).toBe(1);
    });

    it('places mappings top down below the mmap base, each at the top of the highest gap (live, setarch -R)', () => {
      const space = captureStart();
      expect(space.mmap(4096, { prot: 'rw-' })).toBe(capturedAddress('place', 'mmap 4096 rw-'));
      expect(space.mmap(5000, { prot: 'rw-' })).toBe(capturedAddress('place', 'mmap 5000 rw-'));
      expect(space.mmap(64 * KiB, { prot: 'r--' })).toBe(capturedAddress('place', 'mmap 65536(16 pages) r--'));
      expect(space.mmap(64 * KiB, { prot: '---' })).toBe(capturedAddress('place', 'mmap 65536 ---'));
      expect(maps(space).slice(0, -1)).toEqual(capturedMaps('place', 'after-4-mmaps'));
    });

    it('merges a new mapping with a neighbour of the same protection: two rw- mmaps are one line of maps', () => {
      const space = captureStart();
      const first = space.mmap(4096, { prot: 'rw-' });
      const second = space.mmap(5000, { prot: 'rw-' });
      expect(second).toBe(first - 8192n);
      expect(space.vmas().filter((v) => v.prot === 'rw-')).toEqual([
        { start: 0x7ffff7ff4000n, end: 0x7ffff7ff7000n, prot: 'rw-', shared: false, vmFlags: expect.any(Array) },
      ]);
    });

    it('puts a mapping that fits in a hole at the top of the hole, and one that does not below everything (live)', () => {
      const space = captureStart();
      space.mmap(4096, { prot: 'rw-' });
      space.mmap(5000, { prot: 'rw-' });
      const middle = space.mmap(64 * KiB, { prot: 'r--' });
      space.mmap(64 * KiB, { prot: '---' });
      space.munmap(middle + 0x4000n, 32 * KiB); // an 8-page hole in the middle of the r-- mapping
      expect(maps(space).slice(0, -1)).toEqual(capturedMaps('place', 'after-munmap-middle'));
      expect(space.mmap(16 * KiB, { prot: 'r--' })).toBe(capturedAddress('place', 'mmap 16384 r--'));
      expect(space.mmap(64 * KiB, { prot: 'r--' })).toBe(capturedAddress('place', 'mmap 65536 r--'));
      expect(maps(space).slice(0, -1)).toEqual(capturedMaps('place', 'after-refill'));
    });

    it('rounds a length up to whole pages: mmap(5000) reserves 8 KiB', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const va = space.mmap(5000, { prot: 'rw-' });
      expect(space.vmas()).toMatchObject([{ start: va, end: va + 8192n }]);
      expect(space.stats().vmSizeKb).toBe(8);
    });

    it('never merges MAP_SHARED mappings, nor mappings of different protection', () => {
      const space = new AddressSpace({ frames: testFrames() });
      space.mmap(4096, { prot: 'rw-', shared: true });
      space.mmap(4096, { prot: 'rw-', shared: true });
      space.mmap(4096, { prot: 'r--' });
      space.mmap(4096, { prot: 'rw-' });
      expect(space.vmas().map((v) => `${v.prot} ${v.shared}`)).toEqual([
        'rw- false',
        'r-- false',
        'rw- true',
        'rw- true',
      ]);
    });

    it('reserves address space only: VmSize grows, RSS and VmPTE stay 0, no frame is taken', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      space.mmap(1024 * 1024 * 1024, { prot: 'rw-' });
      space.mmap(64 * KiB, { prot: 'rw-', shared: true });
      expect(space.stats()).toMatchObject({ vmSizeKb: 1048576 + 64, vmPeakKb: 1048576 + 64, rssKb: 0, vmPteKb: 0 });
      expect(frames.inUse()).toBe(1);
    });

    it.each<[Prot, boolean, string]>([
      ['rw-', false, 'rd wr mr mw me ac'],
      ['r--', false, 'rd mr mw me'],
      ['---', false, 'mr mw me'],
      ['r-x', false, 'rd ex mr mw me'],
      ['-w-', false, 'wr mr mw me ac'],
      ['rw-', true, 'rd wr sh mr mw me ms'],
      ['r--', true, 'rd sh mr mw me ms'],
    ])('gives a %s mapping (shared: %s) the VmFlags smaps prints: %s', (prot, shared, flags) => {
      const space = new AddressSpace({ frames: testFrames() });
      space.mmap(4096, { prot, shared });
      expect(space.vmas()[0]?.vmFlags.join(' ')).toBe(flags);
    });

    it.each([
      [0, 'a length of 0 (live: mmap(0) fails with EINVAL)'],
      [-4096, 'a negative length'],
      [4096.5, 'a fraction of a byte'],
      [Number.NaN, 'NaN'],
      [2 ** 53, 'a length beyond 2^53'],
    ])('throws EINVAL for %s (%s) and changes nothing', (length) => {
      const space = new AddressSpace({ frames: testFrames() });
      space.mmap(4096, { prot: 'rw-' });
      const before = space.vmas();
      expect(errorCode(() => space.mmap(length, { prot: 'rw-' }))).toBe('EINVAL');
      expect(space.vmas()).toEqual(before);
      expect(space.stats().vmSizeKb).toBe(4);
    });

    it.each(['rw', 'rwxp', 'RW-', 'rwz', 'xwr', '', 'rw- ', ' rw-', 'prw-'])(
      'throws EINVAL for the prot %j (junk before or after too)',
      (prot) => {
        const space = new AddressSpace({ frames: testFrames() });
        expect(() => space.mmap(4096, { prot: prot as Prot })).toThrow(AddressSpaceError);
        expect(errorCode(() => space.mmap(4096, { prot: prot as Prot }))).toBe('EINVAL');
        expect(space.vmas()).toEqual([]);
      },
    );

    it('populates only its own pages, not the first page of the mapping above it', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const above = space.mmap(4 * 4096, { prot: 'rw-' });
      const va = space.mmap(4 * 4096, { prot: 'r--', populate: true });
      expect(va + 4n * 4096n).toBe(above);
      expect(space.stats().minorFaults).toBe(4);
      expect(space.pagemap(above)).toBe(0n);
    });

    it('throws an AddressSpaceError named so, with its code', () => {
      const space = new AddressSpace({ frames: testFrames() });
      try {
        space.mmap(0, { prot: 'rw-' });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AddressSpaceError);
        expect((error as AddressSpaceError).name).toBe('AddressSpaceError');
        expect((error as AddressSpaceError).code).toBe('EINVAL');
      }
    });

    it('throws ENOMEM when no gap below the mmap base is large enough, and changes nothing', () => {
      const space = new AddressSpace({ frames: testFrames(), mmapBase: 0x100000n });
      space.mmap(0x80000, { prot: 'rw-' }); // [0x80000, 0x100000)
      space.mmap(0x40000, { prot: 'r--' }); // [0x40000, 0x80000)
      expect(errorCode(() => space.mmap(0x40000, { prot: 'rw-' }))).toBe('ENOMEM'); // 0x3f000 bytes are left
      expect(space.mmap(0x3f000, { prot: 'rw-' })).toBe(MMAP_MIN_ADDR); // exactly what is left, down to mmap_min_addr
      expect(errorCode(() => space.mmap(4096, { prot: 'rw-' }))).toBe('ENOMEM');
      expect(space.stats().vmSizeKb).toBe((0x80000 + 0x40000 + 0x3f000) / 1024);
    });

    it('throws ENOMEM for a length larger than the whole space below the base', () => {
      const space = new AddressSpace({ frames: testFrames() });
      expect(errorCode(() => space.mmap(Number(MMAP_BASE), { prot: 'rw-' }))).toBe('ENOMEM');
    });

    it('refuses an mmap base that is not a page-aligned user address', () => {
      expect(errorCode(() => new AddressSpace({ frames: testFrames(), mmapBase: 0x7ffff7fff001n }))).toBe('EINVAL');
      expect(errorCode(() => new AddressSpace({ frames: testFrames(), mmapBase: 0x800000000000n }))).toBe('EINVAL');
      expect(errorCode(() => new AddressSpace({ frames: testFrames(), mmapBase: 0n }))).toBe('EINVAL');
    });

    it('accepts an mmap base anywhere from one page above MMAP_MIN_ADDR up to TASK_SIZE, and hands out all of it', () => {
      expect(errorCode(() => new AddressSpace({ frames: testFrames(), mmapBase: MMAP_MIN_ADDR }))).toBe('EINVAL');
      const tiny = new AddressSpace({ frames: testFrames(), mmapBase: MMAP_MIN_ADDR + 0x1000n });
      expect(tiny.mmap(4096, { prot: 'rw-' })).toBe(MMAP_MIN_ADDR);
      const top = new AddressSpace({ frames: testFrames(), mmapBase: TASK_SIZE });
      expect(top.mmap(4096, { prot: 'rw-' })).toBe(TASK_SIZE - 4096n);
      const whole = new AddressSpace({ frames: testFrames(), mmapBase: 0x100000n });
      expect(whole.mmap(0x100000 - 0x1000, { prot: 'rw-' })).toBe(MMAP_MIN_ADDR);
    });

    it('merges a mapping that fills a hole with both neighbours, into one VMA', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const va = space.mmap(12 * 4096, { prot: 'rw-' });
      space.munmap(va + 4n * 4096n, 4 * 4096);
      expect(space.vmas()).toHaveLength(2);
      expect(space.mmap(4 * 4096, { prot: 'rw-' })).toBe(va + 4n * 4096n);
      expect(space.vmas()).toMatchObject([{ start: va, end: va + 12n * 4096n }]);
    });

    it('merges only neighbours whose flags are the same too (kata 11 adds hg and nh)', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const high = space.mmap(4096, { prot: 'rw-' });
      space.mm.vmas[0]?.vmFlags.push('hg');
      space.mmap(4096, { prot: 'rw-' });
      expect(space.vmas().map((v) => v.end)).toEqual([high, high + 4096n]);
    });

    it('merges only with a neighbour it touches: a gap above keeps them apart', () => {
      const at = [0x40000000n, 0x40002000n];
      class Placed extends AddressSpace {
        override getUnmappedArea(): bigint {
          return at.pop() as bigint;
        }
      }
      const space = new Placed({ frames: testFrames() });
      space.mmap(4096, { prot: 'rw-' }); // [0x40002000, 0x40003000)
      space.mmap(4096, { prot: 'rw-' }); // [0x40000000, 0x40001000): a page below it, not touching
      expect(space.vmas().map((v) => v.start)).toEqual([0x40000000n, 0x40002000n]);
    });

    it('hands out copies from vmas(): changing them changes nothing', () => {
      const space = new AddressSpace({ frames: testFrames() });
      const va = space.mmap(4096, { prot: 'rw-' });
      const [copy] = space.vmas();
      (copy as Vma).end = va + 0x100000n;
      (copy as Vma).vmFlags.push('hg');
      expect(space.vmas()).toMatchObject([{ end: va + 4096n, vmFlags: ['rd', 'wr', 'mr', 'mw', 'me', 'ac'] }]);
      expect(space.access(va + 4096n, 'read')).toEqual({ kind: 'segv', reason: 'no-vma' });
    });

    it('keeps every mapping inside [MMAP_MIN_ADDR, base), sorted and apart, and VmSize = Σ sizes, whatever is mapped and unmapped', () => {
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('mmap' as const),
          pages: fc.integer({ min: 1, max: 64 }),
          prot: fc.constantFrom<Prot>('rw-', 'r--'),
        }),
        fc.record({ kind: fc.constant('munmap' as const), at: fc.nat(200), pages: fc.integer({ min: 1, max: 32 }) }),
      );
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
          const base = 0x10000000n;
          const space = new AddressSpace({ frames: testFrames(), mmapBase: base });
          for (const o of ops) {
            if (o.kind === 'mmap') space.mmap(o.pages * 4096, { prot: o.prot });
            else space.munmap(base - BigInt(o.at + o.pages) * 4096n, o.pages * 4096);
          }
          const vmas: Vma[] = space.vmas();
          let size = 0n;
          vmas.forEach((v, i) => {
            expect(v.start).toBeLessThan(v.end);
            expect(v.start).toBeGreaterThanOrEqual(MMAP_MIN_ADDR);
            expect(v.end).toBeLessThanOrEqual(base);
            if (i > 0) expect((vmas[i - 1] as Vma).end).toBeLessThanOrEqual(v.start);
            size += v.end - v.start;
          });
          expect(space.stats().vmSizeKb).toBe(Number(size / 1024n));
        }),
      );
    });
  });

  describe('getUnmappedArea', () => {
    it('returns the top of the highest gap that fits, or null', () => {
      const space = new AddressSpace({ frames: testFrames(), mmapBase: 0x200000n });
      expect(space.getUnmappedArea(0x1000n, false)).toBe(0x1ff000n);
      space.mmap(0x10000, { prot: 'rw-' }); // [0x1f0000, 0x200000)
      space.mmap(0x10000, { prot: 'r--' }); // [0x1e0000, 0x1f0000)
      space.munmap(0x1f0000n, 0x8000); // a hole [0x1f0000, 0x1f8000)
      expect(space.getUnmappedArea(0x8000n, false)).toBe(0x1f0000n);
      expect(space.getUnmappedArea(0x9000n, false)).toBe(0x1e0000n - 0x9000n);
      expect(space.getUnmappedArea(0x1e0000n - MMAP_MIN_ADDR, false)).toBe(MMAP_MIN_ADDR);
      expect(space.getUnmappedArea(0x1e0000n - MMAP_MIN_ADDR + 0x1000n, true)).toBeNull();
    });

    it('skips a mapping above the mmap base (where Linux has the stack) and searches below it', () => {
      class Stack extends AddressSpace {
        override getUnmappedArea(length: bigint, shared: boolean): bigint | null {
          return this.mm.vmas.length === 0 ? 0x200000n : super.getUnmappedArea(length, shared);
        }
      }
      const space = new Stack({ frames: testFrames(), mmapBase: 0x100000n });
      expect(space.mmap(0x10000, { prot: 'rw-' })).toBe(0x200000n); // the "stack", above the base
      expect(space.mmap(4096, { prot: 'rw-' })).toBe(0xff000n);
      expect(space.getUnmappedArea(0xff000n - MMAP_MIN_ADDR, false)).toBe(MMAP_MIN_ADDR);
    });

    it('is what mmap asks, so a subclass can place mappings elsewhere (kata 11 aligns 2 MiB ones)', () => {
      const asked: [bigint, boolean][] = [];
      class Fixed extends AddressSpace {
        override getUnmappedArea(length: bigint, shared: boolean): bigint {
          asked.push([length, shared]);
          return 0x40000000n - BigInt(asked.length) * 0x100000n;
        }
      }
      const space = new Fixed({ frames: testFrames() });
      expect(space.mmap(5000, { prot: 'rw-' })).toBe(0x3ff00000n);
      expect(space.mmap(4096, { prot: 'rw-', shared: true })).toBe(0x3fe00000n);
      expect(asked).toEqual([
        [8192n, false],
        [4096n, true],
      ]);
      expect(space.vmas()).toMatchObject([
        { start: 0x3fe00000n, end: 0x3fe01000n },
        { start: 0x3ff00000n, end: 0x3ff02000n },
      ]);
    });
  });
});
