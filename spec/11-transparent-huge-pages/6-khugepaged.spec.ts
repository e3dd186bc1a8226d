import { describe, expect, it } from 'vitest';
import type { SwapBackend } from '#kata/10-demand-paging';
import { ThpAddressSpace, type ThpSettings } from '#kata/11-transparent-huge-pages';
import { fixture } from '#support/fixtures';
import { captured, capturedSmaps } from './captures.ts';
import { HPAGE, MiB, PAGE, testFrames } from './frames.ts';

/**
 * A 4 MiB mapping whose first block has `written` 4 KiB pages (written before MADV_HUGEPAGE, so they are
 * 4 KiB pages), then advised: what khugepaged finds in a process that asked for huge pages late.
 */
function lateAdvice(written: number, settings: Partial<ThpSettings> = {}, frameOptions = {}) {
  const frames = testFrames(frameOptions);
  const swap: SwapBackend = { swapIn: () => null, duplicate: () => {}, free: () => {}, useCount: () => 1 };
  const space = new ThpAddressSpace({ frames, swap, thp: settings });
  const va = space.mmap(4 * MiB, { prot: 'rw-' });
  for (let i = 0; i < written; i++) space.access(va + BigInt(i) * PAGE, 'write');
  space.madvise(va, 4 * MiB, 'hugepage');
  return { frames, space, va };
}

const settings = (name: string) =>
  Number(
    fixture('thp/thp.tsv')
      .split('\n')
      .find((l) => l.startsWith(`khugepaged/${name}\t`))
      ?.split('\t')[1],
  );

