import type { Access } from '#kata/09-page-table';
import { notImplemented } from '#shared/errors';
import type { AddressSpaceOptions, Mm, SwapEntry } from './mm.ts';
import type { AccessResult, FaultReason, FaultResult, MemoryStats, ResidentPage, SwapOutResult } from './results.ts';
import type { Prot, Vma } from './vma.ts';

/** mmap's options: the protection, MAP_SHARED, MAP_POPULATE. */
export interface MmapOptions {
  prot: Prot;
  shared?: boolean;
  populate?: boolean;
}

/**
 * One process's virtual memory: its VMAs, its page table (kata 9), its counters. mmap reserves address
 * space and allocates nothing; access() is the MMU, and a fault is resolved by handleMmFault as Linux's
 * handle_mm_fault does: a frame on the first write, the shared zero page on a read, a copy on a write to a
 * shared page. The state is public (`mm`) because later katas extend it; the hooks getUnmappedArea,
 * handleMmFault and zapRange are where kata 11 changes the behaviour.
 */
export class AddressSpace {
  /** Fill it in the constructor: the page table, the VMAs, the counters… (the Mm type says what each is). */
  readonly mm: Mm;

  /** An empty address space; its page table takes the PGD page from `options.frames` (pgd_alloc). */
  constructor(options: AddressSpaceOptions) {
    notImplemented('AddressSpace');
  }

  /**
   * Reserves `length` bytes (rounded up to whole pages) at the highest gap below the mmap base and returns
   * its address; allocates no frame (unless `populate`). A new VMA next to one with the same protection
   * and flags merges with it (vma_merge), as /proc/PID/maps shows. EINVAL for a length of 0 or a bad prot,
   * ENOMEM when no gap is large enough.
   */
  mmap(length: number, options: MmapOptions): bigint {
    return notImplemented('AddressSpace.mmap');
  }

  /**
   * The hook mmap places mappings with (the kernel's mm->get_unmapped_area): the address of the highest gap
   * of at least `length` bytes that ends at or below the mmap base and starts at or above MMAP_MIN_ADDR,
   * placed at the top of that gap; null when there is none. `shared` says whether it is for a MAP_SHARED
   * mapping (kata 11 overrides the hook to align private 2 MiB mappings; here it changes nothing).
   */
  getUnmappedArea(length: bigint, shared: boolean): bigint | null {
    return notImplemented('AddressSpace.getUnmappedArea');
  }

  /**
   * Removes [va, va + length) (length rounded up to whole pages) from the address space: frees the pages
   * mapped there, cuts VMAs (one in the middle splits in two). A range with nothing mapped is no error, as on
   * Linux. EINVAL for an address that is not page-aligned, a length of 0, a range beyond user space.
   */
  munmap(va: bigint, length: number): void {
    notImplemented('AddressSpace.munmap');
  }

  /**
   * The hook munmap and exit free pages with (zap_page_range): every 4 KiB PTE in [start, end) goes, a
   * private page whose last PTE goes back to the FrameAllocator, a swap entry goes back to the swap system.
   * A walk that stops above the PTE level has nothing of size 4 KiB there and skips that level's span
   * (kata 11 overrides this hook to deal with 2 MiB pages first).
   */
  zapRange(start: bigint, end: bigint): void {
    notImplemented('AddressSpace.zapRange');
  }

  /**
   * The MMU: translates `va` for a read, write or instruction fetch (setting the PTE's Accessed and Dirty bits).
   * If that faults, the kernel's side (do_user_addr_fault): no VMA → segv 'no-vma'; a VMA that forbids the
   * access → segv 'protection' (x86 reads anything that is readable, writable or executable); else
   * handleMmFault makes the page present, the fault is counted, and the access is tried again.
   */
  access(va: bigint, kind: Access): AccessResult {
    return notImplemented('AddressSpace.access');
  }

  /**
   * The hook access() calls for a fault in a VMA that allows the access (handle_mm_fault). `reason` is the
   * MMU's: 'not-present' (nothing mapped yet, or a swap entry) or 'protection' (a write to a read-only PTE).
   * Maps the page and says how; 'oom' (and no change) when there is no frame. Kata 11 overrides it.
   */
  handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
    return notImplemented('AddressSpace.handleMmFault');
  }

  /**
   * A child with a copy of every VMA (copy_page_range): private pages are shared read-only by both sides
   * until one writes (copy-on-write), the zero page and swap entries are copied, MAP_SHARED mappings are
   * not (the child faults them in from the same shmem object). The child is made by the same class, with
   * the same options and the same page state. ENOMEM (and no child) when a page table finds no frame.
   */
  fork(): AddressSpace {
    return notImplemented('AddressSpace.fork');
  }

  /** The process exits (exit_mmap): every VMA is unmapped, every frame goes back, the page table too. */
  exit(): void {
    notImplemented('AddressSpace.exit');
  }

  /** The VMAs in address order, as /proc/PID/maps lists them (copies: changing them changes nothing). */
  vmas(): Vma[] {
    return notImplemented('AddressSpace.vmas');
  }

  /** The memory lines of /proc/PID/status in KiB, and the fault counts (fs/proc/task_mmu.c task_mem). */
  stats(): MemoryStats {
    return notImplemented('AddressSpace.stats');
  }

  /**
   * The 64-bit entry /proc/PID/pagemap holds for the page of `va` (pte_to_pagemap_entry): present (bit 63)
   * with the PFN, exclusive (56) when one PTE maps the frame, file-or-shared (61) for a MAP_SHARED page;
   * swapped (62) with the swap type in bits 0–4 and the offset from bit 5; 0 when nothing is there.
   * EINVAL for an address outside user space.
   */
  pagemap(va: bigint): bigint {
    return notImplemented('AddressSpace.pagemap');
  }

  /** Every page counted in RSS (the zero page is not), in address order, with its PTE's bits. */
  residentPages(): ResidentPage[] {
    return notImplemented('AddressSpace.residentPages');
  }

  /**
   * Clears the Accessed bit of the PTE that maps `va` and says whether it was set (ptep_test_and_clear_young,
   * what reclaim's second chance asks). A Dirty bit is kept, on the page. false when no 4 KiB page is there.
   */
  clearYoung(va: bigint): boolean {
    return notImplemented('AddressSpace.clearYoung');
  }

  /**
   * Replaces the PTE of the private page at `va` by swap entry `entry` (try_to_unmap_one): RssAnon − 1,
   * VmSwap + 1. The frame is not freed: it is the caller's (kata 14 writes it out, keeps it in the swap cache
   * or frees it) once no PTE maps it. EINVAL when no private page is present there or the entry is out of range.
   */
  swapOut(va: bigint, entry: SwapEntry): SwapOutResult {
    return notImplemented('AddressSpace.swapOut');
  }
}
