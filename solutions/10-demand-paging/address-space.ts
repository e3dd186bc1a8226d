import {
  type Access,
  entryPfn,
  PageTable,
  PageTableError,
  PTE_ACCESSED,
  PTE_DIRTY,
  PTE_NX,
  PTE_PRESENT,
  PTE_WRITE,
} from '#kata/09-page-table';
import { PageAddressMap } from '#shared/page-address-map';
import { SparseArray } from '#shared/sparse-array';
import { AddressSpaceError } from './address-space-error.ts';
import {
  type AddressSpaceOptions,
  MMAP_BASE,
  MMAP_MIN_ADDR,
  type Mm,
  type Page,
  type SwapEntry,
  TASK_SIZE,
  ZERO_PFN,
} from './mm.ts';
import type { AccessResult, FaultReason, FaultResult, MemoryStats, ResidentPage, SwapOutResult } from './results.ts';
import { PROT, type Prot, type ShmemObject, type Vma, vmFlagsFor } from './vma.ts';

const PAGE = 4096n;
/** ~(PAGE_SIZE − 1): `va & PAGE_MASK` is the first byte of va's page (the kernel's PAGE_MASK). */
const PAGE_MASK = ~(PAGE - 1n);
const PAGE_KB = 4;
/** What one entry maps at the level where a walk stopped: PGD 512 GiB, PUD 1 GiB, PMD 2 MiB. */
const SPAN = { pgd: 1n << 39n, pud: 1n << 30n, pmd: 1n << 21n, pte: PAGE } as const;
// /proc/PID/pagemap bits (fs/proc/task_mmu.c, Documentation/admin-guide/mm/pagemap.rst).
const PM_PRESENT = 1n << 63n;
const PM_SWAP = 1n << 62n;
const PM_FILE = 1n << 61n;
const PM_MMAP_EXCLUSIVE = 1n << 56n;
const MAX_SWAP_OFFSET = 2 ** 50 - 1;

/** mmap's options: the protection, MAP_SHARED, MAP_POPULATE. */
export interface MmapOptions {
  prot: Prot;
  shared?: boolean;
  populate?: boolean;
}

/**
 * One process's virtual memory: its VMAs, its page table (kata 9), its counters. mmap reserves address
 * space and allocates nothing; access() is the MMU, and a fault is resolved by handleMmFault as Linux's
 * handle_mm_fault does: a frame on the first write, the shared zero page on a read, a copy on a write to a
 * shared page. The state is public (`mm`) because later katas extend it; the hooks getUnmappedArea,
 * handleMmFault and zapRange are where kata 11 changes the behaviour.
 */
export class AddressSpace {
  readonly mm: Mm;

  /** An empty address space; its page table takes the PGD page from `options.frames` (pgd_alloc). */
  constructor(options: AddressSpaceOptions) {
    const mmapBase = options.mmapBase ?? MMAP_BASE;
    if (mmapBase % PAGE !== 0n || mmapBase <= MMAP_MIN_ADDR || mmapBase > TASK_SIZE) {
      throw new AddressSpaceError(
        'EINVAL',
        `mmapBase must be a page-aligned user address, got 0x${mmapBase.toString(16)}`,
      );
    }
    this.mm = {
      options,
      frames: options.frames,
      pageTable: new PageTable(options.frames),
      pages: options.pages ?? new SparseArray(),
      vmas: [],
      swapEntries: new PageAddressMap(),
      counters: {
        minorFaults: 0,
        majorFaults: 0,
        anonPages: 0,
        shmemPages: 0,
        swapEntries: 0,
        totalVm: 0,
        hiwaterRss: 0,
        hiwaterVm: 0,
      },
      mmapBase,
      zeroPfn: options.zeroPfn ?? ZERO_PFN,
    };
  }