describe('ThpAddressSpace', () => {
  describe('khugepaged', () => {
    it('collapses a block with one written 4 KiB page when max_ptes_none is 511: Rss 4 → 2048 kB (live)', () => {
      expect(settings('max_ptes_none')).toBe(511);
      expect(captured('collapse', 'max_ptes_none')).toBe('511');
      const { space, va } = lateAdvice(1);
      const before = capturedSmaps('collapse', 'before-madvise');
      const after = capturedSmaps('collapse', 'after');
      expect(space.smaps()[0]?.fields).toMatchObject({
        Rss: before.fields.Rss,
        AnonHugePages: before.fields.AnonHugePages,
      });
      expect(space.khugepaged()).toBe(1);
      expect(space.smaps()[0]?.fields).toEqual({
        Size: after.fields.Size,
        Rss: after.fields.Rss,
        AnonHugePages: after.fields.AnonHugePages,
      });
      expect(space.smaps()[0]?.thpEligible).toBe(after.thpEligible);
      expect(captured('collapse', 'pages_collapsed')).toBe('+1');
      expect(space.thp.events).toMatchObject({ thp_collapse_alloc: 1, pages_collapsed: 1 });
      expect(space.pagemap(va + 100n * PAGE) >> 55n).toBe(0x102n);
      expect(space.stats().rssKb).toBe(2048);
    });

    it('moves the pages into the new block: the old 4 KiB frames go back, the PTE table gives way to the deposit', () => {
      const { frames, space, va } = lateAdvice(3);
      const old = space.residentPages().map((p) => p.pfn);
      const pte = space.stats().vmPteKb;
      const inUse = frames.inUse();
      space.khugepaged();
      expect(frames.inUse()).toBe(inUse - 3 + 512); // the PTE table went, the deposit came
      const now = new Set(space.residentPages().map((p) => p.pfn));
      for (const pfn of old) expect(now.has(pfn)).toBe(false);
      expect(space.stats().vmPteKb).toBe(pte);
      expect(space.residentPages()[0]).toMatchObject({ va, writable: true, dirty: true, mapcount: 1 });
      expect(space.access(va + 5n * PAGE, 'write').kind).toBe('hit');
    });

    it('refuses a block with more empty PTEs than max_ptes_none (thp_scan_exceed_none_pte)', () => {
      const { space } = lateAdvice(2, { maxPtesNone: 509 }); // 510 empty
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events).toMatchObject({ thp_scan_exceed_none_pte: 1, thp_collapse_alloc: 0 });
      const exact = lateAdvice(3, { maxPtesNone: 509 }); // 509 empty: just enough
      expect(exact.space.khugepaged()).toBe(1);
    });

    it('needs every PTE present with max_ptes_none 0', () => {
      expect(lateAdvice(511, { maxPtesNone: 0 }).space.khugepaged()).toBe(0);
      expect(lateAdvice(512, { maxPtesNone: 0 }).space.khugepaged()).toBe(1);
    });

    it('counts the zero page as empty', () => {
      const { space, va } = lateAdvice(1, { maxPtesNone: 0 });
      for (let i = 1; i < 512; i++) space.access(va + BigInt(i) * PAGE, 'read');
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_scan_exceed_none_pte).toBe(1);
    });

    it('skips a block nobody used since its Accessed bits were cleared (no young PTE)', () => {
      const { space, va } = lateAdvice(2);
      space.clearYoung(va);
      space.clearYoung(va + PAGE);
      expect(space.khugepaged()).toBe(0);
      space.access(va + PAGE, 'read');
      expect(space.khugepaged()).toBe(1);
    });

    it('skips a block with no writable PTE', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(2 * MiB, { prot: 'rw-' });
      space.access(va, 'write');
      const child = space.fork(); // every PTE read-only now, on both sides
      space.madvise(va, 2 * MiB, 'hugepage');
      expect(space.khugepaged()).toBe(0);
      expect(child.khugepaged()).toBe(0); // not advised in the child
      expect(space.thp.events.thp_scan_exceed_share_pte).toBe(0);
    });

    it('refuses more pages shared with another process than max_ptes_shared (thp_scan_exceed_share_pte)', () => {
      const { space, va } = lateAdvice(4, { maxPtesShared: 1 });
      const child = space.fork();
      child.exit();
      space.fork(); // pages 0–3 are shared again
      space.access(va + 4n * PAGE, 'write'); // and one page of its own, writable
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_scan_exceed_share_pte).toBe(1);
    });

    it('refuses more swapped-out PTEs than max_ptes_swap, and leaves any block with a swap entry alone', () => {
      const { frames, space, va } = lateAdvice(4, { maxPtesSwap: 1 });
      for (let i = 0n; i < 2n; i++)
        frames.freeFrame(space.swapOut(va + i * PAGE, { type: 0, offset: Number(i) + 1 }).pfn);
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_scan_exceed_swap_pte).toBe(1);
      space.thp.maxPtesSwap = 64;
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_collapse_alloc).toBe(0);
    });

    it('collapses with exactly max_ptes_swap swapped PTEs no more than with zero: any swap entry keeps the block', () => {
      const { frames, space, va } = lateAdvice(4, { maxPtesSwap: 1 });
      frames.freeFrame(space.swapOut(va, { type: 0, offset: 1 }).pfn);
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_scan_exceed_swap_pte).toBe(0);
    });

    it('allows exactly max_ptes_shared shared pages', () => {
      const { space, va } = lateAdvice(1, { maxPtesShared: 1 });
      const child = space.fork(); // page 0 shared, read-only
      space.access(va + PAGE, 'write'); // one writable page of its own
      expect(space.khugepaged()).toBe(1);
      expect(child.residentPages()[0]?.mapcount).toBe(1);
    });

    it('collapses a block that maps the zero page too, into anonymous pages, one Page per frame', () => {
      const { space, va } = lateAdvice(1);
      for (let i = 1n; i < 10n; i++) space.access(va + i * PAGE, 'read'); // the zero page
      expect(space.khugepaged()).toBe(1);
      expect(space.mm.pages.size).toBe(512);
      expect(space.residentPages()[0]).toMatchObject({ kind: 'anon', mapcount: 1 });
    });

    it('collapses into an executable 2 MiB page in an rwx mapping', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(2 * MiB, { prot: 'rwx' });
      space.access(va, 'write');
      space.madvise(va, 2 * MiB, 'hugepage');
      expect(space.khugepaged()).toBe(1);
      expect(space.access(va + 8n, 'exec').kind).toBe('hit');
    });

    it('never collapses a MAP_SHARED mapping (shmem_enabled decides, never here)', () => {
      const space = new ThpAddressSpace({ frames: testFrames(), thp: { enabled: 'always' } });
      const va = space.mmap(4 * MiB, { prot: 'rw-', shared: true });
      for (let i = 0n; i < 1024n; i += 64n) space.access(va + i * PAGE, 'write');
      expect(space.khugepaged()).toBe(0);
      expect(space.stats().rssShmemKb).toBe(16 * 4);
    });

    it('counts thp_collapse_alloc_failed when no order-9 block is free', () => {
      const { space } = lateAdvice(1, {}, { blocks: false });
      expect(space.khugepaged()).toBe(0);
      expect(space.thp.events.thp_collapse_alloc_failed).toBe(1);
    });

    it('scans only what thpEligible allows: no hg in madvise mode, nothing in never mode', () => {
      const frames = testFrames();
      const space = new ThpAddressSpace({ frames });
      const va = space.mmap(4 * MiB, { prot: 'rw-' });
      space.access(va, 'write');
      expect(space.khugepaged()).toBe(0);
      space.madvise(va, 4 * MiB, 'hugepage');
      space.thp.enabled = 'never';
      expect(space.khugepaged()).toBe(0);
      space.thp.enabled = 'always';
      space.madvise(va, 4 * MiB, 'nohugepage');
      expect(space.khugepaged()).toBe(0);
      space.madvise(va, 4 * MiB, 'hugepage');
      expect(space.khugepaged()).toBe(1);
      expect(space.khugepaged()).toBe(0); // nothing left to collapse
    });

    it('raises VmHWM to the RSS a collapse reaches, MAP_SHARED pages counted, and keeps it after the 2 MiB page goes', () => {
      const { space, va } = lateAdvice(1);
      const sh = space.mmap(4096, { prot: 'rw-', shared: true });
      space.access(sh, 'write');
      expect(space.khugepaged()).toBe(1);
      space.munmap(va, 4 * MiB);
      expect(space.stats()).toMatchObject({ rssKb: 4, vmHwmKb: 2048 + 4 });
    });

    it('collapses every eligible block it finds in one pass', () => {
      const space = new ThpAddressSpace({ frames: testFrames() });
      const va = space.mmap(8 * MiB, { prot: 'rw-' });
      for (let block = 0n; block < 4n; block++) space.access(va + block * HPAGE + 77n, 'write');
      space.madvise(va, 8 * MiB, 'hugepage');
      expect(space.khugepaged()).toBe(4);
      expect(space.smaps()[0]?.fields).toMatchObject({ Rss: 8192, AnonHugePages: 8192 });
      expect(space.thp.events.pages_collapsed).toBe(4);
    });
  });
});
