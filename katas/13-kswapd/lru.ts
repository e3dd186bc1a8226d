import { notImplemented } from '#shared/errors';
import { EVICTABLE_LRUS, type EvictableLru } from './scan-balance.ts';

/** The five LRU lists of a node (`enum lru_list`, include/linux/mmzone.h), named as /proc/vmstat's nr_* counters. */
export type LruName = EvictableLru | 'unevictable';
/** Every list, in `enum lru_list` order. */
export const LRU_NAMES: readonly LruName[] = [...EVICTABLE_LRUS, 'unevictable'];
/** Pages per list. */
export type LruSizes = Record<LruName, number>;

/** Anonymous memory (heap, stack: needs swap to be reclaimed) or file-backed page cache (dropped or written). */
export type PageKind = 'anon' | 'file';

/** A page to put on the LRU. */
export interface NewPage {
  /** A unique whole number ≥ 0 naming the page (the machine's PFN, or any id). */
  id: number;
  kind: PageKind;
  /** mlocked (or ramfs, SHM_LOCK): kept on the unevictable list, never scanned. */
  unevictable?: boolean;
  /** Written and not yet written back (file pages: the page cache's dirty data). */
  dirty?: boolean;
  /** Accessed since reclaim last looked at it. */
  referenced?: boolean;
}

/**
 * A page on an LRU list: its kind and the flags reclaim reads (the kernel's struct folio flags). The lists
 * change `lru`; reclaim and the workload change the flags.
 */
export interface LruPage {
  readonly id: number;
  readonly kind: PageKind;
  /** The list the page is on; null while reclaim holds it (isolated). */
  lru: LruName | null;
  /** Accessed since reclaim last looked (the PTE's accessed bit or PG_referenced). */
  referenced: boolean;
  /** PG_dirty: file data not yet on disk. */
  dirty: boolean;
  /** PG_writeback: being written right now. */
  writeback: boolean;
  /** PG_reclaim: reclaim wants the page as soon as its writeback ends. */
  reclaim: boolean;
}

/**
 * The LRU lists of one node (the kernel's `struct lruvec`): `new LruLists()`. Pages enter at the head of a list
 * and reclaim takes them from the tail, so the tail holds the page that has gone longest unused. Every page is
 * on exactly one list, except while reclaim has isolated it. What each method must do is written on the
 * LruLists interface below. Keep your state in private fields (`#lists`, `#pages`, …): a doubly linked list per
 * LRU list (like the kernel's list_head) keeps every operation O(1); a Map finds a page by its id.
 */
export const LruLists: new () => LruLists = class LruLists {
  constructor() {
    notImplemented('LruLists');
  }

  get count(): number {
    return notImplemented('LruLists.count');
  }

  add(page: NewPage): LruPage {
    return notImplemented('LruLists.add');
  }

  get(id: number): LruPage | undefined {
    return notImplemented('LruLists.get');
  }

  touch(id: number): boolean {
    return notImplemented('LruLists.touch');
  }

  remove(id: number): LruPage {
    return notImplemented('LruLists.remove');
  }

  isolate(lru: EvictableLru, count: number): LruPage[] {
    return notImplemented('LruLists.isolate');
  }

  putBack(page: LruPage, lru: LruName, end: 'head' | 'tail' = 'head'): void {
    notImplemented('LruLists.putBack');
  }

  sizes(): LruSizes {
    return notImplemented('LruLists.sizes');
  }

  pages(lru: LruName): LruPage[] {
    return notImplemented('LruLists.pages');
  }
};

/** What LruLists can do: `new LruLists()` returns empty lists. */
export interface LruLists {
  /** Pages held: on a list or isolated. */
  readonly count: number;
  /**
   * Puts a new page at the head of its inactive list (`lru_cache_add`), or of the unevictable list, and returns
   * it. RangeError for an id already held, an id that is not a whole number, or a kind other than anon/file.
   */
  add(page: NewPage): LruPage;
  /** The page with this id, on a list or isolated; undefined if the lists do not hold it. */
  get(id: number): LruPage | undefined;
  /**
   * An access (`folio_mark_accessed`): sets `referenced`; if it was set already and the page is inactive, the
   * page moves to the head of its active list with `referenced` cleared. Returns true when it activated the
   * page. RangeError for an unknown id.
   */
  touch(id: number): boolean;
  /** Takes the page off the lists for good (its owner freed it, or reclaim did) and returns it. RangeError for an unknown id. */
  remove(id: number): LruPage;
  /** Takes up to `count` pages off the tail of `lru`, oldest first (`isolate_lru_folios`); their `lru` is null until putBack. */
  isolate(lru: EvictableLru, count: number): LruPage[];
  /** Puts a held page at the head (default) or tail of `lru`, off whatever list it was on. RangeError for a page these lists do not hold. */
  putBack(page: LruPage, lru: LruName, end?: 'head' | 'tail'): void;
  /** Pages per list. */
  sizes(): LruSizes;
  /** The pages of one list, head (newest) to tail (oldest). */
  pages(lru: LruName): LruPage[];
}
