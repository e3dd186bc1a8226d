export { AddressError, type Level } from '#kata/08-virtual-address';
export {
  entryPfn,
  makeEntry,
  PTE_ACCESSED,
  PTE_DIRTY,
  PTE_GLOBAL,
  PTE_HUGE,
  PTE_NX,
  PTE_PRESENT,
  PTE_TABLE,
  PTE_USER,
  PTE_WRITE,
} from './entry.ts';
export type { FrameAllocator } from './frame-allocator.ts';
export { PageTable } from './page-table.ts';
export { PageTableError, type PageTableErrorCode } from './page-table-error.ts';
export type { Access, MapOptions, Mode, TableCount, Translation, WalkStep } from './translation.ts';
