import {
  type Access,
  entryPfn,
  PageTableError,
  PTE_ACCESSED,
  PTE_DIRTY,
  PTE_HUGE,
  PTE_NX,
  PTE_PRESENT,
  PTE_WRITE,
} from '#kata/09-page-table';
import {
  AddressSpace,
  AddressSpaceError,
  type FaultReason,
  type FaultResult,
  type Mm,
  type Page,
  type ResidentPage,
  TASK_SIZE,
  type Vma,
} from '#kata/10-demand-paging';
import { HPAGE_PMD_SIZE, thpEligible } from './thp-eligible.ts';
import type { ThpMode } from './thp-setting.ts';
import {
  type HugeFrameAllocator,
  THP_DEFAULTS,
  type ThpAddressSpaceOptions,
  type ThpSettings,
  type ThpState,
} from './thp-state.ts';

const PAGE = 4096n;
const HPAGE = HPAGE_PMD_SIZE;
/** 512 frames of 4 KiB in one 2 MiB page (HPAGE_PMD_NR), an order-9 block. */
const HPAGE_NR = 512;
const HPAGE_ORDER = 9;
const MODES: readonly ThpMode[] = ['always', 'madvise', 'never'];

/** One VMA as smaps prints it for THP: Size, Rss and AnonHugePages in kB, and THPeligible. */
export interface SmapsThp {
  start: bigint;
  end: bigint;
  vmFlags: string[];
  fields: { Size: number; Rss: number; AnonHugePages: number };
  thpEligible: boolean;
}

/** What madvise can ask here: MADV_HUGEPAGE or MADV_NOHUGEPAGE. */
export type HugepageAdvice = 'hugepage' | 'nohugepage';

/**
 * Kata 10's address space with transparent huge pages: a fault in a VMA that may have them maps a whole
 * 2 MiB page with one PMD entry (an order-9 block of frames), a read maps the huge zero page, a partial
 * munmap splits the PMD into 512 PTEs, and khugepaged collapses PTE-mapped ranges back. It overrides kata 10's
 * hooks (getUnmappedArea, handleMmFault, zapRange) and fork, pagemap, residentPages; everything 4 KiB is
 * still kata 10's.
 */
export class ThpAddressSpace extends AddressSpace {
  readonly thp: ThpState;

  /**
   * Like kata 10's, with the THP state: `options.thpState` to share one (fork does), else a new one from
   * `options.thp` and THP_DEFAULTS. RangeError for an unknown mode or a max_ptes_* outside 0 … 511.
   */
  constructor(options: ThpAddressSpaceOptions) {
    const thp = options.thpState ?? newThpState(options.thp ?? {});
    const withState: ThpAddressSpaceOptions = { ...options, thpState: thp }; // what fork passes to the child
    super(withState);
    this.thp = thp;
  }

  /**
   * Kernel ≥ 6.7 places an anonymous private mapping whose length is a multiple of 2 MiB on a 2 MiB boundary
   * (thp_get_unmapped_area): it asks for a gap 2 MiB longer and rounds the start up to the next boundary; a
   * start that is aligned already moves up by 2 MiB, to stay at the top. Other lengths: as kata 10.
   */
  override getUnmappedArea(length: bigint, shared: boolean): bigint | null {
    if (shared || length % HPAGE !== 0n) return super.getUnmappedArea(length, shared);
    const padded = super.getUnmappedArea(length + HPAGE, shared);
    if (padded === null) return super.getUnmappedArea(length, shared);
    const offset = (HPAGE - (padded % HPAGE)) % HPAGE;
    return offset === 0n ? padded + HPAGE : padded + offset;
  }

