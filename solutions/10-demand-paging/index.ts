export { AddressSpace, type MmapOptions } from './address-space.ts';
export { AddressSpaceError, type AddressSpaceErrorCode } from './address-space-error.ts';
export { Arena, type ArenaOptions, chunkSize, HEAP_MAX_SIZE, MIN_CHUNK_SIZE, MMAP_THRESHOLD } from './arena.ts';
export {
  type AddressSpaceOptions,
  type Counters,
  MMAP_BASE,
  MMAP_MIN_ADDR,
  type Mm,
  type Page,
  type SwapBackend,
  type SwapEntry,
  TASK_SIZE,
  ZERO_PFN,
} from './mm.ts';
export type {
  AccessResult,
  FaultCause,
  FaultReason,
  FaultResult,
  MemoryStats,
  ResidentPage,
  SegvReason,
  SwapOutResult,
} from './results.ts';
export { PROT, type Prot, type ShmemObject, type Vma, vmFlagsFor } from './vma.ts';
