import {
  type AddressParts,
  isCanonical,
  LEVEL_SHIFT,
  LEVELS,
  type Level,
  splitAddress,
} from '#kata/08-virtual-address';
import { fromWords, wordsOf } from '#shared/words';
import { PTE_HUGE, PTE_NX, PTE_PRESENT, PTE_TABLE, PTE_USER, PTE_WRITE } from './entry.ts';
import type { FrameAllocator } from './frame-allocator.ts';
import { PageTableError } from './page-table-error.ts';
import type { Access, MapOptions, Mode, TableCount, Translation, WalkStep } from './translation.ts';

const PAGE_SIZE = 4096;
const HUGE_PAGE_SIZE = 2 * 1024 * 1024;
const PAGES_PER_HUGE_PAGE = HUGE_PAGE_SIZE / PAGE_SIZE; // 512
/** The depth of the leaf entry, counting the PGD as 0: a PTE for a 4 KiB page, a PMD entry for a 2 MiB one. */
const PTE_DEPTH = 3;
const PMD_DEPTH = 2;

/**
 * One 4 KiB table page, exactly as the MMU reads it: 512 little-endian 64-bit entries. An entry that points
 * at a lower table holds that table page's frame number, as on the real machine; `lower[index]` is where this
 * simulation keeps that table page (the MMU would read physical memory at that frame; we follow a reference).
 *
 * `entries` and `words` are two views of the same 4096 bytes: unmap and walk read whole entries as bigint,
 * the values kata 9's API speaks; translate, the walks down of map and unmap, and map's writes use an
 * entry's two 32-bit words, because every bigint read out of a typed array or computed is a new allocation,
 * and translate and map are on the hot paths (docs/performance.md measures them).
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

  /** The low word of entry `index`: P, R/W, U/S, A, D, PS … and bits 12..31 of the PFN. */
  low(index: number): number {
    return this.words[2 * index] as number;
  }
}

/** What a table page pointed at from each level is counted as: a PGD entry points at a PUD table, and so on. */
const LOWER: Record<'pgd' | 'pud' | 'pmd', keyof TableCount> = { pgd: 'pud', pud: 'pmd', pmd: 'pte' };