  /**
   * MADV_HUGEPAGE ('hg') or MADV_NOHUGEPAGE ('nh', which also drops 'hg' and the other way round) for every
   * VMA in [va, va + length): a VMA partly inside is split (and a 2 MiB page the new boundary cuts through
   * is split first, thp_split_pmd), neighbours left with the same flags merge again; a VMA that has the flag
   * already is left as it is. A length of 0 does nothing. EINVAL for an address that is not page-aligned or another advice; ENOMEM when
   * part of the range is not mapped — after advising the parts that are, as Linux does.
   */
  madvise(va: bigint, length: number, advice: HugepageAdvice): void {
    if (advice !== 'hugepage' && advice !== 'nohugepage') {
      throw new AddressSpaceError('EINVAL', `madvise takes 'hugepage' or 'nohugepage', got ${String(advice)}`);
    }
    if (va < 0n || va % PAGE !== 0n) {
      throw new AddressSpaceError('EINVAL', `madvise needs a page-aligned address, got ${String(va)}`);
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new AddressSpaceError('EINVAL', `length must be a whole number of bytes, got ${length}`);
    }
    const end = va + ((BigInt(length) + PAGE - 1n) & ~(PAGE - 1n));
    if (end > TASK_SIZE) throw new AddressSpaceError('EINVAL', 'the range runs past the end of user space');
    // Stryker disable next-line ConditionalExpression: a shortcut only: an empty range overlaps no VMA and covers all of itself
    if (end === va) return;

    const { vmas } = this.mm;
    const [add, drop] = advice === 'hugepage' ? ['hg', 'nh'] : ['nh', 'hg'];
    let covered = 0n;
    const result: Vma[] = [];
    for (const vma of vmas) {
      if (vma.end <= va || vma.start >= end) {
        result.push(vma);
        continue;
      }
      // Stryker disable next-line EqualityOperator: where the two are equal either one is the answer
      const from = vma.start > va ? vma.start : va;
      // Stryker disable next-line EqualityOperator: where the two are equal either one is the answer
      const to = vma.end < end ? vma.end : end;
      covered += to - from;
      const flags = [...vma.vmFlags.filter((f) => f !== add && f !== drop), add];
      if (flags.join(' ') === vma.vmFlags.join(' ')) {
        result.push(vma); // nothing changes: no split (madvise_update_vma)
        continue;
      }
      // A VMA boundary inside a 2 MiB page splits its PMD first (vma_adjust_trans_huge). Where from or to is
      // the VMA's own unaligned start or end there is no 2 MiB page to split: one never crosses a VMA boundary
      // (faults and khugepaged need its whole block inside the VMA; every split of a VMA splits it first).
      if (from % HPAGE !== 0n) this.splitHugePmd(from);
      if (to % HPAGE !== 0n) this.splitHugePmd(to);
      // split_vma at both ends of the advised part, then set the flag on the middle piece (vma_modify_flags)
      const pieces = [
        vma.start < from ? piece(vma, vma.start, from) : undefined,
        piece(vma, from, to),
        to < vma.end ? piece(vma, to, vma.end) : undefined,
      ].filter((p): p is Vma => p !== undefined);
      if (vma.shmem) vma.shmem.object.vmas += pieces.length - 1;
      (pieces[vma.start < from ? 1 : 0] as Vma).vmFlags = flags;
      result.push(...pieces);
    }
    vmas.splice(0, vmas.length, ...mergeNeighbours(result));
    if (covered < end - va) throw new AddressSpaceError('ENOMEM', 'part of the range is not mapped');
  }

