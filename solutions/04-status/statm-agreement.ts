import { pagesToKb } from '#kata/01-pages-and-units';
import { MEMORY_LINES, type ProcMemory, type ProcStatus, type Statm } from './proc-status.ts';

/** The names checkStatmAgainstStatus returns, in statm's column order. */
export const STATM_AGREEMENTS = {
  size: 'size = VmSize / 4',
  resident: 'resident = VmRSS / 4',
  shared: 'shared = (RssFile + RssShmem) / 4',
  text: 'text >= VmExe / 4',
  lib: 'lib = 0',
  data: 'data = (VmData + VmStk) / 4',
  dt: 'dt = 0',
} as const;

interface Agreement {
  name: string;
  holds: (statm: Statm, memory: ProcMemory) => boolean;
}

// fs/proc/task_mmu.c task_statm() reads the same mm counters as task_mem(), in pages instead of kB.
// text is PAGE_ALIGN(end_code) - (start_code & PAGE_MASK) in pages, and VmExe is that, capped at exec_vm.
const AGREEMENTS: Agreement[] = [
  { name: STATM_AGREEMENTS.size, holds: (s, m) => pagesToKb(s.size) === m.vmSize },
  { name: STATM_AGREEMENTS.resident, holds: (s, m) => pagesToKb(s.resident) === m.vmRSS },
  { name: STATM_AGREEMENTS.shared, holds: (s, m) => pagesToKb(s.shared) === m.rssFile + m.rssShmem },
  { name: STATM_AGREEMENTS.text, holds: (s, m) => pagesToKb(s.text) >= m.vmExe },
  { name: STATM_AGREEMENTS.lib, holds: (s) => s.lib === 0 },
  { name: STATM_AGREEMENTS.data, holds: (s, m) => pagesToKb(s.data) === m.vmData + m.vmStk },
  { name: STATM_AGREEMENTS.dt, holds: (s) => s.dt === 0 },
];

// A task without an mm (kernel thread, zombie): status prints no memory lines and statm prints seven 0s.
const NO_MEMORY = Object.fromEntries(Object.keys(MEMORY_LINES).map((key) => [key, 0])) as unknown as ProcMemory;

/**
 * Does /proc/PID/statm say what /proc/PID/status says? Both come from the same counters of the same mm,
 * statm in pages, status in kB. Returns the STATM_AGREEMENTS names that fail, in statm's column order;
 * [] when statm agrees. A status without memory lines (no mm) agrees only with seven zeros.
 * The fixture's statm 2747 … agrees with its VmSize 10988 (2747 × 4); 2748 → ['size = VmSize / 4'].
 * Read the two files close together: a running process changes between two reads.
 */
export function checkStatmAgainstStatus(statm: Statm, status: ProcStatus): string[] {
  const memory = status.memory ?? NO_MEMORY;
  return AGREEMENTS.filter((agreement) => !agreement.holds(statm, memory)).map((agreement) => agreement.name);
}
