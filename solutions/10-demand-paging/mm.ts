import type { FrameAllocator, PageTable } from '#kata/09-page-table';
import type { PageAddressMap } from '#shared/page-address-map';
import type { SparseArray } from '#shared/sparse-array';
import type { Vma } from './vma.ts';

/**
 * Where mmap starts looking, top down: TASK_SIZE − 128 MiB (mm/util.c mmap_base(): the stack's 8 MiB limit
 * plus its guard gap, raised to the 128 MiB minimum), without address-space randomisation. Live
 * (`setarch -R`): the first mappings end at 0x7ffff7fff000.
 */
export const MMAP_BASE = 0x7ffff7fff000n;
/** The lowest address mmap hands out: vm.mmap_min_addr (4096 on the capture machine). */
export const MMAP_MIN_ADDR = 0x1000n;
/** The end of user space: TASK_SIZE_MAX = 2^47 − 4096. */
export const TASK_SIZE = 0x7ffffffff000n;
/**
 * The frame of the shared zero page: the kernel reserves it at boot, so no allocator hands it out. 0x3b32 is
 * its PFN on the capture machine (every read-faulted page in spec/fixtures/pagemap reads 0x8000000000003b32).
 */
export const ZERO_PFN = 0x3b32;

/** A slot of a swap area, as kata 14 hands them out: the area's index and the slot's offset in it. */
export interface SwapEntry {
  type: number;
  offset: number;
}

/**
 * What the address space asks the swap system (kata 14) for. It never frees a swap slot itself: it says
 * when a PTE stops using one.
 */
export interface SwapBackend {
  /**
   * The page behind `entry`, in a frame: from the swap cache (major: false) or read from the device (major:
   * true), or null when there is no free frame. The frame is the backend's until the fault maps it.
   */
  swapIn(entry: SwapEntry): { pfn: number; major: boolean } | null;
  /** fork copied a PTE that holds `entry`: one more user of the slot (swap_duplicate). */
  duplicate(entry: SwapEntry): void;
  /** A PTE that held `entry` is gone: swapped back in, unmapped or exited (swap_free). */
  free(entry: SwapEntry): void;
  /**
   * How many PTEs hold `entry` (the slot's swap_map count). A page from the swap cache is shared with them
   * until they let go: do_swap_page maps it writable only when this PTE is the only one.
   */
  useCount(entry: SwapEntry): number;
}

/** One frame as the kernel's struct folio sees it. */
export interface Page {
  /** How many PTEs (in any address space sharing these pages) map it: 2 after fork, until one side copies. */
  mapcount: number;
  /** The dirty state the PTE's D bit handed over when a PTE was removed or rewritten (folio_mark_dirty). */
  dirty: boolean;
  /** 'anon': a private anonymous page, freed when its mapcount reaches 0; 'shmem': belongs to a ShmemObject. */
  kind: 'anon' | 'shmem';
  /**
   * The slot whose swap cache holds the page (folio->swap): set when it comes back from swap, or is swapped out
   * while another PTE still maps it. While other PTEs hold that slot they share the page: a write copies it.
   */
  swap?: SwapEntry;
}

/** The counters /proc/PID/status and /proc/PID/stat print, in pages (minor and major faults as counts). */
export interface Counters {
  minorFaults: number;
  majorFaults: number;
  /** MM_ANONPAGES: private anonymous pages mapped (the zero page is not one). */
  anonPages: number;
  /** MM_SHMEMPAGES: pages of shared mappings mapped. */
  shmemPages: number;
  /** MM_SWAPENTS: PTEs holding a swap entry. */
  swapEntries: number;
  /** total_vm: pages of all VMAs. */
  totalVm: number;
  /** The largest anonPages + shmemPages and totalVm ever reached (VmHWM, VmPeak). */
  hiwaterRss: number;
  hiwaterVm: number;
}

/** What `new AddressSpace(options)` takes. fork() passes the same options to the child, with `pages`. */
export interface AddressSpaceOptions {
  /** Frames for pages and for page-table pages (kata 9's FrameAllocator; a kata 7 BuddyAllocator fits). */
  frames: FrameAllocator;
  /** Where top-down placement starts (default MMAP_BASE). */
  mmapBase?: bigint;
  /** The shared zero page's frame (default ZERO_PFN); the allocator must never hand it out. */
  zeroPfn?: number;
  /** Page state shared with other address spaces: fork passes its own, a machine may pass one for all. */
  pages?: SparseArray<Page>;
  /** The swap system (kata 14); needed only once swapOut has been used. */
  swap?: SwapBackend;
}

/**
 * The state of one address space (the kernel's struct mm_struct), public so that later katas can build on
 * it: kata 11 adds 2 MiB pages, katas 13, 14 and 16 reclaim and swap its pages.
 */
export interface Mm {
  readonly options: AddressSpaceOptions;
  readonly frames: FrameAllocator;
  /** Kata 9's page table: the only record of which page is mapped where. */
  readonly pageTable: PageTable;
  /**
   * The page of every frame this address space (and its forks) maps, by PFN: the kernel's mem_map, where
   * pfn_to_page() is an index into an array of struct page (SparseArray says how).
   */
  readonly pages: SparseArray<Page>;
  /** The VMAs, sorted by start, never overlapping. */
  readonly vmas: Vma[];
  /** Swapped-out pages: the swap entry their PTE holds, by page address. */
  readonly swapEntries: PageAddressMap<SwapEntry>;
  readonly counters: Counters;
  readonly mmapBase: bigint;
  readonly zeroPfn: number;
}