  /**
   * A fault in a 2 MiB block that has no page table below its PMD yet, in a VMA thpEligible allows
   * (do_huge_pmd_anonymous_page): a write (or a read without use_zero_page) maps a new order-9 block with
   * one PMD (thp_fault_alloc), or counts thp_fault_fallback and takes 4 KiB pages when there is none; a
   * read maps the huge zero page read-only. A write to a read-only 2 MiB PMD (do_huge_pmd_wp_page) makes it
   * writable when nobody else maps the page, else splits it and copies the 4 KiB page (kata 10).
   */
  override handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
    const mm = this.mm;
    const haddr = va & ~(HPAGE - 1n);
    // Reading the PMD is a whole page-table walk, so it is skipped where it cannot matter: a 2 MiB page that is
    // there faults only on a write to its read-only PMD ('protection': the MMU found it present), and a missing
    // PMD matters only where a 2 MiB page may be mapped.
    const eligible = !vma.shmem && thpEligible(vma, va, this.thp.enabled);
    // Stryker disable next-line ConditionalExpression,ObjectLiteral: reading the PMD anyway (true) only costs a walk: what it says is the same; any kind but 'none' and 'huge' is handled as a table ({})
    const pmd: Pmd = reason === 'protection' || eligible ? pmdAt(mm, haddr) : { kind: 'table' };
    if (pmd.kind === 'huge') {
      // The huge zero page has no Page: it is never exclusive.
      if (exclusive(mm, entryPfn(pmd.entry))) {
        rewritePmd(mm, haddr, pmd.entry, true);
        return { kind: 'minor-fault', cause: 'reuse' };
      }
      this.splitHugePmd(haddr); // the huge zero page, or a page shared since fork: 4 KiB copy-on-write
      return super.handleMmFault(vma, va, kind, reason);
    }
    if (pmd.kind === 'none' && eligible) {
      const huge =
        kind !== 'write' && this.thp.useZeroPage
          ? mapHugeZeroPage(mm, this.thp, vma, haddr)
          : mapHugePage(mm, this.thp, vma, haddr);
      if (huge !== 'fallback') return huge;
    }
    return super.handleMmFault(vma, va, kind, reason);
  }

  /**
   * Turns the 2 MiB PMD mapping at `va`'s block into 512 PTEs that map the same frames, with the same
   * rights and the Dirty and Accessed bits handed down (__split_huge_pmd; thp_split_pmd). The huge zero page
   * becomes 512 PTEs of the 4 KiB zero page. Returns false (and does nothing) when no 2 MiB page is there.
   */
  splitHugePmd(va: bigint): boolean {
    const mm = this.mm;
    const haddr = va & ~(HPAGE - 1n);
    const pmd = pmdAt(mm, haddr);
    if (pmd.kind !== 'huge') return false;
    const head = entryPfn(pmd.entry);
    const zero = head === this.thp.hugeZeroPfn;
    const write = (pmd.entry & PTE_WRITE) !== 0n; // the huge zero page's PMD is never writable
    const exec = (pmd.entry & PTE_NX) === 0n;
    mm.pageTable.unmap(haddr); // the deposited PTE table goes; the split takes a new one: VmPTE stays
    for (let i = 0; i < HPAGE_NR; i++) {
      const sub = haddr + BigInt(i) * PAGE;
      mm.pageTable.map(sub, zero ? mm.zeroPfn : head + i, { write, exec });
      // Stryker disable next-line ConditionalExpression,StringLiteral: a 2 MiB PMD is always young (nothing clears its A bit here); any kind and mode set A
      if (pmd.entry & PTE_ACCESSED) mm.pageTable.translate(sub, 'read', 'user');
      const page = mm.pages.get(head + i);
      if (page && pmd.entry & PTE_DIRTY) page.dirty = true;
    }
    if (zero) putHugeZeroPage(mm, this.thp);
    this.thp.events.thp_split_pmd++;
    return true;
  }

  /**
   * Before kata 10 frees the 4 KiB pages of [start, end): a 2 MiB page entirely inside goes at once (its
   * frames back when nobody else maps them); one only partly inside is split first, and queued for the
   * deferred split (thp_deferred_split_page) — here its unmapped 4 KiB frames go back at once.
   */
  override zapRange(start: bigint, end: bigint): void {
    const mm = this.mm;
    for (let haddr = start & ~(HPAGE - 1n); haddr < end; haddr += HPAGE) {
      const pmd = pmdAt(mm, haddr);
      if (pmd.kind !== 'huge') continue;
      const zero = entryPfn(pmd.entry) === this.thp.hugeZeroPfn; // before a split may free the huge zero page
      if (haddr >= start && haddr + HPAGE <= end) {
        mm.pageTable.unmap(haddr);
        if (zero) putHugeZeroPage(mm, this.thp);
        else releaseHugePage(mm, entryPfn(pmd.entry));
      } else {
        this.splitHugePmd(haddr);
        if (!zero) this.thp.events.thp_deferred_split_page++;
      }
    }
    super.zapRange(start, end);
  }

  /**
   * Kata 10's fork, then the 2 MiB pages it skipped: each PMD is shared read-only by both sides
   * (copy_huge_pmd), the huge zero page too; the first write on either side splits and copies 4 KiB.
   */
  override fork(): ThpAddressSpace {
    const child = super.fork() as ThpAddressSpace;
    const mm = this.mm;
    try {
      for (const vma of mm.vmas) {
        // (a MAP_SHARED VMA never holds a 2 MiB page: pmdAt finds none there)
        for (let haddr = alignUp(vma.start); haddr + HPAGE <= vma.end; haddr += HPAGE) {
          const pmd = pmdAt(mm, haddr);
          if (pmd.kind !== 'huge') continue;
          const head = entryPfn(pmd.entry);
          const exec = (pmd.entry & PTE_NX) === 0n;
          child.mm.pageTable.map(haddr, head, { huge: true, write: false, exec });
          if (head === this.thp.hugeZeroPfn) {
            this.thp.hugeZeroMaps++;
            continue;
          }
          // Stryker disable next-line ConditionalExpression: rewriting a read-only PMD read-only changes nothing
          if (pmd.entry & PTE_WRITE) rewritePmd(mm, haddr, pmd.entry, false);
          for (let i = 0; i < HPAGE_NR; i++) (mm.pages.get(head + i) as { mapcount: number }).mapcount++;
          child.mm.counters.anonPages += HPAGE_NR;
        }
      }
    } catch (error) {
      child.exit();
      // Stryker disable next-line ConditionalExpression,LogicalOperator: the child's PMD slot is empty: only a missing frame can fail
      if (error instanceof PageTableError && error.code === 'out-of-memory') {
        throw new AddressSpaceError('ENOMEM', 'fork found no frame for a page table of the child');
      }
      throw error;
    }
    const cc = child.mm.counters;
    cc.hiwaterRss = Math.max(cc.hiwaterRss, cc.anonPages); // its MAP_SHARED mappings start empty
    return child;
  }

  /** Kata 10's pagemap; inside a 2 MiB page, the entry of its subpage: the head's PFN + the page's index. */
  override pagemap(va: bigint): bigint {
    // Stryker disable next-line EqualityOperator: address 0 is never in a 2 MiB page (mmap_min_addr)
    if (va >= 0n && va < TASK_SIZE) {
      const pmd = pmdAt(this.mm, va & ~(HPAGE - 1n));
      if (pmd.kind === 'huge') {
        const pfn = entryPfn(pmd.entry) + Number((va % HPAGE) / PAGE);
        const page = this.mm.pages.get(pfn);
        return (1n << 63n) | BigInt(pfn) | (page?.mapcount === 1 ? 1n << 56n : 0n);
      }
    }
    return super.pagemap(va);
  }

  /** Kata 10's list, with the 512 subpages of every 2 MiB page (not the huge zero page) in address order. */
  override residentPages(): ResidentPage[] {
    const mm = this.mm;
    const pages = super.residentPages();
    for (const vma of mm.vmas) {
      for (let haddr = alignUp(vma.start); haddr + HPAGE <= vma.end; haddr += HPAGE) {
        const pmd = pmdAt(mm, haddr);
        if (pmd.kind !== 'huge' || entryPfn(pmd.entry) === this.thp.hugeZeroPfn) continue;
        const head = entryPfn(pmd.entry);
        for (let i = 0; i < HPAGE_NR; i++) {
          const page = mm.pages.get(head + i) as Page; // every subpage of a mapped 2 MiB page has one
          pages.push({
            va: haddr + BigInt(i) * PAGE,
            pfn: head + i,
            kind: page.kind,
            writable: (pmd.entry & PTE_WRITE) !== 0n,
            // Stryker disable next-line ConditionalExpression: a 2 MiB PMD is always young (nothing clears its A bit here)
            accessed: (pmd.entry & PTE_ACCESSED) !== 0n,
            dirty: (pmd.entry & PTE_DIRTY) !== 0n || page.dirty,
            mapcount: page.mapcount,
          });
        }
      }
    }
    // Stryker disable next-line EqualityOperator: no two resident pages share a va: < and <= order them alike
    return pages.sort((a, b) => (a.va < b.va ? -1 : 1)); // (no two share a va: never equal)
  }

  /**
   * One pass of khugepaged over every 2 MiB block of every VMA thpEligible allows that is mapped with 4 KiB
   * PTEs (hpage_collapse_scan_pmd): a block is collapsed into a new 2 MiB page when at most maxPtesNone of
   * its 512 PTEs are empty or the zero page (else thp_scan_exceed_none_pte), at most maxPtesSwap hold a swap
   * entry (else thp_scan_exceed_swap_pte; here any swap entry skips the block), at most maxPtesShared map a
   * page others map too (else thp_scan_exceed_share_pte), at least one is writable and one young. A
   * collapse takes an order-9 block (thp_collapse_alloc, else thp_collapse_alloc_failed). Returns how many
   * blocks it collapsed (khugepaged/pages_collapsed grows by as many).
   */
  khugepaged(): number {
    const mm = this.mm;
    const { events } = this.thp;
    let collapsed = 0;
    for (const vma of mm.vmas) {
      if (vma.shmem) continue;
      // Stryker disable next-line ArithmeticOperator: thpEligible refuses every block that does not lie wholly in the VMA
      for (let haddr = alignUp(vma.start); haddr + HPAGE <= vma.end; haddr += HPAGE) {
        if (!thpEligible(vma, haddr, this.thp.enabled) || pmdAt(mm, haddr).kind !== 'table') continue;
        const scan = scanBlock(mm, haddr);
        if (scan.noneOrZero > this.thp.maxPtesNone) {
          events.thp_scan_exceed_none_pte++;
          continue;
        }
        if (scan.swapped > this.thp.maxPtesSwap) {
          events.thp_scan_exceed_swap_pte++;
          continue;
        }
        if (scan.swapped > 0) continue; // Linux would swap them in first; the kata leaves such a block alone
        if (scan.shared > this.thp.maxPtesShared) {
          events.thp_scan_exceed_share_pte++;
          continue;
        }
        if (!scan.writable || !scan.young) continue;
        const head = allocHuge(mm);
        if (head === null) {
          events.thp_collapse_alloc_failed++;
          continue;
        }
        collapse(mm, vma, haddr, head, scan.ptes);
        events.thp_collapse_alloc++;
        events.pages_collapsed++;
        collapsed++;
      }
    }
    return collapsed;
  }

  /**
   * The THP lines of /proc/PID/smaps for every VMA: Size, Rss (4 KiB pages and 2 MiB pages, not the zero
   * pages) and AnonHugePages in kB, and THPeligible: thpEligible at `end − 2 MiB`, that is, does a whole
   * aligned 2 MiB block fit (MAP_SHARED mappings: 0, shmem_enabled decides and says never here).
   */
  smaps(): SmapsThp[] {
    const mm = this.mm;
    const resident = this.residentPages();
    return mm.vmas.map((vma) => {
      let huge = 0;
      for (let haddr = alignUp(vma.start); haddr + HPAGE <= vma.end; haddr += HPAGE) {
        const pmd = pmdAt(mm, haddr);
        if (pmd.kind === 'huge' && entryPfn(pmd.entry) !== this.thp.hugeZeroPfn) huge++;
      }
      const rss = resident.filter((p) => p.va >= vma.start && p.va < vma.end).length;
      return {
        start: vma.start,
        end: vma.end,
        vmFlags: [...vma.vmFlags],
        fields: { Size: Number((vma.end - vma.start) / 1024n), Rss: rss * 4, AnonHugePages: huge * 2048 },
        thpEligible: !vma.shared && thpEligible(vma, vma.end - HPAGE, this.thp.enabled),
      };
    });
  }
}

