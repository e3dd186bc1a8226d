// fs/proc/task_mmu.c show_smap_vma_flags(): one two-letter mnemonic per VM_* bit (include/linux/mm.h),
// printed in bit order. These are the codes of x86_64 on Linux 6.12–6.18.
const VM_FLAGS: Readonly<Record<string, string>> = {
  rd: 'readable',
  wr: 'writeable',
  ex: 'executable',
  sh: 'shared',
  mr: 'may read',
  mw: 'may write',
  me: 'may execute',
  ms: 'may share',
  gd: 'grows down (stack)',
  um: 'userfaultfd missing',
  pf: 'PFN map',
  uw: 'userfaultfd write-protect',
  lo: 'locked (mlock)',
  io: 'I/O memory',
  sr: 'sequential read advice',
  rr: 'random read advice',
  dc: 'do not copy on fork',
  de: 'do not expand on mremap',
  lf: 'lock on fault',
  ac: 'accountable',
  nr: 'swap not reserved',
  ht: 'hugetlb',
  sf: 'synchronous fault',
  ar: 'arch-specific (x86: PAT)',
  wf: 'wipe on fork',
  dd: 'do not dump',
  sd: 'soft-dirty',
  mm: 'mixed map',
  hg: 'MADV_HUGEPAGE',
  nh: 'MADV_NOHUGEPAGE',
  mg: 'MADV_MERGEABLE (KSM)',
  ss: 'shadow stack',
  ui: 'userfaultfd minor',
  dp: 'droppable',
  sl: 'sealed (mseal)',
};

/**
 * A VmFlags code → what it means, as the table in README.md says: describeVmFlag('hg') → 'MADV_HUGEPAGE',
 * describeVmFlag('lo') → 'locked (mlock)'. A code the table does not have → 'unknown'.
 */
export function describeVmFlag(code: string): string {
  // Object.hasOwn, not VM_FLAGS[code]: "constructor" and "toString" are not flags.
  // Stryker disable next-line StringLiteral: Object.hasOwn said VM_FLAGS has the code, so ?? never falls back
  return Object.hasOwn(VM_FLAGS, code) ? (VM_FLAGS[code] ?? 'unknown') : 'unknown';
}
