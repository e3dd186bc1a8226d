import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Access } from '#kata/09-page-table';
import { AddressSpaceError } from '#kata/10-demand-paging';
import { ThpAddressSpace, type ThpSettings } from '#kata/11-transparent-huge-pages';
import { fixture } from '#support/fixtures';
import { capturedDeltas, capturedPagemap, capturedSmaps, demoDeltas, demoSmaps } from './captures.ts';
import { HPAGE, MiB, PAGE, testFrames } from './frames.ts';

/** The live split demo's mapping: 4 MiB, 2 MiB-aligned, MADV_HUGEPAGE. */
function demo(settings: Partial<ThpSettings> = {}, frameOptions: Parameters<typeof testFrames>[0] = {}) {
  const frames = testFrames(frameOptions);
  const space = new ThpAddressSpace({ frames, thp: settings });
  const va = space.mmap(4 * MiB, { prot: 'rw-' });
  expect(va % HPAGE).toBe(0n);
  space.madvise(va, 4 * MiB, 'hugepage');
  return { frames, space, va };
}

/** The labelled lines of spec/fixtures/pagemap/pagemap-decoded.txt. */
const livePagemap = (label: string): bigint => {
  const m = new RegExp(`^${label.replace(/[+()]/g, '\\$&')}\\s+vaddr=\\S+ raw=(0x[0-9a-f]+)`, 'm').exec(
    fixture('pagemap/pagemap-decoded.txt'),
  );
  if (!m) throw new Error(`no ${label} in pagemap-decoded.txt`);
  return BigInt(m[1] as string);
};
const pfnOf = (raw: bigint): bigint => raw & ((1n << 55n) - 1n);

