import type { ThpMode } from '#kata/11-transparent-huge-pages';
import { computeWatermarks, lowmemReserve, minFreeKbytes, thpMinFreeKbytes } from '#kata/12-watermarks';
import { MAX_SWAPPINESS } from '#kata/13-kswapd';
import { MIN_SWAP_PAGES } from '#kata/14-swap';

/** sizeof(struct page) on x86-64: the memory map costs 64 bytes for every 4 KiB page of RAM (1/64 of it). */
export const STRUCT_PAGE_BYTES = 64;
/**
 * What the kernel image keeps for itself, in KiB: code + rwdata + rodata + bss of this machine's 6.18 kernel
 * (`dmesg`: "Memory: … (18906K kernel code, 2544K rwdata, 10284K rodata, 3752K init, 1220K bss, …)"; init is
 * freed after boot). The default `kernelKb`.
 */
export const KERNEL_IMAGE_KB = 32954;
/** The machine's disk when none is given: 8 GiB for the swap file and the files written. */
export const DEFAULT_DISK_KB = 8 * 1024 * 1024;
/** x86-64's Normal zone starts at 4 GiB (PFN 0x100000): zoneinfo's `start_pfn`. */
export const NORMAL_START_PFN = 0x100000;
/** The zones of an x86-64 node, in order (zoneinfo prints all of them; only Normal has memory here). */
export const ZONE_NAMES = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'] as const;
/** vm.lowmem_reserve_ratio's default, one ratio per zone. */
export const LOWMEM_RESERVE_RATIO = [256, 256, 32, 0, 0] as const;
/** The simulated machine has two CPUs, as this VM does (zoneinfo prints a pageset per CPU). */
export const CPUS = 2;

/** What a machine is built from. Sizes in KiB. */
export interface MachineConfig {
  /** Installed RAM, a whole number of pages (a multiple of 4 KiB). Seed 004: 1 GiB = 1048576. */
  memoryKb: number;
  /** The swap file, header page included (0 or absent: no swap). At least 40 KiB (mkswap's 10 pages). */
  swapKb?: number;
  /** The disk the swap file and the files live on (default DEFAULT_DISK_KB). */
  diskKb?: number;
  /** The kernel image's own memory, besides the memory map (default KERNEL_IMAGE_KB). */
  kernelKb?: number;
  /** /sys/kernel/mm/transparent_hugepage/enabled (default 'madvise', as on this machine). */
  thp?: ThpMode;
  /** vm.swappiness, 0..200 (default 60). */
  swappiness?: number;
  /** vm.min_free_kbytes; default: the kernel's rule (kata 12), raised by khugepaged when THP is not 'never'. */
  minFreeKbytes?: number;
  /** vm.watermark_scale_factor, 1..3000 (default 10). */
  watermarkScaleFactor?: number;
  /** The Normal zone's watermarks in pages, instead of the ones min_free_kbytes gives. */
  watermarks?: { min: number; low: number; high: number };
  /** Pages kswapd may scan in one tick (1 ms): how fast it works (default 1024). */
  kswapdBatch?: number;
}

/** One zone of the node as zoneinfo shows it: the empty zones too. */
export interface ZoneLayout {
  name: (typeof ZONE_NAMES)[number];
  spanned: number;
  present: number;
  managed: number;
  min: number;
  low: number;
  high: number;
  promo: number;
  /** lowmem_reserve[]: zoneinfo's `protection: (…)`. */
  protection: number[];
  startPfn: number;
}

/** The machine laid out: everything in pages unless it says KiB. */
export interface MachinePlan {
  memoryKb: number;
  /** Frames of RAM: memoryKb / 4. */
  totalPages: number;
  /** Frames the kernel keeps (memory map and image): never in the buddy allocator. */
  reservedPages: number;
  /** Frames the buddy allocator manages: MemTotal / 4. */
  managedPages: number;
  /** The Normal zone's first PFN; the kernel's pages come first, the buddy allocator's from basePfn. */
  startPfn: number;
  basePfn: number;
  minFreeKbytes: number;
  watermarks: { min: number; low: number; high: number; promo: number };
  /** All five zones, for zoneinfo. */
  zones: ZoneLayout[];
  /** Pages of the swap file (header included); 0 without swap. */
  swapPages: number;
  diskKb: number;
  thp: ThpMode;
  swappiness: number;
  kswapdBatch: number;
  cpus: number;
}