  /**
   * Reserves `length` bytes (rounded up to whole pages) at the highest gap below the mmap base and returns
   * its address; allocates no frame (unless `populate`). A new VMA next to one with the same protection
   * and flags merges with it (vma_merge), as /proc/PID/maps shows. EINVAL for a length of 0 or a bad prot,
   * ENOMEM when no gap is large enough.
   */
  mmap(length: number, options: MmapOptions): bigint {
    const { prot, shared = false, populate = false } = options;
    if (!PROT.test(prot)) {
      throw new AddressSpaceError('EINVAL', `prot must be three of r/-, w/-, x/- such as 'rw-', got ${String(prot)}`);
    }
    if (!Number.isSafeInteger(length) || length <= 0) {
      throw new AddressSpaceError('EINVAL', `length must be a positive whole number of bytes, got ${length}`);
    }
    const size = pageAlign(BigInt(length)); // mmap rounds the length up to whole pages (PAGE_ALIGN)
    const start = this.getUnmappedArea(size, shared);
    if (start === null)
      throw new AddressSpaceError('ENOMEM', `no gap of ${size} bytes below 0x${this.mm.mmapBase.toString(16)}`);

    const vma: Vma = { start, end: start + size, prot, shared, vmFlags: vmFlagsFor(prot, shared) };
    // MAP_SHARED|MAP_ANONYMOUS is a new shmem file (shmem_zero_setup), shared with forks.
    if (shared) vma.shmem = { object: { pages: new Map(), vmas: 1 }, pgoff: 0 };
    insertAndMerge(this.mm.vmas, vma);
    const counters = this.mm.counters;
    counters.totalVm += Number(size / PAGE);
    counters.hiwaterVm = Math.max(counters.hiwaterVm, counters.totalVm);

    if (populate) {
      // MAP_POPULATE faults every page in now, as get_user_pages does: for write in a private writable
      // mapping, for read otherwise (populate_vma_page_range). It stops quietly at the first failure.
      // Stryker disable next-line LogicalOperator,ConditionalExpression,StringLiteral: a MAP_SHARED page is the same page whether a read or a write brings it in; kata 9 reads for any kind but write and exec
      const access: Access = !shared && prot[1] === 'w' ? 'write' : 'read';
      for (let va = start; va < start + size; va += PAGE) {
        const result = this.access(va, access);
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: nothing frees a frame or changes a VMA meanwhile: every later page fails the same way (a segv only in a PROT_NONE mapping, for every page)
        if (result.kind === 'segv' || result.kind === 'oom') break;
      }
    }
    return start;
  }

  /**
   * The hook mmap places mappings with (the kernel's mm->get_unmapped_area): the address of the highest gap
   * of at least `length` bytes that ends at or below the mmap base and starts at or above MMAP_MIN_ADDR,
   * placed at the top of that gap; null when there is none. `shared` says whether it is for a MAP_SHARED
   * mapping (kata 11 overrides the hook to align private 2 MiB mappings; here it changes nothing).
   */
  // biome-ignore lint/correctness/noUnusedFunctionParameters: the hook's signature; kata 11's override uses it
  getUnmappedArea(length: bigint, shared: boolean): bigint | null {
    const { vmas, mmapBase } = this.mm;
    // Top down (unmapped_area_topdown): each gap lies between a VMA's end and the next VMA's start.
    let gapEnd = mmapBase;
    for (let i = vmas.length - 1; i >= -1; i--) {
      const below = vmas[i];
      // Stryker disable next-line EqualityOperator: a VMA that starts right at gapEnd gives an empty gap either way
      if (below && below.start >= gapEnd) continue; // entirely above the part still to search
      // Stryker disable next-line EqualityOperator,ConditionalExpression: mmap never places a VMA below MMAP_MIN_ADDR: below.end is above it or equal
      const gapStart = below && below.end > MMAP_MIN_ADDR ? below.end : MMAP_MIN_ADDR;
      if (gapEnd - gapStart >= length) return gapEnd - length; // negative when a VMA straddles gapEnd
      if (!below) break;
      gapEnd = below.start;
    }
    return null;
  }

