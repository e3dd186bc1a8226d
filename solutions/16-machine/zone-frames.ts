import type { BuddyAllocator } from '#kata/07-buddy-allocator';
import type { HugeFrameAllocator } from '#kata/11-transparent-huge-pages';
import { type ReclaimAction, type ReclaimZone, type Task, watermarkOk } from '#kata/13-kswapd';

/** What a ZoneFrames is built on: the zone's buddy allocator (kata 7) and its reclaim state (kata 13). */
export interface ZoneFramesOptions {
  buddy: BuddyAllocator;
  zone: ReclaimZone;
}

/**
 * The frame allocator every address space, the swap system and the page cache take their frames from: one
 * zone's BuddyAllocator (which frame) and ReclaimZone (may it, and what to reclaim first), kept in step.
 * A frame's PFN is its page id in the zone. Reclaim is decided here but carried out by the machine later,
 * when no page fault is half done: the actions wait in a queue. What each member does is on the interface.
 */
export const ZoneFrames: new (options: ZoneFramesOptions) => ZoneFrames = class ZoneFrames {
  readonly buddy: BuddyAllocator;
  readonly zone: ReclaimZone;
  task: Task | undefined = undefined;
  #actions: ReclaimAction[] = [];
  #new: number[] = [];
  #oom = false;

  constructor({ buddy, zone }: ZoneFramesOptions) {
    this.buddy = buddy;
    this.zone = zone;
  }

  allocFrame(): number | null {
    // The buddy allocator may hold fewer free frames than the zone counts: reclaim's frees wait in the queue.
    const pfn = this.buddy.alloc(0);
    if (pfn === null) return null;
    // __alloc_pages(): the watermarks, kswapd, direct reclaim. The page is not on an LRU list until the fault
    // is done (folio_add_lru_vma), so it waits on the unevictable list, with its PTE young.
    const result = this.zone.allocate({
      kind: 'anon',
      id: pfn,
      unevictable: true,
      referenced: true,
      ...(this.task && { task: this.task }),
    });
    for (const action of result.actions) this.#actions.push(action);
    if (!result.ok) {
      this.buddy.free(pfn, 0);
      this.#oom = true;
      return null;
    }
    this.#new.push(pfn);
    return pfn;
  }

  allocFrames(order: number): number | null {
    if (order === 0) return this.allocFrame();
    // A huge page is taken only while the zone stays above low once it is gone (no reclaim for it: the
    // fault falls back to 4 KiB pages), and only from a free block of that order (__zone_watermark_ok).
    const ok = watermarkOk({
      freePages: this.zone.freePages,
      order,
      mark: this.zone.config.watermarks.low,
      reserve: 0,
      freeCounts: this.buddy.freeCounts(),
    });
    if (!ok) return null;
    const head = this.buddy.alloc(order) as number; // watermarkOk saw a free block of this order
    for (let i = 0; i < 2 ** order; i++) {
      // Every one of these finds free > low: the fast path, no reclaim, never refused.
      this.zone.allocate({ kind: 'anon', id: head + i, unevictable: true, referenced: true });
      this.#new.push(head + i);
    }
    return head;
  }

  allocFile(dirty: boolean): number | null {
    const pfn = this.buddy.alloc(0);
    if (pfn === null) return null;
    const result = this.zone.allocate({ kind: 'file', id: pfn, dirty, ...(this.task && { task: this.task }) });
    for (const action of result.actions) this.#actions.push(action);
    if (!result.ok) {
      this.buddy.free(pfn, 0);
      this.#oom = true;
      return null;
    }
    return pfn;
  }

  freeFrame(pfn: number): void {
    // A page reclaim took is already free in the zone; any other goes off its list there too.
    if (this.zone.lists.get(pfn) !== undefined) this.zone.release(pfn);
    this.buddy.free(pfn, 0);
  }

  takeActions(): ReclaimAction[] {
    const actions = this.#actions;
    this.#actions = [];
    return actions;
  }

  takeNew(): number[] {
    const frames = this.#new;
    this.#new = [];
    return frames;
  }

  takeOom(): boolean {
    const oom = this.#oom;
    this.#oom = false;
    return oom;
  }
};

/** One zone's frames, for kata 10/11's address spaces, kata 14's swap and the machine's page cache. */
export interface ZoneFrames extends HugeFrameAllocator {
  readonly buddy: BuddyAllocator;
  readonly zone: ReclaimZone;
  /** Who is allocating, for the vmscan trace lines of what the zone decides (default: the zone's own). */
  task: Task | undefined;
  /**
   * One frame, for a page or a page table: the buddy allocator's lowest free frame, then the zone's
   * allocate with that PFN as the page id, kind 'anon', on the unevictable list and referenced (it leaves
   * that list once the machine knows it is a page). The zone's actions join the queue. null when the buddy
   * allocator has no free frame (the queue still holds reclaimed ones), or when the zone reports OOM (the
   * frame goes back; takeOom() is then true). A frame handed out joins the list takeNew() returns.
   */
  allocFrame(): number | null;
  /**
   * 2^order contiguous frames (order 9: a huge page), only when watermarkOk({ freePages: the zone's, order,
   * mark: low, reserve: 0, freeCounts: the buddy allocator's }) holds, else null (the fault falls back);
   * each frame is allocated in the zone as allocFrame does and joins the takeNew() list. Order 0 is allocFrame().
   */
  allocFrames(order: number): number | null;
  /**
   * One page-cache frame: as allocFrame, but on the zone's inactive file list at once (kind 'file', `dirty`
   * as given, not referenced), and not in the takeNew() list.
   */
  allocFile(dirty: boolean): number | null;
  /** Gives a frame back: released in the zone if the zone still holds it (reclaim's frames it does not), then to the buddy allocator. */
  freeFrame(pfn: number): void;
  /** The reclaim actions queued since the last call, oldest first; the queue is then empty. */
  takeActions(): ReclaimAction[];
  /** The frames handed out by allocFrame/allocFrames since the last call, in order; the list is then empty. */
  takeNew(): number[];
  /** Whether the zone reported OOM since the last call; the flag is then cleared. */
  takeOom(): boolean;
}
