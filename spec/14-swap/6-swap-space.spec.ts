import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError } from '#kata/10-demand-paging';
import { decodePagemapEntry, formatSwaps, MIN_SWAP_PAGES, SwapSpace } from '#kata/14-swap';
import { DIR, facts, pagemapEntries, swaps } from './captures.ts';
import { testFrames } from './frames.ts';

type Swap = InstanceType<typeof SwapSpace>;
const MiB = 256; // pages

/** capture-swaps.sh's ten areas, turned on in the same order, with their sizes in pages. */
function captureAreas(swap: Swap): void {
  swap.swapon(`${DIR}/swapfile`, 64 * MiB);
  swap.swapon(`${DIR}/with space`, 16 * MiB);
  swap.swapon(`${DIR}/tab\tand\\backslash`, 16 * MiB);
  swap.swapon(`${DIR}/스왑 파일`, 16 * MiB, { priority: 5 });
  swap.swapon(`${DIR}/p39-aaaaaaaaaaaa`, 16 * MiB);
  swap.swapon(`${DIR}/p40-aaaaaaaaaaaaa`, 16 * MiB);
  swap.swapon(`${DIR}/p41-aaaaaaaaaaaaaa`, 16 * MiB);
  swap.swapon(`${DIR}/big`, 10240 * MiB, { priority: 0 });
  swap.swapon(`${DIR}/new\nline`, 16 * MiB);
  swap.swapon('/dev/loop0', 32 * MiB, { kind: 'partition' });
}

/** An address space with `pages` written pages, on frames given through the swap space. */
function writer(swap: Swap, pages: number) {
  const space = new AddressSpace({ frames: swap.frames, swap });
  const va = space.mmap(pages * 4096, { prot: 'rw-' });
  for (let i = 0; i < pages; i++) space.access(va + BigInt(i) * 4096n, 'write');
  return { space, va, page: (i: number) => va + BigInt(i) * 4096n };
}