  /**
   * Removes [va, va + length) (length rounded up to whole pages) from the address space: frees the pages
   * mapped there, cuts VMAs (one in the middle splits in two). A range with nothing mapped is no error, as on
   * Linux. EINVAL for an address that is not page-aligned, a length of 0, a range beyond user space.
   */
  munmap(va: bigint, length: number): void {
    if (va < 0n || va % PAGE !== 0n) {
      throw new AddressSpaceError('EINVAL', `munmap needs a page-aligned address, got ${String(va)}`);
    }
    if (!Number.isSafeInteger(length) || length <= 0) {
      throw new AddressSpaceError('EINVAL', `length must be a positive whole number of bytes, got ${length}`);
    }
    const end = va + pageAlign(BigInt(length));
    if (end > TASK_SIZE)
      throw new AddressSpaceError('EINVAL', `[0x${va.toString(16)}, 0x${end.toString(16)}) is beyond user space`);

    const { vmas, counters } = this.mm;
    const kept: Vma[] = [];
    for (const vma of vmas) {
      if (vma.end <= va || vma.start >= end) {
        kept.push(vma);
        continue;
      }
      // Stryker disable next-line EqualityOperator: where the two are equal either one is the answer
      const from = vma.start > va ? vma.start : va;
      // Stryker disable next-line EqualityOperator: where the two are equal either one is the answer
      const to = vma.end < end ? vma.end : end;
      this.zapRange(from, to);
      counters.totalVm -= Number((to - from) / PAGE);
      // What is left of the VMA: a piece below the hole, one above it, both, or none (split_vma).
      const pieces: Vma[] = [];
      if (vma.start < from) pieces.push({ ...vma, end: from, vmFlags: [...vma.vmFlags] });
      if (to < vma.end) {
        const upper: Vma = { ...vma, start: to, vmFlags: [...vma.vmFlags] };
        if (vma.shmem) upper.shmem = { ...vma.shmem, pgoff: vma.shmem.pgoff + Number((to - vma.start) / PAGE) };
        pieces.push(upper);
      }
      if (vma.shmem) releaseShmem(this.mm, vma.shmem.object, pieces.length - 1);
      kept.push(...pieces);
    }
    vmas.splice(0, vmas.length, ...kept);
  }

  /**
   * The hook munmap and exit free pages with (zap_page_range): every 4 KiB PTE in [start, end) goes, a
   * private page whose last PTE goes back to the FrameAllocator, a swap entry goes back to the swap system.
   * A walk that stops above the PTE level has nothing of size 4 KiB there and skips that level's span
   * (kata 11 overrides this hook to deal with 2 MiB pages first).
   */
  zapRange(start: bigint, end: bigint): void {
    const mm = this.mm;
    for (const { va } of presentPtes(mm, start, end)) releasePte(mm, mm.pageTable.unmap(va));
    for (const [va, entry] of mm.swapEntries.entries(start, end)) {
      mm.swapEntries.delete(va);
      mm.counters.swapEntries--;
      swapBackend(mm).free(entry);
    }
  }

  /**
   * The MMU: translates `va` for a read, write or instruction fetch (setting the PTE's Accessed and Dirty bits).
   * If that faults, the kernel's side (do_user_addr_fault): no VMA → segv 'no-vma'; a VMA that forbids the
   * access → segv 'protection' (x86 reads anything that is readable, writable or executable); else
   * handleMmFault makes the page present, the fault is counted, and the access is tried again.
   */
  access(va: bigint, kind: Access): AccessResult {
    const mm = this.mm;
    // Stryker disable next-line StringLiteral: every page here is a user page: kernel mode would translate it the same
    const first = mm.pageTable.translate(va, kind, 'user');
    if (first.kind === 'ok') return { kind: 'hit', pa: first.pa };
    if (first.reason === 'non-canonical') return { kind: 'segv', reason: 'non-canonical' };

    const vma = findVma(mm.vmas, va);
    if (!vma) return { kind: 'segv', reason: 'no-vma' };
    if (!allows(vma.prot, kind)) return { kind: 'segv', reason: 'protection' }; // access_error()

    const fault = this.handleMmFault(vma, va, kind, first.reason);
    if (fault.kind === 'oom') return fault;
    // mm_account_fault(): a fault that needed I/O is major, every other one minor.
    if (fault.kind === 'major-fault') mm.counters.majorFaults++;
    else mm.counters.minorFaults++;
    // Stryker disable next-line StringLiteral: every page here is a user page: kernel mode would translate it the same
    const retry = mm.pageTable.translate(va, kind, 'user'); // the CPU runs the instruction again
    // Stryker disable next-line ConditionalExpression,BlockStatement,CallExpression: handleMmFault maps the page or says oom: the retry cannot fault
    if (retry.kind !== 'ok') throw new Error(`handleMmFault left 0x${va.toString(16)} unmapped (${retry.reason})`);
    return { kind: fault.kind, pa: retry.pa, cause: fault.cause };
  }

