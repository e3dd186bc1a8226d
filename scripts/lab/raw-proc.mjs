// @ts-check
/**
 * The lab's own small readers of /proc texts: the kernel's side of every comparison. They are not the
 * learner's parsers (which may be unfinished or wrong) and they do no more than each comparison needs.
 * Pure.
 */

/**
 * Every `Key:   1234 kB` line (smaps, smaps_rollup, status). In smaps a key repeats per mapping: the values add up.
 * @param {string} text
 * @returns {Record<string, number>}
 */
export function sumKbLines(text) {
  /** @type {Record<string, number>} */
  const sums = {};
  for (const m of text.matchAll(/^([A-Za-z_][\w()]*):[ \t]+(\d+) kB$/gm)) {
    const key = /** @type {string} */ (m[1]);
    sums[key] = (sums[key] ?? 0) + Number(m[2]);
  }
  return sums;
}

/** The mapping header lines of smaps: `start-end perms offset dev inode [path]`. */
const HEADER = /^([0-9a-f]+)-([0-9a-f]+) [-r][-w][-x][sp] [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+ ?(.*)$/gm;

/**
 * The mappings' ranges, in file order, with their names.
 * @param {string} text smaps, maps or smaps_rollup
 * @returns {{ start: bigint, end: bigint, name: string }[]}
 */
export function mappingRanges(text) {
  return [...text.matchAll(HEADER)].map((m) => ({
    start: BigInt(`0x${m[1]}`),
    end: BigInt(`0x${m[2]}`),
    name: (m[3] ?? '').trim(),
  }));
}

/** The VMAs smaps_rollup walks: every mapping but [vsyscall], which is not a VMA of the process (§2.1). */
export function realVmas(/** @type {string} */ smapsText) {
  return mappingRanges(smapsText).filter((m) => m.name !== '[vsyscall]');
}

/**
 * status lines as key → trimmed value (`VmRSS:\t    1616 kB` → "1616 kB").
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function statusLines(text) {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** The status memory lines, `Vm*`, `Rss*` and `HugetlbPages`, in kB (`task_mem()` in fs/proc/task_mmu.c). */
export function statusMemoryKb(/** @type {string} */ text) {
  return Object.fromEntries(Object.entries(sumKbLines(text)).filter(([key]) => /^(Vm|Rss|HugetlbPages$)/.test(key)));
}

export const STATM_FIELDS = /** @type {const} */ (['size', 'resident', 'shared', 'text', 'lib', 'data', 'dt']);

/**
 * /proc/PID/statm: seven page counts (`proc_pid_statm()` in fs/proc/array.c).
 * @param {string} text
 * @returns {Record<typeof STATM_FIELDS[number], number> | undefined} undefined when it is not seven numbers
 */
export function statmPages(text) {
  const parts = text.trim().split(' ');
  if (parts.length !== STATM_FIELDS.length || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  return /** @type {Record<typeof STATM_FIELDS[number], number>} */ (
    Object.fromEntries(STATM_FIELDS.map((f, i) => [f, Number(parts[i])]))
  );
}