describe('SwapSpace', () => {
  describe('swapon and swapoff', () => {
    it("turns on the capture's ten areas and lists them as Linux did: types in order, priorities −2, −3, … and -p as given", () => {
      const swap = new SwapSpace({ frames: testFrames() });
      captureAreas(swap);
      expect(formatSwaps(swap.areas())).toBe(swaps('areas/swaps-many.txt'));
      expect(swap.meminfo()).toEqual({ SwapTotal: 10698712, SwapFree: 10698712, SwapCached: 0 });
    });

    it('returns each area its type, the lowest free one', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      expect(swap.swapon('/a', 16)).toBe(0);
      expect(swap.swapon('/b', 16)).toBe(1);
      swap.swapoff(0);
      expect(swap.swapon('/c', 16)).toBe(0);
      expect(swap.swapon('/d', 16)).toBe(2);
    });

    it('raises the later negative priorities by one at a swapoff, and a new area takes the freed type (as captured)', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      captureAreas(swap);
      swap.swapoff(1);
      expect(formatSwaps(swap.areas())).toBe(swaps('areas/swaps-after-swapoff.txt'));
      expect(swap.swapon(`${DIR}/again`, 16 * MiB)).toBe(1);
      expect(formatSwaps(swap.areas())).toBe(swaps('areas/swaps-after-swapon.txt'));
    });

    it('makes a 2 GiB swap file of 2097148 KiB: the first page is the header, not a slot', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/var/tmp/memkata-hog/swapfile', 524288);
      expect(formatSwaps(swap.areas())).toBe(swaps('swapfile/swaps-swapfile.txt'));
    });

    it.each([
      ['a path already on', (s: Swap) => s.swapon('/a', 16)],
      ['an empty path', (s: Swap) => s.swapon('', 16)],
      [`fewer than ${MIN_SWAP_PAGES} pages`, (s: Swap) => s.swapon('/b', MIN_SWAP_PAGES - 1)],
      ['a fractional size', (s: Swap) => s.swapon('/b', 16.5)],
      ['a priority of 32768', (s: Swap) => s.swapon('/b', 16, { priority: 32768 })],
      ['a negative priority', (s: Swap) => s.swapon('/b', 16, { priority: -2 })],
      ['an unknown kind', (s: Swap) => s.swapon('/b', 16, { kind: 'zram' as 'file' })],
      ['swapoff of a type not on', (s: Swap) => s.swapoff(5)],
      ['a path that is not a string', (s: Swap) => s.swapon(42 as unknown as string, 16)],
      ['more than 2^50 pages', (s: Swap) => s.swapon('/b', 2 ** 50 + 1)],
    ])('throws RangeError for %s', (_, act) => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      expect(() => act(swap)).toThrow(RangeError);
    });

    it('takes the largest area and priority it can: 2^50 pages (offsets up to 2^50 − 1), -p 32767 and -p 0', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      expect(swap.swapon('/huge', 2 ** 50, { priority: 32767 })).toBe(0);
      expect(swap.swapon('/zero', 16, { priority: 0 })).toBe(1);
      expect(swap.areas().map((a) => [a.sizeKb, a.priority])).toEqual([
        [4 * (2 ** 50 - 1), 32767],
        [60, 0],
      ]);
    });

    it('leaves the other priorities alone when an area of priority 0 or more goes', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      swap.swapon('/b', 16, { priority: 0 });
      swap.swapon('/c', 16);
      swap.swapon('/d', 16, { priority: 7 });
      swap.swapoff(1);
      swap.swapoff(3);
      expect(swap.areas().map((a) => a.priority)).toEqual([-2, -3]);
      expect(swap.swapon('/e', 16)).toBe(1);
      expect(swap.areas().map((a) => a.priority)).toEqual([-2, -4, -3]);
    });

    it('allows 32 areas and no more (5 bits of type)', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      for (let i = 0; i < 32; i++) swap.swapon(`/s${i}`, 16);
      expect(() => swap.swapon('/s32', 16)).toThrow(RangeError);
    });

    it('counts only the areas still on after a swapoff, whatever types are left empty', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      swap.swapon('/b', 26);
      swap.swapoff(0);
      expect(swap.meminfo()).toEqual({ SwapTotal: 100, SwapFree: 100, SwapCached: 0 });
      expect(swap.areas().map((a) => a.path)).toEqual(['/b']);
    });

    it('refuses to turn off an area with slots in use', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      swap.allocate();
      expect(() => swap.swapoff(0)).toThrow(RangeError);
    });
  });

  describe('allocate', () => {
    it('hands out slots 1, 2, 3 … of the highest-priority area (slot 0 is the header)', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      captureAreas(swap);
      expect(swap.allocate()).toEqual({ type: 3, offset: 1 });
      expect(swap.allocate()).toEqual({ type: 3, offset: 2 });
      expect(swap.useCount({ type: 3, offset: 2 })).toBe(1);
    });

    it('moves to the next priority when an area is full, and gives null when all are', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/low', 11);
      swap.swapon('/high', 10, { priority: 3 });
      const got = Array.from({ length: 19 }, () => swap.allocate());
      expect(got.slice(0, 9).every((e) => e?.type === 1)).toBe(true);
      expect(got.slice(9).every((e) => e?.type === 0)).toBe(true);
      expect(swap.allocate()).toBeNull();
      expect(swap.meminfo().SwapFree).toBe(0);
    });

    it('takes turns between areas of the same priority (swapon(8): round-robin)', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16, { priority: 1 });
      swap.swapon('/b', 16, { priority: 1 });
      swap.swapon('/c', 16, { priority: 0 });
      expect(Array.from({ length: 4 }, () => swap.allocate()?.type)).toEqual([0, 1, 0, 1]);
      const three = new SwapSpace({ frames: testFrames() });
      for (const path of ['/x', '/y', '/z']) three.swapon(path, 16, { priority: 4 });
      expect(Array.from({ length: 7 }, () => three.allocate()?.type)).toEqual([0, 1, 2, 0, 1, 2, 0]);
    });

    it('skips a full area among those of the same priority', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 10, { priority: 1 });
      swap.swapon('/b', 16, { priority: 1 });
      const types = Array.from({ length: 20 }, () => swap.allocate()?.type);
      expect(types.filter((t) => t === 0)).toHaveLength(9);
      expect(types.slice(18)).toEqual([1, 1]);
    });

    it('gives null when swap is off', () => {
      expect(new SwapSpace({ frames: testFrames() }).allocate()).toBeNull();
    });

    it('never hands out a slot the swap cache still holds, even when no PTE does', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      swap.swapOut(space, page(0)); // slot 1
      space.access(page(0), 'read'); // back in: the PTE let go of slot 1, the swap cache keeps it
      expect(() => swap.useCount({ type: 0, offset: 1 })).not.toThrow();
      expect(swap.allocate()).toEqual({ type: 0, offset: 2 });
    });

    it('reuses the lowest free slot after a free', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const [a, b] = [swap.allocate(), swap.allocate()];
      swap.free(a as { type: number; offset: number });
      expect(swap.allocate()).toEqual(a);
      expect(b).toEqual({ type: 0, offset: 2 });
    });

    it('skips the slots still in use after handing out a freed one: free 2 of 1, 2, 3 → 2, then 4, never 3 twice', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const [, two] = [swap.allocate(), swap.allocate(), swap.allocate()];
      swap.free(two as { type: number; offset: number });
      expect([swap.allocate(), swap.allocate()]).toEqual([
        { type: 0, offset: 2 },
        { type: 0, offset: 4 },
      ]);
      expect(swap.useCount({ type: 0, offset: 3 })).toBe(1);
    });

    it('hands out the lowest free slot whatever order the slots were freed in', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const [a, b, c] = [swap.allocate(), swap.allocate(), swap.allocate()] as { type: number; offset: number }[];
      for (const slot of [a, c, b]) swap.free(slot as { type: number; offset: number });
      expect([swap.allocate(), swap.allocate(), swap.allocate(), swap.allocate()]).toEqual([
        { type: 0, offset: 1 },
        { type: 0, offset: 2 },
        { type: 0, offset: 3 },
        { type: 0, offset: 4 },
      ]);
    });
  });

  describe('swapOut', () => {
    it("swaps 64 written pages out to the capture's entries: area 3, slots 1..64, VmSwap 256 kB, pswpout 64", () => {
      const swap = new SwapSpace({ frames: testFrames() });
      captureAreas(swap);
      const { space, page } = writer(swap, 64);
      const before = space.stats();
      for (let i = 0; i < 64; i++) expect(swap.swapOut(space, page(i))).toMatchObject({ written: true, freed: true });
      const captured = pagemapEntries('pagemap-swap-root.txt', 'pagedout');
      for (let i = 0; i < 64; i++) expect(space.pagemap(page(i))).toBe(captured[i]);
      const after = space.stats();
      expect(after.vmSwapKb).toBe(256);
      expect(before.rssAnonKb - after.rssAnonKb).toBe(256);
      expect(swap.vmstat).toEqual({ pswpout: 64, pswpin: 0 });
      expect(formatSwaps(swap.areas())).toBe(swaps('areas/swaps-used.txt'));
      expect(swap.meminfo().SwapFree).toBe(10698712 - 256);
      expect(facts('pagemap-swap-root.txt', 'pagedout vmstat-delta').pswpout).toBe(64); // what Linux counted
    });

    it('gives the frame back once no PTE maps it', () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 4);
      const used = frames.inUse();
      const out = swap.swapOut(space, page(0));
      expect(frames.inUse()).toBe(used - 1);
      expect(out?.pfn).toBeGreaterThanOrEqual(0x100000);
    });

    it('returns null and changes nothing when no slot is free', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 10);
      const { space, page } = writer(swap, 12);
      for (let i = 0; i < 9; i++) swap.swapOut(space, page(i));
      const stats = space.stats();
      expect(swap.swapOut(space, page(9))).toBeNull();
      expect(space.stats()).toEqual(stats);
      expect(decodePagemapEntry(space.pagemap(page(9))).present).toBe(true);
    });

    it('throws RangeError when no page is present there, and gives the slot back when the address space refuses', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, va } = writer(swap, 1);
      expect(() => swap.swapOut(space, va + 4096n * 100n)).toThrow(RangeError);
      const shared = space.mmap(4096, { prot: 'rw-', shared: true });
      space.access(shared, 'write');
      expect(() => swap.swapOut(space, shared)).toThrow(AddressSpaceError); // kata 10: EINVAL, not a private anon page
      expect(swap.meminfo().SwapFree).toBe(60);
    });

    it('keeps a page shared after fork until its last PTE is swapped out: one slot, used by both', () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      const first = swap.swapOut(space, page(0));
      expect(first).toMatchObject({ written: false, freed: false, entry: { type: 0, offset: 1 } });
      const second = swap.swapOut(child, page(0));
      expect(second).toMatchObject({ written: true, freed: true, entry: { type: 0, offset: 1 } });
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(2);
      expect(swap.vmstat.pswpout).toBe(1);
    });
  });

  describe('swap-in (a fault on a swap entry)', () => {
    it('reads the page back as a major fault (pswpin) and keeps it in the swap cache: SwapCached, slot still used', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 2);
      swap.swapOut(space, page(0));
      const free = swap.meminfo().SwapFree;
      const fault = space.access(page(0), 'read');
      expect(fault).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(swap.vmstat.pswpin).toBe(1);
      expect(space.stats()).toMatchObject({ majorFaults: 1, vmSwapKb: 0 });
      expect(swap.meminfo()).toEqual({ SwapTotal: 60, SwapFree: free, SwapCached: 4 });
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(0);
      expect(space.access(page(0), 'read').kind).toBe('hit');
    });

    it('swaps an unchanged swapped-in page out again without writing it: the slot still holds it', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const first = swap.swapOut(space, page(0));
      space.access(page(0), 'read');
      const again = swap.swapOut(space, page(0));
      expect(again).toMatchObject({ entry: first?.entry, written: false, freed: true });
      expect(swap.vmstat.pswpout).toBe(1);
      expect(swap.meminfo().SwapCached).toBe(0);
    });

    it('writes an unchanged swapped-in page that fork shares for neither PTE: it stays clean in the swap cache', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const entry = swap.swapOut(space, page(0))?.entry;
      space.access(page(0), 'read');
      const child = space.fork();
      expect(swap.swapOut(space, page(0))).toMatchObject({ entry, written: false, freed: false });
      expect(swap.swapOut(child, page(0))).toMatchObject({ entry, written: false, freed: true });
      expect(swap.vmstat.pswpout).toBe(1);
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(2);
    });

    it('writes a swapped-in page again once it was changed', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      swap.swapOut(space, page(0));
      space.access(page(0), 'read');
      space.access(page(0), 'write');
      expect(swap.swapOut(space, page(0))).toMatchObject({ written: true });
      expect(swap.vmstat.pswpout).toBe(2);
    });

    it("finds a page still in the swap cache without I/O: a minor fault (the capture's first 8 pages)", () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      swap.swapOut(space, page(0)); // the child still maps the frame: it stays, in the swap cache
      expect(space.access(page(0), 'read')).toMatchObject({ kind: 'minor-fault', cause: 'swap-in' });
      expect(swap.vmstat.pswpin).toBe(0);
      expect(facts('pagemap-swap-root.txt', 'cached8 faults-delta')).toEqual({ minflt: 8, majflt: 0 });
      child.exit();
    });

    it('writes a never-written swap-cache page out when its last mapper exits while a PTE still holds its slot: no data lost', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      swap.swapOut(space, page(0)); // the child still maps the frame: in the swap cache, not written
      expect(swap.vmstat.pswpout).toBe(0);
      child.exit(); // the frame goes, the parent's PTE still holds the slot: its data must be on the device
      expect(swap.vmstat.pswpout).toBe(1);
      expect(swap.meminfo()).toMatchObject({ SwapCached: 0, SwapFree: 56 });
      expect(space.access(page(0), 'read')).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(swap.vmstat.pswpin).toBe(1);
      space.exit();
    });

    it("keeps the parent's write from the child when both swapped the page out: the parent's write copies it", () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      swap.swapOut(space, page(0));
      swap.swapOut(child, page(0)); // both PTEs hold slot 1: use count 2
      const read = space.access(page(0), 'read') as { kind: string; pa: bigint };
      expect(read).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      const write = space.access(page(0), 'write') as { kind: string; pa: bigint };
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(write.pa).not.toBe(read.pa);
      const back = child.access(page(0), 'read') as { kind: string; pa: bigint };
      expect(back).toMatchObject({ kind: 'major-fault', cause: 'swap-in' }); // the unchanged page, from its slot
      expect(back.pa).not.toBe(write.pa);
      expect(swap.vmstat).toEqual({ pswpin: 2, pswpout: 1 });
      space.exit();
      child.exit();
      expect(frames.inUse()).toBe(0);
      expect(swap.meminfo()).toMatchObject({ SwapFree: 60, SwapCached: 0 });
    });

    it("copies on the parent's write a page the child's swap entry still holds: the child reads the unchanged page", () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      const out = swap.swapOut(child, page(0)); // the parent still maps the frame: it stays, in the swap cache
      const write = space.access(page(0), 'write') as { kind: string; pa: bigint };
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(write.pa).not.toBe(BigInt(out?.pfn ?? 0) * 4096n);
      expect(swap.vmstat.pswpout).toBe(1); // the old frame, held only by the child's slot, is written to it
      const back = child.access(page(0), 'read') as { kind: string; pa: bigint };
      expect(back).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(back.pa).not.toBe(write.pa);
      space.exit();
      child.exit();
      expect(frames.inUse()).toBe(0);
    });

    it('writes nothing when such a page leaves after every PTE let go of its slot: nobody will read it back', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      const child = space.fork();
      swap.swapOut(space, page(0)); // in the swap cache, never written; the parent's PTE holds the slot
      space.exit(); // the parent's hold goes: only the swap cache keeps the slot
      child.exit(); // the page leaves memory: no I/O
      expect(swap.vmstat.pswpout).toBe(0);
      expect(swap.meminfo()).toEqual({ SwapTotal: 60, SwapFree: 60, SwapCached: 0 });
    });

    it('writes a swapped-in page that was changed and then shared by fork when it leaves: its slot held the old data', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      swap.swapOut(space, page(0)); // written: pswpout 1
      space.access(page(0), 'read'); // back, clean in the swap cache
      space.access(page(0), 'write'); // changed: the slot's copy is stale
      const child = space.fork();
      swap.swapOut(child, page(0)); // the child's PTE takes the slot again; the parent still maps the page
      space.exit(); // the page leaves memory while the child's PTE holds the slot: it must be written
      expect(swap.vmstat.pswpout).toBe(2);
      child.exit();
    });

    it('drops a page from the swap cache and frees its slot when the page is freed (munmap, exit)', () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 2);
      swap.swapOut(space, page(0));
      space.access(page(0), 'read');
      expect(swap.meminfo()).toMatchObject({ SwapCached: 4, SwapFree: 56 });
      space.munmap(page(0), 4096);
      expect(swap.meminfo()).toMatchObject({ SwapCached: 0, SwapFree: 60 });
      space.exit();
      expect(frames.inUse()).toBe(0);
    });

    it('gives null when no frame is free, so the fault fails and nothing changes', () => {
      const frames = testFrames();
      const swap = new SwapSpace({ frames });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 2);
      swap.swapOut(space, page(0));
      frames.limit = frames.inUse();
      expect(space.access(page(0), 'read')).toEqual({ kind: 'oom' });
      expect(swap.vmstat.pswpin).toBe(0);
      expect(space.stats().vmSwapKb).toBe(4);
    });

    it('refuses to free a slot again once its last PTE let go, while the swap cache still holds it (RangeError)', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      swap.swapOut(space, page(0));
      space.access(page(0), 'read'); // the PTE let go of slot 1; the swap cache keeps it
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(0);
      expect(() => swap.free({ type: 0, offset: 1 })).toThrow(RangeError);
      expect(swap.meminfo()).toMatchObject({ SwapFree: 56, SwapCached: 4 });
    });

    it('counts one user of a slot per PTE: fork duplicates, munmap and exit free', () => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      const { space, page } = writer(swap, 1);
      swap.swapOut(space, page(0));
      const child = space.fork();
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(2);
      child.exit();
      expect(swap.useCount({ type: 0, offset: 1 })).toBe(1);
      space.exit();
      expect(() => swap.useCount({ type: 0, offset: 1 })).toThrow(RangeError);
      expect(swap.meminfo().SwapFree).toBe(60);
    });

    it.each([
      ['a free slot', { type: 0, offset: 5 }],
      ['the header slot', { type: 0, offset: 0 }],
      ['a slot past the end', { type: 0, offset: 16 }],
      ['an area not on', { type: 3, offset: 1 }],
      ['a fractional offset', { type: 0, offset: 1.5 }],
    ])('throws RangeError for %s', (_, entry) => {
      const swap = new SwapSpace({ frames: testFrames() });
      swap.swapon('/a', 16);
      swap.allocate();
      expect(() => swap.duplicate(entry)).toThrow(RangeError);
      expect(() => swap.free(entry)).toThrow(RangeError);
      expect(() => swap.swapIn(entry)).toThrow(RangeError);
    });
  });

  it('conserves slots and frames through any swap-outs, faults, forks and exits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('out', 'read', 'write', 'fork', 'exit'), i: fc.nat(15) }), {
          maxLength: 80,
        }),
        (ops) => {
          const frames = testFrames();
          const swap = new SwapSpace({ frames });
          swap.swapon('/a', 20);
          const first = writer(swap, 16);
          const spaces = [first.space];
          for (const { op, i } of ops) {
            const space = spaces[i % spaces.length] as AddressSpace;
            const va = first.page(i);
            if (op === 'out' && decodePagemapEntry(space.pagemap(va)).present) swap.swapOut(space, va);
            if (op === 'read' || op === 'write') space.access(va, op);
            if (op === 'fork' && spaces.length < 4) spaces.push(space.fork());
            if (op === 'exit' && spaces.length > 1) spaces.splice(spaces.indexOf(space), 1)[0]?.exit();
            const { SwapTotal, SwapFree, SwapCached } = swap.meminfo();
            const swapped = spaces.reduce((n, s) => n + s.stats().vmSwapKb, 0);
            expect(SwapTotal).toBe(76);
            expect(SwapTotal - SwapFree).toBeLessThanOrEqual(swapped + SwapCached);
            expect(swap.vmstat.pswpin).toBeLessThanOrEqual(swap.vmstat.pswpout);
          }
          for (const s of spaces) s.exit();
          expect(frames.inUse()).toBe(0);
          expect(swap.meminfo()).toEqual({ SwapTotal: 76, SwapFree: 76, SwapCached: 0 });
        },
      ),
      { numRuns: 60 },
    );
  });
});
