import { LruLists, type NewPage, type ScanControl } from '#kata/13-kswapd';

export type Lists = InstanceType<typeof LruLists>;

/** Lists holding these pages, added in order (so the first is at the tail, the oldest). */
export function listsOf(pages: NewPage[]): Lists {
  const lists = new LruLists();
  for (const page of pages) lists.add(page);
  return lists;
}

/** `count` pages of one kind with ids from `first`, each with the same flags. */
export function pages(first: number, count: number, page: Omit<NewPage, 'id'>): NewPage[] {
  return Array.from({ length: count }, (_, i) => ({ ...page, id: first + i }));
}

/** A scan control with defaults for a test: kswapd, priority 0, swappiness 60, no swap, no limit. */
export function control(more: Partial<ScanControl> = {}): ScanControl {
  return {
    reclaimer: 'kswapd',
    priority: 0,
    swappiness: 60,
    swapFree: 0,
    nrToReclaim: 32,
    freePages: 1000,
    highWatermark: 0,
    ...more,
  };
}

/** The ids on a list, head (newest) to tail (oldest). */
export const idsOn = (lists: Lists, lru: Parameters<Lists['pages']>[0]) => lists.pages(lru).map((p) => p.id);

/** A small zone for the specs: 1000 pages, min 100, low 125, high 150, kswapd scans up to 64 pages a tick. */
export const SMALL = { managedPages: 1000, watermarks: { min: 100, low: 125, high: 150 }, kswapdBatch: 64 };
