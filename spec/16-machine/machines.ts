/**
 * Small machines for the specs: the same rules as seed 004's 1 GiB machine on a few MiB, so that a spec runs in
 * milliseconds. kernelKb 0 keeps only the memory map back (a 16 MiB machine: 4096 pages, 64 of memory map).
 */
import { Machine, type MachineConfig, MachineError } from '#kata/16-machine';
import { thrown } from '../support/thrown.ts';

export const MiB = 1024; // KiB
export const PAGE = 4096n;

export function small(config: Partial<MachineConfig> = {}): InstanceType<typeof Machine> {
  return new Machine({ memoryKb: 16 * MiB, kernelKb: 0, ...config });
}

/**
 * Writes `pages` pages of new memory of process `pid`, mapped 512 pages at a time as malloc would (so that no
 * single mmap is refused for overcommit); returns the address of the first mapping. Stops if it is killed.
 */
export function hog(m: InstanceType<typeof Machine>, pid: number, pages: number): bigint {
  let first: bigint | undefined;
  for (let done = 0; done < pages; ) {
    const n = Math.min(512, pages - done);
    const va = m.mmap(pid, n * 4096, { prot: 'rw-' });
    first ??= va;
    for (let i = 0; i < n; i++, done++) {
      if (m.touch(pid, va + BigInt(i) * PAGE, 'write').kind === 'killed') return first;
    }
  }
  return first ?? 0n;
}

/**
 * Every frame of the zone is free, in the page cache, a mapped page (anon or shmem), a page-table page, the huge
 * zero page, or a swap-cache page nobody maps: [the sum without the swap cache, the same with all of it].
 */
export function accounted(m: InstanceType<typeof Machine>): [number, number] {
  const c = m.counts();
  const held = c.freePages + c.filePages + m.pages.size + c.pageTablePages + (m.thp.hugeZeroPfn === null ? 0 : 512);
  return [held, held + c.swapCachePages];
}

/** The MachineError a call throws. */
export const refusal = (call: () => unknown): MachineError => thrown(call, MachineError);