  /**
   * The hook access() calls for a fault in a VMA that allows the access (handle_mm_fault). `reason` is the
   * MMU's: 'not-present' (nothing mapped yet, or a swap entry) or 'protection' (a write to a read-only PTE).
   * Maps the page and says how; 'oom' (and no change) when there is no frame. Kata 11 overrides it.
   */
  handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
    const mm = this.mm;
    const page = va & PAGE_MASK;
    if (reason === 'protection') return doWpPage(mm, vma, page);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut only: get() on an empty Map is undefined too
    const swapped = mm.swapEntries.size > 0 ? mm.swapEntries.get(page) : undefined;
    if (swapped) return doSwapPage(mm, vma, page, swapped, kind);
    if (vma.shmem) return doSharedFault(mm, vma, page);
    return doAnonymousPage(mm, vma, page, kind === 'write');
  }

  /**
   * A child with a copy of every VMA (copy_page_range): private pages are shared read-only by both sides
   * until one writes (copy-on-write), the zero page and swap entries are copied, MAP_SHARED mappings are
   * not (the child faults them in from the same shmem object). The child is made by the same class, with
   * the same options and the same page state. ENOMEM (and no child) when a page table finds no frame.
   */
  fork(): AddressSpace {
    const mm = this.mm;
    const Child = this.constructor as new (options: AddressSpaceOptions) => AddressSpace;
    let child: AddressSpace;
    try {
      child = new Child({ ...mm.options, pages: mm.pages }); // its PGD first (pgd_alloc in mm_init)
    } catch (error) {
      throw forkError(error);
    }
    const cc = child.mm.counters;
    try {
      for (const vma of mm.vmas) {
        child.mm.vmas.push({ ...vma, vmFlags: [...vma.vmFlags] });
        if (vma.shmem) {
          vma.shmem.object.vmas++;
          continue; // shared mappings are refilled on fault (vma_needs_copy() is false)
        }
        for (const { va, entry } of presentPtes(mm, vma.start, vma.end)) {
          const pfn = entryPfn(entry);
          const exec = (entry & PTE_NX) === 0n;
          const page = mm.pages.get(pfn);
          // Stryker disable next-line ConditionalExpression,LogicalOperator: rewriting a read-only PTE (or the zero page's) read-only changes nothing
          if (page && entry & PTE_WRITE) rewritePte(mm, va, entry, pfn, false); // write-protect the parent's PTE
          child.mm.pageTable.map(va, pfn, { write: false, exec }); // the child's PTE: read-only, old, clean
          if (page) {
            page.mapcount++;
            cc.anonPages++;
          }
        }
        for (const [va, entry] of mm.swapEntries.entries(vma.start, vma.end)) {
          swapBackend(mm).duplicate(entry);
          child.mm.swapEntries.set(va, entry);
          cc.swapEntries++;
        }
      }
    } catch (error) {
      child.exit();
      throw forkError(error);
    }
    cc.totalVm = mm.counters.totalVm;
    cc.hiwaterVm = cc.totalVm;
    cc.hiwaterRss = cc.anonPages; // its MAP_SHARED mappings start empty
    return child;
  }

  /** The process exits (exit_mmap): every VMA is unmapped, every frame goes back, the page table too. */
  exit(): void {
    for (const vma of [...this.mm.vmas]) this.munmap(vma.start, Number(vma.end - vma.start));
    this.mm.pageTable.destroy();
  }

  /** The VMAs in address order, as /proc/PID/maps lists them (copies: changing them changes nothing). */
  vmas(): Vma[] {
    return this.mm.vmas.map((vma) => ({ ...vma, vmFlags: [...vma.vmFlags] }));
  }

  /** The memory lines of /proc/PID/status in KiB, and the fault counts (fs/proc/task_mmu.c task_mem). */
  stats(): MemoryStats {
    const { counters, pageTable } = this.mm;
    const rss = counters.anonPages + counters.shmemPages;
    return {
      minorFaults: counters.minorFaults,
      majorFaults: counters.majorFaults,
      vmPeakKb: Math.max(counters.hiwaterVm, counters.totalVm) * PAGE_KB,
      vmSizeKb: counters.totalVm * PAGE_KB,
      vmHwmKb: Math.max(counters.hiwaterRss, rss) * PAGE_KB,
      rssKb: rss * PAGE_KB,
      rssAnonKb: counters.anonPages * PAGE_KB,
      rssShmemKb: counters.shmemPages * PAGE_KB,
      vmPteKb: pageTable.vmPteKb(),
      vmSwapKb: counters.swapEntries * PAGE_KB,
    };
  }

  /**
   * The 64-bit entry /proc/PID/pagemap holds for the page of `va` (pte_to_pagemap_entry): present (bit 63)
   * with the PFN, exclusive (56) when one PTE maps the frame, file-or-shared (61) for a MAP_SHARED page;
   * swapped (62) with the swap type in bits 0–4 and the offset from bit 5; 0 when nothing is there.
   * EINVAL for an address outside user space.
   */
  pagemap(va: bigint): bigint {
    if (va < 0n || va >= TASK_SIZE) throw new AddressSpaceError('EINVAL', `0x${va.toString(16)} is not a user address`);
    const mm = this.mm;
    const page = va & PAGE_MASK;
    // pte_to_pagemap_entry: a present PTE first, else a swap entry in its place (is_swap_pte), else nothing.
    const entry = pteAt(mm, page);
    if (entry === undefined) {
      const swapped = mm.swapEntries.get(page);
      return swapped ? PM_SWAP | BigInt(swapped.type) | (BigInt(swapped.offset) << 5n) : 0n;
    }
    const pfn = entryPfn(entry);
    const info = mm.pages.get(pfn); // the zero page has none: never exclusive
    let bits = PM_PRESENT | BigInt(pfn);
    if (info?.mapcount === 1) bits |= PM_MMAP_EXCLUSIVE;
    if (info?.kind === 'shmem') bits |= PM_FILE;
    return bits;
  }

  /** Every page counted in RSS (the zero page is not), in address order, with its PTE's bits. */
  residentPages(): ResidentPage[] {
    const mm = this.mm;
    const pages: ResidentPage[] = [];
    for (const vma of mm.vmas) {
      for (const { va, entry } of presentPtes(mm, vma.start, vma.end)) {
        const pfn = entryPfn(entry);
        const page = mm.pages.get(pfn);
        if (!page) continue; // the zero page
        pages.push({
          va,
          pfn,
          kind: page.kind,
          writable: (entry & PTE_WRITE) !== 0n,
          accessed: (entry & PTE_ACCESSED) !== 0n,
          dirty: (entry & PTE_DIRTY) !== 0n || page.dirty,
          mapcount: page.mapcount,
        });
      }
    }
    return pages;
  }

  /**
   * Clears the Accessed bit of the PTE that maps `va` and says whether it was set (ptep_test_and_clear_young,
   * what reclaim's second chance asks). A Dirty bit is kept, on the page. false when no 4 KiB page is there.
   */
  clearYoung(va: bigint): boolean {
    const mm = this.mm;
    const page = va & PAGE_MASK;
    const entry = pteAt(mm, page);
    if (entry === undefined || (entry & PTE_ACCESSED) === 0n) return false;
    rewritePte(mm, page, entry, entryPfn(entry), (entry & PTE_WRITE) !== 0n, false);
    return true;
  }

  /**
   * Replaces the PTE of the private page at `va` by swap entry `entry` (try_to_unmap_one): RssAnon − 1,
   * VmSwap + 1. The frame is not freed: it is the caller's (kata 14 writes it out, keeps it in the swap cache
   * or frees it) once no PTE maps it. EINVAL when no private page is present there or the entry is out of range.
   */
  swapOut(va: bigint, entry: SwapEntry): SwapOutResult {
    const mm = this.mm;
    const { type, offset } = entry;
    if (
      !Number.isInteger(type) ||
      type < 0 ||
      type > 31 ||
      !Number.isInteger(offset) ||
      offset < 0 ||
      offset > MAX_SWAP_OFFSET
    ) {
      throw new AddressSpaceError(
        'EINVAL',
        `a swap entry has a type 0…31 and an offset 0…2^50 − 1, got ${type}/${offset}`,
      );
    }
    const pageVa = va & PAGE_MASK;
    // Stryker disable next-line EqualityOperator: address 0 holds no page either way (mmap_min_addr)
    const pte = va >= 0n && va < TASK_SIZE ? pteAt(mm, pageVa) : undefined;
    const pfn = pte === undefined ? -1 : entryPfn(pte);
    const page = mm.pages.get(pfn);
    if (page?.kind !== 'anon') {
      throw new AddressSpaceError('EINVAL', `no private anonymous page is present at 0x${va.toString(16)}`);
    }
    const old = mm.pageTable.unmap(pageVa);
    if (old & PTE_DIRTY) page.dirty = true;
    page.mapcount--;
    if (page.mapcount === 0) mm.pages.delete(pfn);
    else page.swap = { type, offset }; // the PTEs still mapping it find it in the swap cache (add_to_swap)
    mm.counters.anonPages--;
    mm.swapEntries.set(pageVa, { type, offset });
    mm.counters.swapEntries++;
    return { pfn, stillMapped: page.mapcount > 0, dirty: page.dirty };
  }
}

