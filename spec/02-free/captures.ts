/**
 * Reading the real captures under spec/fixtures/free and spec/fixtures/sar. These readers are the specs' own,
 * deliberately simple, so that a test of one kata function does not depend on another one being solved.
 */
import type { FreeOptions, FreeReport } from '#kata/02-free';
import { fixture, fixtureDir } from '#support/fixtures';

/** The option string in a capture's file name (free_<opts>[_ko].txt) → free's command line and our options. */
export const OPTION_SETS: Record<string, { command: string; options: FreeOptions }> = {
  default: { command: 'free', options: {} },
  k: { command: 'free -k', options: { unit: 'k' } },
  b: { command: 'free -b', options: { unit: 'b' } },
  m: { command: 'free -m', options: { unit: 'm' } },
  g: { command: 'free -g', options: { unit: 'g' } },
  tebi: { command: 'free --tebi', options: { unit: 't' } },
  kilo: { command: 'free --kilo', options: { unit: 'k', si: true } },
  mega: { command: 'free --mega', options: { unit: 'm', si: true } },
  giga: { command: 'free --giga', options: { unit: 'g', si: true } },
  si: { command: 'free --si', options: { si: true } },
  h: { command: 'free -h', options: { human: true } },
  hsi: { command: 'free -h --si', options: { human: true, si: true } },
  w: { command: 'free -w', options: { wide: true } },
  wh: { command: 'free -w -h', options: { wide: true, human: true } },
  l: { command: 'free -l', options: { lohi: true } },
  t: { command: 'free -t', options: { totals: true } },
  v: { command: 'free -v', options: { committed: true } },
  kwltv: {
    command: 'free -k -w -l -t -v',
    options: { unit: 'k', wide: true, lohi: true, totals: true, committed: true },
  },
  hwltv: {
    command: 'free -h -w -l -t -v',
    options: { human: true, wide: true, lohi: true, totals: true, committed: true },
  },
};

/** One file of free's output: where it is, what produced it, and the options that reproduce it. */
export interface FreeCapture {
  /** The meminfo fixture that was bind-mounted over /proc/meminfo. */
  meminfoPath: string;
  /** The output fixture. */
  path: string;
  /** e.g. "free -h --si, Korean, from swap16g" */
  title: string;
  options: FreeOptions;
}

/**
 * Every free output captured for an input folder: `free` (the two inputs of the reference, outputs/<input>/)
 * or `free/edge` (the edge cases captured for this kata).
 */
export function freeCaptures(folder: 'free' | 'free/edge', inputs: string[]): FreeCapture[] {
  return inputs.flatMap((input) =>
    fixtureDir(`${folder}/outputs/${input}`).map((file) => {
      const match = /^free_([a-z]+?)(_ko)?\.txt$/.exec(file);
      const set = match ? OPTION_SETS[match[1]!] : undefined;
      if (!match || !set) throw new Error(`no option set for ${folder}/outputs/${input}/${file}`);
      const korean = match[2] !== undefined;
      return {
        meminfoPath: `${folder}/meminfo/${input}.txt`,
        path: `${folder}/outputs/${input}/${file}`,
        title: `${set.command}${korean ? ', Korean,' : ''} from ${input}`,
        options: korean ? { ...set.options, locale: 'ko' } : set.options,
      };
    }),
  );
}

/** The inputs of spec/fixtures/free/edge (see its README.md). */
export const EDGE_INPUTS = [
  'avail-gt-total',
  'avail-eq-total',
  'no-avail',
  'free-gt-total',
  'edge-small',
  'rounding',
  'seed001',
  'highmem',
  'clamps',
];
export const REFERENCE_INPUTS = ['live', 'swap16g'];

/** /proc/meminfo as a record, read with one regular expression (every value as a number, units ignored). */
export function readMeminfo(text: string): Record<string, number> {
  return Object.fromEntries([...text.matchAll(/^([^:\s]+):\s+(\d+)/gm)].map((m) => [m[1]!, Number(m[2])]));
}

/** The report behind an English `free -k -w -l -t -v` capture: every number free can print, in KiB. */
export function reportFromKwltv(text: string): FreeReport {
  const rows = new Map(
    text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [label, ...cells] = line.trim().split(/\s+/);
        return [label!, cells.map(Number)] as const;
      }),
  );
  const cell = (label: string, index: number): number => {
    const value = rows.get(label)?.[index];
    if (value === undefined || Number.isNaN(value)) throw new Error(`no cell ${index} in the ${label} row`);
    return value;
  };
  const three = (label: string) => ({ total: cell(label, 0), used: cell(label, 1), free: cell(label, 2) });
  const buffers = cell('Mem:', 4);
  const cache = cell('Mem:', 5);
  return {
    mem: {
      total: cell('Mem:', 0),
      used: cell('Mem:', 1),
      free: cell('Mem:', 2),
      shared: cell('Mem:', 3),
      buffers,
      cache,
      buffCache: buffers + cache,
      available: cell('Mem:', 6),
    },
    low: three('Low:'),
    high: three('High:'),
    swap: three('Swap:'),
    total: three('Total:'),
    commit: { limit: cell('Comm:', 0), committed: cell('Comm:', 1), available: cell('Comm:', 2) },
  };
}

/** The columns of a real `sar -r 1 1` capture: the interval line and the Average line, by column name. */
export function readSarCapture(text: string): { interval: Record<string, string>; average: Record<string, string> } {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => line.includes('kbmemfree'));
  const columns = lines[headerIndex]!.trim().split(/\s+/).slice(1); // drop the time stamp
  const valuesOf = (line: string) => {
    const values = line.trim().split(/\s+/).slice(1);
    return Object.fromEntries(columns.map((column, i) => [column, values[i]!]));
  };
  return { interval: valuesOf(lines[headerIndex + 1]!), average: valuesOf(lines[headerIndex + 2]!) };
}

/** The text of a fixture (re-exported so the specs import one module). */
export { fixture };
