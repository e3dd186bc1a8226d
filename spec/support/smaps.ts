/**
 * A plain reader of /proc/PID/smaps (and smaps_rollup) captures for specs (kata 16 and later): each mapping's
 * start and end, its pathname, its kB fields and its VmFlags. Not a learner's kata 03 `parseSmaps`, for the
 * same reason as ./meminfo.ts. It trusts its input and throws a plain Error, naming the line, otherwise.
 */
export interface SmapsEntry {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
  readonly pathname: string;
  readonly fields: Record<string, number>;
  readonly vmFlags: readonly string[];
}

const HEADER = /^([0-9a-f]+)-([0-9a-f]+) ([r-][w-][x-][sp]) [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+ ?(.*)$/;

export function readSmaps(text: string): SmapsEntry[] {
  const entries: {
    start: bigint;
    end: bigint;
    perms: string;
    pathname: string;
    fields: Record<string, number>;
    vmFlags: string[];
  }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const header = HEADER.exec(line);
    if (header) {
      entries.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        perms: header[3] as string,
        pathname: (header[4] ?? '').trim(),
        fields: {},
        vmFlags: [],
      });
      return;
    }
    const current = entries.at(-1);
    const field = /^([A-Za-z_]+):\s+(\d+)(?: kB)?$/.exec(line);
    if (current && field) current.fields[field[1] as string] = Number(field[2]);
    else if (current && line.startsWith('VmFlags:'))
      current.vmFlags = line.slice(8).trim().split(/\s+/).filter(Boolean);
    else throw new Error(`smaps line ${i + 1} is neither a header nor a field: ${JSON.stringify(line)}`);
  });
  return entries;
}

/** Σ of one kB field over the entries. */
export function sumField(entries: readonly SmapsEntry[], name: string): number {
  return entries.reduce((total, e) => total + (e.fields[name] ?? 0), 0);
}
