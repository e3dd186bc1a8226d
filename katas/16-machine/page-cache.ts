import type { ReclaimZone } from '#kata/13-kswapd';
import { notImplemented } from '#shared/errors';

/** Where a page-cache page belongs: its file and its page index in it. */
export interface FilePage {
  name: string;
  index: number;
}

/** The page cache's counts, in pages (meminfo's Cached, Dirty and Writeback come from them). */
export interface PageCacheCounts {
  /** Pages cached (NR_FILE_PAGES without shmem and swap cache). */
  pages: number;
  /** Dirty and not being written (NR_FILE_DIRTY). */
  dirty: number;
  /** Being written back (NR_WRITEBACK). */
  writeback: number;
}

/**
 * The page cache of the machine's files (the kernel's address_space of each inode): which frames hold which
 * file pages, which of them are dirty (written, not yet on disk) or being written back, and since when. The
 * pages themselves live on the zone's file LRU lists (kata 13): their `dirty` flag is the one reclaim reads,
 * so the page cache sets and clears it there. Frames come from and go back to the machine, not from here.
 * What each member does is on the interface.
 */
export const PageCache: new (zone: ReclaimZone) => PageCache = class PageCache {
  /** Dirty pages → the tick they became dirty; a Map keeps insertion order: oldest first. */

  constructor(zone: ReclaimZone) {
    notImplemented('PageCache');
  }

  counts(): PageCacheCounts {
    return notImplemented('PageCache.counts');
  }

  files(): string[] {
    return notImplemented('PageCache.files');
  }

  size(name: string): number | undefined {
    return notImplemented('PageCache.size');
  }

  grow(name: string, size: number): void {
    notImplemented('PageCache.grow');
  }

  lookup(name: string, index: number): number | undefined {
    return notImplemented('PageCache.lookup');
  }

  owner(pfn: number): FilePage | undefined {
    return notImplemented('PageCache.owner');
  }

  insert(name: string, index: number, pfn: number, dirtySince: number | null): void {
    notImplemented('PageCache.insert');
  }

  markDirty(pfn: number, now: number): void {
    notImplemented('PageCache.markDirty');
  }

  remove(pfn: number): void {
    notImplemented('PageCache.remove');
  }

  unlink(name: string): number[] {
    return notImplemented('PageCache.unlink');
  }

  startWriteback(pfn: number): void {
    notImplemented('PageCache.startWriteback');
  }

  endWriteback(pfn: number): void {
    notImplemented('PageCache.endWriteback');
  }

  clean(pfn: number): void {
    notImplemented('PageCache.clean');
  }

  oldestDirty(): [pfn: number, since: number] | undefined {
    return notImplemented('PageCache.oldestDirty');
  }
};

/** The machine's page cache: `new PageCache(zone)`. */
export interface PageCache {
  /** Pages cached, dirty, under writeback. */
  counts(): PageCacheCounts;
  /** The files, in the order they were made. */
  files(): string[];
  /** A file's size in bytes, or undefined when there is no such file. */
  size(name: string): number | undefined;
  /** Makes the file if it is new, and makes it at least `size` bytes long. RangeError for a size that is not a whole number ≥ 0. */
  grow(name: string, size: number): void;
  /** The frame that holds page `index` of the file, or undefined (not cached, or no such file). */
  lookup(name: string, index: number): number | undefined;
  /** The file page a frame holds, or undefined when it holds none. */
  owner(pfn: number): FilePage | undefined;
  /**
   * A frame (already on the zone's file LRU) now holds page `index` of the file; `dirtySince` is the tick it
   * was written, or null for a page read from disk (clean). RangeError for an unknown file, a page cached
   * already, or a frame that holds another page.
   */
  insert(name: string, index: number, pfn: number, dirtySince: number | null): void;
  /** A write to a cached page: dirty in the zone (markDirty); a page that was clean is dirty since `now`. RangeError for a frame not in the cache. */
  markDirty(pfn: number, now: number): void;
  /** Reclaim dropped the page (it was clean): forgotten by its file. RangeError for a frame not in the cache. */
  remove(pfn: number): void;
  /** rm: the file goes, and the frames of its cached pages are returned for the machine to free. RangeError for an unknown file. */
  unlink(name: string): number[];
  /** kswapd started writing the dirty page back: it counts as Writeback, no longer as Dirty. RangeError for a frame not in the cache. */
  startWriteback(pfn: number): void;
  /** Its writeback ended (the zone made it clean): no longer Writeback. RangeError for a frame not in the cache. */
  endWriteback(pfn: number): void;
  /** The flusher or sync wrote the page: clean here and in the zone. RangeError for a frame not in the cache. */
  clean(pfn: number): void;
  /** The dirty page (not one being written) that became dirty first, and that tick; undefined when none is dirty. */
  oldestDirty(): [pfn: number, since: number] | undefined;
}
