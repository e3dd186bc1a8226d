import type { Mapping, SmapsRollup } from '#kata/03-smaps';
import type { ShmemObject, SwapEntry } from '#kata/10-demand-paging';
import type { ThpAddressSpace } from '#kata/11-transparent-huge-pages';
import { notImplemented } from '#shared/errors';

/** What smapsOf needs to know beyond the address space. */
export interface SmapsOptions {
  /** A swap slot's use count (kata 14's SwapSpace.useCount): SwapPss shares a slot among its users. */
  swapCount: (entry: SwapEntry) => number;
  /** The inode number to show for a shmem object ("/dev/zero (deleted)" on device 00:01). */
  inodeOf: (object: ShmemObject) => number;
}

/**
 * /proc/PID/smaps and smaps_rollup of an address space, as kata 3's Mapping and SmapsRollup (fs/proc/task_mmu.c
 * smaps_account, smaps_page_accumulate, smaps_pte_entry). For every VMA, every resident page (kata 10/11's
 * residentPages) counts 4 kB in Rss; in Anonymous if it is anon; in Referenced if its PTE is young; in
 * Private_* when one PTE maps it, else Shared_*; in *_Dirty if dirty, else *_Clean. Its PSS is 4096 << 12
 * divided by its mapcount (integer division), added to Pss, to Pss_Dirty if dirty, and (rollup only) to
 * Pss_Anon or Pss_Shmem; a kB line shows sum >> 22. Every swap entry counts 4 kB in Swap and 4096 << 12 divided
 * by its use count (when ≥ 2) in SwapPss. AnonHugePages and THPeligible come from kata 11's smaps(). The fields,
 * in the kernel's order: Size, KernelPageSize 4, MMUPageSize 4, Rss, Pss, Pss_Dirty, Shared_Clean, Shared_Dirty,
 * Private_Clean, Private_Dirty, Referenced, Anonymous, KSM, LazyFree, AnonHugePages, ShmemPmdMapped,
 * FilePmdMapped, Shared_Hugetlb, Private_Hugetlb, Swap, SwapPss, Locked (what the machine has none of: 0);
 * then THPeligible, ProtectionKey 0, the VMA's flags. A private mapping is anonymous ('' at offset 0, device
 * 00:00, inode 0); a shared one is "/dev/zero (deleted)" at its page offset, device 00:01, inodeOf(its object).
 * The rollup spans the first VMA's start to the last one's end (0 to 0 without VMAs), with the same fields but
 * Size, KernelPageSize and MMUPageSize, Pss_Anon, Pss_File and Pss_Shmem after Pss_Dirty, and its PSS lines
 * from the raw sums (so they may be a little more than the Σ of the rounded per-mapping lines).
 */
export function smapsOf(space: ThpAddressSpace, options: SmapsOptions): { mappings: Mapping[]; rollup: SmapsRollup } {
  return notImplemented('smapsOf');
}
