/**
 * Reading spec/fixtures/demand-paging/demand-paging.txt (see its README): lines "section key value…" written
 * by a static C program run with ASLR off on Linux 6.18.
 */
import { fixture } from '#support/fixtures';

const text = fixture('demand-paging/demand-paging.txt');
const lines = text.trimEnd().split('\n');

/** The value after "section key " on the one line that starts so. */
export function captured(section: string, key: string): string {
  const prefix = `${section} ${key} `;
  const found = lines.filter((l) => l.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} lines start with "${prefix}" in demand-paging.txt`);
  return (found[0] as string).slice(prefix.length);
}

/** A captured number: "fault minflt write-16-pages 16" → 16. */
export function capturedNumber(section: string, key: string): number {
  return Number(captured(section, key).split(' ')[0]);
}

/** A captured address: "place mmap 4096 rw- 0x7ffff7ff6000" → the last word. */
export function capturedAddress(section: string, key: string): bigint {
  const words = captured(section, key).split(' ');
  return BigInt(words[words.length - 1] as string);
}

/** The /proc/self/status values of one step, in kB: { VmSize, VmRSS, RssAnon, RssShmem, VmPTE }. */
export function capturedStatus(section: string, when: string): Record<string, number> {
  const line = lines.find((l) => l.startsWith(`${section} status-${when} `));
  if (!line) throw new Error(`no status-${when} in section ${section}`);
  return Object.fromEntries([...line.matchAll(/(\w+):(\d+)/g)].map((m) => [m[1] as string, Number(m[2])]));
}

/** The anonymous mappings maps listed at one step, as "start-end perms" (no [vvar], [vdso], program data). */
export function capturedMaps(section: string, when: string): string[] {
  return lines
    .filter((l) => l.startsWith(`${section} maps-${when} `))
    .map((l) => l.slice(`${section} maps-${when} `.length))
    .filter((l) => l.startsWith('7fff') && !l.includes('['))
    .map((l) => l.split(' ').slice(0, 2).join(' '));
}

/** The smaps fields of one step: { Size: 1028, Rss: 4, … } in kB, and the VmFlags. */
export function capturedSmaps(section: string, when: string): { fields: Record<string, number>; vmFlags: string[] } {
  const body = lines.filter((l) => l.startsWith(`${section} smaps-${when}   `));
  const fields: Record<string, number> = {};
  let vmFlags: string[] = [];
  for (const line of body) {
    const rest = line.slice(`${section} smaps-${when}   `.length);
    if (rest.startsWith('VmFlags:')) vmFlags = rest.slice('VmFlags:'.length).trim().split(' ');
    else {
      const m = /^(\w+):\s+(\d+) kB$/.exec(rest);
      if (m) fields[m[1] as string] = Number(m[2]);
    }
  }
  return { fields, vmFlags };
}

/** A captured pagemap line ("fault pagemap written-page-0 raw=0x81…"): the raw 64-bit entry. */
export function capturedPagemap(section: string, what: string): bigint {
  const line = lines.find((l) => l.startsWith(`${section} pagemap ${what} `));
  const m = line ? /raw=(0x[0-9a-f]+)/.exec(line) : null;
  if (!m) throw new Error(`no pagemap ${what} in section ${section}`);
  return BigInt(m[1] as string);
}