describe('ThpAddressSpace', () => {
  describe('handleMmFault', () => {
    it('maps a whole 2 MiB page at the first write: Rss 2048, AnonHugePages 2048, THPeligible 1, thp_fault_alloc +1 (live)', () => {
      const { space, va } = demo();
      expect(space.access(va + 12345n, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'huge-page' });
      const live = demoSmaps('after-faults');
      const [smaps] = space.smaps();
      expect(smaps?.fields).toEqual({
        Size: live.fields.Size,
        Rss: live.fields.Rss,
        AnonHugePages: live.fields.AnonHugePages,
      });
      expect(smaps?.thpEligible).toBe(live.thpEligible);
      expect(smaps?.vmFlags).toEqual(live.vmFlags);
      expect(space.thp.events.thp_fault_alloc).toBe(demoDeltas().thp_fault_alloc);
      expect(space.thp.events.thp_fault_alloc).toBe(capturedDeltas('huge-write').thp_fault_alloc);
      expect(space.stats()).toMatchObject({ minorFaults: 1, rssKb: 2048, rssAnonKb: 2048 });
    });

    it('maps an aligned order-9 block: the pagemap PFNs run from a multiple of 512 (live: 0x132c00, +1 … +0x1ff)', () => {
      const { space, va } = demo();
      space.access(va, 'write');
      const base = space.pagemap(va);
      expect(base >> 55n).toBe(livePagemap('thp base') >> 55n); // present, exclusive
      expect(pfnOf(base) % 512n).toBe(0n);
      expect(pfnOf(livePagemap('thp base')) % 512n).toBe(0n);
      expect(pfnOf(space.pagemap(va + PAGE))).toBe(pfnOf(base) + 1n);
      expect(pfnOf(space.pagemap(va + HPAGE - PAGE))).toBe(pfnOf(base) + 0x1ffn);
      expect(space.pagemap(va + HPAGE)).toBe(livePagemap('thp second 2MiB (untouched)'));
      const live = [capturedPagemap('huge-write', 'base'), capturedPagemap('huge-write', 'base+2MiB-4KiB')];
      expect(pfnOf(live[1] as bigint) - pfnOf(live[0] as bigint)).toBe(0x1ffn);
    });

    it('lists the 512 subpages as resident pages, and hits without a fault anywhere in the 2 MiB', () => {
      const { space, va } = demo();
      space.access(va, 'write');
      const pages = space.residentPages();
      expect(pages).toHaveLength(512);
      expect(pages[511]).toMatchObject({
        va: va + HPAGE - PAGE,
        writable: true,
        accessed: true,
        dirty: true,
        mapcount: 1,
      });
      expect(space.access(va + HPAGE - 1n, 'read').kind).toBe('hit');
      expect(space.stats().minorFaults).toBe(1);
    });

    it('counts the deposited PTE table in VmPTE: PUD + PMD + one PTE table = 12 kB', () => {
      const { space, va } = demo();
      space.access(va, 'write');
      expect(space.stats().vmPteKb).toBe(12);
    });

    it('falls back to a 4 KiB page when no order-9 block is free: thp_fault_fallback +1, and only once per block', () => {
      const { frames, space, va } = demo();
      frames.limit = frames.inUse() + 100; // single frames yes, 512 at once no
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'new-page' });
      expect(space.access(va + PAGE, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'new-page' });
      expect(space.thp.events).toMatchObject({ thp_fault_fallback: 1, thp_fault_alloc: 0 });
      expect(space.stats().rssKb).toBe(8);
      expect(space.smaps()[0]?.fields.AnonHugePages).toBe(0);
    });

    it('falls back when the allocator cannot hand out blocks at all (a plain FrameAllocator)', () => {
      const { space, va } = demo({}, { blocks: false });
      expect(space.access(va, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.thp.events.thp_fault_fallback).toBe(1);
    });

    it.each<[string, Partial<ThpSettings>, 'hugepage' | 'nohugepage' | null, string]>([
      ['madvise mode, no hg', { enabled: 'madvise' }, null, 'new-page'],
      ['madvise mode, hg', { enabled: 'madvise' }, 'hugepage', 'huge-page'],
      ['always mode, no advice', { enabled: 'always' }, null, 'huge-page'],
      ['always mode, nh', { enabled: 'always' }, 'nohugepage', 'new-page'],
      ['never mode, hg', { enabled: 'never' }, 'hugepage', 'new-page'],
    ])('follows the enabled setting: %s → %s', (_what, thp, advice, cause) => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      if (advice) space.madvise(va, 4 * MiB, advice);
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause });
    });

    it('takes 4 KiB pages in a block that has a PTE table already (the PMD is not empty)', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.access(va, 'write'); // before MADV_HUGEPAGE: a 4 KiB page and a PTE table
      space.madvise(va, 4 * MiB, 'hugepage');
      expect(space.access(va + PAGE, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.access(va + HPAGE, 'write')).toMatchObject({ cause: 'huge-page' }); // the next block is empty
      expect(space.thp.events).toMatchObject({ thp_fault_alloc: 1, thp_fault_fallback: 0 });
    });

    it('takes 4 KiB pages where the aligned block does not fit in the VMA', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(5 * MiB, { prot: 'rw-' }); // not a multiple of 2 MiB: not aligned either
      expect(va).toBe(0x7ffff7aff000n);
      // Blocks: [7ffff7a00000, …c00000) starts before the VMA, […c00000, …e00000) fits, […e00000, …8000000) ends after it.
      expect(space.access(va, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.access(0x7ffff7c00000n - PAGE, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.access(0x7ffff7c00000n, 'write')).toMatchObject({ cause: 'huge-page' });
      expect(space.access(0x7ffff7e00000n, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.stats().rssKb).toBe(3 * 4 + 2048);
    });

    it('maps the huge zero page at a read: no RSS, one PFN for every block, thp_zero_page_alloc +1 once (upstream)', () => {
      const { frames, space, va } = demo();
      const first = space.access(va, 'read');
      expect(first).toMatchObject({ kind: 'minor-fault', cause: 'huge-zero-page' });
      expect(space.access(va + HPAGE + 5n, 'read')).toMatchObject({ cause: 'huge-zero-page' });
      expect(space.stats()).toMatchObject({ rssKb: 0, minorFaults: 2 });
      expect(space.thp.events).toMatchObject({ thp_zero_page_alloc: 1, thp_fault_alloc: 0 });
      expect(pfnOf(space.pagemap(va))).toBe(pfnOf(space.pagemap(va + HPAGE)));
      expect(space.pagemap(va) >> 55n).toBe(0x100n); // present, not exclusive
      expect(space.thp.hugeZeroPfn).toBe(Number(pfnOf(space.pagemap(va))));
      expect(frames.has(space.thp.hugeZeroPfn as number)).toBe(true);
      expect(space.smaps()[0]?.fields).toMatchObject({ Rss: 0, AnonHugePages: 0 });
      // This machine's vendor kernel (pvm_no_zero_page=1) allocates a real THP for the read instead:
      expect(capturedDeltas('zero-read').thp_fault_alloc).toBe(1);
      expect(capturedSmaps('zero-read', 'after').fields.Rss).toBe(2048);
    });

    it('allocates a 2 MiB page for a read when use_zero_page is 0', () => {
      const { space, va } = demo({ useZeroPage: false });
      expect(space.access(va, 'read')).toMatchObject({ cause: 'huge-page' });
      expect(space.stats().rssKb).toBe(2048);
    });

    it('splits the huge zero page at a write and copies only the 4 KiB written: thp_split_pmd +1, Rss 4 kB', () => {
      const { space, va } = demo();
      space.access(va, 'read');
      expect(space.access(va + PAGE, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(space.thp.events).toMatchObject({ thp_split_pmd: 1, thp_fault_alloc: 0 });
      expect(space.stats()).toMatchObject({ rssKb: 4, minorFaults: 2 });
      expect(space.pagemap(va)).toBe(0x8000000000003b32n); // the rest: the 4 KiB zero page
      expect(space.access(va + 2n * PAGE, 'read').kind).toBe('hit');
      expect(space.thp.hugeZeroPfn).toBeNull(); // no PMD maps it any more: its frames went back
      expect(space.thp.events.thp_deferred_split_page).toBe(0); // zeros are not queued for a deferred split
    });

    it('gives the huge zero page back when nothing maps it any more, and allocates it again when needed', () => {
      const { frames, space, va } = demo();
      const before = frames.inUse();
      space.access(va, 'read');
      space.munmap(va, 2 * MiB);
      expect(space.thp.hugeZeroPfn).toBeNull();
      expect(frames.inUse()).toBe(before);
      space.access(va + HPAGE, 'read');
      expect(space.thp.events.thp_zero_page_alloc).toBe(2);
    });

    it('falls back to the 4 KiB zero page when no block is free for the huge one (thp_zero_page_alloc_failed)', () => {
      const { space, va } = demo({}, { blocks: false });
      expect(space.access(va, 'read')).toMatchObject({ cause: 'zero-page' });
      expect(space.thp.events).toMatchObject({ thp_zero_page_alloc_failed: 1, thp_fault_fallback: 1 });
    });

    it('returns oom and changes nothing when the PMD mapping finds no frame for its page tables', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames, thp: { enabled: 'always' } });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      frames.limit = 1 + 512 + 1; // the PGD, the block, and one table page: PUD, PMD and the deposit need 3
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      expect(frames.inUse()).toBe(1);
      expect(space.stats()).toMatchObject({ rssKb: 0, minorFaults: 0 });
      expect(space.thp.events.thp_fault_alloc).toBe(0);
    });

    it('returns oom for a read when the huge zero page’s PMD finds no page-table frame, and gives the block back', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames, thp: { enabled: 'always' } });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      frames.limit = 1 + 512 + 1;
      expect(space.access(va, 'read')).toEqual({ kind: 'oom' });
      expect(space.thp.hugeZeroPfn).toBeNull();
      expect(frames.inUse()).toBe(1);
    });

    it('never maps a 2 MiB page into a MAP_SHARED mapping (shmem_enabled decides, never here)', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(6 * MiB, { prot: 'rw-', shared: true });
      const block = (va + HPAGE - 1n) & ~(HPAGE - 1n);
      expect(space.access(block, 'write')).toMatchObject({ cause: 'shmem' });
      expect(space.thp.events.thp_fault_alloc).toBe(0);
    });

    it('takes 4 KiB pages in a block whose only pages are swapped out (Linux keeps their PTE table)', () => {
      const frames = testFrames();
      const swap = { swapIn: () => null, duplicate: () => {}, free: () => {}, useCount: () => 1 };
      const space = new ThpAddressSpace({ frames, swap });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      space.access(va, 'write');
      frames.freeFrame(space.swapOut(va, { type: 0, offset: 1 }).pfn);
      space.madvise(va, 2 * MiB, 'hugepage');
      expect(space.access(va + PAGE, 'write')).toMatchObject({ cause: 'new-page' });
      expect(space.thp.events.thp_fault_alloc).toBe(0);
    });

    it('throws EINVAL from pagemap for an address outside user space', () => {
      const { space } = demo();
      expect(() => space.pagemap(-1n)).toThrow(AddressSpaceError);
      expect(() => space.pagemap(0x7ffffffff000n)).toThrow(AddressSpaceError);
    });

    it('maps a 2 MiB page read by a read fault (use_zero_page 0) clean, and read-only where the VMA is', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always', useZeroPage: false } });
      const ro = space.mmap(2 * MiB, { prot: 'r--' });
      space.access(ro, 'read');
      expect(space.residentPages()[0]).toMatchObject({ writable: false, dirty: false, accessed: true });
      space.splitHugePmd(ro);
      expect(space.residentPages()[0]).toMatchObject({ writable: false, dirty: false });
      expect(space.mm.pages.size).toBe(512);
    });

    it('keeps 2 MiB pages and the huge zero page executable in an rwx mapping', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(4 * MiB, { prot: 'rwx' });
      expect(space.access(va, 'exec')).toMatchObject({ cause: 'huge-zero-page' });
      expect(space.access(va + HPAGE, 'write')).toMatchObject({ cause: 'huge-page' });
      expect(space.access(va + HPAGE + 8n, 'exec').kind).toBe('hit');
      const child = space.fork();
      expect(child.access(va + HPAGE, 'exec').kind).toBe('hit');
      expect(space.access(va + HPAGE, 'exec').kind).toBe('hit');
      space.splitHugePmd(va + HPAGE);
      expect(space.access(va + HPAGE + 4096n, 'exec').kind).toBe('hit');
    });

    it('keeps NX on every 2 MiB mapping of an rw- VMA: the huge zero page, a new page, the child’s and parent’s PMDs after fork, a reused PMD, the split PTEs', () => {
      const segv = { kind: 'segv', reason: 'protection' };
      const { space, va } = demo();
      space.access(va, 'read'); // block 0: the huge zero page
      expect(space.access(va, 'exec')).toEqual(segv);
      space.access(va + HPAGE, 'write'); // block 1: a 2 MiB page
      expect(space.access(va + HPAGE, 'exec')).toEqual(segv);
      const child = space.fork();
      expect(child.access(va + HPAGE, 'exec')).toEqual(segv);
      expect(space.access(va + HPAGE, 'exec')).toEqual(segv); // the parent's PMD, write-protected by the fork
      child.exit();
      expect(space.access(va + HPAGE, 'write')).toMatchObject({ cause: 'reuse' });
      expect(space.access(va + HPAGE, 'exec')).toEqual(segv);
      space.splitHugePmd(va + HPAGE);
      expect(space.access(va + HPAGE + 5n * PAGE, 'exec')).toEqual(segv);
    });

    it('takes a 2 MiB page in a block when the only swap entry lies in the next block, even on its first page', () => {
      const frames = testFrames();
      const swap = { swapIn: () => null, duplicate: () => {}, free: () => {}, useCount: () => 1 };
      const space = new ThpAddressSpace({ frames, swap });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.access(va + HPAGE, 'write'); // 4 KiB: not advised yet
      frames.freeFrame(space.swapOut(va + HPAGE, { type: 0, offset: 1 }).pfn);
      space.madvise(va, 4 * MiB, 'hugepage');
      expect(space.access(va, 'write')).toMatchObject({ cause: 'huge-page' });
      expect(space.access(va + HPAGE + PAGE, 'write')).toMatchObject({ cause: 'new-page' });
    });

    it('keeps the huge zero page while another PMD maps it, when a 2 MiB page is split', () => {
      const { space, va } = demo();
      space.access(va, 'read'); // block 0: the huge zero page
      space.access(va + HPAGE, 'write'); // block 1: a 2 MiB page
      space.splitHugePmd(va + HPAGE);
      expect(space.thp.hugeZeroPfn).not.toBeNull();
      expect(space.thp.hugeZeroMaps).toBe(1);
      expect(space.access(va + 4096n, 'read').kind).toBe('hit');
    });

    it('counts the huge zero page’s maps right after a fault that could not map it', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames, thp: { enabled: 'always' } });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      frames.limit = 1 + 512 + 1;
      space.access(va, 'read');
      frames.limit = Number.POSITIVE_INFINITY;
      expect(space.access(va, 'read')).toMatchObject({ cause: 'huge-zero-page' });
      expect(space.thp.hugeZeroMaps).toBe(1);
      space.munmap(va, 2 * MiB);
      expect(space.thp.hugeZeroPfn).toBeNull();
      expect(frames.inUse()).toBe(1);
    });

    it('maps a 2 MiB page in a block while another block holds a swap entry', () => {
      const frames = testFrames();
      const swap = { swapIn: () => null, duplicate: () => {}, free: () => {}, useCount: () => 1 };
      const space = new ThpAddressSpace({ frames, swap });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.access(va, 'write'); // 4 KiB: not advised yet
      frames.freeFrame(space.swapOut(va, { type: 0, offset: 1 }).pfn);
      space.madvise(va, 4 * MiB, 'hugepage');
      expect(space.access(va + HPAGE, 'write')).toMatchObject({ cause: 'huge-page' });
    });

    it('keeps 4 KiB pages and 2 MiB pages in address order in residentPages', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(5 * MiB, { prot: 'rw-' }); // [7ffff7aff000, …): blocks fit from 7ffff7c00000
      space.access(0x7ffff7c00000n - 4096n, 'write');
      space.access(0x7ffff7c00000n, 'write');
      space.access(0x7ffff7e00000n, 'write');
      const vas = space.residentPages().map((p) => p.va);
      expect(vas).toEqual([...vas].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(vas[0]).toBe(0x7ffff7c00000n - 4096n);
      expect(vas.at(-1)).toBe(0x7ffff7e00000n);
      expect(va).toBe(0x7ffff7aff000n);
    });

    it('keeps VmHWM at the largest RSS, 2 MiB pages and MAP_SHARED pages counted', () => {
      const { space, va } = demo();
      const sh = space.mmap(4096, { prot: 'rw-', shared: true });
      space.access(sh, 'write');
      space.access(va, 'write');
      space.munmap(va, 4 * MiB);
      expect(space.stats()).toMatchObject({ rssKb: 4, vmHwmKb: 2048 + 4 });
    });

    it('throws EINVAL from pagemap for a non-canonical address', () => {
      const { space } = demo();
      expect(() => space.pagemap(0x800000000000n)).toThrow(AddressSpaceError);
    });

    it('keeps RSS equal to the resident pages and AnonHugePages at 2048 per 2 MiB page, whatever is touched', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ block: fc.nat(3), page: fc.nat(511), kind: fc.constantFrom<Access>('read', 'write') }), {
            maxLength: 12,
          }),
          fc.boolean(),
          (touches, zero) => {
            const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always', useZeroPage: zero } });
            const va = space.mmap(8 * MiB, { prot: 'rw-' });
            for (const t of touches) space.access(va + BigInt(t.block) * HPAGE + BigInt(t.page) * PAGE, t.kind);
            const smaps = space.smaps()[0];
            const huge = space.thp.events.thp_fault_alloc;
            expect(smaps?.fields.AnonHugePages).toBe(huge * 2048);
            expect(smaps?.fields.Rss).toBe(space.stats().rssKb);
            expect(space.residentPages()).toHaveLength(space.stats().rssKb / 4);
          },
        ),
        { numRuns: 30 }, // each run maps up to 4 × 512 pages: 30 runs cover the 8 shapes of the touches many times
      );
    });
  });

  describe('smaps', () => {
    it('says THPeligible only where an aligned 2 MiB block fits and the mode allows it', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const big = space.mmap(4 * MiB, { prot: 'rw-' });
      space.mmap(MiB, { prot: 'rw-', shared: true });
      space.madvise(big, 4 * MiB, 'hugepage');
      expect(space.smaps()[0]?.start).toBe(big); // the shared one lies above it
      expect(space.smaps().map((s) => s.thpEligible)).toEqual([true, false]); // the 1 MiB shared one: no
      space.thp.enabled = 'always';
      expect(space.smaps().map((s) => s.thpEligible)).toEqual([true, false]);
      space.thp.enabled = 'never';
      expect(space.smaps().map((s) => s.thpEligible)).toEqual([false, false]);
    });

    it('counts each 2 MiB page in the VMA that holds it, not in its neighbour', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.madvise(va + HPAGE, 2 * MiB, 'hugepage'); // two VMAs, one 2 MiB block each
      space.access(va, 'write');
      space.access(va + HPAGE, 'write');
      expect(
        space
          .smaps()
          .slice(0, 2)
          .map((s) => s.fields.AnonHugePages),
      ).toEqual([2048, 2048]);
    });

    it('counts 4 KiB pages in Rss too, not the zero pages', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.access(va, 'write');
      space.access(va + PAGE, 'read');
      expect(space.smaps()[0]).toMatchObject({ fields: { Size: 4096, Rss: 4, AnonHugePages: 0 }, thpEligible: false });
    });
  });
});
