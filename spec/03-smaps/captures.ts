/**
 * The real captures of kata 03 and the specs' own readers for them. The readers are deliberately simple
 * (regular expressions, no error handling) so that a test of one kata function does not depend on another
 * one being solved: sumFields is tested on mappings read here, not on the learner's parseSmaps.
 */
import type { Mapping } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';

/** A process whose smaps and smaps_rollup were read back to back while it was quiescent. */
export interface Capture {
  /** Its folder under spec/fixtures/. */
  dir: string;
  /** What the process was, for test names. */
  what: string;
  smaps: string;
  rollup: string;
}

function capture(dir: string, what: string): Capture {
  return { dir, what, smaps: fixture(`${dir}/smaps.txt`), rollup: fixture(`${dir}/smaps_rollup.txt`) };
}

/** Every smaps captured whole, with its rollup (spec/fixtures/proc/README.md, spec/fixtures/smaps/README.md). */
export const CAPTURES: Capture[] = [
  capture('proc/sleep', 'sleep 600'),
  capture('proc/bash', 'a bash shell'),
  capture('proc/fixture', 'the fixture process (THP, nh, mlock, deleted file, shared anon)'),
  capture('smaps/zoo', 'the zoo (hugetlb, KSM, MADV_FREE, paths with spaces, no pkeys)'),
];

/** The fixture process's regions by name, from proc/fixture/addrs.txt: "anon=0x7f6f11439000 …". */
export function fixtureRegions(): Record<string, bigint> {
  const regions: Record<string, bigint> = {};
  for (const pair of fixture('proc/fixture/addrs.txt').trim().split(/\s+/)) {
    const [name = '', address = ''] = pair.split('=');
    regions[name] = BigInt(address);
  }
  return regions;
}

const HEADER = /^([0-9a-f]+)-([0-9a-f]+) ([r-])([w-])([x-])([sp]) ([0-9a-f]+) ([0-9a-f]+):([0-9a-f]+) (\d+) *(.*)$/;

/** The header lines of an smaps text, as printed. */
export function headerLines(text: string): string[] {
  return text.split('\n').filter((line) => HEADER.test(line));
}

/** The specs' own smaps reader: enough for the real captures, nothing more. */
export function readSmaps(text: string): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      const [, start, end, r, w, x, s, offset, major, minor, inode, name = ''] = header as unknown as string[];
      const deleted = name.endsWith(' (deleted)');
      mappings.push({
        start: BigInt(`0x${start}`),
        end: BigInt(`0x${end}`),
        perms: { read: r === 'r', write: w === 'w', exec: x === 'x', shared: s === 's' },
        offset: BigInt(`0x${offset}`),
        dev: { major: Number.parseInt(major!, 16), minor: Number.parseInt(minor!, 16) },
        inode: Number(inode),
        pathname: deleted ? name.slice(0, -' (deleted)'.length) : name,
        deleted,
        fields: {},
        vmFlags: [],
      });
      continue;
    }
    const current = mappings.at(-1);
    const kb = /^(\w+): +(\d+) kB$/.exec(line);
    const count = /^(THPeligible|ProtectionKey): +(\d+)$/.exec(line);
    if (current && kb) current.fields[kb[1]!] = Number(kb[2]);
    else if (current && count?.[1] === 'THPeligible') current.thpEligible = count[2] === '1';
    else if (current && count?.[1] === 'ProtectionKey') current.protectionKey = Number(count[2]);
    else if (current && line.startsWith('VmFlags:')) current.vmFlags = line.slice(8).trim().split(' ').filter(Boolean);
  }
  return mappings;
}

/** The specs' own smaps_rollup reader: the kB lines as a record. */
export function readRollupFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const [, key, kb] of text.matchAll(/^(\w+): +(\d+) kB$/gm)) fields[key!] = Number(kb);
  return fields;
}

/** The mappings smaps_rollup adds up: every VMA of the mm, which [vsyscall] is not (it is the gate area). */
export function realVmas(mappings: Mapping[]): Mapping[] {
  return mappings.filter((mapping) => mapping.pathname !== '[vsyscall]');
}

/** Fields counted in whole pages: Σ over the VMAs is the rollup exactly (reference §2.5, invariant 3). */
export const PAGE_GRANULAR_FIELDS = [
  'Rss',
  'Shared_Clean',
  'Shared_Dirty',
  'Private_Clean',
  'Private_Dirty',
  'Referenced',
  'Anonymous',
  'KSM',
  'LazyFree',
  'AnonHugePages',
  'ShmemPmdMapped',
  'FilePmdMapped',
  'Shared_Hugetlb',
  'Private_Hugetlb',
  'Swap',
];

/** Fields accumulated in fractions of a page and truncated to kB once per VMA (invariant 4). */
export const TRUNCATED_FIELDS = ['Pss', 'Pss_Dirty', 'SwapPss', 'Locked'];
