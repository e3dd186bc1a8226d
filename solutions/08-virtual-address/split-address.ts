import { AddressError } from './address-error.ts';
import { isCanonical } from './canonical.ts';
import { ENTRIES_PER_TABLE, LEVEL_SHIFT, LEVELS } from './levels.ts';

/** An address cut into the four table indices (0 … 511 each) and the byte offset in the page (0 … 4095). */
export interface AddressParts {
  pgd: number;
  pud: number;
  pmd: number;
  pte: number;
  offset: number;
}

const OFFSET_MASK = 0xfffn; // 12 bits
/** Bits 47..0: the four indices and the offset. */
const LOW_48_BITS = (1n << 48n) - 1n;
/** Bits 63..48, all ones in the kernel half: what sign extension of bit 47 adds. */
const SIGN_EXTENSION = 0xffff000000000000n;

/**
 * 0x7ffcf7980000 → { pgd: 255, pud: 499, pmd: 444, pte: 384, offset: 0 }: bits 47..39, 38..30, 29..21, 20..12
 * and 11..0 (pgd_index, pud_index, pmd_index, pte_index in the kernel). Throws AddressError for an address
 * that is not canonical.
 */
export function splitAddress(va: bigint): AddressParts {
  if (!isCanonical(va)) throw notCanonical(va);
  // The low 48 bits as a number (exact: below 2^53): dividing a number is several times cheaper than shifting
  // a bigint, which allocates a new bigint each time, and every page-table walk starts here.
  const low = Number(va & LOW_48_BITS);
  const index = (shift: number) => Math.floor(low / 2 ** shift) % ENTRIES_PER_TABLE;
  return {
    pgd: index(LEVEL_SHIFT.pgd),
    pud: index(LEVEL_SHIFT.pud),
    pmd: index(LEVEL_SHIFT.pmd),
    pte: index(LEVEL_SHIFT.pte),
    offset: low % 2 ** LEVEL_SHIFT.pte,
  };
}

/**
 * The inverse of splitAddress: { pgd: 511, pud: 511, pmd: 507, pte: 0, offset: 0 } → 0xffffffffff600000.
 * A PGD index of 256 or more sets bit 47, so bits 63..48 are set too (sign extension), as the CPU demands.
 * Throws AddressError (code 'bad-part') for an index outside 0 … 511 or an offset outside 0 … 4095.
 */
export function joinAddress(parts: AddressParts): bigint {
  let va = 0n;
  for (const level of LEVELS) {
    va |= BigInt(checkPart(parts[level], ENTRIES_PER_TABLE, level)) << BigInt(LEVEL_SHIFT[level]);
  }
  va |= BigInt(checkPart(parts.offset, Number(OFFSET_MASK) + 1, 'offset'));
  return parts.pgd >= ENTRIES_PER_TABLE / 2 ? va | SIGN_EXTENSION : va;
}

/** Called only for a value isCanonical refused, so va is never 0 here. */
function notCanonical(va: bigint): AddressError {
  // Stryker disable next-line EqualityOperator: va < 0n and va <= 0n differ only at 0, which is canonical
  if (va < 0n || va >= 1n << 64n) {
    return new AddressError('not-an-address', `${va} is not a 64-bit address: it must be 0 … 2^64 − 1`);
  }
  return new AddressError(
    'non-canonical',
    `0x${va.toString(16).padStart(16, '0')} is not canonical: bits 63..47 must all equal bit 47 ` +
      '(0 … 0x00007fffffffffff or 0xffff800000000000 … 0xffffffffffffffff)',
  );
}

function checkPart(value: number, limit: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= limit) {
    throw new AddressError('bad-part', `${name} must be an integer 0 … ${limit - 1}, got ${value}`);
  }
  return value;
}