type Pmd = { kind: 'none' } | { kind: 'table' } | { kind: 'huge'; entry: bigint };

/**
 * What the PMD entry of the 2 MiB block at `haddr` holds: nothing ('none'), a PTE table ('table'), or a
 * 2 MiB page ('huge'). A block whose pages are all swapped out counts as 'table': Linux keeps the PTE table
 * that holds the swap entries, kata 9's table cannot.
 */
function pmdAt(mm: Mm, haddr: bigint): Pmd {
  const steps = mm.pageTable.walk(haddr);
  const last = steps[steps.length - 1] as (typeof steps)[number];
  if (last.level === 'pte') return { kind: 'table' };
  // A walk that stops on an entry with PS set stopped on a 2 MiB page (kata 9 makes no 1 GiB pages).
  if (last.entry & PTE_HUGE) return { kind: 'huge', entry: last.entry };
  // Is one of the block's 512 pages swapped out? Asking for each is 512 lookups at most, however many pages
  // the process has in swap (looping over all its swap entries made every fault in a new block O(swap)).
  for (let va = haddr; va < haddr + HPAGE; va += PAGE) {
    // Stryker disable next-line ObjectLiteral,StringLiteral: any kind but 'none' and 'huge' is handled as a table
    if (mm.swapEntries.has(va)) return { kind: 'table' };
  }
  return { kind: 'none' };
}