// The bits tested in an entry's low and high 32-bit words (see TablePage).
const P = Number(PTE_PRESENT); // bit 0
const RW = Number(PTE_WRITE); // bit 1
const US = Number(PTE_USER); // bit 2
const A = 1 << 5;
const D = 1 << 6;
const PS = Number(PTE_HUGE); // bit 7
const NX_HIGH = Number(PTE_NX >> 32n); // bit 63 is bit 31 of the high word
/** The flags of an entry pointing at a lower table (_PAGE_TABLE), all in the low word. */
const TABLE = Number(PTE_TABLE);
/** The largest PFN an entry holds: 40 bits, 12..51 (makeEntry's limit). */
const MAX_PFN = 2 ** 40 - 1;
/** Where each level's index starts in the address, top down: PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT. */
const LEVEL_SHIFTS = LEVELS.map((level) => LEVEL_SHIFT[level]);

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
    if (!Number.isInteger(pfn) || pfn < 0 || pfn > MAX_PFN) {
      throw new RangeError(`pfn must be an integer 0 … 2^40 − 1, got ${pfn}`); // as makeEntry says it
    }
    // The leaf entry's flags, by word (see setEntry): P, R/W, U/S and PS in the low one, NX in the high one.
    const leafLow = P | (write ? RW : 0) | (user ? US : 0) | (huge ? PS : 0);
    const leafHigh = exec ? 0 : NX_HIGH;
    const leafDepth = huge ? PMD_DEPTH : PTE_DEPTH;
    if (huge && (va % BigInt(HUGE_PAGE_SIZE) !== 0n || pfn % PAGES_PER_HUGE_PAGE !== 0)) {
      throw new PageTableError(
        'misaligned',
        'a 2 MiB mapping needs a 2 MiB-aligned address and a PFN that is a multiple of 512',
      );
    }
    if (parts.offset !== 0) throw new PageTableError('misaligned', `${hex(va)} is not at the start of a 4 KiB page`);

    // Go down as far as the tables exist.
    const indices = tableIndices(parts);
    let page = pgd;
    let depth = 0;
    for (; depth < leafDepth; depth++) {
      const low = page.low(indices[depth] as number);
      if ((low & P) === 0) break;
      if (low & PS) throw alreadyMapped(va, 'a 2 MiB page already maps this range');
      page = page.lower[indices[depth] as number] as TablePage;
    }
    // The walk stopped at an entry that is not present, or at the leaf entry: present there is a mapping.
    if (page.low(indices[depth] as number) & P) {
      throw alreadyMapped(va, huge ? 'a PTE table with 4 KiB pages is in this 2 MiB range' : 'the PTE is present');
    }

    // Take every table page this mapping needs before changing anything, so that out-of-memory changes nothing.
    const fresh = this.#allocPages(leafDepth - depth + (huge ? 1 : 0));
    for (let i = 0; depth < leafDepth; depth++, i++) {
      const index = indices[depth] as number;
      const table = fresh[i] as TablePage;
      setEntry(page, index, table.pfn, TABLE, 0); // pud_populate, pmd_populate, …
      page.lower[index] = table;
      this.#count[LOWER[LEVELS[depth] as 'pgd' | 'pud' | 'pmd']]++;
      page = table;
    }
    setEntry(page, indices[leafDepth] as number, pfn, leafLow, leafHigh);
    if (huge) {
      // A THP keeps a PTE table in reserve, so that splitting it later cannot fail for want of memory.
      const deposits = this.#deposited.get(page) ?? new Map<number, TablePage>();
      deposits.set(parts.pmd, fresh[fresh.length - 1] as TablePage);
      this.#deposited.set(page, deposits);
      this.#count.pte++;
    }
  }

  unmap(va: bigint): bigint {
    const pgd = this.#alive();
    const parts = splitAddress(va);
    if (parts.offset !== 0) throw new PageTableError('misaligned', `${hex(va)} is not at the start of a page`);

    // The path from the PGD to the leaf entry: which slot of which table page, level by level.
    const indices = tableIndices(parts);
    const path: { page: TablePage; index: number }[] = [];
    let page = pgd;
    for (let depth = 0; ; depth++) {
      const index = indices[depth] as number;
      const low = page.low(index);
      if ((low & P) === 0) throw new PageTableError('not-mapped', `nothing maps ${hex(va)}`);
      path.push({ page, index });
      if (depth === PTE_DEPTH || low & PS) break; // the leaf: a PTE, or a PMD entry with PS
      page = page.lower[index] as TablePage;
    }

    const leaf = path[path.length - 1] as { page: TablePage; index: number };
    const huge = path.length === PMD_DEPTH + 1;
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
    // Each level's index (pgd_index … pte_index) comes from the address's two 32-bit words (#shared/words), by
    // depth, rather than from splitAddress: its result (an object, then an array to read by depth, as map does)
    // measured 1.1–1.2× slower here, and translate is the hot path. The physical address goes back the same
    // way; Number(va) and BigInt(pa) instead measured 3–4× slower.
    const words = wordsOf(va);
    const high = (words[1] as number) & 0xffff; // bits 47..32
    const low = words[0] as number; // bits 31..0
    for (let depth = 0; ; depth++) {
      const index = indexAt(LEVEL_SHIFTS[depth] as number, high, low);
      const entryLow = page.low(index);
      if ((entryLow & P) === 0) return { kind: 'fault', reason: 'not-present', level: LEVELS[depth] as Level };
      // Rights are checked at every level (x86 ANDs them); table entries (PTE_TABLE) allow everything.
      if (
        (mode === 'user' && (entryLow & US) === 0) ||
        (access === 'write' && (entryLow & RW) === 0) ||
        (access === 'exec' && ((page.words[2 * index + 1] as number) & NX_HIGH) !== 0)
      ) {
        return { kind: 'fault', reason: 'protection', level: LEVELS[depth] as Level };
      }
      const isLeaf = depth === PTE_DEPTH || (entryLow & PS) !== 0; // map sets PS only in PMD entries: a 2 MiB page
      // The MMU sets Accessed on every entry it uses, and Dirty on the leaf of a write.
      page.words[2 * index] = isLeaf && access === 'write' ? entryLow | A | D : entryLow | A;
      if (isLeaf) {
        const pageSize = depth === PTE_DEPTH ? PAGE_SIZE : HUGE_PAGE_SIZE;
        // The frame's address (bits 12..51 of the entry) with the offset in the page (in the low word).
        const pa = fromWords(
          (entryLow & ~(pageSize - 1)) | (low & (pageSize - 1)),
          (page.words[2 * index + 1] as number) & 0xfffff,
        );
        return { kind: 'ok', pa, pageSize };
      }
      page = page.lower[index] as TablePage;
    }
  }

  walk(va: bigint): WalkStep[] {
    let page: TablePage | undefined = this.#alive();
    const parts = splitAddress(va);
    const indices = tableIndices(parts);
    const steps: WalkStep[] = [];
    for (let depth = 0; page; depth++) {
      const index = indices[depth] as number;
      const entry = page.entries[index] as bigint;
      steps.push({ level: LEVELS[depth] as Level, tablePfn: page.pfn, index, entry });
      page = page.lower[index]; // undefined: not present, or a leaf
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

/**
 * Writes entry `index` as makeEntry(pfn, flags) would make it, in its two 32-bit words: the low word holds
 * bits 0..31 (flags `low`, and the PFN's low 20 bits from bit 12), the high word bits 32..63 (the PFN's upper
 * 20 bits, and flags `high`: NX). No bigint is made: map is on every fault's path, and building the entry
 * as a bigint (five bigint operations, each allocating) made map about 2× slower (docs/performance.md).
 */
function setEntry(page: TablePage, index: number, pfn: number, low: number, high: number): void {
  page.words[2 * index] = ((pfn % 2 ** 20) * 2 ** 12) | low;
  page.words[2 * index + 1] = Math.floor(pfn / 2 ** 20) | high;
  page.present++;
}

function clearEntry(page: TablePage, index: number): void {
  page.entries[index] = 0n;
  page.present--;
}

/**
 * Bits shift … shift + 8 of a 48-bit address given as its high (47..32) and low (31..0) 32-bit words: the
 * table index at the level that starts at `shift` (pgd_index, pud_index, pmd_index, pte_index).
 */
function indexAt(shift: number, high: number, low: number): number {
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: no level starts at bit 32 (39, 30, 21, 12), and >>> shifts by its count modulo 32, so shift + 32 shifts as far as shift − 32
  return (shift >= 32 ? high >>> (shift - 32) : (high << (32 - shift)) | (low >>> shift)) & 511;
}

/**
 * The four table indices top down, in an array that map, unmap and walk read by depth (picking the fields by
 * level name, parts[LEVELS[depth]], made map 1.2× slower).
 */
function tableIndices(parts: AddressParts): number[] {
  return [parts.pgd, parts.pud, parts.pmd, parts.pte];
}

function alreadyMapped(va: bigint, why: string): PageTableError {
  return new PageTableError('already-mapped', `${hex(va)} is already mapped: ${why}`);
}

function hex(va: bigint): string {
  return `0x${va.toString(16)}`;
}
