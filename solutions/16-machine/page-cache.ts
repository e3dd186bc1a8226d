import type { ReclaimZone } from '#kata/13-kswapd';

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

interface CachedFile {
  /** Bytes written: the file's size on disk. */
  size: number;
  /** page index → PFN of the pages in memory. */
  pages: Map<number, number>;
}

/**
 * The page cache of the machine's files (the kernel's address_space of each inode): which frames hold which
 * file pages, which of them are dirty (written, not yet on disk) or being written back, and since when. The
 * pages themselves live on the zone's file LRU lists (kata 13): their `dirty` flag is the one reclaim reads,
 * so the page cache sets and clears it there. Frames come from and go back to the machine, not from here.
 * What each member does is on the interface.
 */
export const PageCache: new (zone: ReclaimZone) => PageCache = class PageCache {
  readonly #zone: ReclaimZone;
  readonly #files = new Map<string, CachedFile>();
  readonly #owners = new Map<number, FilePage>();
  /** Dirty pages → the tick they became dirty; a Map keeps insertion order: oldest first. */
  readonly #dirty = new Map<number, number>();
  readonly #writeback = new Set<number>();

  constructor(zone: ReclaimZone) {
    this.#zone = zone;
  }

  counts(): PageCacheCounts {
    return { pages: this.#owners.size, dirty: this.#dirty.size, writeback: this.#writeback.size };
  }

  files(): string[] {
    return [...this.#files.keys()];
  }

  size(name: string): number | undefined {
    return this.#files.get(name)?.size;
  }

  grow(name: string, size: number): void {
    if (!Number.isSafeInteger(size) || size < 0)
      throw new RangeError(`a file size is a whole number of bytes ≥ 0, got ${size}`);
    const file = this.#files.get(name);
    if (file) file.size = Math.max(file.size, size);
    else this.#files.set(name, { size, pages: new Map() });
  }

  lookup(name: string, index: number): number | undefined {
    return this.#files.get(name)?.pages.get(index);
  }

  owner(pfn: number): FilePage | undefined {
    return this.#owners.get(pfn);
  }

  insert(name: string, index: number, pfn: number, dirtySince: number | null): void {
    const file = this.#files.get(name);
    if (!file) throw new RangeError(`no file ${JSON.stringify(name)}`);
    if (file.pages.has(index)) throw new RangeError(`page ${index} of ${name} is cached already`);
    if (this.#owners.has(pfn)) throw new RangeError(`frame ${pfn} holds another file page`);
    file.pages.set(index, pfn);
    this.#owners.set(pfn, { name, index });
    if (dirtySince !== null) this.#dirty.set(pfn, dirtySince);
  }

  markDirty(pfn: number, now: number): void {
    this.#known(pfn);
    this.#zone.markDirty(pfn);
    // Dirty already (or being written): it keeps its place, as the inode keeps its dirtied_when.
    if (!this.#dirty.has(pfn) && !this.#writeback.has(pfn)) this.#dirty.set(pfn, now);
  }

  remove(pfn: number): void {
    const owner = this.#known(pfn);
    (this.#files.get(owner.name) as CachedFile).pages.delete(owner.index);
    this.#owners.delete(pfn);
    this.#dirty.delete(pfn);
    this.#writeback.delete(pfn);
  }

  unlink(name: string): number[] {
    const file = this.#files.get(name);
    if (!file) throw new RangeError(`no file ${JSON.stringify(name)}`);
    const frames = [...file.pages.values()];
    for (const pfn of frames) this.remove(pfn);
    this.#files.delete(name);
    return frames;
  }

  startWriteback(pfn: number): void {
    this.#known(pfn);
    this.#dirty.delete(pfn);
    this.#writeback.add(pfn);
  }

  endWriteback(pfn: number): void {
    this.#known(pfn);
    this.#writeback.delete(pfn);
  }

  clean(pfn: number): void {
    this.#known(pfn);
    this.#dirty.delete(pfn);
    const page = this.#zone.lists.get(pfn);
    // Stryker disable next-line ConditionalExpression: a cached frame is on the zone's lists until remove (insert's contract)
    if (page) page.dirty = false;
  }

  oldestDirty(): [pfn: number, since: number] | undefined {
    return this.#dirty.entries().next().value;
  }

  #known(pfn: number): FilePage {
    const owner = this.#owners.get(pfn);
    if (!owner) throw new RangeError(`frame ${pfn} is not in the page cache`);
    return owner;
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
