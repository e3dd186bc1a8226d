import type { FrameAllocator } from '#kata/09-page-table';
import type { AddressSpace, SwapBackend } from '#kata/10-demand-paging';
import type { SwapArea } from './proc-swaps.ts';
import { decodePagemapEntry, MAX_SWAP_OFFSET, MAX_SWAP_TYPE, type SwapEntry } from './swap-entry.ts';

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

/** One area (the kernel's swap_info_struct): its slots' use counts and its swap cache. */
interface Area {
  path: string;
  kind: 'file' | 'partition';
  priority: number;
  /** Slots 1..slots (offset 0 is the header page). */
  slots: number;
  /**
   * swap_map: how many PTEs hold each slot, by offset (0 or missing: none). An array, as the kernel's is, grown
   * as slots are handed out (with a Map of swap_test's 285 k slots, allocate was 6.5 % of that run's profile).
   */
  swapMap: number[];
  /** The swap cache: slot → frame holding its data. A cached slot stays used even at count 0 (SWAP_HAS_CACHE). */
  cache: Map<number, number>;
  /** Slots held by a PTE or by the swap cache. */
  used: number;
  /** Every slot below it is in use (the kernel's si->lowest_bit): the search for a free slot starts here. */
  lowestFree: number;
}

/**
 * The machine's swap areas and swap cache: `new SwapSpace({ frames })`, where `frames` gives swap-in its
 * frames. It is kata 10's SwapBackend: build the address spaces with `frames: swap.frames` (frees go through
 * it, so a freed frame leaves the swap cache) and `swap`. What each member does is on the interface below.
 */