/** What fork throws when the child's page table could not be built: ENOMEM for a missing frame (dup_mm). */
function forkError(error: unknown): unknown {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the child's table is empty where it maps: only a missing frame can fail
  if (error instanceof PageTableError && error.code === 'out-of-memory') {
    return new AddressSpaceError('ENOMEM', 'fork found no frame for a page table of the child');
  }
  return error;
}

/** x86 access_error(): a write needs w, an instruction fetch x, a read any of r, w, x (x86 has no write-only pages). */
function allows(prot: Prot, kind: Access): boolean {
  if (kind === 'write') return prot[1] === 'w';
  if (kind === 'exec') return prot[2] === 'x';
  return prot !== '---';
}

/** A write fault on an untouched private page gets a new frame; a read maps the zero page read-only. */
function doAnonymousPage(mm: Mm, vma: Vma, va: bigint, write: boolean): FaultResult {
  const exec = vma.prot[2] === 'x';
  if (!write) {
    // Reading memory nobody wrote reads zeros: map the one shared zero page, allocate nothing.
    return mapPte(mm, va, mm.zeroPfn, false, exec) ? { kind: 'minor-fault', cause: 'zero-page' } : { kind: 'oom' };
  }
  const pfn = mm.frames.allocFrame();
  if (pfn === null) return { kind: 'oom' };
  if (!mapPte(mm, va, pfn, true, exec)) {
    mm.frames.freeFrame(pfn);
    return { kind: 'oom' };
  }
  // Stryker disable next-line BooleanLiteral: the write that follows sets the PTE's D bit, which counts as dirty too
  mm.pages.set(pfn, { mapcount: 1, dirty: false, kind: 'anon' });
  addRss(mm, 'anon', 1);
  return { kind: 'minor-fault', cause: 'new-page' };
}

