/**
 * Reading the THP captures: spec/fixtures/thp/thp-live.txt (lines "section key value…", written by
 * capture/thp.c) and thp-split-demo.txt (smaps lines prefixed with the step). See the folder's README.
 */
import { fixture } from '#support/fixtures';

const live = fixture('thp/thp-live.txt').trimEnd().split('\n');

/** The value after "section key " on the one line that starts so. */
export function captured(section: string, key: string): string {
  const prefix = `${section} ${key} `;
  const found = live.filter((l) => l.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} lines start with "${prefix}" in thp-live.txt`);
  return (found[0] as string).slice(prefix.length);
}

/** "place mmap 2097152 0x7ffff7a00000" → 0x7ffff7a00000n */
export function capturedAddress(section: string, key: string): bigint {
  return BigInt(captured(section, key).split(' ').at(-1) as string);
}

/** The maps lines of one step as "start-end". */
export function capturedMaps(section: string, when: string): string[] {
  return live
    .filter((l) => l.startsWith(`${section} maps-${when} `))
    .map((l) => l.slice(`${section} maps-${when} `.length).split(' ')[0] as string);
}

export interface SmapsThpCapture {
  start: bigint;
  end: bigint;
  vmFlags: string[];
  fields: Record<string, number>;
  thpEligible: boolean;
}

function smapsBlock(lines: string[], prefix: string): SmapsThpCapture {
  const block = lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  const header = /^([0-9a-f]+)-([0-9a-f]+) /.exec(block[0] ?? '');
  if (!header) throw new Error(`no smaps block "${prefix}"`);
  const fields: Record<string, number> = {};
  let vmFlags: string[] = [];
  let thpEligible = false;
  for (const line of block.slice(1)) {
    const rest = line.trim();
    if (rest.startsWith('VmFlags:')) vmFlags = rest.slice('VmFlags:'.length).trim().split(' ');
    else if (rest.startsWith('THPeligible:')) thpEligible = rest.endsWith('1');
    else {
      const m = /^(\w+):\s+(\d+) kB$/.exec(rest);
      if (m) fields[m[1] as string] = Number(m[2]);
    }
  }
  return { start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), vmFlags, fields, thpEligible };
}

/** One smaps block of thp-live.txt: "zero-read smaps-after …". */
export function capturedSmaps(section: string, when: string): SmapsThpCapture {
  return smapsBlock(live, `${section} smaps-${when} `);
}

/** One smaps block of thp-split-demo.txt: "[after-faults] …". */
export function demoSmaps(step: 'after-faults' | 'after-munmap-4k'): SmapsThpCapture {
  return smapsBlock(fixture('thp/thp-split-demo.txt').split('\n'), `[${step}] `);
}

/** The vmstat deltas of thp-split-demo.txt: { thp_fault_alloc: 1, … }. */
export function demoDeltas(): Record<string, number> {
  return Object.fromEntries(
    [...fixture('thp/thp-split-demo.txt').matchAll(/^(thp_\w+) delta=(\d+)$/gm)].map((m) => [
      m[1] as string,
      Number(m[2]),
    ]),
  );
}

/** The vmstat deltas of one section of thp-live.txt: "huge-write vmstat thp_fault_alloc +1". */
export function capturedDeltas(section: string): Record<string, number> {
  return Object.fromEntries(
    live
      .filter((l) => l.startsWith(`${section} vmstat `))
      .map((l) => {
        const [, , name, value] = l.split(' ');
        return [name as string, Number(value)];
      }),
  );
}

/** A raw pagemap entry of thp-live.txt: "huge-write pagemap base raw=0x81…". */
export function capturedPagemap(section: string, what: string): bigint {
  const m = /^raw=(0x[0-9a-f]+)$/.exec(captured(section, `pagemap ${what}`));
  if (!m) throw new Error(`no pagemap ${what} in ${section}`);
  return BigInt(m[1] as string);
}
