import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError, type AddressSpaceOptions } from '#kata/10-demand-paging';
import { thrown } from '../support/thrown.ts';
import { capturedNumber, capturedPagemap, capturedSmaps, capturedStatus } from './captures.ts';
import { pageAt, testFrames } from './frames.ts';

const EXCLUSIVE = 1n << 56n;
const pfnOf = (raw: bigint): bigint => raw & ((1n << 55n) - 1n);
const exclusive = (raw: bigint): boolean => (raw & EXCLUSIVE) !== 0n;

/** The live run's fork section: 16 written private pages and a MAP_SHARED mapping with one written page. */
function liveForkSection() {
  const frames = testFrames();
  const parent = new AddressSpace({ frames });
  const c = parent.mmap(16 * 4096, { prot: 'rw-' });
  for (let i = 0; i < 16; i++) parent.access(pageAt(c, i), 'write');
  const sh = parent.mmap(4 * 4096, { prot: 'rw-', shared: true });
  parent.access(sh, 'write');
  return { frames, parent, c, sh };
}

describe('AddressSpace', () => {
  describe('fork', () => {
    it('shares every private page with the child, read-only: the same frame on both sides, exclusive on neither (live)', () => {
      const { parent, c } = liveForkSection();
      const before = parent.pagemap(c);
      expect(exclusive(before)).toBe(exclusive(capturedPagemap('fork', 'parent-page-0-before-fork'))); // true
      const child = parent.fork();
      const live = capturedPagemap('fork', 'child-page-0-after-fork');
      expect(exclusive(live)).toBe(false);
      expect(child.pagemap(c)).toBe(parent.pagemap(c));
      expect(exclusive(child.pagemap(c))).toBe(false);
      expect(pfnOf(child.pagemap(c))).toBe(pfnOf(before));
    });

    it('gives the child the parent’s RssAnon and VmSize, fresh fault counters, and an empty MAP_SHARED mapping (live)', () => {
      const { parent, c, sh } = liveForkSection();
      const child = parent.fork();
      const liveParent = capturedStatus('fork', 'parent-before-fork');
      const liveChild = capturedStatus('fork', 'child-after-fork');
      expect(liveChild.RssAnon).toBe(liveParent.RssAnon);
      expect(liveChild.RssShmem).toBe(0);
      expect(child.stats()).toMatchObject({
        rssAnonKb: parent.stats().rssAnonKb,
        rssShmemKb: 0,
        vmSizeKb: parent.stats().vmSizeKb,
        minorFaults: 0,
        majorFaults: 0,
      });
      expect(child.vmas()).toEqual(parent.vmas());
      expect(child.stats()).toMatchObject({ vmPeakKb: 64 + 16, vmHwmKb: 64 }); // its own peaks start at fork
      // smaps of the child: the 16 pages are Rss 64 kB, all Shared_Dirty; the shared mapping has Rss 0.
      expect(capturedSmaps('fork', 'child-after-fork').fields).toMatchObject({ Rss: 64, Shared_Dirty: 64 });
      expect(capturedSmaps('fork', 'child-shared-after-fork').fields.Rss).toBe(0);
      expect(child.residentPages().filter((p) => p.va >= c && p.va < pageAt(c, 16))).toHaveLength(16);
      expect(child.pagemap(sh)).toBe(0n);
    });

    it('copies a page on the first write on either side: one minor fault, a new frame for the writer (live)', () => {
      const { parent, c } = liveForkSection();
      const child = parent.fork();
      const shared = pfnOf(parent.pagemap(c));
      const write = child.access(c, 'write');
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(child.stats().minorFaults).toBe(capturedNumber('fork', 'minflt child-writes-page-0'));
      const liveChild = capturedPagemap('fork', 'child-page-0-after-child-write');
      const liveParent = capturedPagemap('fork', 'parent-page-0-after-child-write');
      expect(pfnOf(liveChild)).not.toBe(pfnOf(liveParent));
      expect(pfnOf(child.pagemap(c))).not.toBe(shared);
      expect(pfnOf(parent.pagemap(c))).toBe(shared);
      // Both are exclusive now: the parent's page has one PTE left (live: 0x81… on both sides).
      expect([exclusive(child.pagemap(c)), exclusive(parent.pagemap(c))]).toEqual([
        exclusive(liveChild),
        exclusive(liveParent),
      ]);
      expect(exclusive(parent.pagemap(pageAt(c, 1)))).toBe(
        exclusive(capturedPagemap('fork', 'parent-page-1-still-shared')),
      );
    });

    it('reuses a page nobody else maps any more: a minor fault and the same frame (live)', () => {
      const { parent, c } = liveForkSection();
      const child = parent.fork();
      child.access(c, 'write');
      const frame = pfnOf(parent.pagemap(c));
      expect(parent.access(c, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'reuse' });
      expect(capturedNumber('fork', 'minflt parent-writes-page-0-now-exclusive')).toBe(1);
      const liveBefore = capturedPagemap('fork', 'parent-page-0-after-child-write');
      const liveAfter = capturedPagemap('fork', 'parent-page-0-after-parent-write');
      expect(pfnOf(liveAfter)).toBe(pfnOf(liveBefore));
      expect(pfnOf(parent.pagemap(c))).toBe(frame);
      // page 1 is still shared: the parent's write copies it (live: another frame)
      const page1 = pfnOf(parent.pagemap(pageAt(c, 1)));
      expect(parent.access(pageAt(c, 1), 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(pfnOf(parent.pagemap(pageAt(c, 1)))).not.toBe(page1);
      expect(parent.stats().minorFaults).toBe(16 + 1 + 2);
      expect(parent.stats().rssAnonKb).toBe(64);
    });

    it('lets the child fault in the very frames of the parent’s MAP_SHARED mapping (live: same PFN, exclusive on neither)', () => {
      const { parent, sh } = liveForkSection();
      const child = parent.fork();
      expect(child.access(sh, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'shmem' });
      expect(capturedNumber('fork', 'minflt child-reads-shared-page-0')).toBe(1);
      expect(child.pagemap(sh)).toBe(parent.pagemap(sh));
      expect(child.pagemap(sh) >> 55n).toBe(capturedPagemap('fork', 'child-shared-page-0') >> 55n); // 0xa0…: shared
      expect(child.stats().rssShmemKb).toBe(4);
      child.access(sh + 4096n, 'write');
      expect(parent.access(sh + 4096n, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'shmem' });
      expect(parent.pagemap(sh + 4096n)).toBe(child.pagemap(sh + 4096n));
    });

    it('finds the MAP_SHARED frames through both pieces of a VMA split before the fork', () => {
      const { parent, sh } = liveForkSection();
      for (let i = 1; i < 4; i++) parent.access(pageAt(sh, i), 'write');
      parent.munmap(pageAt(sh, 1), 4096);
      const child = parent.fork();
      child.access(pageAt(sh, 3), 'read');
      child.access(sh, 'read');
      expect(child.pagemap(pageAt(sh, 3))).toBe(parent.pagemap(pageAt(sh, 3)));
      expect(child.pagemap(sh)).toBe(parent.pagemap(sh));
      expect(child.pagemap(pageAt(sh, 2))).toBe(0n);
    });

    it('shares the zero page too: the child reads zeros without a new frame, and a write copies', () => {
      const frames = testFrames();
      const parent = new AddressSpace({ frames });
      const va = parent.mmap(4096, { prot: 'rw-' });
      parent.access(va, 'read');
      const child = parent.fork();
      expect(child.pagemap(va)).toBe(0x8000000000003b32n);
      expect(child.access(va, 'read').kind).toBe('hit');
      expect(child.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(parent.pagemap(va)).toBe(0x8000000000003b32n);
    });

    it('keeps the child’s pages executable where the mapping is', () => {
      const parent = new AddressSpace({ frames: testFrames() });
      const va = parent.mmap(4096, { prot: 'r-x' });
      parent.access(va, 'exec');
      const child = parent.fork();
      expect(child.access(va, 'exec').kind).toBe('hit');
      expect(parent.access(va, 'exec').kind).toBe('hit');
    });

    it('keeps NX on both sides of a fork in an rw- mapping: neither the child’s PTE nor the write-protected parent’s executes', () => {
      const parent = new AddressSpace({ frames: testFrames() });
      const va = parent.mmap(4096, { prot: 'rw-' });
      parent.access(va, 'write');
      const child = parent.fork();
      expect(child.access(va, 'exec')).toEqual({ kind: 'segv', reason: 'protection' });
      expect(parent.access(va, 'exec')).toEqual({ kind: 'segv', reason: 'protection' });
      expect(parent.access(va, 'read').kind).toBe('hit');
    });

    it('keeps a MAP_SHARED page clean when a side that only read it lets go', () => {
      const parent = new AddressSpace({ frames: testFrames() });
      const sh = parent.mmap(4096, { prot: 'rw-', shared: true });
      parent.access(sh, 'read');
      const child = parent.fork();
      child.access(sh, 'read');
      child.exit();
      expect(parent.residentPages()[0]).toMatchObject({ va: sh, dirty: false, mapcount: 1 });
    });

    it('marks a MAP_SHARED page dirty for everybody when the side that wrote it lets go', () => {
      const { parent, sh } = liveForkSection();
      const child = parent.fork();
      child.access(sh, 'read');
      parent.munmap(sh, 4 * 4096);
      expect(child.residentPages().find((p) => p.va === sh)).toMatchObject({ dirty: true, mapcount: 1 });
    });

    it('leaves a 2 MiB page it did not make to the subclass that made it (kata 11): no copy, no listing, no pagemap', () => {
      const frames = testFrames();
      const parent = new AddressSpace({ frames });
      const va = parent.mmap(4 * 1024 * 1024, { prot: 'rw-' });
      const block = (va + 0x1fffffn) & ~0x1fffffn;
      parent.mm.pageTable.map(block, 0x200000, { huge: true, write: true }); // as kata 11 maps a THP
      const child = parent.fork();
      expect(child.pagemap(block)).toBe(0n);
      expect(parent.pagemap(block + 4096n)).toBe(0n);
      expect(parent.residentPages()).toEqual([]);
      expect(parent.mm.pageTable.walk(block).at(-1)?.level).toBe('pmd'); // still there, for kata 11 to handle
    });

    it('makes the child with the parent’s class and options, so a subclass’s fork makes the subclass', () => {
      const seen: AddressSpaceOptions[] = [];
      class Traced extends AddressSpace {
        constructor(options: AddressSpaceOptions) {
          super(options);
          seen.push(options);
        }
      }
      const frames = testFrames();
      const parent = new Traced({ frames, mmapBase: 0x50000000n });
      parent.mmap(4096, { prot: 'rw-' });
      const child = parent.fork();
      expect(child).toBeInstanceOf(Traced);
      expect(seen[1]).toMatchObject({ frames, mmapBase: 0x50000000n, pages: parent.mm.pages });
      expect(child.mm.pages).toBe(parent.mm.pages);
      expect(child.mmap(4096, { prot: 'r--' })).toBe(0x50000000n - 8192n);
    });

    it('frees a frame only when both sides have let go of it', () => {
      const { frames, parent, c } = liveForkSection();
      const child = parent.fork();
      const inUse = frames.inUse();
      parent.munmap(c, 16 * 4096);
      expect(frames.inUse()).toBe(inUse); // the child still maps all 16 pages
      expect(child.access(pageAt(c, 5), 'write')).toMatchObject({ kind: 'minor-fault', cause: 'reuse' });
      child.munmap(c, 16 * 4096);
      expect(frames.inUse()).toBe(inUse - 16 - 3); // the pages, and the child's PTE, PMD and PUD tables
    });

    it('fails with ENOMEM, and leaves no frame behind, when the child’s page tables find no frame', () => {
      const { frames, parent } = liveForkSection();
      const inUse = frames.inUse();
      frames.limit = inUse + 2; // the child's PGD and one more
      expect(() => parent.fork()).toThrow(AddressSpaceError);
      try {
        parent.fork();
      } catch (error) {
        expect((error as AddressSpaceError).code).toBe('ENOMEM');
      }
      expect(frames.inUse()).toBe(inUse);
      frames.limit = Number.POSITIVE_INFINITY;
      const child = parent.fork();
      expect(child.stats().rssAnonKb).toBe(64);
    });

    it('fails with ENOMEM when there is no frame even for the child’s PGD (not kata 9’s error)', () => {
      const { frames, parent } = liveForkSection();
      const inUse = frames.inUse();
      frames.limit = inUse; // not one frame more
      expect(thrown(() => parent.fork(), AddressSpaceError).code).toBe('ENOMEM');
      expect(frames.inUse()).toBe(inUse);
    });

    it('gives every frame back when parent and children exit, whatever they wrote (mapcounts add up)', () => {
      const step = fc.record({
        who: fc.nat(2),
        page: fc.nat(15),
        act: fc.constantFrom('read', 'write', 'fork', 'munmap'),
      });
      fc.assert(
        fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
          const frames = testFrames();
          const first = new AddressSpace({ frames });
          const va = first.mmap(16 * 4096, { prot: 'rw-' });
          const spaces = [first];
          for (const s of steps) {
            const space = spaces[s.who % spaces.length] as AddressSpace;
            if (s.act === 'fork') {
              if (spaces.length < 3) spaces.push(space.fork());
            } else if (s.act === 'munmap') space.munmap(pageAt(va, s.page), 4096);
            else space.access(pageAt(va, s.page), s.act);
          }
          // Every frame's mapcount is the number of PTEs that map it, across the family.
          const ptes = new Map<number, number>();
          for (const space of spaces)
            for (const p of space.residentPages()) ptes.set(p.pfn, (ptes.get(p.pfn) ?? 0) + 1);
          for (const [pfn, count] of ptes) expect(first.mm.pages.get(pfn)?.mapcount).toBe(count);
          expect([...first.mm.pages.keys()].sort()).toEqual([...ptes.keys()].sort());
          for (const space of spaces) space.exit();
          expect(frames.inUse()).toBe(0);
        }),
      );
    });
  });
});
