import type { Level } from '#kata/08-virtual-address';

/** What the CPU is doing with the address. */
export type Access = 'read' | 'write' | 'exec';
/** Who is doing it: user mode (CPL 3) or the kernel (CPL 0). */
export type Mode = 'user' | 'kernel';

/**
 * The MMU's answer. 'ok': the physical address and the size of the page it lies in (4096 or 2097152).
 * 'fault': why the walk stopped and at which level's entry: 'not-present' (P clear), 'protection' (a write
 * through an entry without R/W, a user access through one without U/S, an instruction fetch through one
 * with NX) or 'non-canonical' (the CPU refuses the address before any table is read; level 'pgd').
 */
export type Translation =
  | { kind: 'ok'; pa: bigint; pageSize: number }
  | { kind: 'fault'; reason: 'not-present' | 'protection' | 'non-canonical'; level: Level };

/** map's options; the defaults are a read-only, user, non-executable 4 KiB page. */
export interface MapOptions {
  write?: boolean;
  user?: boolean;
  exec?: boolean;
  /** A 2 MiB page: one PMD entry with PS set, instead of a PTE table. */
  huge?: boolean;
}

/** One entry the walk read: which table page (by PFN), which of its 512 slots, and the 64-bit entry. */
export interface WalkStep {
  level: Level;
  tablePfn: number;
  index: number;
  entry: bigint;
}

/** Table pages in use at each level. pte includes the tables deposited for 2 MiB mappings. */
export interface TableCount {
  pgd: number;
  pud: number;
  pmd: number;
  pte: number;
}