function newThpState(settings: Partial<ThpSettings>): ThpState {
  const state: ThpState = {
    ...THP_DEFAULTS,
    ...settings,
    events: {
      thp_fault_alloc: 0,
      thp_fault_fallback: 0,
      thp_zero_page_alloc: 0,
      thp_zero_page_alloc_failed: 0,
      thp_split_pmd: 0,
      thp_deferred_split_page: 0,
      thp_collapse_alloc: 0,
      thp_collapse_alloc_failed: 0,
      thp_scan_exceed_none_pte: 0,
      thp_scan_exceed_swap_pte: 0,
      thp_scan_exceed_share_pte: 0,
      pages_collapsed: 0,
    },
    hugeZeroPfn: null,
    hugeZeroMaps: 0,
  };
  if (!MODES.includes(state.enabled))
    throw new RangeError(`enabled must be always, madvise or never, not ${state.enabled}`);
  for (const key of ['maxPtesNone', 'maxPtesSwap', 'maxPtesShared'] as const) {
    const value = state[key];
    // khugepaged's sysfs stores refuse anything above HPAGE_PMD_NR − 1
    if (!Number.isInteger(value) || value < 0 || value > HPAGE_NR - 1)
      throw new RangeError(`${key} must be 0 … 511, got ${value}`);
  }
  return state;
}

