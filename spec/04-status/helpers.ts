/**
 * Spec helpers for kata 4: the list of real captures, and small readers and editors of their text.
 * They read only what a check needs, so the specs of checkMemoryInvariants and checkStatmAgainstStatus
 * do not depend on the learner's parseStatus and parseStatm.
 */
import type { ProcMemory, ProcStatus, Statm } from '#kata/04-status';
import { fixture } from '#support/fixtures';

/**
 * Every captured status under spec/fixtures/ (how each was made: spec/fixtures/status/README.md).
 * All but the seed's have a statm.txt read right after the status.
 */
export const CAPTURES = [
  'proc/sleep',
  'proc/bash',
  'proc/fixture',
  'status/groups',
  'status/ksoftirqd',
  'status/kthreadd',
  'status/kworker-idle',
  'status/odd-name',
  'status/pidns',
  'status/seed-python',
  'status/sigq',
  'status/stopped',
  'status/threads',
  'status/traced',
  'status/vfork-parent',
  'status/zombie',
] as const;

export const CAPTURES_WITH_STATM = CAPTURES.filter((capture) => capture !== 'status/seed-python');

export const statusText = (capture: string) => fixture(`${capture}/status.txt`);
export const statmText = (capture: string) => fixture(`${capture}/statm.txt`);

/** A status memory line's value as task_mem() prints it: `%8lu kB`. */
export const kbValue = (kb: number) => `${String(kb).padStart(8)} kB`;

/** The text with the value of `Key:` replaced (the line keeps its key and its tab). */
export function editLine(text: string, key: string, value: string): string {
  const pattern = new RegExp(`^${key}:\\t.*$`, 'm');
  if (!pattern.test(text)) throw new Error(`no ${key} line to edit`);
  return text.replace(pattern, `${key}:\t${value}`);
}

/** The text without its `Key:` line. */
export function dropLine(text: string, key: string): string {
  const pattern = new RegExp(`^${key}:.*\\n`, 'm');
  if (!pattern.test(text)) throw new Error(`no ${key} line to drop`);
  return text.replace(pattern, '');
}

/** The 1-based number of the `Key:` line. */
export function lineOf(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  if (index < 0) throw new Error(`no ${key} line`);
  return index + 1;
}

const MEMORY_LINE_NAMES: Record<keyof ProcMemory, string> = {
  vmPeak: 'VmPeak',
  vmSize: 'VmSize',
  vmLck: 'VmLck',
  vmPin: 'VmPin',
  vmHWM: 'VmHWM',
  vmRSS: 'VmRSS',
  rssAnon: 'RssAnon',
  rssFile: 'RssFile',
  rssShmem: 'RssShmem',
  vmData: 'VmData',
  vmStk: 'VmStk',
  vmExe: 'VmExe',
  vmLib: 'VmLib',
  vmPTE: 'VmPTE',
  vmSwap: 'VmSwap',
  hugetlbPages: 'HugetlbPages',
};

/** The memory lines of a status text, or undefined when it has none (kernel thread, zombie). */
export function memoryOf(text: string): ProcMemory | undefined {
  const kb = new Map<string, number>();
  for (const match of text.matchAll(/^(\w+):\s+(\d+) kB$/gm)) kb.set(match[1]!, Number(match[2]));
  if (!kb.has('VmSize')) return undefined;
  const entries = Object.entries(MEMORY_LINE_NAMES).map(([key, name]) => [key, kb.get(name)!]);
  return Object.fromEntries(entries) as unknown as ProcMemory;
}

/**
 * A ProcStatus for the checks: its memory is read from the capture's text; the other fields are
 * placeholders, which checkMemoryInvariants and checkStatmAgainstStatus do not read.
 */
export function statusForChecks(text: string): ProcStatus {
  const status: ProcStatus = {
    name: 'capture',
    umask: '0022',
    state: { code: 'S', description: 'sleeping' },
    tgid: 1,
    pid: 1,
    ppid: 0,
    tracerPid: 0,
    uid: [0, 0, 0, 0],
    gid: [0, 0, 0, 0],
    groups: [],
    nsTgid: [1],
    nsPid: [1],
    nsPgid: [1],
    nsSid: [1],
    threads: 1,
    sigQ: { queued: 0, limit: 0 },
    signals: { sigPnd: 0n, shdPnd: 0n, sigBlk: 0n, sigIgn: 0n, sigCgt: 0n },
    capabilities: { capInh: 0n, capPrm: 0n, capEff: 0n, capBnd: 0n, capAmb: 0n },
    cpusAllowed: 1n,
    cpusAllowedList: [0],
    memsAllowed: 1n,
    memsAllowedList: [0],
    fields: {},
  };
  const memory = memoryOf(text);
  if (memory) status.memory = memory;
  return status;
}

/** A statm line read with a plain split: seven page counts. */
export function statmOf(text: string): Statm {
  const [size, resident, shared, textPages, lib, data, dt] = text.trim().split(' ').map(Number);
  return { size: size!, resident: resident!, shared: shared!, text: textPages!, lib: lib!, data: data!, dt: dt! };
}

/** The kB fields of each smaps mapping: what kata 3's parseSmaps gives, enough for Σ Swap. */
export function smapsMappings(text: string): { fields: Record<string, number> }[] {
  const mappings: { fields: Record<string, number> }[] = [];
  for (const line of text.split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) mappings.push({ fields: {} });
    const kb = /^(\w+):\s+(\d+) kB$/.exec(line);
    if (kb) mappings.at(-1)!.fields[kb[1]!] = Number(kb[2]);
  }
  return mappings;
}

/** smaps text with the Swap line of the mapping starting at `start` (hex, as printed) set to `kb`. */
export function setSmapsSwap(text: string, start: string, kb: number): string {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.startsWith(`${start}-`));
  const swap = lines.findIndex((line, index) => index > header && line.startsWith('Swap:'));
  if (header < 0 || swap < 0) throw new Error(`no mapping at ${start}`);
  lines[swap] = `${'Swap:'.padEnd(16)}${String(kb).padStart(8)} kB`; // as __show_smap() prints it
  return lines.join('\n');
}

/** The kernel's bitmap_list_string(): sorted unique numbers → "0-3,8". */
export function formatRangeList(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(i === j ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