export const SwapSpace: new (options: { frames: FrameAllocator }) => SwapSpace = class SwapSpace {
  readonly vmstat: SwapVmstat = { pswpin: 0, pswpout: 0 };
  readonly frames: FrameAllocator;
  readonly #base: FrameAllocator;
  readonly #areas: (Area | null)[] = [];
  /** The swap cache by frame: the page's slot, and whether the slot already holds the page's data (clean). */
  readonly #cached = new Map<number, { entry: SwapEntry; clean: boolean }>();
  #leastPriority = -1; // least_priority: the first default priority is −2
  readonly #lastOfPriority = new Map<number, number>(); // round-robin among areas of equal priority

  constructor({ frames }: { frames: FrameAllocator }) {
    this.#base = frames;
    this.frames = {
      allocFrame: () => frames.allocFrame(),
      freeFrame: (pfn) => {
        // free_swap_cache(): a page leaving memory leaves the swap cache; a slot nobody holds is free again.
        const cached = this.#cached.get(pfn);
        if (cached) {
          // A page swapped out while another PTE still mapped it was never written, but PTEs hold its slot:
          // Linux keeps it in the swap cache until pageout() writes it. Here it is written as it goes.
          const area = this.#areas[cached.entry.type] as Area;
          if (!cached.clean && holders(area, cached.entry.offset) > 0) this.vmstat.pswpout++;
          this.#uncache(cached.entry, pfn);
        }
        frames.freeFrame(pfn);
      },
    };
  }

  swapon(path: string, pages: number, { kind = 'file', priority }: SwapOnOptions = {}): number {
    if (typeof path !== 'string' || path === '') throw new RangeError('a swap area needs a path');
    if (this.#areas.some((area) => area?.path === path)) throw new RangeError(`${path} is already a swap area`);
    if (!Number.isSafeInteger(pages) || pages < MIN_SWAP_PAGES || pages - 1 > MAX_SWAP_OFFSET) {
      throw new RangeError(`a swap area of ${pages} pages: ${MIN_SWAP_PAGES} to 2^50 pages`);
    }
    if (kind !== 'file' && kind !== 'partition') throw new RangeError(`kind ${kind} is not file or partition`);
    if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > 32767)) {
      throw new RangeError(`swapon -p ${priority}: a priority is 0..32767`);
    }
    // alloc_swap_info(): the lowest free type.
    let type = this.#areas.indexOf(null);
    if (type === -1) type = this.#areas.length;
    if (type > MAX_SWAP_TYPE) throw new RangeError(`no free swap type: ${MAX_SWAP_TYPE + 1} areas are on`);
    this.#areas[type] = {
      path,
      kind,
      priority: priority ?? --this.#leastPriority,
      slots: pages - 1, // the first page is the header
      swapMap: [], // index 0, the header page, is never handed out
      cache: new Map(),
      used: 0,
      lowestFree: 1,
    };
    return type;
  }

  swapoff(type: number): void {
    const area = this.#area(type);
    if (area.used > 0) throw new RangeError(`swap area ${type} has ${area.used} slots in use`);
    this.#areas[type] = null;
    // "Swapoff of an area with a negative priority raises every later negative priority by one."
    if (area.priority < 0) {
      // Stryker disable next-line EqualityOperator: default priorities are all different, so no other area has this one
      for (const other of this.#areas) if (other && other.priority < area.priority) other.priority++;
      this.#leastPriority++;
    }
  }

  allocate(): SwapEntry | null {
    // get_swap_pages(): the highest priority with a free slot; areas of equal priority take turns.
    let best: number | null = null;
    for (const area of this.#areas) {
      // Stryker disable next-line EqualityOperator: an area of the same priority leaves best as it is
      if (area && area.used < area.slots && (best === null || area.priority > best)) best = area.priority;
    }
    if (best === null) return null;
    // Among the areas of that priority with a free slot: the first after the one used last, else the first.
    const last = this.#lastOfPriority.get(best) ?? -1;
    let first: number | null = null;
    let next: number | null = null;
    for (const [type, area] of this.#areas.entries()) {
      if (!area || area.priority !== best || area.used >= area.slots) continue;
      first ??= type;
      if (type > last) next ??= type;
    }
    const type = (next ?? first) as number;
    this.#lastOfPriority.set(best, type);
    const area = this.#areas[type] as Area;
    // The lowest free slot (the kernel hands out slots by clusters; a fresh area gives 1, 2, 3, … the same way).
    // Searching from lowestFree rather than from 1 keeps swapping out n pages O(n), not O(n²).
    let offset = area.lowestFree;
    while (holders(area, offset) > 0 || area.cache.has(offset)) offset++;
    area.swapMap[offset] = 1;
    area.used++;
    area.lowestFree = offset + 1;
    return { type, offset };
  }

  duplicate(entry: SwapEntry): void {
    const area = this.#slot(entry);
    area.swapMap[entry.offset] = holders(area, entry.offset) + 1;
  }

  free(entry: SwapEntry): void {
    const area = this.#slot(entry);
    const count = holders(area, entry.offset) - 1;
    if (count < 0) throw new RangeError(`swap slot ${entry.type}/${entry.offset} has no PTE to let go`);
    area.swapMap[entry.offset] = count;
    if (count === 0 && !area.cache.has(entry.offset)) this.#release(area, entry.offset);
  }

  swapIn(entry: SwapEntry): { pfn: number; major: boolean } | null {
    const area = this.#slot(entry);
    // do_swap_page(): the swap cache first — a hit is a minor fault, no I/O.
    const cached = area.cache.get(entry.offset);
    if (cached !== undefined) return { pfn: cached, major: false };
    const pfn = this.#base.allocFrame();
    if (pfn === null) return null;
    this.vmstat.pswpin++;
    // The page stays in the swap cache (SwapCached) until it leaves memory or is changed and swapped again.
    area.cache.set(entry.offset, pfn);
    this.#cached.set(pfn, { entry: { type: entry.type, offset: entry.offset }, clean: true });
    return { pfn, major: true };
  }

  swapOut(space: AddressSpace, va: bigint): SwapOutcome | null {
    const { pfn } = decodePagemapEntry(space.pagemap(va));
    if (pfn === null) throw new RangeError(`no page is present at 0x${va.toString(16)}`);
    // add_to_swap(): a page already in the swap cache keeps its slot; else it gets a new one.
    const cached = this.#cached.get(pfn);
    const entry = cached ? cached.entry : this.allocate();
    if (entry === null) return null;
    let result: { stillMapped: boolean; dirty: boolean };
    try {
      // try_to_unmap_one(): the PTE becomes the swap entry, RssAnon − 1, VmSwap + 1.
      result = space.swapOut(va, entry);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: a page in the swap cache is private anon, which kata 10 swaps out without error
      if (!cached) this.free(entry);
      throw error;
    }
    if (cached) this.duplicate(entry);
    if (result.stillMapped) {
      // add_to_swap(): the page joins the swap cache, where the PTEs still mapping it will find its slot.
      // (A page that leaves memory now would leave the cache at once: it skips it. The Map set and delete that
      // saves on every swap-out were 7 % of swap_test's profile.)
      if (!cached) {
        (this.#areas[entry.type] as Area).cache.set(entry.offset, pfn);
        // Stryker disable next-line BooleanLiteral: an anon page new to the swap cache was written by a write fault: dirty either way
        this.#cached.set(pfn, { entry, clean: false });
      } else if (result.dirty) {
        cached.clean = false; // changed since it was read from its slot: the slot's copy is stale now
      }
      return { entry, pfn, written: false, freed: false };
    }
    // pageout(): the page is written (pswpout) unless its slot already holds it unchanged; then it is freed
    // (__remove_mapping(): out of the swap cache, the slot kept by the PTE's use count).
    const written = !cached?.clean || result.dirty;
    if (written) this.vmstat.pswpout++;
    this.#uncache(entry, pfn);
    this.#base.freeFrame(pfn);
    return { entry, pfn, written, freed: true };
  }

  useCount(entry: SwapEntry): number {
    return holders(this.#slot(entry), entry.offset);
  }

  areas(): SwapArea[] {
    return this.#areas.flatMap((area) =>
      area
        ? [
            {
              path: area.path,
              kind: area.kind,
              sizeKb: 4 * area.slots,
              usedKb: 4 * area.used,
              priority: area.priority,
            },
          ]
        : [],
    );
  }

  meminfo(): { SwapTotal: number; SwapFree: number; SwapCached: number } {
    let total = 0;
    let used = 0;
    for (const area of this.#areas) {
      if (!area) continue;
      total += area.slots;
      used += area.used;
    }
    return { SwapTotal: 4 * total, SwapFree: 4 * (total - used), SwapCached: 4 * this.#cached.size };
  }

  #area(type: number): Area {
    const area = Number.isInteger(type) ? this.#areas[type] : undefined;
    if (!area) throw new RangeError(`no swap area of type ${type}`);
    return area;
  }

  /** The area of a slot in use (held by a PTE or the swap cache); RangeError for any other slot. */
  #slot({ type, offset }: SwapEntry): Area {
    const area = this.#area(type);
    if (holders(area, offset) === 0 && !area.cache.has(offset))
      throw new RangeError(`swap slot ${type}/${offset} is not in use`);
    return area;
  }

  /** Takes a page out of the swap cache; its slot is free when no PTE holds it either. */
  #uncache(entry: SwapEntry, pfn: number): void {
    const area = this.#areas[entry.type] as Area;
    area.cache.delete(entry.offset);
    this.#cached.delete(pfn);
    if (holders(area, entry.offset) === 0) this.#release(area, entry.offset);
  }

  /** A slot nobody holds any more is free (swap_range_free(): lowest_bit moves down to it). */
  #release(area: Area, offset: number): void {
    area.used--;
    // Stryker disable next-line EqualityOperator: at offset === lowestFree the assignment leaves lowestFree as it is
    if (offset < area.lowestFree) area.lowestFree = offset;
  }
};

/** swap_map[offset]: the PTEs that hold the slot (0 for a slot never handed out, or any offset past the end). */
function holders(area: Area, offset: number): number {
  return area.swapMap[offset] ?? 0;
}

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
