import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError, type Page, type SwapBackend, type SwapEntry } from '#kata/10-demand-paging';
import { SparseArray } from '#shared/sparse-array';
import { pageAt, type TestFrames, testFrames } from './frames.ts';

const SWAPPED = 1n << 62n;

/**
 * A swap system as small as the AddressSpace needs: slots with use counts, each remembering its data's
 * frame while it is in the swap cache. swapIn takes the cached frame (minor) or a new one (major: read).
 */
function testSwap(frames: TestFrames) {
  const users = new Map<string, number>();
  const cache = new Map<string, number>();
  const calls: string[] = [];
  const key = (e: SwapEntry) => `${e.type}:${e.offset}`;
  const swap: SwapBackend & { users: typeof users; cache: typeof cache; calls: string[] } = {
    users,
    cache,
    calls,
    swapIn(entry) {
      calls.push(`swapIn ${key(entry)}`);
      const cached = cache.get(key(entry));
      if (cached !== undefined) {
        cache.delete(key(entry));
        return { pfn: cached, major: false };
      }
      const pfn = frames.allocFrame();
      return pfn === null ? null : { pfn, major: true };
    },
    duplicate(entry) {
      calls.push(`duplicate ${key(entry)}`);
      users.set(key(entry), (users.get(key(entry)) ?? 0) + 1);
    },
    free(entry) {
      calls.push(`free ${key(entry)}`);
      const left = (users.get(key(entry)) ?? 0) - 1;
      if (left > 0) users.set(key(entry), left);
      else users.delete(key(entry));
    },
    useCount(entry) {
      return users.get(key(entry)) ?? 0;
    },
  };
  return swap;
}

/** Eight written pages, then an address space with a swap system, as kata 14 will drive it. */
function setup() {
  const frames = testFrames();
  const swap = testSwap(frames);
  const space = new AddressSpace({ frames, swap });
  const va = space.mmap(8 * 4096, { prot: 'rw-' });
  for (let i = 0; i < 8; i++) space.access(pageAt(va, i), 'write');
  return { frames, swap, space, va };
}

/** What kata 14 does: swap a page out to a slot, then (the page written out) free its frame. */
function evict(frames: TestFrames, swap: ReturnType<typeof testSwap>, space: AddressSpace, va: bigint, offset: number) {
  const entry = { type: 0, offset };
  swap.users.set(`0:${offset}`, 1);
  const out = space.swapOut(va, entry);
  if (!out.stillMapped) frames.freeFrame(out.pfn);
  return out;
}