/** An order-9 block from the allocator, or null (also when it cannot hand out blocks at all). */
function allocHuge(mm: Mm): number | null {
  const frames = mm.frames as Partial<HugeFrameAllocator>;
  return typeof frames.allocFrames === 'function' ? frames.allocFrames(HPAGE_ORDER) : null;
}

function freeHuge(mm: Mm, head: number): void {
  for (let i = 0; i < HPAGE_NR; i++) mm.frames.freeFrame(head + i);
}

/** A write fault's 2 MiB page: a new order-9 block under one writable PMD, or 'fallback'. */
function mapHugePage(mm: Mm, thp: ThpState, vma: Vma, haddr: bigint): FaultResult | 'fallback' {
  const head = allocHuge(mm);
  if (head === null) {
    thp.events.thp_fault_fallback++;
    return 'fallback';
  }
  try {
    mm.pageTable.map(haddr, head, { huge: true, write: vma.prot[1] === 'w', exec: vma.prot[2] === 'x' });
  } catch (error) {
    freeHuge(mm, head);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the PMD slot is empty and haddr aligned: only a missing frame can fail
    if (error instanceof PageTableError && error.code === 'out-of-memory') return { kind: 'oom' };
    throw error;
  }
  for (let i = 0; i < HPAGE_NR; i++) mm.pages.set(head + i, { mapcount: 1, dirty: false, kind: 'anon' });
  const counters = mm.counters;
  counters.anonPages += HPAGE_NR;
  counters.hiwaterRss = Math.max(counters.hiwaterRss, counters.anonPages + counters.shmemPages);
  thp.events.thp_fault_alloc++;
  return { kind: 'minor-fault', cause: 'huge-page' };
}

