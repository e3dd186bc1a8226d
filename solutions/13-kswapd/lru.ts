import { SparseArray } from '#shared/sparse-array';
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

/** The list a page of this kind belongs on: inactive or active, anon or file. */
function lruOf(kind: PageKind, active: boolean): EvictableLru {
  if (kind === 'anon') return active ? 'active_anon' : 'inactive_anon';
  return active ? 'active_file' : 'inactive_file';
}

/** A page as the lists hold it: an LruPage with the links of the kernel's `folio->lru` list_head. */
class Folio implements LruPage {
  lru: LruName | null = null;
  writeback = false;
  reclaim = false;
  prev: Folio | null = null;
  next: Folio | null = null;

  constructor(
    readonly id: number,
    readonly kind: PageKind,
    public referenced: boolean,
    public dirty: boolean,
  ) {}
}

/** One doubly linked list (`struct list_head`): the head holds the newest page, the tail the oldest. */
class PageList {
  head: Folio | null = null;
  tail: Folio | null = null;
  size = 0;

  addHead(page: Folio): void {
    page.prev = null;
    page.next = this.head;
    if (this.head) this.head.prev = page;
    else this.tail = page;
    this.head = page;
    this.size++;
  }

  addTail(page: Folio): void {
    page.next = null;
    page.prev = this.tail;
    if (this.tail) this.tail.next = page;
    else this.head = page;
    this.tail = page;
    this.size++;
  }

  delete(page: Folio): void {
    if (page.prev) page.prev.next = page.next;
    else this.head = page.next;
    if (page.next) page.next.prev = page.prev;
    else this.tail = page.prev;
    page.prev = null;
    page.next = null;
    this.size--;
  }
}

/**
 * The LRU lists of one node (the kernel's `struct lruvec`): `new LruLists()`. Pages enter at the head of a list
 * and reclaim takes them from the tail, so the tail holds the page that has gone longest unused. Every page is
 * on exactly one list, except while reclaim has isolated it.
 */
export const LruLists: new () => LruLists = class LruLists {
  readonly #lists: Record<LruName, PageList> = {
    inactive_anon: new PageList(),
    active_anon: new PageList(),
    inactive_file: new PageList(),
    active_file: new PageList(),
    unevictable: new PageList(),
  };
  // Pages by id in arrays indexed by id, not a Map: ids are whole numbers (kata 16's PFNs, the zone's 1, 2,
  // 3 …), and with a Map of 262144 pages churned by allocation and reclaim scripts/bench/reclaim.mjs took 1.4 s
  // of CPU a run instead of 0.85 s. A SparseArray, not one plain array: kata 16's PFNs start near 2^20, where
  // V8 would keep a plain array as a dictionary (the LRU's add was 7 % of kata 16's swap_test).
  readonly #pages = new SparseArray<Folio>();
  get count(): number {
    return this.#pages.size;
  }

  add({ id, kind, unevictable = false, dirty = false, referenced = false }: NewPage): LruPage {
    if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`page id ${id} is not a whole number ≥ 0`);
    if (kind !== 'anon' && kind !== 'file')
      throw new RangeError(`page kind ${JSON.stringify(kind)} is not anon or file`);
    if (this.#pages.has(id)) throw new RangeError(`page ${id} is already on the LRU`);
    const page = new Folio(id, kind, referenced, dirty);
    this.#pages.set(id, page);
    // lru_add(): a new page starts inactive (anon too, since Linux 5.9), so it must prove itself to stay.
    this.#link(page, unevictable ? 'unevictable' : lruOf(kind, false), 'head');
    return page;
  }

  get(id: number): LruPage | undefined {
    return this.#pages.get(id);
  }

  touch(id: number): boolean {
    const page = this.#find(id);
    // folio_mark_accessed(): the first access sets referenced, a second one activates an inactive page.
    if (!page.referenced) {
      page.referenced = true;
      return false;
    }
    if (page.lru !== 'inactive_anon' && page.lru !== 'inactive_file') return false;
    this.#unlink(page);
    page.referenced = false;
    this.#link(page, lruOf(page.kind, true), 'head');
    return true;
  }

  remove(id: number): LruPage {
    const page = this.#find(id);
    this.#unlink(page); // off its list, if it is on one (an isolated page is on none)
    this.#pages.delete(id);
    return page;
  }

  isolate(lru: EvictableLru, count: number): LruPage[] {
    const list = this.#list(lru);
    const taken: LruPage[] = [];
    // isolate_lru_folios(): oldest first, from the tail.
    while (taken.length < count && list.tail) {
      const page = list.tail;
      this.#unlink(page);
      taken.push(page);
    }
    return taken;
  }

  putBack(page: LruPage, lru: LruName, end: 'head' | 'tail' = 'head'): void {
    const held = this.#pages.get(page.id);
    if (held !== page) throw new RangeError(`page ${page.id} is not on these lists`);
    this.#list(lru); // checked before the page leaves its list
    this.#unlink(held);
    this.#link(held, lru, end);
  }

  sizes(): LruSizes {
    // Stryker disable next-line ObjectLiteral: the loop below sets every list's count, in this same order
    const sizes = { inactive_anon: 0, active_anon: 0, inactive_file: 0, active_file: 0, unevictable: 0 };
    for (const name of LRU_NAMES) sizes[name] = this.#list(name).size;
    return sizes;
  }

  pages(lru: LruName): LruPage[] {
    const pages: LruPage[] = [];
    for (let page = this.#list(lru).head; page; page = page.next) pages.push(page);
    return pages;
  }

  #find(id: number): Folio {
    const page = this.#pages.get(id);
    if (!page) throw new RangeError(`page ${id} is not on the LRU`);
    return page;
  }

  /** A list by name, checked: for names that come from outside. */
  #list(name: LruName): PageList {
    if (!Object.hasOwn(this.#lists, name)) throw new RangeError(`${JSON.stringify(name)} is not an LRU list`);
    return this.#lists[name];
  }

  /** Onto a list whose name was checked, or made here. */
  #link(page: Folio, lru: LruName, end: 'head' | 'tail'): void {
    const list = this.#lists[lru];
    if (end === 'head') list.addHead(page);
    else list.addTail(page);
    page.lru = lru;
  }

  #unlink(page: Folio): void {
    if (page.lru) this.#lists[page.lru].delete(page); // page.lru is always one of ours
    page.lru = null;
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
