import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpaceError } from '#kata/10-demand-paging';
import { ThpAddressSpace } from '#kata/11-transparent-huge-pages';
import { demoDeltas, demoSmaps } from './captures.ts';
import { HPAGE, MiB, PAGE, testFrames } from './frames.ts';

function demo() {
  const frames = testFrames();
  const space = new ThpAddressSpace({ frames });
  const va = space.mmap(4 * MiB, { prot: 'rw-' });
  space.madvise(va, 4 * MiB, 'hugepage');
  space.access(va, 'write');
  return { frames, space, va };
}

const pfnOf = (raw: bigint): bigint => raw & ((1n << 55n) - 1n);

describe('ThpAddressSpace', () => {
  describe('munmap of part of a 2 MiB page', () => {
    it('splits the PMD: AnonHugePages 0, the 1 MiB piece Rss 1024 and THPeligible 0 (live split demo)', () => {
      const { space, va } = demo();
      space.munmap(va + HPAGE / 2n, 4096);
      const live = demoSmaps('after-munmap-4k');
      const first = space.smaps()[0];
      expect({ start: first?.start, end: first?.end }).toEqual({ start: va, end: va + (live.end - live.start) });
      expect(first?.fields).toEqual({
        Size: live.fields.Size,
        Rss: live.fields.Rss,
        AnonHugePages: live.fields.AnonHugePages,
      });
      expect(first?.thpEligible).toBe(live.thpEligible);
      expect(space.smaps()[1]?.fields).toEqual({ Size: 3068, Rss: 1020, AnonHugePages: 0 });
      const deltas = demoDeltas();
      expect(space.thp.events).toMatchObject({
        thp_fault_alloc: deltas.thp_fault_alloc,
        thp_split_pmd: deltas.thp_split_pmd,
        thp_deferred_split_page: deltas.thp_deferred_split_page,
      });
      expect(deltas.thp_split_page).toBe(0); // the folio itself is split later, under memory pressure
    });

    it('gives the unmapped 4 KiB frame back at once, and the rest when it goes too', () => {
      const { frames, space, va } = demo();
      const head = Number(pfnOf(space.pagemap(va)));
      const inUse = frames.inUse();
      space.munmap(va + HPAGE / 2n, 4096);
      expect(frames.has(head + 256)).toBe(false);
      expect(frames.inUse()).toBe(inUse - 1); // the split takes a PTE table and gives back the deposit
      space.munmap(va, 4 * MiB);
      expect(frames.inUse()).toBe(1);
    });

    it('leaves the 2 MiB page after the range whole, and keeps the half of one that the range misses', () => {
      const { space, va } = demo();
      space.access(va + HPAGE, 'write');
      space.munmap(va, 2 * MiB); // block 0 exactly
      expect(space.thp.events.thp_split_pmd).toBe(0);
      expect(space.smaps()[0]?.fields.AnonHugePages).toBe(2048);
      space.munmap(va + HPAGE + HPAGE / 2n, 1024 * 1024); // the second half of block 1
      expect(space.stats().rssKb).toBe(1024);
      const other = demo();
      other.space.munmap(other.va, 1024 * 1024); // the first half of block 0
      expect(other.space.stats().rssKb).toBe(1024);
    });

    it('frees a whole 2 MiB page at once when all of it goes, without splitting', () => {
      const { frames, space, va } = demo();
      space.munmap(va, 2 * MiB);
      expect(space.thp.events.thp_split_pmd).toBe(0);
      expect(space.stats()).toMatchObject({ rssKb: 0, vmPteKb: 0 });
      expect(frames.inUse()).toBe(1);
    });
  });

  describe('munmap of part of the huge zero page', () => {
    it('splits it without queueing anything for a deferred split', () => {
      const { space, va } = demo();
      space.access(va + HPAGE, 'read');
      space.munmap(va + HPAGE + HPAGE / 2n, 4096);
      expect(space.thp.events).toMatchObject({ thp_split_pmd: 1, thp_deferred_split_page: 0 });
      expect(space.pagemap(va + HPAGE)).toBe(0x8000000000003b32n);
    });
  });

  describe('splitHugePmd', () => {
    it('keeps every byte where it was: 512 PTEs to the same frames, writable, dirty, young', () => {
      const { space, va } = demo();
      const before = [0n, 1n, 300n, 511n].map((i) => space.pagemap(va + i * PAGE));
      const pte = space.stats().vmPteKb;
      expect(space.splitHugePmd(va + 5n)).toBe(true);
      expect([0n, 1n, 300n, 511n].map((i) => space.pagemap(va + i * PAGE))).toEqual(before);
      expect(space.stats()).toMatchObject({ rssKb: 2048, vmPteKb: pte });
      expect(space.residentPages().every((p) => p.writable && p.dirty && p.accessed)).toBe(true);
      expect(space.access(va + 7n * PAGE, 'write').kind).toBe('hit');
      expect(space.smaps()[0]?.fields.AnonHugePages).toBe(0);
      expect(space.thp.events.thp_split_pmd).toBe(1);
    });

    it('returns false, and does nothing, where there is no 2 MiB page', () => {
      const { space, va } = demo();
      expect(space.splitHugePmd(va + HPAGE)).toBe(false);
      space.splitHugePmd(va);
      expect(space.splitHugePmd(va)).toBe(false);
      expect(space.thp.events.thp_split_pmd).toBe(1);
    });
  });

  describe('fork', () => {
    it('keeps a clean 2 MiB page clean across a fork', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always', useZeroPage: false } });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      space.access(va, 'read');
      const child = space.fork();
      expect(space.residentPages()[0]).toMatchObject({ dirty: false, writable: false });
      expect(child.residentPages()[0]).toMatchObject({ dirty: false });
    });

    it('shares a 2 MiB page read-only with the child: same frames, RSS 2048 on both sides, no split', () => {
      const { space, va } = demo();
      const child = space.fork();
      expect(child).toBeInstanceOf(ThpAddressSpace);
      expect(child.thp).toBe(space.thp);
      expect(child.pagemap(va + 3n * PAGE)).toBe(space.pagemap(va + 3n * PAGE));
      expect(child.pagemap(va) >> 55n).toBe(0x100n); // not exclusive
      expect(child.stats().rssKb).toBe(2048);
      expect(child.smaps()[0]?.fields.AnonHugePages).toBe(2048);
      expect(space.thp.events.thp_split_pmd).toBe(0);
      expect(child.stats()).toMatchObject({ vmHwmKb: 2048, rssAnonKb: 2048 });
      expect(space.residentPages()[0]).toMatchObject({ writable: false, dirty: true, accessed: true, mapcount: 2 });
    });

    it('splits on the writer’s side at the first write and copies 4 KiB (do_huge_pmd_wp_page)', () => {
      const { space, va } = demo();
      const child = space.fork();
      expect(child.access(va + 8n, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(space.thp.events.thp_split_pmd).toBe(1);
      expect(pfnOf(child.pagemap(va))).not.toBe(pfnOf(space.pagemap(va)));
      expect(child.pagemap(va + PAGE)).toBe(space.pagemap(va + PAGE));
      expect(space.smaps()[0]?.fields.AnonHugePages).toBe(2048); // the parent still has its PMD
      expect(child.smaps()[0]?.fields.AnonHugePages).toBe(0);
      // the child's other 511 PTEs are read-only: another write copies again
      expect(child.access(va + 5n * PAGE, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      child.munmap(va, 4 * MiB);
      expect(child.stats()).toMatchObject({ rssKb: 0, vmHwmKb: 2048 });
    });

    it('still finds a shared 2 MiB page at a write after THP was turned off: the PMD is there whatever the VMA allows now', () => {
      const { space, va } = demo();
      const child = space.fork();
      space.thp.enabled = 'never';
      expect(child.access(va + 8n, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(space.thp.events.thp_split_pmd).toBe(1);
      child.exit();
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'reuse' });
    });

    it('makes the PMD writable again, without a split, for the side left alone with it', () => {
      const { space, va } = demo();
      const child = space.fork();
      child.exit();
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'reuse' });
      expect(space.thp.events.thp_split_pmd).toBe(0);
      expect(space.access(va + PAGE, 'write').kind).toBe('hit');
    });

    it('shares the huge zero page with the child', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames, thp: { enabled: 'always' } });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      space.access(va, 'read');
      const child = space.fork();
      expect(space.thp.hugeZeroMaps).toBe(2);
      expect(child.access(va, 'read').kind).toBe('hit');
      space.exit();
      expect(space.thp.hugeZeroPfn).not.toBeNull();
      child.exit();
      expect(space.thp.hugeZeroPfn).toBeNull();
      expect(frames.inUse()).toBe(0);
    });

    it('fails with ENOMEM, leaving no frame behind, when the child’s PMD finds no page-table frame', () => {
      const { frames, space } = demo();
      const inUse = frames.inUse();
      frames.limit = inUse + 3; // the child's PGD, PUD, PMD table: no frame for the deposit
      expect(() => space.fork()).toThrow(AddressSpaceError);
      try {
        space.fork();
      } catch (error) {
        expect((error as AddressSpaceError).code).toBe('ENOMEM');
      }
      expect(frames.inUse()).toBe(inUse);
    });
  });

  it('leaves nothing behind for any mix of faults, advice, munmaps, splits, khugepaged, forks and exits', () => {
    const step = fc.record({
      who: fc.nat(2),
      at: fc.nat(8 * 512 - 1),
      act: fc.constantFrom(
        'read',
        'write',
        'write',
        'munmap',
        'split',
        'hugepage',
        'nohugepage',
        'khugepaged',
        'fork',
        'exit',
      ),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), fc.constantFrom('always', 'madvise'), (steps, enabled) => {
        const frames = testFrames();
        const first = new ThpAddressSpace({ frames, thp: { enabled: enabled as 'always' } });
        const va = first.mmap(16 * MiB, { prot: 'rw-' });
        let live = [first];
        for (const s of steps) {
          const space = live[s.who % live.length];
          if (!space) break;
          const address = va + BigInt(s.at) * PAGE;
          if (s.act === 'read' || s.act === 'write') space.access(address, s.act);
          else if (s.act === 'munmap') space.munmap(address, 64 * 1024);
          else if (s.act === 'split') space.splitHugePmd(address);
          else if (s.act === 'hugepage' || s.act === 'nohugepage') {
            try {
              space.madvise(address, 4 * Number(HPAGE), s.act);
            } catch (error) {
              if (!(error instanceof AddressSpaceError && error.code === 'ENOMEM')) throw error; // a hole in the range
            }
          } else if (s.act === 'khugepaged') space.khugepaged();
          else if (s.act === 'fork') live.push(space.fork());
          else {
            space.exit();
            live = live.filter((x) => x !== space);
          }
        }
        for (const each of live) {
          expect(each.residentPages()).toHaveLength(each.stats().rssKb / 4);
          expect(each.smaps().reduce((sum, s) => sum + s.fields.Rss, 0)).toBe(each.stats().rssKb);
        }
        for (const space of live) space.exit();
        expect(frames.inUse()).toBe(0);
        expect(first.thp.hugeZeroPfn).toBeNull();
      }),
      { numRuns: 40 },
    );
  });
});
