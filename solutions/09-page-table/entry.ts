import { wordsOf } from '#shared/words';

/**
 * One 64-bit page-table entry, x86-64 layout (arch/x86/include/asm/pgtable_types.h, _PAGE_BIT_*):
 *
 *   63   62..52   51 ........................ 12   11..9   8   7   6   5   4   3   2   1   0
 *   NX   (unused) physical frame number (PFN)      (soft)  G   PS  D   A   PCD PWT U/S R/W P
 */

/** Bit 0, P: the entry points somewhere. Clear → the MMU stops here with a not-present fault. */
export const PTE_PRESENT = 1n << 0n;
/** Bit 1, R/W: writes allowed. */
export const PTE_WRITE = 1n << 1n;
/** Bit 2, U/S: user mode may use it. Clear → kernel only. */
export const PTE_USER = 1n << 2n;
/** Bit 5, A: set by the MMU when it uses the entry. */
export const PTE_ACCESSED = 1n << 5n;
/** Bit 6, D: set by the MMU when it writes through a leaf entry. */
export const PTE_DIRTY = 1n << 6n;
/** Bit 7, PS: in a PMD entry, "this entry maps a 2 MiB page" instead of pointing at a PTE table. */
export const PTE_HUGE = 1n << 7n;
/** Bit 8, G: global, kept in the TLB across address-space switches (kernel mappings). */
export const PTE_GLOBAL = 1n << 8n;
/** Bit 63, NX: no instruction fetch through this entry. */
export const PTE_NX = 1n << 63n;

/**
 * The flags of an entry that points at a lower table: P | R/W | U/S | A | D, the kernel's _PAGE_TABLE
 * (pgd_populate, pud_populate and pmd_populate write it). Permissions are decided by the leaf entry.
 */
export const PTE_TABLE = PTE_PRESENT | PTE_WRITE | PTE_USER | PTE_ACCESSED | PTE_DIRTY;

/** The PFN field: bits 12..51 (40 bits, so a PFN is below 2^40 and fits a number). */
const PFN_MASK = ((1n << 40n) - 1n) << 12n;
const MAX_PFN = 2 ** 40 - 1;

/**
 * The entry for frame `pfn` with `flags`: pfn in bits 12..51, flags in the other bits.
 * makeEntry(0x137be8, PTE_PRESENT | PTE_WRITE) → 0x137be8003n. RangeError for a pfn that is not an integer
 * in 0 … 2^40 − 1, or flags that are not a 64-bit value or overlap the PFN field.
 */
export function makeEntry(pfn: number, flags: bigint): bigint {
  if (!Number.isInteger(pfn) || pfn < 0 || pfn > MAX_PFN) {
    throw new RangeError(`pfn must be an integer 0 … 2^40 − 1, got ${pfn}`);
  }
  // A negative bigint has every bit set, the PFN field's too; a value of 2^64 or more has a bit above 63.
  if ((flags & PFN_MASK) !== 0n || flags >> 64n !== 0n) {
    throw new RangeError(`flags must be a 64-bit value with bits 12..51 clear, got 0x${flags.toString(16)}`);
  }
  return (BigInt(pfn) << 12n) | flags;
}

/** The frame number in bits 12..51 of an entry: entryPfn(0x8000000137be8067n) → 0x137be8. */
export function entryPfn(entry: bigint): number {
  // From the entry's two 32-bit words (#shared/words), 6× faster than `Number((entry & PFN_MASK) >> 12n)`, which
  // makes two bigints; entryPfn runs for every PTE that reclaim, swap and munmap look at. Bits 32..51 (the high
  // word's low 20 bits) above bits 12..31 (the low word without its 12 flag bits).
  const words = wordsOf(entry);
  return ((words[1] as number) & 0xfffff) * 2 ** 20 + ((words[0] as number) >>> 12);
}
