import { isCanonical, isUserAddress, LEVELS, type Level, splitAddress } from '#kata/08-virtual-address';
import { makeEntry, PTE_HUGE, PTE_NX, PTE_PRESENT, PTE_TABLE, PTE_USER, PTE_WRITE } from './entry.ts';
import type { FrameAllocator } from './frame-allocator.ts';
import { PageTableError } from './page-table-error.ts';
import type { Access, MapOptions, Mode, TableCount, Translation, WalkStep } from './translation.ts';

const PAGE_SIZE = 4096;
const HUGE_PAGE_SIZE = 2 * 1024 * 1024;
const PAGES_PER_HUGE_PAGE = HUGE_PAGE_SIZE / PAGE_SIZE; // 512

/**
 * One 4 KiB table page, exactly as the MMU reads it: 512 little-endian 64-bit entries. An entry that points
 * at a lower table holds that table page's frame number, as on the real machine; `lower[index]` is where this
 * simulation keeps that table page (the MMU would read physical memory at that frame; we follow a reference).
 *
 * `entries` and `words` are two views of the same 4096 bytes: map, unmap and walk read and write whole
 * entries as bigint; translate reads each entry as two 32-bit halves, because reading a bigint out of a typed
 * array allocates one, and translate is the hot path (docs/performance.md measures it).
 */
class TablePage {
  readonly entries: BigUint64Array;
  readonly words: Uint32Array;
  readonly lower: (TablePage | undefined)[] = [];
  /** Present entries: when it drops to 0 the page goes back to the FrameAllocator. */
  present = 0;

  constructor(readonly pfn: number) {
    const bytes = new ArrayBuffer(PAGE_SIZE);
    this.entries = new BigUint64Array(bytes);
    this.words = new Uint32Array(bytes);
  }
}

/** What a table page pointed at from each level is counted as: a PGD entry points at a PUD table, and so on. */
const LOWER: Record<'pgd' | 'pud' | 'pmd', keyof TableCount> = { pgd: 'pud', pud: 'pmd', pmd: 'pte' };

// The bits translate tests in an entry's low and high 32-bit words (see TablePage).
const P = Number(PTE_PRESENT); // bit 0
const RW = Number(PTE_WRITE); // bit 1
const US = Number(PTE_USER); // bit 2
const A = 1 << 5;
const D = 1 << 6;
const PS = Number(PTE_HUGE); // bit 7
const NX_HIGH = Number(PTE_NX >> 32n); // bit 63 is bit 31 of the high word
/** Each level's index is bits shift … shift + 8 of the address: divide by 2^shift, keep 9 bits. */
const LEVEL_DIVISOR = [2 ** 39, 2 ** 30, 2 ** 21, 2 ** 12];
const SIGN_EXTENSION = 0xffff000000000000n;

/**
 * A 4-level x86-64 page table whose table pages come from a FrameAllocator. What each method must do is
 * written on the PageTable interface below.
 */
