/**
 * What mmap, munmap and the arena refuse, named as Linux's errno:
 * - 'EINVAL': a length of 0, a prot that is not three of `r-`, `w-`, `x-`, an address that is not page-aligned,
 *   a range beyond user space, a pointer free() never handed out;
 * - 'ENOMEM': no gap below the mmap base is large enough, or a fork found no frame for a page table.
 * A call that throws leaves the address space as it was.
 */
export type AddressSpaceErrorCode = 'EINVAL' | 'ENOMEM';

export class AddressSpaceError extends Error {
  override readonly name = 'AddressSpaceError';
  readonly code: AddressSpaceErrorCode;

  constructor(code: AddressSpaceErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}
