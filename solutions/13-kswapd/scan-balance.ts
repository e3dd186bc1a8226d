/** Reclaim priority: DEF_PRIORITY = 12 scans 1/4096 of each list; each step down doubles it; 0 scans all. */
export const DEF_PRIORITY = 12;
/** vm.swappiness ranges 0..200 since Linux 5.8 (MAX_SWAPPINESS; 0..100 before). */
export const MAX_SWAPPINESS = 200;

/**
 * How `get_scan_count` splits the pressure between anonymous and file pages (`enum scan_balance`):
 * 'file' = SCAN_FILE (file only), 'equal' = SCAN_EQUAL (both, by size), 'anon' = SCAN_ANON (anon only),
 * 'fract' = SCAN_FRACT (both, by swappiness and cost).
 */
export type ScanMode = 'file' | 'equal' | 'anon' | 'fract';

/** The four evictable LRU lists (`enum lru_list`; the fifth, unevictable, is never scanned). */
export type EvictableLru = 'inactive_anon' | 'active_anon' | 'inactive_file' | 'active_file';
/** Pages per evictable list. */
export type LruCounts = Record<EvictableLru, number>;
/** The evictable lists in `for_each_evictable_lru` order: the order reclaim visits them. */
export const EVICTABLE_LRUS: readonly EvictableLru[] = ['inactive_anon', 'active_anon', 'inactive_file', 'active_file'];

export interface ScanModeInput {
  /** Free swap pages (`get_nr_swap_pages()`); 0 = no swap, or all of it used. */
  swapPages: number;
  swappiness: number;
  /** The reclaim priority, 12 (DEF_PRIORITY) down to 0. */
  priority: number;
  /** file + free ≤ Σ high watermarks while there is inactive anon to scan (`sc->file_is_tiny`). */
  fileIsTiny: boolean;
  /** Plenty of inactive file pages to take first (`sc->cache_trim_mode`). */
  cacheTrim: boolean;
}

