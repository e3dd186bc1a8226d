/**
 * What a PageTable refuses:
 * - 'misaligned': a 4 KiB mapping at an address with a non-zero offset, a 2 MiB mapping whose address is not
 *   a multiple of 2 MiB or whose PFN is not a multiple of 512, an unmap inside a 2 MiB page that is not its
 *   first byte;
 * - 'already-mapped': map over an entry that is present (or a 2 MiB map over a PTE table still in use);
 * - 'not-mapped': unmap of an address nothing maps;
 * - 'out-of-memory': the FrameAllocator had no frame for a table page;
 * - 'destroyed': a call after destroy().
 * A call that throws leaves the table as it was.
 */
export type PageTableErrorCode = 'misaligned' | 'already-mapped' | 'not-mapped' | 'out-of-memory' | 'destroyed';

export class PageTableError extends Error {
  override readonly name = 'PageTableError';
  readonly code: PageTableErrorCode;

  constructor(code: PageTableErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