/** Which part of a MachineConfig is impossible. */
export type MachineConfigField =
  | 'memoryKb'
  | 'swapKb'
  | 'diskKb'
  | 'kernelKb'
  | 'thp'
  | 'swappiness'
  | 'minFreeKbytes'
  | 'watermarkScaleFactor'
  | 'watermarks'
  | 'kswapdBatch';

/** A configuration no machine could have, refused before anything runs; `field` names the culprit. */
export class MachineConfigError extends Error {
  override readonly name = 'MachineConfigError';
  readonly field: MachineConfigField;

  constructor(field: MachineConfigField, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

const isWhole = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Checks a config and lays the machine out as Linux would boot it (kata 12's rules):
 *
 *     reserved = ⌈totalPages × 64 / 4096⌉ + ⌈kernelKb / 4⌉      (memory map + kernel image)
 *     managed  = totalPages − reserved
 *     min_free_kbytes = minFreeKbytes(managed × 4), then, unless THP is 'never', raised to
 *                       thpMinFreeKbytes({ zones: 1, lowmemKb: max(managed − high, 0) × 4 }) with that first high
 *     watermarks = computeWatermarks(the five zones, min_free_kbytes, watermarkScaleFactor)
 *     protection = lowmemReserve(the five zones, 256 256 32 0 0)
 *
 * All memory is one Normal zone starting at PFN 0x100000 (DMA, DMA32, Movable and Device are empty).
 * planMachine({ memoryKb: 1048576 }) → 249809 managed pages, min_free_kbytes 22528, min 5632, low 7040, high 8448.
 * MachineConfigError (field set) for: a size that is not a whole number of KiB ≥ 0 (memory, swap and disk a
 * whole number of pages), memory not larger than the kernel's own reserve, swap between 0 and 40 KiB, swap
 * larger than the disk, THP not always/madvise/never, swappiness outside 0..200, a watermark scale factor
 * outside 1..3000, watermarks out of order (need 1 ≤ min ≤ low ≤ high < managed), kswapdBatch < 1.
 */
export function planMachine(config: MachineConfig): MachinePlan {
  const {
    memoryKb,
    swapKb = 0,
    diskKb = DEFAULT_DISK_KB,
    kernelKb = KERNEL_IMAGE_KB,
    thp = 'madvise',
    swappiness = 60,
    watermarkScaleFactor = 10,
    kswapdBatch = 1024,
  } = config;
  pages('memoryKb', memoryKb);
  pages('swapKb', swapKb);
  pages('diskKb', diskKb);
  if (!isWhole(kernelKb)) throw new MachineConfigError('kernelKb', `${kernelKb} is not a whole number of KiB ≥ 0`);
  const totalPages = memoryKb / 4;
  const reservedPages = Math.ceil((totalPages * STRUCT_PAGE_BYTES) / 4096) + Math.ceil(kernelKb / 4);
  if (totalPages <= reservedPages) {
    throw new MachineConfigError(
      'memoryKb',
      `${memoryKb} KiB of RAM is not more than the kernel's own ${reservedPages * 4} KiB (memory map and image)`,
    );
  }
  if (swapKb > 0 && swapKb < MIN_SWAP_PAGES * 4) {
    throw new MachineConfigError('swapKb', `${swapKb} KiB: mkswap needs ${MIN_SWAP_PAGES * 4} KiB or more`);
  }
  if (swapKb > diskKb) {
    throw new MachineConfigError('swapKb', `a ${swapKb} KiB swap file does not fit on a ${diskKb} KiB disk`);
  }
  if (thp !== 'always' && thp !== 'madvise' && thp !== 'never') {
    throw new MachineConfigError('thp', `${String(thp)} is not always, madvise or never`);
  }
  if (!Number.isInteger(swappiness) || swappiness < 0 || swappiness > MAX_SWAPPINESS) {
    throw new MachineConfigError('swappiness', `${swappiness} is not a whole number 0..${MAX_SWAPPINESS}`);
  }
  if (!Number.isInteger(watermarkScaleFactor) || watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
    throw new MachineConfigError('watermarkScaleFactor', `${watermarkScaleFactor} is not a whole number 1..3000`);
  }
  if (!isWhole(kswapdBatch) || kswapdBatch < 1) {
    throw new MachineConfigError('kswapdBatch', `${kswapdBatch} is not a whole number of pages ≥ 1`);
  }
  const managedPages = totalPages - reservedPages;
  const sizes = ZONE_NAMES.map((name) => ({ name, managed: name === 'Normal' ? managedPages : 0 }));
  const normal = ZONE_NAMES.indexOf('Normal');

  let minFree = config.minFreeKbytes;
  if (minFree === undefined) {
    // init_per_zone_wmark_min() runs while every high watermark is still 0, then khugepaged raises it.
    minFree = minFreeKbytes(managedPages * 4);
    if (thp !== 'never') {
      // nr_free_buffer_pages(): managed − high of each zone, where that is positive.
      const first = computeWatermarks(sizes, minFree, watermarkScaleFactor)[normal] as { high: number };
      const lowmem = Math.max(managedPages - first.high, 0);
      minFree = Math.max(minFree, thpMinFreeKbytes({ zones: 1, lowmemKb: lowmem * 4 }));
    }
  } else if (!isWhole(minFree)) {
    throw new MachineConfigError('minFreeKbytes', `${minFree} is not a whole number of KiB ≥ 0`);
  }
  const marks = computeWatermarks(sizes, minFree, watermarkScaleFactor);
  const computed = marks[normal] as { min: number; low: number; high: number; promo: number };
  const watermarks = config.watermarks ? { ...config.watermarks, promo: computed.promo } : computed;
  const { min, low, high } = watermarks;
  if (![min, low, high].every(isWhole) || !(1 <= min && min <= low && low <= high && high < managedPages)) {
    throw new MachineConfigError(
      'watermarks',
      `min ${min}, low ${low}, high ${high}: need whole numbers 1 ≤ min ≤ low ≤ high < ${managedPages} (managed)`,
    );
  }
  const protection = lowmemReserve(sizes, [...LOWMEM_RESERVE_RATIO]);
  const zones = ZONE_NAMES.map((name, i): ZoneLayout => {
    const own = name === 'Normal';
    const m = own ? watermarks : (marks[i] as typeof computed);
    return {
      name,
      spanned: own ? totalPages : 0,
      present: own ? totalPages : 0,
      managed: own ? managedPages : 0,
      min: m.min,
      low: m.low,
      high: m.high,
      promo: m.promo,
      protection: protection[i] as number[],
      startPfn: own ? NORMAL_START_PFN : 0,
    };
  });
  return {
    memoryKb,
    totalPages,
    reservedPages,
    managedPages,
    startPfn: NORMAL_START_PFN,
    basePfn: NORMAL_START_PFN + reservedPages,
    minFreeKbytes: minFree,
    watermarks,
    zones,
    swapPages: swapKb / 4,
    diskKb,
    thp,
    swappiness,
    kswapdBatch,
    cpus: CPUS,
  };
}

/** A size that must be a whole number of pages (KiB, a multiple of 4, ≥ 0). */
function pages(field: 'memoryKb' | 'swapKb' | 'diskKb', kb: unknown): void {
  if (!isWhole(kb) || kb % 4 !== 0) {
    throw new MachineConfigError(
      field,
      `${String(kb)} is not a whole number of 4 KiB pages (KiB ≥ 0, a multiple of 4)`,
    );
  }
}