/** A read fault's 2 MiB page: the huge zero page, allocated at its first use (thp_zero_page_alloc). */
function mapHugeZeroPage(mm: Mm, thp: ThpState, vma: Vma, haddr: bigint): FaultResult | 'fallback' {
  if (thp.hugeZeroPfn === null) {
    const head = allocHuge(mm);
    if (head === null) {
      thp.events.thp_zero_page_alloc_failed++;
      thp.events.thp_fault_fallback++;
      return 'fallback';
    }
    thp.hugeZeroPfn = head;
    thp.events.thp_zero_page_alloc++;
  }
  try {
    mm.pageTable.map(haddr, thp.hugeZeroPfn, { huge: true, write: false, exec: vma.prot[2] === 'x' });
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: with other PMDs on it putHugeZeroPage keeps the page anyway
    if (thp.hugeZeroMaps === 0) putHugeZeroPage(mm, thp, true);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the PMD slot is empty and haddr aligned: only a missing frame can fail
    if (error instanceof PageTableError && error.code === 'out-of-memory') return { kind: 'oom' };
    throw error;
  }
  thp.hugeZeroMaps++;
  return { kind: 'minor-fault', cause: 'huge-zero-page' };
}

/** One PMD less maps the huge zero page; with none left its frames go back (the kernel's shrinker, at once). */
function putHugeZeroPage(mm: Mm, thp: ThpState, unused = false): void {
  if (!unused) thp.hugeZeroMaps--;
  if (thp.hugeZeroMaps > 0) return;
  freeHuge(mm, thp.hugeZeroPfn as number); // a PMD mapped it, so it was allocated
  thp.hugeZeroPfn = null;
}

/** Nobody but this PMD maps the 2 MiB page (PageAnonExclusive). */
function exclusive(mm: Mm, head: number): boolean {
  return mm.pages.get(head)?.mapcount === 1;
}

/**
 * A 2 MiB page's PMD is gone: each subpage loses a mapping, RSS − 512, and frames nobody maps go back. (A
 * dirty PMD whose page others map too cannot be: fork made both read-only and moved D to the pages.)
 */
function releaseHugePage(mm: Mm, head: number): void {
  for (let i = 0; i < HPAGE_NR; i++) {
    const page = mm.pages.get(head + i) as Page; // every subpage of a mapped 2 MiB page has one
    page.mapcount--;
    mm.counters.anonPages--;
    if (page.mapcount === 0) {
      mm.pages.delete(head + i);
      mm.frames.freeFrame(head + i);
    }
  }
}

/** Rewrites a 2 MiB PMD with another write right (unmap and map, as kata 10 does for PTEs), keeping A and D. */
function rewritePmd(mm: Mm, haddr: bigint, entry: bigint, write: boolean): void {
  const head = entryPfn(entry);
  mm.pageTable.unmap(haddr);
  mm.pageTable.map(haddr, head, { huge: true, write, exec: (entry & PTE_NX) === 0n });
  if (entry & PTE_DIRTY) for (let i = 0; i < HPAGE_NR; i++) (mm.pages.get(head + i) as Page).dirty = true;
  // Stryker disable next-line ConditionalExpression,StringLiteral: a 2 MiB PMD is always young (nothing clears its A bit here); any kind and mode set A
  if (entry & PTE_ACCESSED) mm.pageTable.translate(haddr, 'read', 'user');
}