/**
 * A write to a present read-only PTE in a writable VMA (do_wp_page): a page only this PTE maps is made
 * writable again (wp_page_reuse); the zero page or a page others map or hold in swap (wp_can_reuse_anon_folio:
 * folio_free_swap fails while its slot is in use) is copied to a new frame (wp_page_copy).
 */
function doWpPage(mm: Mm, vma: Vma, va: bigint): FaultResult {
  const entry = pteAt(mm, va) as bigint;
  const pfn = entryPfn(entry);
  const page = mm.pages.get(pfn);
  if (page && page.mapcount === 1 && !heldInSwap(mm, page)) {
    rewritePte(mm, va, entry, pfn, true);
    return { kind: 'minor-fault', cause: 'reuse' };
  }
  const copy = mm.frames.allocFrame();
  if (copy === null) return { kind: 'oom' };
  // Cannot run short: the unmap gave back every table page (if any) that this map takes again.
  mm.pageTable.unmap(va);
  mm.pageTable.map(va, copy, { write: true, exec: vma.prot[2] === 'x' });
  // Stryker disable next-line BooleanLiteral: the write that follows sets the PTE's D bit, which counts as dirty too
  mm.pages.set(copy, { mapcount: 1, dirty: false, kind: 'anon' });
  if (page) {
    page.mapcount--; // the other side keeps the old frame (it is theirs alone now if they were the only other)
    if (page.mapcount === 0) {
      // Only swap entries hold it now: it goes back (kata 14 writes it to its slot if the slot lacks it).
      mm.pages.delete(pfn);
      mm.frames.freeFrame(pfn);
    }
  } else {
    addRss(mm, 'anon', 1); // a copy of the zero page is a new page in RSS
  }
  return { kind: 'minor-fault', cause: 'copy-on-write' };
}

