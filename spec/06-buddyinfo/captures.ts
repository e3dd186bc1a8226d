/**
 * The real captures under spec/fixtures/buddyinfo, read with the specs' own simple readers, so that a test of
 * one kata function does not depend on another one being solved.
 */
import { fixture, fixtureDir } from '#support/fixtures';

/** A zone's line of buddyinfo, read with one regular expression. */
export interface ZoneCounts {
  node: number;
  zone: string;
  free: number[];
}

/** One line of a debugfs index file: the values in thousandths and the tokens exactly as printed. */
export interface IndexLine {
  node: number;
  zone: string;
  thousandths: number[];
  printed: string[];
}

/** A consistent capture: buddyinfo read before and after the two debugfs files, and the same both times. */
export interface Capture {
  name: string;
  buddyinfoText: string;
  unusableText: string;
  extfragText: string;
  zones: ZoneCounts[];
  unusable: IndexLine[];
  extfrag: IndexLine[];
}

/** "Node 0, zone   Normal   6647   7926 …" → { node: 0, zone: 'Normal', free: [6647, 7926, …] } per line. */
export function readCounts(text: string): ZoneCounts[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [, node, zone, counts] = /^Node (\d+), zone +(\S+) (.*)$/.exec(line) ?? [];
      if (counts === undefined) throw new Error(`not a buddyinfo line: ${line}`);
      return { node: Number(node), zone: zone ?? '', free: counts.trim().split(/ +/).map(Number) };
    });
}

/** "Node 0, zone      DMA 0.000 … 0.066 0.200 " → thousandths [0, …, 66, 200] and the printed tokens. */
export function readIndexFile(text: string): IndexLine[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [, node, zone, values] = /^Node (\d+), zone +(\S+) (.*)$/.exec(line) ?? [];
      if (values === undefined) throw new Error(`not an index line: ${line}`);
      const printed = values.trim().split(/ +/);
      const thousandths = printed.map((token) => {
        const [, sign, whole, fraction] = /^(-?)(\d+)\.(\d{3})$/.exec(token) ?? [];
        if (fraction === undefined) throw new Error(`not an index: ${token}`);
        return (sign ? -1 : 1) * (Number(whole) * 1000 + Number(fraction));
      });
      return { node: Number(node), zone: zone ?? '', thousandths, printed };
    });
}

/** Every capture folder: 2026-11-22 (the reference's) and run1/run2 × idle, fragmented, released. */
export const CAPTURE_NAMES = fixtureDir('buddyinfo').filter((name) => /^(\d{4}-\d\d-\d\d|run\d+-\w+)$/.test(name));

export const CAPTURES: Capture[] = CAPTURE_NAMES.map((name) => {
  const buddyinfoText = fixture(`buddyinfo/${name}/buddyinfo.txt`);
  const unusableText = fixture(`buddyinfo/${name}/unusable_index.txt`);
  const extfragText = fixture(`buddyinfo/${name}/extfrag_index.txt`);
  return {
    name,
    buddyinfoText,
    unusableText,
    extfragText,
    zones: readCounts(buddyinfoText),
    unusable: readIndexFile(unusableText),
    extfrag: readIndexFile(extfragText),
  };
});

/** Seed 000's buddyinfo outputs (another machine: an AWS instance with DMA and DMA32 only). */
export const SEED = {
  first: fixture('buddyinfo/seed-000/first.txt'),
  beforeMalloc: fixture('buddyinfo/seed-000/before-malloc.txt'),
  afterMalloc: fixture('buddyinfo/seed-000/after-malloc.txt'),
};

/**
 * The snapshots of capture/malloc-touch.c: "# what", buddyinfo, then the Normal zone's "pages free" and each
 * CPU's per-CPU list: "count:" (pages on it) and "high:" (how many it may hold).
 */
export function readMallocTouch(
  path: string,
): { what: string; buddyinfo: string; pagesFree: number; pcp: number[]; high: number[] }[] {
  return fixture(path)
    .split(/^# /m)
    .filter((part) => part !== '')
    .map((part) => {
      const [what = '', ...lines] = part.trimEnd().split('\n');
      const free = lines.find((l) => l.includes('pages free'));
      return {
        what,
        buddyinfo: `${lines.filter((l) => l.startsWith('Node ')).join('\n')}\n`,
        pagesFree: Number(free?.trim().split(/ +/).at(-1)),
        pcp: lines.filter((l) => l.includes('count:')).map((l) => Number(l.trim().split(/ +/).at(-1))),
        high: lines.filter((l) => l.includes('high:')).map((l) => Number(l.trim().split(/ +/).at(-1))),
      };
    });
}

/** The kernel's line for one zone: "Node %d, zone %8s " and "%6lu " per order. */
export function kernelLine(node: number, zone: string, free: number[]): string {
  return `Node ${node}, zone ${zone.padStart(8)} ${free.map((c) => `${String(c).padStart(6)} `).join('')}\n`;
}

export { fixture };