interface BlockScan {
  noneOrZero: number;
  swapped: number;
  shared: number;
  writable: boolean;
  young: boolean;
  /** The present PTEs of the block, by address. */
  ptes: Map<bigint, bigint>;
}

/** What khugepaged reads of the 512 PTEs of one block (hpage_collapse_scan_pmd). */
function scanBlock(mm: Mm, haddr: bigint): BlockScan {
  const scan: BlockScan = { noneOrZero: 0, swapped: 0, shared: 0, writable: false, young: false, ptes: new Map() };
  for (let i = 0; i < HPAGE_NR; i++) {
    const va = haddr + BigInt(i) * PAGE;
    if (mm.swapEntries.has(va)) {
      scan.swapped++;
      continue;
    }
    // The block has a PTE table (pmdAt said 'table'): every walk in it ends at the PTE level.
    const last = mm.pageTable.walk(va).at(-1) as { entry: bigint };
    const entry = last.entry & PTE_PRESENT ? last.entry : undefined;
    if (entry === undefined) {
      scan.noneOrZero++;
      continue;
    }
    scan.ptes.set(va, entry);
    const page = mm.pages.get(entryPfn(entry));
    if (!page) {
      scan.noneOrZero++; // is_zero_pfn(): the zero page counts as empty
      continue;
    }
    if (page.mapcount > 1) scan.shared++;
    if (entry & PTE_WRITE) scan.writable = true;
    if (entry & PTE_ACCESSED) scan.young = true;
  }
  return scan;
}

/** collapse_huge_page: the block's 4 KiB PTEs go (their pages with them), one writable PMD maps the new page. */
function collapse(mm: Mm, vma: Vma, haddr: bigint, head: number, ptes: Map<bigint, bigint>): void {
  for (const [va, entry] of ptes) {
    mm.pageTable.unmap(va);
    const pfn = entryPfn(entry);
    const page = mm.pages.get(pfn);
    if (!page) continue; // the zero page
    page.mapcount--;
    mm.counters.anonPages--;
    if (page.mapcount === 0) {
      mm.pages.delete(pfn);
      mm.frames.freeFrame(pfn);
    }
  }
  // The PTE table went with its last PTE, so the deposit has a frame to take: this map cannot run short.
  // Stryker disable next-line ConditionalExpression: khugepaged collapses only blocks with a writable PTE, so only in writable VMAs
  mm.pageTable.map(haddr, head, { huge: true, write: vma.prot[1] === 'w', exec: vma.prot[2] === 'x' });
  for (let i = 0; i < HPAGE_NR; i++) mm.pages.set(head + i, { mapcount: 1, dirty: true, kind: 'anon' });
  mm.counters.anonPages += HPAGE_NR;
  mm.counters.hiwaterRss = Math.max(mm.counters.hiwaterRss, mm.counters.anonPages + mm.counters.shmemPages);
}

/** A copy of the part [start, end) of a VMA (a shared one keeps its object, at the right page offset). */
function piece(vma: Vma, start: bigint, end: bigint): Vma {
  const copy: Vma = { ...vma, start, end, vmFlags: [...vma.vmFlags] };
  if (vma.shmem) copy.shmem = { ...vma.shmem, pgoff: vma.shmem.pgoff + Number((start - vma.start) / PAGE) };
  return copy;
}

/** vma_merge after madvise: private neighbours that touch and have the same prot and flags become one. */
function mergeNeighbours(vmas: Vma[]): Vma[] {
  const merged: Vma[] = [];
  for (const vma of vmas) {
    const prev = merged[merged.length - 1];
    if (
      prev &&
      !prev.shared &&
      !vma.shared &&
      prev.end === vma.start &&
      prev.vmFlags.join(' ') === vma.vmFlags.join(' ') // the same flags: the same rd wr ex, the same protection
    ) {
      prev.end = vma.end;
    } else merged.push(vma);
  }
  return merged;
}

function alignUp(va: bigint): bigint {
  return (va + HPAGE - 1n) & ~(HPAGE - 1n);
}