/** A fault in a MAP_SHARED mapping: the shmem object's page at this index, allocated on the first touch. */
function doSharedFault(mm: Mm, vma: Vma, va: bigint): FaultResult {
  const { object, pgoff } = vma.shmem as NonNullable<Vma['shmem']>;
  const index = pgoff + Number((va - vma.start) / PAGE);
  const known = object.pages.get(index);
  const pfn = known ?? mm.frames.allocFrame();
  if (pfn === null) return { kind: 'oom' };
  if (!mapPte(mm, va, pfn, vma.prot[1] === 'w', vma.prot[2] === 'x')) {
    if (known === undefined) mm.frames.freeFrame(pfn);
    return { kind: 'oom' };
  }
  const page = mm.pages.get(pfn);
  if (page) page.mapcount++;
  else mm.pages.set(pfn, { mapcount: 1, dirty: false, kind: 'shmem' });
  object.pages.set(index, pfn);
  // Stryker disable next-line StringLiteral: addRss counts any kind but 'anon' as shmem
  addRss(mm, 'shmem', 1);
  return { kind: 'minor-fault', cause: 'shmem' };
}

/**
 * A fault on a swap entry (do_swap_page): the swap system hands the page back in a frame, which is mapped
 * writable only if it is exclusive: no other PTE maps it and no other PTE holds the swap entry (its use count
 * is 1, this PTE's, before swap_free). A write to a page others share is copied in the same fault.
 */
function doSwapPage(mm: Mm, vma: Vma, va: bigint, entry: SwapEntry, kind: Access): FaultResult {
  const swap = swapBackend(mm);
  const found = swap.swapIn(entry);
  if (found === null) return { kind: 'oom' };
  const page = mm.pages.get(found.pfn);
  const exclusive = (!page || page.mapcount === 0) && swap.useCount(entry) === 1;
  // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator: private anonymous pages exist only in writable VMAs (kata 10 has no mprotect)
  if (!mapPte(mm, va, found.pfn, exclusive && vma.prot[1] === 'w', vma.prot[2] === 'x')) return { kind: 'oom' };
  if (page) page.mapcount++;
  else mm.pages.set(found.pfn, { mapcount: 1, dirty: false, kind: 'anon', swap: { ...entry } });
  mm.swapEntries.delete(va);
  mm.counters.swapEntries--;
  swap.free(entry);
  addRss(mm, 'anon', 1);
  const result: FaultResult = { kind: found.major ? 'major-fault' : 'minor-fault', cause: 'swap-in' };
  if (kind === 'write' && !exclusive && doWpPage(mm, vma, va).kind === 'oom') return { kind: 'oom' };
  return result;
}

/** Maps one 4 KiB page; false (and nothing changed) when the page table needs a frame and there is none. */
function mapPte(mm: Mm, va: bigint, pfn: number, write: boolean, exec: boolean): boolean {
  try {
    mm.pageTable.map(va, pfn, { write, exec });
  } catch (error) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: map can fail here only for want of a frame: va is page-aligned, canonical and not mapped
    if (error instanceof PageTableError && error.code === 'out-of-memory') return false;
    throw error;
  }
  return true;
}

/**
 * Rewrites a present PTE with another write permission (ptep_set_wrprotect, or making it writable): the
 * table has no such call, so unmap and map again, handing a set Dirty bit to the page and setting Accessed
 * again if it was set (unless `keepAccessed` is false: clearYoung).
 */
function rewritePte(mm: Mm, va: bigint, entry: bigint, pfn: number, write: boolean, keepAccessed = true): void {
  mm.pageTable.unmap(va);
  mm.pageTable.map(va, pfn, { write, exec: (entry & PTE_NX) === 0n });
  const page = mm.pages.get(pfn);
  if (page && entry & PTE_DIRTY) page.dirty = true;
  // Stryker disable next-line StringLiteral: any translation of a present user page sets A: the kind and mode do not matter
  if (keepAccessed && entry & PTE_ACCESSED) mm.pageTable.translate(va, 'read', 'user'); // sets A again
}

/** A PTE is gone: its page loses a mapping, and a private page nobody maps any more goes back. */
function releasePte(mm: Mm, entry: bigint): void {
  const pfn = entryPfn(entry);
  const page = mm.pages.get(pfn);
  if (!page) return; // the zero page belongs to nobody
  if (entry & PTE_DIRTY) page.dirty = true;
  page.mapcount--;
  addRss(mm, page.kind, -1);
  if (page.kind === 'anon' && page.mapcount === 0) {
    mm.pages.delete(pfn);
    mm.frames.freeFrame(pfn);
  }
}

