import type { Mapping, SmapsRollup } from '#kata/03-smaps';
import type { ShmemObject, SwapEntry } from '#kata/10-demand-paging';
import type { ThpAddressSpace } from '#kata/11-transparent-huge-pages';

/** What smapsOf needs to know beyond the address space. */
export interface SmapsOptions {
  /** A swap slot's use count (kata 14's SwapSpace.useCount): SwapPss shares a slot among its users. */
  swapCount: (entry: SwapEntry) => number;
  /** The inode number to show for a shmem object ("/dev/zero (deleted)" on device 00:01). */
  inodeOf: (object: ShmemObject) => number;
}

/** PSS is summed in bytes << 12, so that sharing among up to 4096 mappers loses nothing (PSS_SHIFT). */
const PSS_UNIT = 2 ** 24; // PAGE_SIZE << PSS_SHIFT
/** A PSS sum → kB: >> PSS_SHIFT, then >> 10. */
const pssKb = (pss: number) => Math.floor(pss / 2 ** 22);

/** The sums of one mapping, or of all of them (the rollup), in bytes (PSS in bytes << 12). */
interface Sums {
  rss: number;
  pss: number;
  pssDirty: number;
  pssAnon: number;
  pssShmem: number;
  sharedClean: number;
  sharedDirty: number;
  privateClean: number;
  privateDirty: number;
  referenced: number;
  anonymous: number;
  anonHuge: number;
  swap: number;
  swapPss: number;
}

const zero = (): Sums => ({
  rss: 0,
  pss: 0,
  pssDirty: 0,
  pssAnon: 0,
  pssShmem: 0,
  sharedClean: 0,
  sharedDirty: 0,
  privateClean: 0,
  privateDirty: 0,
  referenced: 0,
  anonymous: 0,
  anonHuge: 0,
  swap: 0,
  swapPss: 0,
});

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
  const vmas = space.mm.vmas;
  const resident = space.residentPages();
  const thp = space.smaps();
  const total = zero();
  const mappings: Mapping[] = [];
  let next = 0; // both lists are in address order: walk them side by side
  vmas.forEach((vma, i) => {
    const sums = zero();
    while (next < resident.length && (resident[next] as { va: bigint }).va < vma.end) {
      // Every resident page lies in a VMA, so the pages before this one's start went to the VMAs before it.
      const page = resident[next++] as (typeof resident)[number];
      const pss = Math.floor(PSS_UNIT / page.mapcount); // a page only this PTE maps: all of PSS_UNIT
      sums.rss += 4096;
      sums.pss += pss;
      if (page.kind === 'anon') {
        sums.anonymous += 4096;
        sums.pssAnon += pss;
      } else sums.pssShmem += pss;
      if (page.accessed) sums.referenced += 4096;
      if (page.dirty) sums.pssDirty += pss;
      if (page.mapcount >= 2) {
        if (page.dirty) sums.sharedDirty += 4096;
        else sums.sharedClean += 4096;
      } else if (page.dirty) sums.privateDirty += 4096;
      else sums.privateClean += 4096;
    }
    for (const [, entry] of space.mm.swapEntries.entries(vma.start, vma.end)) {
      const count = options.swapCount(entry);
      sums.swap += 4096;
      sums.swapPss += Math.floor(PSS_UNIT / count); // a PTE holds it: count ≥ 1
    }
    const huge = thp[i] as (typeof thp)[number];
    sums.anonHuge = huge.fields.AnonHugePages * 1024;
    for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += sums[key];

    const { shmem } = vma;
    mappings.push({
      start: vma.start,
      end: vma.end,
      perms: { read: vma.prot[0] === 'r', write: vma.prot[1] === 'w', exec: vma.prot[2] === 'x', shared: vma.shared },
      offset: shmem ? BigInt(shmem.pgoff) * 4096n : 0n,
      dev: { major: 0, minor: shmem ? 1 : 0 },
      inode: shmem ? options.inodeOf(shmem.object) : 0,
      pathname: shmem ? '/dev/zero' : '',
      deleted: shmem !== undefined,
      fields: {
        Size: Number((vma.end - vma.start) / 1024n),
        KernelPageSize: 4,
        MMUPageSize: 4,
        Rss: sums.rss / 1024,
        Pss: pssKb(sums.pss),
        Pss_Dirty: pssKb(sums.pssDirty),
        ...pages(sums),
        SwapPss: pssKb(sums.swapPss),
        Locked: 0,
      },
      thpEligible: huge.thpEligible,
      protectionKey: 0,
      vmFlags: [...vma.vmFlags],
    });
  });
  const rollup: SmapsRollup = {
    start: vmas[0]?.start ?? 0n,
    end: vmas.at(-1)?.end ?? 0n,
    fields: {
      Rss: total.rss / 1024,
      Pss: pssKb(total.pss),
      Pss_Dirty: pssKb(total.pssDirty),
      Pss_Anon: pssKb(total.pssAnon),
      Pss_File: 0,
      Pss_Shmem: pssKb(total.pssShmem),
      ...pages(total),
      SwapPss: pssKb(total.swapPss),
      Locked: 0,
    },
  };
  return { mappings, rollup };
}

/** The fields from Shared_Clean to Swap, in kB. */
function pages(sums: Sums): Record<string, number> {
  return {
    Shared_Clean: sums.sharedClean / 1024,
    Shared_Dirty: sums.sharedDirty / 1024,
    Private_Clean: sums.privateClean / 1024,
    Private_Dirty: sums.privateDirty / 1024,
    Referenced: sums.referenced / 1024,
    Anonymous: sums.anonymous / 1024,
    KSM: 0,
    LazyFree: 0,
    AnonHugePages: sums.anonHuge / 1024,
    ShmemPmdMapped: 0,
    FilePmdMapped: 0,
    Shared_Hugetlb: 0,
    Private_Hugetlb: 0,
    Swap: sums.swap / 1024,
  };
}
