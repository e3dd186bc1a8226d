import { notImplemented } from '#shared/errors';

/** The four levels of an x86-64 page table, top to bottom (the P4D level is folded away with 4-level paging). */
export type Level = 'pgd' | 'pud' | 'pmd' | 'pte';

/** The levels in the order the MMU walks them. */
export const LEVELS: readonly Level[] = ['pgd', 'pud', 'pmd', 'pte'];

/** Where each level's 9-bit index starts in the address: PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT. */
export const LEVEL_SHIFT: Readonly<Record<Level, number>> = { pgd: 39, pud: 30, pmd: 21, pte: 12 };

/** Entries in one table page: 4096 bytes / 8 bytes per entry (PTRS_PER_PTE and friends). */
export const ENTRIES_PER_TABLE = 512;

/**
 * How many bytes one entry at this level maps: a PTE maps a 4 KiB page, a PMD entry 512 of those (2 MiB),
 * a PUD entry 1 GiB, a PGD entry 512 GiB. bytesMappedBy('pmd') → 2097152n.
 */
export function bytesMappedBy(level: Level): bigint {
  return notImplemented('bytesMappedBy');
}
