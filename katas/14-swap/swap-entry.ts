import { notImplemented } from '#shared/errors';

/** The kernel's limit on swap areas: a type fits in 5 bits (MAX_SWAPFILES_SHIFT), 0..31. */
export const MAX_SWAP_TYPE = 31;
/** A slot's offset fits in bits 5..54 of a pagemap entry: 0..2^50 − 1. */
export const MAX_SWAP_OFFSET = 2 ** 50 - 1;

/** A swap slot: the area's index (its type) and the slot's number in it (its offset). */
export interface SwapEntry {
  type: number;
  offset: number;
}

/** One /proc/PID/pagemap entry, read (Documentation/admin-guide/mm/pagemap.rst). */
export interface PagemapEntry {
  /** Bit 63: a page is in RAM. */
  present: boolean;
  /** Bit 62: the PTE holds a swap entry (or another swap-format entry: a guard region, a migration entry). */
  swapped: boolean;
  /** Bits 0–54 of a present page: its frame (0 for readers without CAP_SYS_ADMIN); null when not present. */
  pfn: number | null;
  /** Bits 0–4 of a swapped page: the swap area; null when not swapped. */
  swapType: number | null;
  /** Bits 5–54 of a swapped page: the slot; null when not swapped. */
  swapOffset: number | null;
  /** Bit 55: written since the soft-dirty bits were cleared. */
  softDirty: boolean;
  /** Bit 56: mapped by this process only. */
  exclusive: boolean;
  /** Bit 57: userfaultfd write-protected. */
  uffdWp: boolean;
  /** Bit 58: a guard region (MADV_GUARD_INSTALL, Linux 6.13+). */
  guard: boolean;
  /** Bit 61: a page-cache page or shared anonymous memory (not private anon). */
  fileOrSharedAnon: boolean;
}

/**
 * The pagemap entry of a swapped-out page (`pte_to_pagemap_entry`, fs/proc/task_mmu.c): bit 62 set, the type
 * in bits 0–4, the offset in bits 5–54, every other bit 0.
 * encodeSwapEntry({ type: 3, offset: 1 }) → 0x4000000000000023n, as captured.
 * RangeError for a type outside 0..31 or an offset outside 0..2^50 − 1.
 */
export function encodeSwapEntry({ type, offset }: SwapEntry): bigint {
  return notImplemented('encodeSwapEntry');
}

/**
 * Reads one 64-bit pagemap entry: the flags of bits 55–63, and bits 0–54 as a PFN (present) or as swap type
 * and offset (swapped). decodePagemapEntry(0x440000000000009fn) → swapped, guard, swapType 31, swapOffset 4: a
 * guard region. RangeError for a value outside 0..2^64 − 1, with both present and swapped set (the kernel
 * never writes that), or with a PFN of 2^53 or more (x86-64 PFNs are below 2^40).
 */
export function decodePagemapEntry(entry: bigint): PagemapEntry {
  return notImplemented('decodePagemapEntry');
}
