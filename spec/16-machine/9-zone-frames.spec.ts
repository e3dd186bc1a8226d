import { describe, expect, it } from 'vitest';
import { BuddyAllocator } from '#kata/07-buddy-allocator';
import { ReclaimZone } from '#kata/13-kswapd';
import { ZoneFrames } from '#kata/16-machine';

const BASE = 0x100000;

/** A zone of `pages` frames from PFN 0x100000: a buddy allocator and a reclaim zone over the same pages. */
function zoneFrames(pages = 2048, marks = { min: 64, low: 80, high: 96 }, swapPages = 0) {
  const buddy = new BuddyAllocator({ pages, basePfn: BASE });
  const zone = new ReclaimZone({ managedPages: pages, watermarks: marks, swapPages, kswapdBatch: 64 });
  return { buddy, zone, frames: new ZoneFrames({ buddy, zone }) };
}

/** Frames taken and filed as pages of a process would be: on the inactive anon list, not referenced. */
function anonPages(z: ReturnType<typeof zoneFrames>, count: number): number[] {
  const pfns: number[] = [];
  for (let i = 0; i < count; i++) {
    const pfn = z.frames.allocFrame() as number;
    const page = z.zone.lists.get(pfn);
    if (page) {
      page.referenced = false;
      z.zone.lists.putBack(page, 'inactive_anon');
    }
    pfns.push(pfn);
  }
  z.frames.takeNew();
  return pfns;
}

