/**
 * Reads the fake /proc trees under spec/fixtures/smem/ the way smem 1.5 reads them with `smem -S DIR`,
 * and what the real smem printed for them (see spec/fixtures/smem/README.md).
 */
import type { ProcessInput, ProcessMemory } from '#kata/05-smem';
import { fixture } from '#support/fixtures';

const passwd = new Map(
  fixture('smem/passwd')
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', , uid = ''] = line.split(':');
      return [Number(uid), name] as const;
    }),
);

/** smem username(): the passwd name of a uid, or the uid itself when it has none. */
export function userName(uid: number): string {
  return passwd.get(uid) ?? String(uid);
}

/** smem pidcmd(): /proc/PID/cmdline without its last character, each NUL a space. */
export function commandOf(cmdline: string): string {
  return Array.from(cmdline).slice(0, -1).join('').replaceAll('\0', ' ');
}

/** The PIDs of a tree in the order os.listdir() handed them to smem when it was captured. */
export function listdirOrder(tree: string): number[] {
  return fixture(`smem/outputs/${tree}/listdir.txt`)
    .trim()
    .split(' ')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** What smem reads for each process of a tree, kernel threads (empty cmdline) left out as smem's pids() does. */
export function treeInputs(tree: string): ProcessInput[] {
  const owners = new Map(
    fixture(`smem/trees/${tree}/owners.txt`)
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as [number, number]),
  );
  return listdirOrder(tree)
    .map((pid) => ({
      pid,
      user: userName(owners.get(pid) ?? -1),
      command: commandOf(fixture(`smem/trees/${tree}/proc/${pid}/cmdline`)),
      smaps: fixture(`smem/trees/${tree}/proc/${pid}/smaps`),
    }))
    .filter((input) => input.command !== '');
}

export interface Printed {
  readonly swap: number;
  readonly uss: number;
  readonly pss: number;
  readonly rss: number;
  readonly vss: number;
  readonly maps: number;
}

/** The numbers smem printed with `-c "pid user command swap uss pss rss vss maps" -t`, by PID. */
export function printedNumbers(tree: string): Map<number, Printed> {
  const lines = fixture(`smem/outputs/${tree}/columns-all-t.txt`).split('\n');
  const rows = lines.slice(1, lines.indexOf(lines.find((l) => l.startsWith('---')) ?? ''));
  return new Map(
    rows.map((row) => {
      const words = row.trim().split(/ +/);
      const [swap, uss, pss, rss, vss, maps] = words.slice(-6).map(Number) as [number, ...number[]];
      return [Number(words[0]), { swap, uss, pss, rss, vss, maps }] as [number, Printed];
    }),
  );
}

/**
 * Every process smem met in a tree, in the order it met them, with the numbers smem printed for it.
 * A process with an empty smaps (it had exited) is there with 0 mappings: smem met it and left it out.
 * A process whose smaps smem could not read is not there: smem dropped it before measuring.
 */
export function measuredProcesses(tree: string): ProcessMemory[] {
  const printed = printedNumbers(tree);
  return treeInputs(tree).flatMap(({ pid, user, command, smaps }) => {
    const numbers = printed.get(pid) ?? (smaps === '' ? { swap: 0, uss: 0, pss: 0, rss: 0, vss: 0, maps: 0 } : null);
    return numbers ? [{ pid, user, command, ...numbers }] : [];
  });
}

export interface Case {
  readonly tree: string;
  readonly file: string;
  readonly args: string;
  /** The command line, as the test name shows it: "smem -t -k -S trees/units". */
  readonly title: string;
  readonly users: boolean;
  /** -s, -r, -t, -k as formatSmem's options (the sort key as given: each table knows its own columns). */
  readonly options: { sort?: string; reverse?: boolean; totals?: boolean; abbreviate?: boolean };
}

/** The smem runs of spec/fixtures/smem/outputs/cases.tsv, with their options as formatSmem takes them. */
export function captures(): Case[] {
  return fixture('smem/outputs/cases.tsv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t') as [string, string, string])
    .filter(([, file]) => !file.startsWith('columns-'))
    .map(([tree, file, args]) => {
      const words = args.split(' ').filter(Boolean);
      const sortAt = words.indexOf('-s');
      const options = {
        ...(sortAt >= 0 ? { sort: words[sortAt + 1] ?? '' } : {}),
        ...(words.includes('-r') ? { reverse: true } : {}),
        ...(words.includes('-t') ? { totals: true } : {}),
        ...(words.includes('-k') ? { abbreviate: true } : {}),
      };
      const title = `smem ${args ? `${args} ` : ''}-S trees/${tree}`;
      return { tree, file, args, title, users: words.includes('-u'), options };
    });
}

/** What smem printed for one capture. */
export function output(tree: string, file: string): string {
  return fixture(`smem/outputs/${tree}/${file}`);
}