export const PageTable: new (frames: FrameAllocator) => PageTable = class PageTable {
  readonly #frames: FrameAllocator;
  /**
   * The PTE table deposited for each 2 MiB mapping, by its PMD table page and slot (pgtable_trans_huge_deposit).
   * It is not in the tree: no entry points at it until the huge page is split.
   */
  readonly #deposited = new Map<TablePage, Map<number, TablePage>>();
  readonly #count: TableCount = { pgd: 0, pud: 0, pmd: 0, pte: 0 };
  #pgd: TablePage | undefined;

  /** Takes the PGD page from `frames` (pgd_alloc); PageTableError 'out-of-memory' when there is none. */
  constructor(frames: FrameAllocator) {
    this.#frames = frames;
    [this.#pgd] = this.#allocPages(1);
    this.#count.pgd = 1;
  }

  map(va: bigint, pfn: number, options: MapOptions = {}): void {
    const pgd = this.#alive();
    const { write = false, user = true, exec = false, huge = false } = options;
    const parts = splitAddress(va); // AddressError for a non-canonical address
    const leafFlags = PTE_PRESENT | (write ? PTE_WRITE : 0n) | (user ? PTE_USER : 0n) | (exec ? 0n : PTE_NX);
    const leaf = makeEntry(pfn, huge ? leafFlags | PTE_HUGE : leafFlags); // RangeError for a bad pfn
    const leafLevel: Level = huge ? 'pmd' : 'pte';
    if (huge && (va % BigInt(HUGE_PAGE_SIZE) !== 0n || pfn % PAGES_PER_HUGE_PAGE !== 0)) {
      throw new PageTableError(
        'misaligned',
        'a 2 MiB mapping needs a 2 MiB-aligned address and a PFN that is a multiple of 512',
      );
    }
    if (parts.offset !== 0) throw new PageTableError('misaligned', `${hex(va)} is not at the start of a 4 KiB page`);

    // Go down as far as the tables exist.
    let page = pgd;
    let depth = 0;
    for (; LEVELS[depth] !== leafLevel; depth++) {
      const index = parts[LEVELS[depth] as Level];
      const entry = page.entries[index] as bigint;
      if (!(entry & PTE_PRESENT)) break;
      if (entry & PTE_HUGE) throw alreadyMapped(va, 'a 2 MiB page already maps this range');
      page = page.lower[index] as TablePage;
    }
    if (LEVELS[depth] === leafLevel && (page.entries[parts[leafLevel]] as bigint) & PTE_PRESENT) {
      throw alreadyMapped(va, huge ? 'a PTE table with 4 KiB pages is in this 2 MiB range' : 'the PTE is present');
    }

    // Take every table page this mapping needs before changing anything, so that out-of-memory changes nothing.
    const fresh = this.#allocPages(LEVELS.indexOf(leafLevel) - depth + (huge ? 1 : 0));
    for (; LEVELS[depth] !== leafLevel; depth++) {
      const level = LEVELS[depth] as 'pgd' | 'pud' | 'pmd';
      const table = fresh.shift() as TablePage;
      setEntry(page, parts[level], makeEntry(table.pfn, PTE_TABLE)); // pud_populate, pmd_populate, …
      page.lower[parts[level]] = table;
      this.#count[LOWER[level]]++;
      page = table;
    }
    setEntry(page, parts[leafLevel], leaf);
    if (huge) {
      // A THP keeps a PTE table in reserve, so that splitting it later cannot fail for want of memory.
      const deposits = this.#deposited.get(page) ?? new Map<number, TablePage>();
      deposits.set(parts.pmd, fresh.shift() as TablePage);
      this.#deposited.set(page, deposits);
      this.#count.pte++;
    }
  }

  unmap(va: bigint): bigint {
    const pgd = this.#alive();
    const parts = splitAddress(va);
    if (parts.offset !== 0) throw new PageTableError('misaligned', `${hex(va)} is not at the start of a page`);

    // The path from the PGD to the leaf entry: which slot of which table page, level by level.
    const path: { page: TablePage; index: number }[] = [];
    let page: TablePage | undefined = pgd;
    for (let depth = 0; page; depth++) {
      const level = LEVELS[depth] as Level;
      const index = parts[level];
      const entry = page.entries[index] as bigint;
      if (!(entry & PTE_PRESENT)) throw new PageTableError('not-mapped', `nothing maps ${hex(va)}`);
      path.push({ page, index });
      page = page.lower[index]; // undefined at a leaf: the PTE, or a PMD entry with PS
    }

    const leaf = path[path.length - 1] as { page: TablePage; index: number };
    const huge = path.length === 3;
    if (huge && parts.pte !== 0) {
      throw new PageTableError('misaligned', `${hex(va)} is inside a 2 MiB page: unmap it at its first byte`);
    }
    const old = leaf.page.entries[leaf.index] as bigint;
    clearEntry(leaf.page, leaf.index);
    if (huge) {
      // pte_free(mm, pgtable_trans_huge_withdraw(mm, pmd))
      const deposits = this.#deposited.get(leaf.page) as Map<number, TablePage>;
      this.#frames.freeFrame((deposits.get(leaf.index) as TablePage).pfn);
      deposits.delete(leaf.index);
      this.#count.pte--;
    }
    // Give back every table page this left empty, bottom up (free_pte_range, free_pmd_range, free_pud_range).
    for (let depth = path.length - 1; depth > 0; depth--) {
      const { page: table } = path[depth] as { page: TablePage };
      if (table.present > 0) break;
      const above = path[depth - 1] as { page: TablePage; index: number };
      clearEntry(above.page, above.index);
      above.page.lower[above.index] = undefined;
      this.#frames.freeFrame(table.pfn);
      this.#count[LOWER[LEVELS[depth - 1] as 'pgd' | 'pud' | 'pmd']]--;
    }
    return old;
  }

  // Stryker disable next-line StringLiteral: any access but 'write' and 'exec' is checked as a read
  translate(va: bigint, access: Access = 'read', mode: Mode = 'user'): Translation {
    let page = this.#alive();
    if (!isCanonical(va)) return { kind: 'fault', reason: 'non-canonical', level: 'pgd' };
    // The low 48 bits as a number: exact (below 2^53), and cheap to divide, unlike a bigint.
    const address = Number(isUserAddress(va) ? va : va - SIGN_EXTENSION);
    for (let depth = 0; ; depth++) {
      const level = LEVELS[depth] as Level;
      const index = Math.floor(address / (LEVEL_DIVISOR[depth] as number)) % 512;
      const low = page.words[2 * index] as number;
      const high = page.words[2 * index + 1] as number;
      if ((low & P) === 0) return { kind: 'fault', reason: 'not-present', level };
      // Rights are checked at every level (x86 ANDs them); table entries (PTE_TABLE) allow everything.
      if ((mode === 'user' && (low & US) === 0) || (access === 'write' && (low & RW) === 0)) {
        return { kind: 'fault', reason: 'protection', level };
      }
      if (access === 'exec' && (high & NX_HIGH) !== 0) return { kind: 'fault', reason: 'protection', level };

      const isLeaf = depth === 3 || (low & PS) !== 0; // map sets PS only in PMD entries: a 2 MiB page
      // The MMU sets Accessed on every entry it uses, and Dirty on the leaf of a write.
      page.words[2 * index] = isLeaf && access === 'write' ? low | A | D : low | A;
      if (isLeaf) {
        const pageSize = depth === 3 ? PAGE_SIZE : HUGE_PAGE_SIZE;
        const pfn = (low >>> 12) + (high & 0xfffff) * 2 ** 20; // bits 12..31 of the low word, 32..51 of the high
        return { kind: 'ok', pa: BigInt(pfn * PAGE_SIZE + (address % pageSize)), pageSize };
      }
      page = page.lower[index] as TablePage;
    }
  }

  walk(va: bigint): WalkStep[] {
    let page: TablePage | undefined = this.#alive();
    const parts = splitAddress(va);
    const steps: WalkStep[] = [];
    for (let depth = 0; page; depth++) {
      const level = LEVELS[depth] as Level;
      const entry = page.entries[parts[level]] as bigint;
      steps.push({ level, tablePfn: page.pfn, index: parts[level], entry });
      page = page.lower[parts[level]]; // undefined: not present, or a leaf
    }
    return steps;
  }

  tableCount(): TableCount {
    return { ...this.#count };
  }

  vmPteKb(): number {
    // mm_pgtables_bytes: every PUD, PMD and PTE table page; the PGD is not counted (fs/proc/task_mmu.c task_mem).
    return 4 * (this.#count.pud + this.#count.pmd + this.#count.pte);
  }

  destroy(): void {
    // free_pgtables, then pgd_free: every table page in the tree, the deposits, the PGD.
    const free = (page: TablePage): void => {
      for (const lower of page.lower) if (lower) free(lower);
      for (const deposit of this.#deposited.get(page)?.values() ?? []) this.#frames.freeFrame(deposit.pfn);
      this.#frames.freeFrame(page.pfn);
    };
    free(this.#alive());
    this.#pgd = undefined;
    Object.assign(this.#count, { pgd: 0, pud: 0, pmd: 0, pte: 0 });
  }

  #alive(): TablePage {
    if (!this.#pgd) throw new PageTableError('destroyed', 'this page table was destroyed');
    return this.#pgd;
  }

  /** n zeroed table pages, or PageTableError 'out-of-memory' after giving back the ones already taken. */
  #allocPages(n: number): TablePage[] {
    const pages: TablePage[] = [];
    for (let i = 0; i < n; i++) {
      const pfn = this.#frames.allocFrame();
      if (pfn === null) {
        for (const page of pages) this.#frames.freeFrame(page.pfn);
        throw new PageTableError('out-of-memory', 'the FrameAllocator has no free frame for a table page');
      }
      pages.push(new TablePage(pfn));
    }
    return pages;
  }
};

/** What a PageTable can do: `new PageTable(frames)` returns one. */
export interface PageTable {
  /**
   * Maps the 4 KiB page at `va` (or the 2 MiB page, with `huge`) to frame `pfn`, taking table pages from the
   * FrameAllocator for every level that has none yet. Defaults: read-only, user, not executable, 4 KiB.
   * Throws AddressError (non-canonical va), RangeError (bad pfn) or PageTableError ('misaligned',
   * 'already-mapped', 'out-of-memory'); a call that throws changes nothing.
   */
  map(va: bigint, pfn: number, options?: MapOptions): void;
  /**
   * Removes the mapping that starts at `va` and returns its old entry (Accessed and Dirty included, as
   * ptep_get_and_clear does). Table pages left empty go back to the FrameAllocator, the deposited PTE table
   * of a 2 MiB page too. PageTableError 'not-mapped' when nothing maps `va`.
   */
  unmap(va: bigint): bigint;
  /** What the MMU does with `va`: the physical address, or the fault and the level that raised it. */
  translate(va: bigint, access?: Access, mode?: Mode): Translation;
  /** The entries a walk of `va` reads, top down, ending at a leaf or at the entry that is not present. */
  walk(va: bigint): WalkStep[];
  /** Table pages in use per level (a 2 MiB mapping's deposited PTE table counts as a PTE table). */
  tableCount(): TableCount;
  /** VmPTE as /proc/PID/status prints it: 4 kB × (PUD + PMD + PTE table pages). */
  vmPteKb(): number;
  /** Gives every table page back, the PGD too (pgd_free). Afterwards every call but tableCount and vmPteKb throws. */
  destroy(): void;
}

function setEntry(page: TablePage, index: number, entry: bigint): void {
  page.entries[index] = entry;
  page.present++;
}

function clearEntry(page: TablePage, index: number): void {
  page.entries[index] = 0n;
  page.present--;
}

function alreadyMapped(va: bigint, why: string): PageTableError {
  return new PageTableError('already-mapped', `${hex(va)} is already mapped: ${why}`);
}

function hex(va: bigint): string {
  return `0x${va.toString(16)}`;
}
