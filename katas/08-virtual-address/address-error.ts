/**
 * What went wrong with an address:
 * - 'non-canonical': a 64-bit value whose bits 63..47 are not all equal (the CPU raises #GP for it);
 * - 'not-an-address': a bigint outside 0 … 2^64 − 1, which no 64-bit register can hold;
 * - 'bad-part': joinAddress got an index outside 0 … 511 or an offset outside 0 … 4095.
 */
export type AddressErrorCode = 'non-canonical' | 'not-an-address' | 'bad-part';

/** Thrown for a value that is not a usable x86-64 virtual address. */
export class AddressError extends Error {
  override readonly name = 'AddressError';
  readonly code: AddressErrorCode;

  constructor(code: AddressErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