describe('ZoneFrames', () => {
  it("hands out the buddy allocator's lowest frame and counts it in the zone under the same number", () => {
    const z = zoneFrames();
    expect(z.frames.allocFrame()).toBe(BASE);
    expect(z.frames.allocFrame()).toBe(BASE + 1);
    expect(z.zone.freePages).toBe(2046);
    expect(z.buddy.freePages()).toBe(2046);
    expect(z.zone.lists.get(BASE)).toBeDefined();
  });

  it('keeps a new frame off the evictable lists (unevictable, young) until the machine knows what it holds', () => {
    const z = zoneFrames();
    const pfn = z.frames.allocFrame() as number;
    expect(z.zone.lists.get(pfn)).toMatchObject({ kind: 'anon', lru: 'unevictable', referenced: true });
    expect(z.zone.lists.sizes()).toMatchObject({ unevictable: 1, inactive_anon: 0 });
  });

  it('lists each frame handed out once, in order, for takeNew', () => {
    const z = zoneFrames();
    const a = z.frames.allocFrame();
    const b = z.frames.allocFrame();
    expect(z.frames.takeNew()).toEqual([a, b]);
    expect(z.frames.takeNew()).toEqual([]);
    const c = z.frames.allocFrame();
    expect(z.frames.takeNew()).toEqual([c]);
  });

  it('gives a frame back to both: off the zone, into the buddy allocator', () => {
    const z = zoneFrames();
    const pfn = z.frames.allocFrame() as number;
    z.frames.freeFrame(pfn);
    expect(z.zone.lists.get(pfn)).toBeUndefined();
    expect(z.zone.freePages).toBe(2048);
    expect(z.buddy.freeCounts()).toEqual(new BuddyAllocator({ pages: 2048, basePfn: BASE }).freeCounts());
  });

  it('gives a frame reclaim took only to the buddy allocator: the zone counted it free already', () => {
    const z = zoneFrames(2048, { min: 64, low: 80, high: 96 }, 4096);
    const pfns = anonPages(z, 2048 - 64);
    expect(z.frames.allocFrame()).not.toBeNull(); // at min: direct reclaim swaps pages out
    const actions = z.frames.takeActions();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.type === 'swap-out')).toBe(true);
    const freeInZone = z.zone.freePages;
    for (const { id } of actions) z.frames.freeFrame(id);
    expect(z.zone.freePages).toBe(freeInZone);
    expect(z.buddy.freePages()).toBe(z.zone.freePages);
    expect(pfns).toContain(actions[0]?.id);
  });

  it("queues the zone's reclaim actions in order and hands them over once", () => {
    const z = zoneFrames(2048, { min: 64, low: 80, high: 96 }, 4096);
    anonPages(z, 2048 - 64);
    z.frames.allocFrame();
    z.frames.allocFrame();
    const first = z.frames.takeActions();
    expect(first.map((a) => a.id)).toEqual([...first.map((a) => a.id)].sort((a, b) => a - b));
    expect(z.frames.takeActions()).toEqual([]);
  });

  it('returns null when the buddy allocator is empty because the reclaimed frames are still queued', () => {
    const z = zoneFrames(256, { min: 1, low: 1, high: 1 }, 4096);
    anonPages(z, 255);
    expect(z.frames.allocFrame()).not.toBeNull(); // the last free frame; the zone reclaims 32 behind it
    expect(z.buddy.freePages()).toBe(0);
    expect(z.frames.allocFrame()).toBeNull();
    expect(z.frames.takeOom()).toBe(false);
    for (const { id } of z.frames.takeActions()) z.frames.freeFrame(id);
    expect(z.frames.allocFrame()).not.toBeNull();
  });

  it('reports OOM when the zone cannot reclaim: the frame goes back, takeOom says so once', () => {
    const z = zoneFrames(256, { min: 8, low: 10, high: 12 });
    anonPages(z, 248);
    const free = z.buddy.freePages();
    expect(z.frames.allocFrame()).toBeNull();
    expect(z.buddy.freePages()).toBe(free);
    expect(z.zone.freePages).toBe(free);
    expect(z.frames.takeOom()).toBe(true);
    expect(z.frames.takeOom()).toBe(false);
    expect(z.frames.takeNew()).toEqual([]);
  });

  it('names the allocating task in the vmscan events it causes', () => {
    const z = zoneFrames(256, { min: 8, low: 10, high: 12 });
    z.frames.task = { comm: 'python3', pid: 16319 };
    anonPages(z, 248);
    z.frames.allocFrame();
    expect(z.zone.events.find((e) => e.type === 'direct_reclaim_begin')).toMatchObject({
      task: { comm: 'python3', pid: 16319 },
    });
  });

  it('hands out a 2 MiB page (order 9, aligned) when free stays above low, and lists its 512 frames as new', () => {
    const z = zoneFrames(2048);
    z.frames.allocFrame();
    z.frames.takeNew();
    const head = z.frames.allocFrames(9) as number;
    expect(head % 512).toBe(0);
    expect(head).toBe(BASE + 512);
    expect(z.frames.takeNew()).toEqual(Array.from({ length: 512 }, (_, i) => head + i));
    expect(z.zone.freePages).toBe(2048 - 513);
    expect(z.zone.lists.get(head + 511)).toMatchObject({ lru: 'unevictable', referenced: true });
    expect(z.frames.allocFrames(0)).toBe(BASE + 1);
  });

  it('takes an order-0 request as allocFrame does: below low it still gets its frame, and wakes kswapd', () => {
    const z = zoneFrames(256, { min: 8, low: 100, high: 120 });
    anonPages(z, 200); // free 56: between min and low
    expect(z.frames.allocFrames(0)).toBe(BASE + 200);
    expect(z.frames.takeNew()).toEqual([BASE + 200]);
    expect(z.zone.events.map((e) => e.type)).toContain('wakeup_kswapd');
  });

  it('refuses a 2 MiB page that would take free to low or below, or that no free block of order 9 can hold', () => {
    const z = zoneFrames(1024, { min: 8, low: 500, high: 600 });
    expect(z.frames.allocFrames(9)).toBe(BASE); // 1024 − 511 = 513 > 500
    expect(z.frames.allocFrames(9)).toBeNull();
    const tight = zoneFrames(1024, { min: 8, low: 513, high: 600 });
    expect(tight.frames.allocFrames(9)).toBeNull(); // 1024 − 511 = 513 is not above 513
    const scattered = zoneFrames(1024, { min: 8, low: 8, high: 8 });
    const all = Array.from({ length: 1024 }, () => scattered.buddy.alloc(0) as number);
    for (const pfn of all) if (pfn !== BASE && pfn !== BASE + 512) scattered.buddy.free(pfn, 0); // no order-9 block left whole
    expect(scattered.frames.allocFrames(9)).toBeNull();
    expect(scattered.frames.takeNew()).toEqual([]);
  });

  it('puts a page-cache frame on the inactive file list at once, dirty as asked, and not among the new frames', () => {
    const z = zoneFrames();
    const dirty = z.frames.allocFile(true) as number;
    const clean = z.frames.allocFile(false) as number;
    expect(z.zone.lists.get(dirty)).toMatchObject({
      kind: 'file',
      lru: 'inactive_file',
      dirty: true,
      referenced: false,
    });
    expect(z.zone.lists.get(clean)).toMatchObject({ kind: 'file', dirty: false });
    expect(z.frames.takeNew()).toEqual([]);
    expect(z.zone.freePages).toBe(2046);
  });

  it('queues the reclaim a page-cache allocation causes, and names its task in the vmscan events', () => {
    const z = zoneFrames(256, { min: 8, low: 10, high: 12 });
    for (let i = 0; i < 248; i++) z.frames.allocFile(false); // clean, unreferenced: free 8, at min
    z.frames.task = { comm: 'dd', pid: 4242 };
    expect(z.frames.allocFile(true)).toEqual(expect.any(Number));
    const actions = z.frames.takeActions();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions.map((a) => a.type))).toEqual(new Set(['drop']));
    expect(z.zone.events.find((e) => e.type === 'direct_reclaim_begin')).toMatchObject({
      task: { comm: 'dd', pid: 4242 },
    });
  });

  it('returns null for a page-cache frame when the zone is out of memory, and when the buddy allocator is empty', () => {
    const z = zoneFrames(256, { min: 8, low: 10, high: 12 });
    anonPages(z, 248);
    expect(z.frames.allocFile(false)).toBeNull();
    expect(z.frames.takeOom()).toBe(true);
    expect(z.buddy.freePages()).toBe(8);
    const empty = zoneFrames(256, { min: 1, low: 1, high: 1 }, 4096);
    anonPages(empty, 256);
    expect(empty.frames.allocFile(true)).toBeNull();
  });
});