/** A shmem object loses `lost` VMAs (−1 when one goes, 0 when one is cut in two pieces … ); its last VMA frees it. */
function releaseShmem(mm: Mm, object: ShmemObject, lost: number): void {
  object.vmas += lost;
  if (object.vmas > 0) return;
  for (const pfn of object.pages.values()) {
    mm.pages.delete(pfn);
    mm.frames.freeFrame(pfn);
  }
}

function addRss(mm: Mm, kind: 'anon' | 'shmem', pages: number): void {
  const counters = mm.counters;
  if (kind === 'anon') counters.anonPages += pages;
  else counters.shmemPages += pages;
  counters.hiwaterRss = Math.max(counters.hiwaterRss, counters.anonPages + counters.shmemPages);
}

/**
 * The present 4 KiB PTEs in [start, end), in address order. Where a walk stops above the PTE level (no table
 * below, or a 2 MiB page), that entry's whole span is skipped: zap_pmd_range skips an empty PMD the same way.
 */
function* presentPtes(mm: Mm, start: bigint, end: bigint): Generator<{ va: bigint; entry: bigint }> {
  let va = start;
  while (va < end) {
    const steps = mm.pageTable.walk(va);
    const last = steps[steps.length - 1] as (typeof steps)[number];
    if (last.level === 'pte') {
      if (last.entry & PTE_PRESENT) yield { va, entry: last.entry };
      va += PAGE;
    } else {
      const span = SPAN[last.level];
      va = (va / span + 1n) * span;
    }
  }
}

/** The present 4 KiB PTE that maps the page at `va`, or undefined (nothing there, or a 2 MiB page). */
function pteAt(mm: Mm, va: bigint): bigint | undefined {
  const steps = mm.pageTable.walk(va);
  const last = steps[steps.length - 1] as (typeof steps)[number];
  return last.level === 'pte' && last.entry & PTE_PRESENT ? last.entry : undefined;
}

/** The VMA that contains `va` (find_vma and a start check), by binary search over the sorted VMAs. */
function findVma(vmas: readonly Vma[], va: bigint): Vma | undefined {
  let low = 0;
  let high = vmas.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const vma = vmas[mid] as Vma;
    if (va < vma.start) high = mid - 1;
    else if (va >= vma.end) low = mid + 1;
    else return vma;
  }
  return undefined;
}

/**
 * Puts a new VMA in address order and merges it with a neighbour that touches it and has the same
 * protection and flags (vma_merge; MAP_SHARED mappings never merge here: each has its own shmem object).
 */
function insertAndMerge(vmas: Vma[], vma: Vma): void {
  // Stryker disable next-line EqualityOperator: no two VMAs start at the same address
  let index = vmas.findIndex((other) => other.start > vma.start);
  if (index < 0) index = vmas.length;
  vmas.splice(index, 0, vma);
  const next = vmas[index + 1];
  if (next && mergeable(vma, next) && vma.end === next.start) {
    vma.end = next.end;
    vmas.splice(index + 1, 1);
  }
  const prev = vmas[index - 1];
  if (prev && mergeable(prev, vma) && prev.end === vma.start) {
    prev.end = vma.end;
    vmas.splice(index, 1);
  }
}

/** Same flags (and so the same protection: rd wr ex) and both private: each shared one has its own object. */
function mergeable(a: Vma, b: Vma): boolean {
  // Stryker disable next-line LogicalOperator: a private VMA's flags never equal a shared one's (sh, ms): || needs two shared ones, && keeps them apart
  return !a.shared && !b.shared && a.vmFlags.join(' ') === b.vmFlags.join(' ');
}

/** Do PTEs other than the ones mapping `page` still hold the swap slot it came from (folio_swapped)? */
function heldInSwap(mm: Mm, page: Page): boolean {
  return page.swap !== undefined && swapBackend(mm).useCount(page.swap) > 0;
}

function swapBackend(mm: Mm) {
  if (!mm.options.swap) throw new Error('this address space holds a swap entry but was given no swap backend');
  return mm.options.swap;
}

function pageAlign(bytes: bigint): bigint {
  return (bytes + PAGE - 1n) & PAGE_MASK;
}
