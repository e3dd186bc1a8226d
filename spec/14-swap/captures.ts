/**
 * Kata 14's captures (spec/fixtures/swap/README.md): /proc/swaps with ten awkward areas, and the pagemap of 64
 * anonymous pages swapped out and back in, made on Linux 6.18 by spec/fixtures/swap/capture/. Read with plain code.
 */
import { fixture } from '#support/fixtures';

/** The folder the areas were made in, as /proc/swaps prints it. */
export const DIR = '/var/tmp/memkata-swaps';

/** `<label> page=<n> raw=0x…` lines of a pagemap capture: label → raw entries by page. */
export function pagemapEntries(file: 'pagemap-swap-root.txt' | 'pagemap-swap-nobody.txt', label: string): bigint[] {
  const entries: bigint[] = [];
  for (const line of fixture(`swap/areas/${file}`).split('\n')) {
    const match = /^(\S+) page=(\d+) raw=(0x[0-9a-f]{16})$/.exec(line);
    if (match && match[1] === label) entries[Number(match[2])] = BigInt(match[3] as string);
  }
  return entries;
}

/** `<label> <key>=<n> …` fact lines of a pagemap capture. */
export function facts(
  file: 'pagemap-swap-root.txt' | 'pagemap-swap-nobody.txt',
  label: string,
): Record<string, number> {
  const line = fixture(`swap/areas/${file}`)
    .split('\n')
    .find((l) => l.startsWith(`${label} `));
  return Object.fromEntries([...(line ?? '').matchAll(/(\w+)=(-?\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

/** One of the /proc/swaps captures. */
export const swaps = (name: string) => fixture(`swap/${name}`);

/** The ten areas of swaps-many.txt, as a SwapArea list: what capture-swaps.sh turned on, in that order. */
export const MANY = [
  { path: `${DIR}/swapfile`, kind: 'file', sizeKb: 65532, usedKb: 0, priority: -2 },
  { path: `${DIR}/with space`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -3 },
  { path: `${DIR}/tab\tand\\backslash`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -4 },
  { path: `${DIR}/스왑 파일`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: 5 },
  { path: `${DIR}/p39-aaaaaaaaaaaa`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -5 },
  { path: `${DIR}/p40-aaaaaaaaaaaaa`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -6 },
  { path: `${DIR}/p41-aaaaaaaaaaaaaa`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -7 },
  { path: `${DIR}/big`, kind: 'file', sizeKb: 10485756, usedKb: 0, priority: 0 },
  { path: `${DIR}/new\nline`, kind: 'file', sizeKb: 16380, usedKb: 0, priority: -8 },
  { path: '/dev/loop0', kind: 'partition', sizeKb: 32764, usedKb: 0, priority: -9 },
] as const;