function checkSwappiness(swappiness: number): void {
  if (!Number.isInteger(swappiness) || swappiness < 0 || swappiness > MAX_SWAPPINESS) {
    throw new RangeError(`swappiness ${swappiness} is not a whole number 0..${MAX_SWAPPINESS}`);
  }
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a whole number ≥ 0`);
}

function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > DEF_PRIORITY) {
    throw new RangeError(`priority ${priority} is not a whole number 0..${DEF_PRIORITY}`);
  }
}

/**
 * The scan mode of global reclaim, decided in `get_scan_count`'s order: no swap → 'file' (anon cannot be
 * reclaimed, so it is not even scanned); priority 0 with swappiness ≠ 0 → 'equal' (near OOM: everything);
 * tiny file cache → 'anon'; cache trim → 'file'; else 'fract'.
 * scanMode({ swapPages: 0, swappiness: 200, priority: 0, fileIsTiny: true, cacheTrim: false }) → 'file'.
 * RangeError for swappiness outside 0..200 or priority outside 0..12.
 */
export function scanMode({ swapPages, swappiness, priority, fileIsTiny, cacheTrim }: ScanModeInput): ScanMode {
  checkSwappiness(swappiness);
  checkPriority(priority);
  if (swapPages <= 0) return 'file';
  if (priority === 0 && swappiness !== 0) return 'equal';
  if (fileIsTiny) return 'anon';
  if (cacheTrim) return 'file';
  return 'fract';
}

/** SCAN_FRACT's weights: anon's share is anon / (anon + file). */
export interface ScanFractions {
  anon: number;
  file: number;
}

/**
 * SCAN_FRACT's `ap` and `fp`, with the kernel's integer divisions (get_scan_count, mm/vmscan.c):
 * total = anonCost + fileCost; a = total + anonCost; f = total + fileCost; T = a + f;
 * ap = ⌊swappiness·(T+1)/(a+1)⌋; fp = ⌊(200−swappiness)·(T+1)/(f+1)⌋.
 * With equal costs anon : file = swappiness : 200 − swappiness: scanFractions({ swappiness: 60, anonCost: 0,
 * fileCost: 0 }) → { anon: 60, file: 140 }.
 * RangeError for swappiness outside 0..200 or a cost that is not a whole number ≥ 0.
 */
export function scanFractions({
  swappiness,
  anonCost,
  fileCost,
}: {
  swappiness: number;
  anonCost: number;
  fileCost: number;
}): ScanFractions {
  checkSwappiness(swappiness);
  checkCount('anonCost', anonCost);
  checkCount('fileCost', fileCost);
  const total = anonCost + fileCost;
  const a = total + anonCost;
  const f = total + fileCost;
  const t = a + f;
  return {
    anon: Math.floor((swappiness * (t + 1)) / (a + 1)),
    file: Math.floor(((MAX_SWAPPINESS - swappiness) * (t + 1)) / (f + 1)),
  };
}

/**
 * How many pages of each list one pass at `priority` scans: the end of `get_scan_count`. Each list gives
 * ⌊size / 2^priority⌋; 'equal' keeps that, 'fract' scales it to ⌊scan·share/(anon + file)⌋ with the share of
 * the list's type, 'file' and 'anon' zero the other type.
 * scanCounts({ sizes: { inactive_anon: 8192, active_anon: 0, inactive_file: 8192, active_file: 4096 },
 * priority: 12, mode: 'fract', fractions: { anon: 60, file: 140 } }) → { inactive_anon: 0, active_anon: 0,
 * inactive_file: 1, active_file: 0 } (2·140/200 = 1.4 and 2·60/200 = 0.6 round down).
 * RangeError for priority outside 0..12 or a size that is not a whole number ≥ 0.
 */
export function scanCounts({
  sizes,
  priority,
  mode,
  fractions,
}: {
  sizes: LruCounts;
  priority: number;
  mode: ScanMode;
  fractions: ScanFractions;
}): LruCounts {
  checkPriority(priority);
  // Stryker disable next-line ObjectLiteral: the loop below sets every list's count, in this same order
  const counts = { inactive_anon: 0, active_anon: 0, inactive_file: 0, active_file: 0 };
  const denominator = fractions.anon + fractions.file;
  for (const lru of EVICTABLE_LRUS) {
    const size = sizes[lru];
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`${lru} size ${size} is not a whole number ≥ 0`);
    const file = lru.endsWith('_file');
    // lruvec_size >> priority; a division, because >> is 32-bit in JavaScript.
    const scan = Math.floor(size / 2 ** priority);
    counts[lru] = (() => {
      switch (mode) {
        case 'equal':
          return scan;
        case 'fract':
          return denominator === 0 ? 0 : Math.floor((scan * (file ? fractions.file : fractions.anon)) / denominator);
        case 'file':
          return file ? scan : 0;
        case 'anon':
          return file ? 0 : scan;
      }
    })();
  }
  return counts;
}

/** Pages in a GiB: 2^30 / 4096 (`>> (30 − PAGE_SHIFT)`). */
const PAGES_PER_GIB = 262144;

/**
 * Is the inactive list of a type too short next to its active list (`inactive_is_low`, mm/vmscan.c)? Reclaim
 * then moves active pages down. The ratio grows with the lists: inactive · ratio < active, with
 * ratio = ⌊√(10 · GiB)⌋ once the two lists hold 1 GiB (262144 pages) or more, else 1.
 * inactiveIsLow(65536, 196608) → false (1 GiB: ratio 3, 65536 · 3 is not < 196608); inactiveIsLow(100, 200) → true.
 * RangeError for a size that is not a whole number ≥ 0.
 */
export function inactiveIsLow(inactive: number, active: number): boolean {
  checkCount('inactive', inactive);
  checkCount('active', active);
  const gib = Math.floor((inactive + active) / PAGES_PER_GIB);
  const ratio = gib ? Math.floor(Math.sqrt(10 * gib)) : 1;
  return inactive * ratio < active;
}
