/**
 * What one /proc/PID/smaps entry says, as data. Addresses and offsets are bigint (the vsyscall page is at
 * 0xffffffffff600000, beyond 2^53); sizes are KiB as number (the kernel writes "kB" and means KiB).
 */

/** The four permission letters of a header: "rw-p" → read, write, no exec, private. */
export interface Perms {
  read: boolean;
  write: boolean;
  exec: boolean;
  /** "s": a shared mapping (VM_MAYSHARE); "p": private (copy-on-write). */
  shared: boolean;
}

/** The device of the mapped file, "fe:00" → { major: 0xfe, minor: 0 }. 00:00 for anonymous memory. */
export interface Device {
  major: number;
  minor: number;
}

/** The header line of a mapping: `start-end perms offset major:minor inode   pathname`. */
export interface MappingHeader {
  /** The first address of the mapping. */
  start: bigint;
  /** The first address after it (end is exclusive: Size = end − start). */
  end: bigint;
  perms: Perms;
  /** Where in the file the mapping begins, in bytes (vm_pgoff << 12); 0 for anonymous memory. */
  offset: bigint;
  dev: Device;
  /** The file's inode number; 0 for anonymous memory. */
  inode: number;
  /** The path, "[heap]", "[stack]", "[vdso]", …, or '' when the mapping has no name. Without " (deleted)". */
  pathname: string;
  /** The kernel appended " (deleted)": the file was unlinked while mapped. */
  deleted: boolean;
}

/** One mapping (VMA) of /proc/PID/smaps: its header and every line below it. */
export interface Mapping extends MappingHeader {
  /** Every "Key:   N kB" line, in the order the kernel printed them: { Size: 4, Rss: 4, Pss: 4, … }. */
  fields: Record<string, number>;
  /** "THPeligible:  1": may this mapping get transparent huge pages? Absent on kernels before 5.x. */
  thpEligible?: boolean;
  /** "ProtectionKey:  0": the memory protection key; only printed when the CPU has pkeys. */
  protectionKey?: number;
  /** The two-letter codes of "VmFlags: rd wr mr mw me ac ", in order. */
  vmFlags: string[];
}

/** /proc/PID/smaps_rollup: the range from the first mapping's start to the last one's end, and the sums. */
export interface SmapsRollup {
  start: bigint;
  end: bigint;
  fields: Record<string, number>;
}

/** One line below a header, read. */
export type Field =
  | { kind: 'kb'; key: string; kb: number }
  | { kind: 'thp-eligible'; eligible: boolean }
  | { kind: 'protection-key'; key: number }
  | { kind: 'vm-flags'; flags: string[] };
