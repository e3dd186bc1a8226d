/**
 * Seed 004's experiment, captured on Linux 6.18 (spec/fixtures/reclaim/README.md): a 2 GiB writer in a
 * 1 GiB memory cgroup, with and without swap. Read here with plain code, not with the learner's.
 */
import { fixture } from '#support/fixtures';

/** One line of the sampler's TSV: column name → number. */
export type HogSample = Record<string, number>;

/** samples.tsv of a run ('with-swap' or 'no-swap'), one object per 100 ms sample. */
export function hogSamples(run: 'with-swap' | 'no-swap'): HogSample[] {
  const [header = '', ...rows] = fixture(`reclaim/hog/${run}/samples.tsv`).trimEnd().split('\n');
  const names = header.split('\t');
  return rows
    .filter((row) => !row.startsWith('#'))
    .map((row) => Object.fromEntries(row.split('\t').map((value, i) => [names[i], Number(value)])));
}

/** The events of a trace file: name and fields (`nr_reclaimed=58` → { nr_reclaimed: '58' }). */
export function traceEvents(path: string): { event: string; fields: Record<string, string>; line: string }[] {
  return fixture(path)
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /: (\w+): (.*)$/.exec(line);
      const fields = Object.fromEntries(
        [...(match?.[2] ?? '').matchAll(/([\w-]+)[=:](\S+)/g)].map((m) => [m[1], m[2]]),
      );
      return { event: match?.[1] ?? '', fields, line };
    });
}

/** /proc/vmstat as numbers. */
export function vmstat(path: string): Record<string, number> {
  return Object.fromEntries(
    fixture(path)
      .trimEnd()
      .split('\n')
      .map((line) => {
        const [name = '', value = ''] = line.split(' ');
        return [name, Number(value)];
      }),
  );
}

/** vmstat-after − vmstat-before of a run, for the counters named. */
export function vmstatDelta(run: 'with-swap' | 'no-swap', names: string[]): Record<string, number> {
  const before = vmstat(`reclaim/hog/${run}/vmstat-before.txt`);
  const after = vmstat(`reclaim/hog/${run}/vmstat-after.txt`);
  return Object.fromEntries(names.map((n) => [n, (after[n] ?? 0) - (before[n] ?? 0)]));
}