describe('AddressSpace', () => {
  describe('residentPages', () => {
    it('lists every page in RSS with its PTE bits, in address order, and not the zero page', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      const va = space.mmap(4 * 4096, { prot: 'rw-' });
      const sh = space.mmap(4096, { prot: 'r--', shared: true });
      const w = space.access(pageAt(va, 2), 'write');
      space.access(pageAt(va, 1), 'read'); // the zero page
      space.access(sh, 'read');
      space.access(pageAt(va, 3), 'write');
      space.clearYoung(pageAt(va, 3));
      const pages = space.residentPages();
      expect(pages.map((p) => [p.va, p.kind, p.writable, p.accessed, p.dirty, p.mapcount])).toEqual([
        [sh, 'shmem', false, true, false, 1],
        [pageAt(va, 2), 'anon', true, true, true, 1],
        [pageAt(va, 3), 'anon', true, false, true, 1],
      ]);
      expect(BigInt(pages[1]?.pfn ?? 0) * 4096n).toBe((w as { pa: bigint }).pa);
      expect(pages.length * 4).toBe(space.stats().rssKb);
    });

    it('shows pages shared since fork with mapcount 2 and read-only, on both sides', () => {
      const { space, va } = setup();
      const child = space.fork();
      expect(space.residentPages().every((p) => p.mapcount === 2 && !p.writable && p.dirty && p.accessed)).toBe(true);
      expect(child.residentPages().every((p) => !p.accessed && p.dirty)).toBe(true); // the child's PTEs start old
      expect(child.residentPages().map((p) => p.pfn)).toEqual(space.residentPages().map((p) => p.pfn));
      child.access(va, 'write');
      expect(space.residentPages()[0]?.mapcount).toBe(1);
    });
  });

  describe('clearYoung', () => {
    it('says whether the page was accessed and clears the bit; the next access sets it again', () => {
      const { space, va } = setup();
      expect(space.clearYoung(va + 123n)).toBe(true);
      expect(space.clearYoung(va)).toBe(false);
      expect(space.residentPages()[0]?.accessed).toBe(false);
      expect(space.access(va, 'read').kind).toBe('hit');
      expect(space.clearYoung(va)).toBe(true);
    });

    it('keeps a dirty page dirty and a writable page writable', () => {
      const { space, va } = setup();
      space.clearYoung(va);
      expect(space.residentPages()[0]).toMatchObject({ dirty: true, writable: true, accessed: false });
      expect(space.access(va, 'write').kind).toBe('hit');
    });

    it('returns false where nothing is mapped (untouched, unmapped); the zero page’s PTE is young like any other', () => {
      const { space, va } = setup();
      const more = space.mmap(4096, { prot: 'r--' });
      expect(space.clearYoung(more)).toBe(false);
      space.access(more, 'read');
      expect(space.clearYoung(more)).toBe(true); // the zero page's PTE is young too…
      expect(space.residentPages().some((p) => p.va === more)).toBe(false); // …but it is not a resident page
      expect(space.clearYoung(0x1000n)).toBe(false);
      expect(space.stats().rssKb).toBe(32);
      expect(space.clearYoung(pageAt(va, 7))).toBe(true);
    });
  });

  describe('clearYoung on pages read-only or clean', () => {
    it('keeps a read-only page read-only, an executable one executable, and a clean one clean', () => {
      const frames = testFrames();
      const swap = testSwap(frames);
      const space = new AddressSpace({ frames, swap });
      const va = space.mmap(2 * 4096, { prot: 'rwx' });
      space.access(va, 'write');
      space.access(pageAt(va, 1), 'write');
      const child = space.fork(); // both pages read-only now
      expect(space.clearYoung(va)).toBe(true);
      expect(space.residentPages()[0]).toMatchObject({ writable: false, accessed: false });
      expect(space.access(va, 'exec').kind).toBe('hit');
      child.exit();
      evict(frames, swap, space, pageAt(va, 1), 5);
      space.access(pageAt(va, 1), 'read'); // back from swap: clean
      space.clearYoung(pageAt(va, 1));
      expect(space.residentPages()[1]).toMatchObject({ dirty: false, accessed: false });
      expect(space.access(pageAt(va, 1), 'exec').kind).toBe('hit');
    });
  });

  describe('swapOut', () => {
    it('turns the PTE into a swap entry: RssAnon −4 kB, VmSwap +4 kB, pagemap bit 62 with type and offset', () => {
      const { frames, space, va } = setup();
      const pfn = space.residentPages()[2]?.pfn;
      const out = space.swapOut(pageAt(va, 2) + 5n, { type: 3, offset: 0x1234 });
      expect(out).toEqual({ pfn, stillMapped: false, dirty: true });
      expect(space.stats()).toMatchObject({ rssAnonKb: 28, rssKb: 28, vmSwapKb: 4 });
      expect(space.pagemap(pageAt(va, 2))).toBe(SWAPPED | 3n | (0x1234n << 5n));
      expect(frames.has(pfn as number)).toBe(true); // the frame is the caller's now: not freed
      expect(space.residentPages()).toHaveLength(7);
    });

    it('takes the largest type and offset and the smallest offset there are', () => {
      const { space, va } = setup();
      expect(() => space.swapOut(va, { type: 31, offset: 0 })).not.toThrow();
      expect(() => space.swapOut(pageAt(va, 1), { type: 0, offset: 2 ** 50 - 1 })).not.toThrow();
      expect(space.pagemap(va)).toBe(SWAPPED | 31n);
      expect(space.stats().vmSwapKb).toBe(8);
    });

    it('leaves a page shared since fork mapped on the other side, and says so', () => {
      const { space, va } = setup();
      const child = space.fork();
      expect(space.swapOut(va, { type: 0, offset: 1 })).toMatchObject({ stillMapped: true });
      expect(child.swapOut(va, { type: 0, offset: 1 })).toMatchObject({ stillMapped: false });
      expect(child.stats().vmSwapKb).toBe(4);
    });

    it('reports a page swapped back in and only read since as clean, and a written one as dirty, clearYoung or not', () => {
      const { frames, swap, space, va } = setup();
      space.clearYoung(va); // hands the D bit to the page: it stays dirty
      expect(space.swapOut(va, { type: 0, offset: 9 }).dirty).toBe(true);
      evict(frames, swap, space, pageAt(va, 1), 10);
      space.access(pageAt(va, 1), 'read'); // read back from swap: clean
      expect(space.swapOut(pageAt(va, 1), { type: 0, offset: 11 }).dirty).toBe(false);
    });

    it.each<[string, (va: bigint, space: AddressSpace) => bigint, SwapEntry]>([
      ['an untouched page', (va) => pageAt(va, 8), { type: 0, offset: 1 }],
      ['a page outside every VMA', () => 0x1000n, { type: 0, offset: 1 }],
      ['a type above 31', (va) => va, { type: 32, offset: 1 }],
      ['a negative address', () => -4096n, { type: 0, offset: 1 }],
      ['a non-canonical address', () => 0x800000000000n, { type: 0, offset: 1 }],
      ['a negative type', (va) => va, { type: -1, offset: 1 }],
      ['a fractional offset', (va) => va, { type: 0, offset: 1.5 }],
      ['a negative offset', (va) => va, { type: 0, offset: -1 }],
      ['an offset of 2^50', (va) => va, { type: 0, offset: 2 ** 50 }],
      ['a fractional type', (va) => va, { type: 0.5, offset: 1 }],
      [
        'a page swapped out already',
        (va, space) => {
          space.swapOut(va, { type: 0, offset: 7 });
          return va;
        },
        { type: 0, offset: 8 },
      ],
      [
        'a MAP_SHARED page',
        (_va, space) => {
          const sh = space.mmap(4096, { prot: 'rw-', shared: true });
          space.access(sh, 'write');
          return sh;
        },
        { type: 0, offset: 1 },
      ],
      [
        'the zero page',
        (_va, space) => {
          const ro = space.mmap(4096, { prot: 'r--' });
          space.access(ro, 'read');
          return ro;
        },
        { type: 0, offset: 1 },
      ],
    ])('throws EINVAL for %s, and changes nothing', (_what, where, entry) => {
      const { space, va } = setup();
      const target = where(va, space);
      const before = { stats: space.stats(), pages: space.residentPages() };
      expect(() => space.swapOut(target, entry)).toThrow(AddressSpaceError);
      try {
        space.swapOut(target, entry);
      } catch (error) {
        expect((error as AddressSpaceError).code).toBe('EINVAL');
      }
      expect({ stats: space.stats(), pages: space.residentPages() }).toEqual(before);
    });
  });

  describe('swapOut with an allocator that hands out PFNs 0 and 1', () => {
    it('throws EINVAL for an untouched page: no PFN may stand for “no page here”', () => {
      const script = [100, 0, 101, 102, 103, 1]; // PGD, page, PUD, PMD, PTE table, page
      const frames = testFrames();
      const low = { ...frames, allocFrame: () => script.shift() ?? frames.allocFrame(), freeFrame: () => {} };
      const space = new AddressSpace({ frames: low });
      const va = space.mmap(4 * 4096, { prot: 'rw-' });
      space.access(va, 'write');
      space.access(pageAt(va, 1), 'write');
      expect(space.residentPages().map((p) => p.pfn)).toEqual([0, 1]);
      for (const target of [pageAt(va, 2), 0x1000n]) {
        expect(() => space.swapOut(target, { type: 0, offset: 1 })).toThrow(AddressSpaceError);
      }
      expect(space.stats()).toMatchObject({ rssAnonKb: 8, vmSwapKb: 0 });
    });
  });

  describe('access to a swapped-out page', () => {
    it('asks the swap system for the page: a major fault when it is read back, RssAnon +4, VmSwap −4, the slot freed', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, pageAt(va, 4), 17);
      const result = space.access(pageAt(va, 4) + 8n, 'read');
      expect(result).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(space.stats()).toMatchObject({ majorFaults: 1, minorFaults: 8, rssAnonKb: 32, vmSwapKb: 0 });
      expect(swap.calls).toEqual(['swapIn 0:17', 'free 0:17']);
      expect(swap.users.size).toBe(0);
      expect(space.access(pageAt(va, 4), 'write').kind).toBe('hit'); // nobody else maps it: writable at once
      expect(space.pagemap(pageAt(va, 4)) >> 55n).toBe(0x102n);
    });

    it('maps a page that the swap cache holds and no PTE maps (mapcount 0) writable at once: nobody shares it', () => {
      const frames = testFrames();
      const swap = testSwap(frames);
      const pages = new SparseArray<Page>();
      const space = new AddressSpace({ frames, swap, pages });
      const va = space.mmap(4096, { prot: 'rw-' });
      space.access(va, 'write');
      const out = space.swapOut(va, { type: 0, offset: 3 });
      swap.users.set('0:3', 1);
      swap.cache.set('0:3', out.pfn);
      pages.set(out.pfn, { mapcount: 0, dirty: true, kind: 'anon' }); // as kata 14's swap cache keeps it
      expect(space.access(va, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'swap-in' });
      expect(space.access(va, 'write').kind).toBe('hit');
      expect(space.stats().minorFaults).toBe(2);
    });

    it('counts a page found in the swap cache as a minor fault', () => {
      const { swap, space, va } = setup();
      const out = space.swapOut(va, { type: 1, offset: 5 });
      swap.users.set('1:5', 1);
      swap.cache.set('1:5', out.pfn); // still in memory
      expect(space.access(va, 'write')).toMatchObject({
        kind: 'minor-fault',
        cause: 'swap-in',
        pa: BigInt(out.pfn) * 4096n,
      });
      expect(space.stats()).toMatchObject({ majorFaults: 0, minorFaults: 9 });
    });

    it('returns oom and keeps the swap entry when the swap system has no frame', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, va, 3);
      frames.limit = frames.inUse();
      expect(space.access(va, 'read')).toEqual({ kind: 'oom' });
      expect(space.stats()).toMatchObject({ vmSwapKb: 4, majorFaults: 0 });
      expect(space.pagemap(va)).toBe(SWAPPED | (3n << 5n));
      frames.limit = Number.POSITIVE_INFINITY;
      expect(space.access(va, 'read').kind).toBe('major-fault');
    });

    it('maps a page read-only when another PTE still maps it, and copies it on a write in the same fault', () => {
      const { swap, space, va } = setup();
      const child = space.fork();
      const out = space.swapOut(va, { type: 0, offset: 2 });
      swap.users.set('0:2', 1);
      swap.cache.set('0:2', out.pfn); // the child still maps the frame: it stayed in memory
      expect(space.access(va, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'swap-in' });
      expect(space.residentPages()[0]).toMatchObject({ pfn: out.pfn, writable: false, mapcount: 2 });
      space.swapOut(va, { type: 0, offset: 2 });
      swap.users.set('0:2', 1);
      swap.cache.set('0:2', out.pfn);
      const write = space.access(va, 'write');
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'swap-in' });
      expect(space.residentPages()[0]).toMatchObject({ writable: true, mapcount: 1 });
      expect(space.residentPages()[0]?.pfn).not.toBe(out.pfn);
      expect(child.residentPages()[0]).toMatchObject({ pfn: out.pfn, mapcount: 1 });
      expect(space.stats().minorFaults).toBe(8 + 2);
    });

    it('maps a page read-only while another PTE still holds its swap entry, and copies it on the write that follows', () => {
      const { frames, swap, space, va } = setup();
      const child = space.fork();
      const out = space.swapOut(va, { type: 0, offset: 70 }); // the child still maps the frame…
      child.swapOut(va, { type: 0, offset: 70 }); // …until it is swapped out of the child too
      frames.freeFrame(out.pfn); // written to the slot; both PTEs hold it
      swap.users.set('0:70', 2);
      const read = space.access(va, 'read') as { kind: string; pa: bigint };
      expect(read).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(space.residentPages()[0]).toMatchObject({ writable: false, mapcount: 1 });
      expect(swap.users.get('0:70')).toBe(1); // the child's
      const write = space.access(va, 'write') as { kind: string; pa: bigint };
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(write.pa).not.toBe(read.pa);
      expect(frames.has(Number(read.pa / 4096n))).toBe(false); // only the child's swap entry held it: given back
      const back = child.access(va, 'read') as { kind: string; pa: bigint };
      expect(back).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(back.pa).not.toBe(write.pa);
      expect(child.access(va, 'write').kind).toBe('hit'); // the last holder of the slot: writable at once
    });

    it('copies a page another PTE still holds in swap on a write in the same fault: two frames taken, one given back', () => {
      const { frames, swap, space, va } = setup();
      const child = space.fork();
      const out = space.swapOut(va, { type: 0, offset: 71 });
      child.swapOut(va, { type: 0, offset: 71 });
      frames.freeFrame(out.pfn);
      swap.users.set('0:71', 2);
      const [allocations, inUse] = [frames.allocations, frames.inUse()];
      expect(space.access(va, 'write')).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(frames.allocations - allocations).toBe(2); // the page read back, and its copy
      expect(frames.inUse()).toBe(inUse + 1);
      expect(space.residentPages()[0]).toMatchObject({ writable: true, dirty: true, mapcount: 1 });
      expect(space.stats()).toMatchObject({ majorFaults: 1, minorFaults: 8 });
      expect(swap.users.get('0:71')).toBe(1);
    });

    it('copies on a write a page whose swap entry another PTE holds (swapped out of the child only), and gives it back', () => {
      const { frames, swap, space, va } = setup();
      const child = space.fork();
      const out = child.swapOut(va, { type: 0, offset: 72 });
      swap.users.set('0:72', 1);
      expect(out.stillMapped).toBe(true); // the parent maps it alone now, but the child's slot holds it too
      const write = space.access(va, 'write');
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(write).not.toMatchObject({ pa: BigInt(out.pfn) * 4096n });
      expect(frames.has(out.pfn)).toBe(false); // no PTE maps it: the swap system has it (kata 14 writes it out)
      expect(space.stats()).toMatchObject({ rssAnonKb: 32, minorFaults: 9 });
    });

    it('reuses a page on a write once no PTE holds the swap slot it was in any more (the child that held it exited)', () => {
      const { swap, space, va } = setup();
      const child = space.fork();
      const out = child.swapOut(va, { type: 0, offset: 73 }); // the parent still maps it; the child's PTE holds slot 73
      swap.users.set('0:73', 1);
      child.exit(); // frees the child's hold: nobody else shares the page now
      expect(swap.users.has('0:73')).toBe(false);
      expect(space.access(va, 'write')).toMatchObject({
        kind: 'minor-fault',
        cause: 'reuse',
        pa: BigInt(out.pfn) * 4096n,
      });
    });

    it('forgets the page it copied away from when only swap entries held it (no Page left for a freed frame)', () => {
      const { frames, swap, space, va } = setup();
      const child = space.fork();
      const out = child.swapOut(va, { type: 0, offset: 74 });
      swap.users.set('0:74', 1);
      space.access(va, 'write'); // copies: the old frame goes back
      expect(frames.has(out.pfn)).toBe(false);
      expect(space.mm.pages.has(out.pfn)).toBe(false);
      expect(space.mm.pages.size).toBe(8); // setup's eight pages, the copy among them
    });

    it('frees only the swap entries inside an unmapped range, not one right after it', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, pageAt(va, 2), 20);
      evict(frames, swap, space, pageAt(va, 3), 21);
      space.munmap(va, 2 * 4096 + 4096);
      expect([...swap.users.keys()]).toEqual(['0:21']);
      expect(space.stats().vmSwapKb).toBe(4);
    });

    it('frees no swap entry below the range either, and forgets the freed ones', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, pageAt(va, 1), 40);
      evict(frames, swap, space, pageAt(va, 2), 41);
      space.munmap(pageAt(va, 2), 4096);
      expect([...swap.users.keys()]).toEqual(['0:40']);
      expect(space.pagemap(pageAt(va, 2))).toBe(0n);
      expect(space.pagemap(pageAt(va, 1))).toBe(SWAPPED | (40n << 5n));
    });

    it('duplicates each swap entry once for a fork, whichever VMA holds it', () => {
      const frames = testFrames();
      const swap = testSwap(frames);
      const space = new AddressSpace({ frames, swap });
      const a = space.mmap(2 * 4096, { prot: 'rw-' });
      const b = space.mmap(2 * 4096, { prot: 'rwx' }); // right below a, not merged
      for (const va of [a, pageAt(a, 1), b, pageAt(b, 1)]) space.access(va, 'write');
      evict(frames, swap, space, a, 50);
      evict(frames, swap, space, pageAt(b, 1), 51); // the last page below a
      space.fork();
      expect(swap.users).toEqual(
        new Map([
          ['0:50', 2],
          ['0:51', 2],
        ]),
      );
    });

    it('maps a swapped-in page of an executable mapping executable', () => {
      const frames = testFrames();
      const swap = testSwap(frames);
      const space = new AddressSpace({ frames, swap });
      const va = space.mmap(4096, { prot: 'rwx' });
      space.access(va, 'write');
      evict(frames, swap, space, va, 60);
      expect(space.access(va, 'exec')).toMatchObject({ kind: 'major-fault' });
      expect(space.access(va, 'exec').kind).toBe('hit');
    });

    it('is an error to meet a swap entry without a swap backend', () => {
      const frames = testFrames();
      const space = new AddressSpace({ frames });
      const va = space.mmap(4096, { prot: 'rw-' });
      space.access(va, 'write');
      space.swapOut(va, { type: 0, offset: 1 });
      expect(() => space.access(va, 'read')).toThrow(/swap backend/);
    });

    it('returns oom, keeping the swap entry, when the page is back but its page table finds no frame', () => {
      const { frames, swap, space, va } = setup();
      for (let i = 0; i < 8; i++) evict(frames, swap, space, pageAt(va, i), 30 + i); // the PTE table goes too
      frames.limit = frames.inUse() + 1; // the swap system gets its frame, the table does not
      expect(space.access(va, 'read')).toEqual({ kind: 'oom' });
      expect(space.stats()).toMatchObject({ vmSwapKb: 32, rssKb: 0, majorFaults: 0 });
      expect(swap.users.get('0:30')).toBe(1); // not freed: the PTE still holds it
    });

    it('returns oom when a write to a page still mapped elsewhere finds no frame for its copy (the page stays in)', () => {
      const { frames, swap, space, va } = setup();
      const child = space.fork();
      const out = space.swapOut(va, { type: 0, offset: 2 });
      swap.users.set('0:2', 1);
      swap.cache.set('0:2', out.pfn);
      frames.limit = frames.inUse();
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      expect(space.residentPages()[0]).toMatchObject({ pfn: out.pfn, writable: false, mapcount: 2 });
      frames.limit = Number.POSITIVE_INFINITY;
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(child.residentPages()[0]?.mapcount).toBe(1);
    });

    it('duplicates swap entries for a fork and frees them on munmap and exit', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, pageAt(va, 1), 10);
      evict(frames, swap, space, pageAt(va, 2), 11);
      const child = space.fork();
      expect(child.stats().vmSwapKb).toBe(8);
      expect(child.pagemap(pageAt(va, 1))).toBe(space.pagemap(pageAt(va, 1)));
      expect(swap.users).toEqual(
        new Map([
          ['0:10', 2],
          ['0:11', 2],
        ]),
      );
      space.munmap(pageAt(va, 1), 4096);
      child.exit();
      expect(swap.users).toEqual(new Map([['0:11', 1]]));
      expect(space.stats().vmSwapKb).toBe(4);
    });
  });

  describe('exit', () => {
    it('gives back every frame, the page tables and the PGD too, and every swap slot', () => {
      const { frames, swap, space, va } = setup();
      evict(frames, swap, space, pageAt(va, 3), 1);
      space.mmap(4096, { prot: 'rw-', shared: true, populate: true });
      space.exit();
      expect(frames.inUse()).toBe(0);
      expect(swap.users.size).toBe(0);
      expect(space.stats()).toMatchObject({ rssKb: 0, vmSizeKb: 0, vmSwapKb: 0, vmPteKb: 0 });
    });

    it('leaves nothing behind for any mix of faults, forks, swap-outs and exits (every frame is back)', () => {
      const step = fc.record({
        who: fc.nat(3),
        page: fc.nat(11),
        act: fc.constantFrom('read', 'write', 'fork', 'swap', 'exit'),
      });
      fc.assert(
        fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
          const frames = testFrames();
          const swap = testSwap(frames);
          const first = new AddressSpace({ frames, swap });
          const va = first.mmap(12 * 4096, { prot: 'rw-' });
          let live = [first];
          let offset = 0;
          for (const s of steps) {
            const space = live[s.who % live.length];
            if (!space) break;
            const at = pageAt(va, s.page);
            if (s.act === 'fork') live.push(space.fork());
            else if (s.act === 'exit') {
              space.exit();
              live = live.filter((x) => x !== space);
            } else if (s.act === 'swap') {
              const page = space.residentPages().find((p) => p.va === at);
              if (page) {
                offset++;
                swap.users.set(`0:${offset}`, 1);
                const out = space.swapOut(at, { type: 0, offset });
                if (!out.stillMapped) frames.freeFrame(out.pfn);
              }
            } else space.access(at, s.act);
          }
          for (const space of live) space.exit();
          expect(frames.inUse()).toBe(0);
          expect(swap.users.size).toBe(0);
        }),
      );
    });
  });
});
