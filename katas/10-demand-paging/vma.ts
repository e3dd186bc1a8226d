import { notImplemented } from '#shared/errors';

/** Protection as /proc/PID/maps prints its first three letters: 'rw-', 'r--', 'r-x', '---' … */
export type Prot = `${'r' | '-'}${'w' | '-'}${'x' | '-'}`;

/**
 * The memory behind MAP_SHARED|MAP_ANONYMOUS mappings (a shmem file, "/dev/zero (deleted)" in maps): its
 * pages by page index, and how many VMAs map it. Forked children share it; the pages go back when the last
 * VMA that maps it goes.
 */
export interface ShmemObject {
  pages: Map<number, number>;
  vmas: number;
}

/** One mapping (struct vm_area_struct): [start, end) with one protection, one line of /proc/PID/maps. */
export interface Vma {
  start: bigint;
  end: bigint;
  prot: Prot;
  /** MAP_SHARED: the `s` of `rw-s`. */
  shared: boolean;
  /** The VmFlags codes smaps prints, in its order: 'rd wr mr mw me ac' for a private rw- mapping. */
  vmFlags: string[];
  /** MAP_SHARED mappings: the shmem object and the page index of `start` in it (vm_pgoff). */
  shmem?: { object: ShmemObject; pgoff: number };
}

/** 'rw-', 'r--', '---' …: three characters, each the letter or '-'. */
export const PROT = /^[r-][w-][x-]$/;

/**
 * The VmFlags of a new anonymous mapping, in smaps' order (the flags' bit order, include/linux/mm.h):
 * rd wr ex for r w x, sh for MAP_SHARED, then always mr mw me (mmap sets VM_MAYREAD|VM_MAYWRITE|VM_MAYEXEC),
 * ms for MAP_SHARED (VM_MAYSHARE), ac for a private writable mapping (VM_ACCOUNT, mm/mmap.c
 * accountable_mapping()). vmFlagsFor('rw-', false) → ['rd', 'wr', 'mr', 'mw', 'me', 'ac'] (live);
 * vmFlagsFor('rw-', true) → ['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms'] (live). mmap checks prot before it calls this.
 */
export function vmFlagsFor(prot: Prot, shared: boolean): string[] {
  return notImplemented('vmFlagsFor');
}
