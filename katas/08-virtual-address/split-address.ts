import { notImplemented } from '#shared/errors';
import { AddressError } from './address-error.ts';

/** An address cut into the four table indices (0 … 511 each) and the byte offset in the page (0 … 4095). */
export interface AddressParts {
  pgd: number;
  pud: number;
  pmd: number;
  pte: number;
  offset: number;
}

/**
 * 0x7ffcf7980000 → { pgd: 255, pud: 499, pmd: 444, pte: 384, offset: 0 }: bits 47..39, 38..30, 29..21, 20..12
 * and 11..0 (pgd_index, pud_index, pmd_index, pte_index in the kernel). Throws AddressError for an address
 * that is not canonical.
 */
export function splitAddress(va: bigint): AddressParts {
  return notImplemented('splitAddress');
}

/**
 * The inverse of splitAddress: { pgd: 511, pud: 511, pmd: 507, pte: 0, offset: 0 } → 0xffffffffff600000.
 * A PGD index of 256 or more sets bit 47, so bits 63..48 are set too (sign extension), as the CPU demands.
 * Throws AddressError (code 'bad-part') for an index outside 0 … 511 or an offset outside 0 … 4095.
 */
export function joinAddress(parts: AddressParts): bigint {
  return notImplemented('joinAddress');
}
