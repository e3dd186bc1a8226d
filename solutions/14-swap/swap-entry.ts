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

const bit = (n: number): bigint => 1n << BigInt(n);
const PM_PRESENT = bit(63);
const PM_SWAP = bit(62);
const PM_FILE = bit(61);
const PM_GUARD_REGION = bit(58);
const PM_UFFD_WP = bit(57);
const PM_MMAP_EXCLUSIVE = bit(56);
const PM_SOFT_DIRTY = bit(55);
const PM_PFRAME_MASK = bit(55) - 1n;
const MAX_SWAPFILES_SHIFT = 5n;
/** 2^64: pagemap entries are below it. */
const U64_END = bit(64);
/** The largest PFN a number keeps exactly. */
const MAX_SAFE_FRAME = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The pagemap entry of a swapped-out page (`pte_to_pagemap_entry`, fs/proc/task_mmu.c): bit 62 set, the type
 * in bits 0–4, the offset in bits 5–54, every other bit 0.
 * encodeSwapEntry({ type: 3, offset: 1 }) → 0x4000000000000023n, as captured.
 * RangeError for a type outside 0..31 or an offset outside 0..2^50 − 1.
 */
export function encodeSwapEntry({ type, offset }: SwapEntry): bigint {
  if (!Number.isInteger(type) || type < 0 || type > MAX_SWAP_TYPE) {
    throw new RangeError(`swap type ${type} is not a whole number 0..${MAX_SWAP_TYPE}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_SWAP_OFFSET) {
    throw new RangeError(`swap offset ${offset} is not a whole number 0..2^50 − 1`);
  }
  // frame = swp_type(entry) | swp_offset(entry) << MAX_SWAPFILES_SHIFT
  return PM_SWAP | BigInt(type) | (BigInt(offset) << MAX_SWAPFILES_SHIFT);
}

/**
 * Reads one 64-bit pagemap entry: the flags of bits 55–63, and bits 0–54 as a PFN (present) or as swap type
 * and offset (swapped). decodePagemapEntry(0x440000000000009fn) → swapped, guard, swapType 31, swapOffset 4: a
 * guard region. RangeError for a value outside 0..2^64 − 1, with both present and swapped set (the kernel
 * never writes that), or with a PFN of 2^53 or more (x86-64 PFNs are below 2^40).
 */
export function decodePagemapEntry(entry: bigint): PagemapEntry {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a negative bigint has bits 63 and 62 set, refused below anyway
  if (typeof entry !== 'bigint' || entry < 0n || entry >= U64_END) {
    throw new RangeError(`a pagemap entry is a 64-bit unsigned number, got ${String(entry)}`);
  }
  const present = (entry & PM_PRESENT) !== 0n;
  const swapped = (entry & PM_SWAP) !== 0n;
  if (present && swapped) throw new RangeError(`0x${entry.toString(16)} is both present and swapped`);
  const frame = entry & PM_PFRAME_MASK;
  // x86-64 PFNs are below 2^40; a number keeps them exactly, but not a field of 2^53 or more.
  if (present && frame > MAX_SAFE_FRAME) {
    throw new RangeError(`0x${entry.toString(16)}: PFN 0x${frame.toString(16)} is beyond 2^53`);
  }
  return {
    present,
    swapped,
    pfn: present ? Number(frame) : null,
    swapType: swapped ? Number(frame & 0x1fn) : null,
    swapOffset: swapped ? Number(frame >> MAX_SWAPFILES_SHIFT) : null,
    softDirty: (entry & PM_SOFT_DIRTY) !== 0n,
    exclusive: (entry & PM_MMAP_EXCLUSIVE) !== 0n,
    uffdWp: (entry & PM_UFFD_WP) !== 0n,
    guard: (entry & PM_GUARD_REGION) !== 0n,
    fileOrSharedAnon: (entry & PM_FILE) !== 0n,
  };
}
