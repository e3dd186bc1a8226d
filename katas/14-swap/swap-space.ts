import type { FrameAllocator } from '#kata/09-page-table';
import type { AddressSpace, SwapBackend } from '#kata/10-demand-paging';
import { notImplemented } from '#shared/errors';
import type { SwapArea } from './proc-swaps.ts';
import type { SwapEntry } from './swap-entry.ts';

/** The smallest swap area mkswap makes: 10 pages (40 KiB), the header page and 9 slots. */
export const MIN_SWAP_PAGES = 10;

/** How `swapon` is asked: a swap file or a partition, and a priority 0..32767 (-p); default: the next negative one. */
export interface SwapOnOptions {
  kind?: 'file' | 'partition';
  priority?: number;
}

/** What swapping one page out did. */
export interface SwapOutcome {
  /** The slot its PTE now holds. */
  entry: SwapEntry;
  /** The frame that held the page. */
  pfn: number;
  /** Written to the swap area (pswpout): a new slot, or a page changed since it was read back. */
  written: boolean;
  /** No PTE maps the frame any more: it went back to the allocator. */
  freed: boolean;
}

/** The swap counters of /proc/vmstat. */
export interface SwapVmstat {
  /** Pages read from swap (major faults). */
  pswpin: number;
  /** Pages written to swap. */
  pswpout: number;
}

/**
 * The machine's swap areas and swap cache: `new SwapSpace({ frames })`, where `frames` gives swap-in its
 * frames. It is kata 10's SwapBackend: build the address spaces with `frames: swap.frames` (frees go through
 * it, so a freed frame leaves the swap cache) and `swap`. What each member does is on the interface below.
 * Keep your state in private fields: per area its path, kind, priority and a use count per slot (the kernel's
 * swap_map: a Map of the slots in use does), and the swap cache (slot ↔ frame).
 */
export const SwapSpace: new (options: { frames: FrameAllocator }) => SwapSpace = class SwapSpace {
  readonly vmstat: SwapVmstat;
  readonly frames: FrameAllocator;

  constructor({ frames }: { frames: FrameAllocator }) {
    notImplemented('SwapSpace');
  }

  swapon(path: string, pages: number, { kind = 'file', priority }: SwapOnOptions = {}): number {
    return notImplemented('SwapSpace.swapon');
  }

  swapoff(type: number): void {
    notImplemented('SwapSpace.swapoff');
  }

  allocate(): SwapEntry | null {
    return notImplemented('SwapSpace.allocate');
  }

  duplicate(entry: SwapEntry): void {
    notImplemented('SwapSpace.duplicate');
  }

  free(entry: SwapEntry): void {
    notImplemented('SwapSpace.free');
  }

  swapIn(entry: SwapEntry): { pfn: number; major: boolean } | null {
    return notImplemented('SwapSpace.swapIn');
  }

  swapOut(space: AddressSpace, va: bigint): SwapOutcome | null {
    return notImplemented('SwapSpace.swapOut');
  }

  useCount(entry: SwapEntry): number {
    return notImplemented('SwapSpace.useCount');
  }

  areas(): SwapArea[] {
    return notImplemented('SwapSpace.areas');
  }

  meminfo(): { SwapTotal: number; SwapFree: number; SwapCached: number } {
    return notImplemented('SwapSpace.meminfo');
  }
};

/** What a SwapSpace can do. It is kata 10's SwapBackend (swapIn, duplicate, free, useCount). */
export interface SwapSpace extends SwapBackend {
  /** pswpin and pswpout so far. */
  readonly vmstat: SwapVmstat;
  /** The frame allocator to give the address spaces: freeing a frame through it drops the page from the swap cache. */
  readonly frames: FrameAllocator;
  /**
   * Turns on a swap area of `pages` pages (the first is the header: pages − 1 slots) and returns its type,
   * the lowest free one. Priority: the one given (0..32767), else −2 for the first, −3 for the next, ….
   * RangeError for a path already on, an empty path, fewer than 10 pages or more than 2^50, a bad priority or
   * kind, or 32 areas already.
   */
  swapon(path: string, pages: number, options?: SwapOnOptions): number;
  /**
   * Turns an area off. Later areas with a lower negative priority move up by one (and so does the next default).
   * RangeError for an unknown type, or an area with slots in use (memkata does not swap them back in).
   */
  swapoff(type: number): void;
  /** A free slot with use count 1 (get_swap_page): highest priority first, equal priorities in turn, lowest offset. null when swap is full or off. */
  allocate(): SwapEntry | null;
  /**
   * Swaps out the anonymous page at `va` of `space`: its slot (the one it has if the page is in the swap cache,
   * else a new one from allocate), then kata 10's `space.swapOut` (PTE → swap entry, use count + 1). If no
   * other PTE maps the frame it is written — unless it is an unchanged copy of its slot — and freed. null
   * when no slot is free (nothing changed). RangeError when no page is present at va.
   */
  swapOut(space: AddressSpace, va: bigint): SwapOutcome | null;
  /** The slot's use count (swap_map): PTEs holding it. RangeError for a free slot. */
  useCount(entry: SwapEntry): number;
  /** The areas as /proc/swaps lists them, in type order (formatSwaps prints them). */
  areas(): SwapArea[];
  /** SwapTotal, SwapFree, SwapCached in KiB, as /proc/meminfo prints them. */
  meminfo(): { SwapTotal: number; SwapFree: number; SwapCached: number };
}
