import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmaps, type Mapping, parseSmaps, parseSmapsRollup, sumFields } from '#kata/03-smaps';
import type { ShmemObject } from '#kata/10-demand-paging';
import { ThpAddressSpace } from '#kata/11-transparent-huge-pages';
import { SwapSpace } from '#kata/14-swap';
import { formatSmapsRollup, smapsOf } from '#kata/16-machine';
import { fixture } from './captures.ts';
import { testFrames } from './frames.ts';

const PAGE = 4096n;
const page = (va: bigint, i: number) => va + BigInt(i) * PAGE;

/** An address space with a swap space, and smapsOf's options from them. */
function world(thp: 'always' | 'madvise' | 'never' = 'madvise') {
  const swap = new SwapSpace({ frames: testFrames() });
  swap.swapon('/swapfile', 1024);
  const frames = testFrames();
  const space = new ThpAddressSpace({
    frames: { ...frames, allocFrame: () => swap.frames.allocFrame(), freeFrame: (pfn) => swap.frames.freeFrame(pfn) },
    swap,
    thp: { enabled: thp },
  });
  const inodes = new Map<ShmemObject, number>();
  const options = {
    swapCount: (entry: { type: number; offset: number }) => swap.useCount(entry),
    inodeOf: (object: ShmemObject) => {
      if (!inodes.has(object)) inodes.set(object, 1841 + inodes.size);
      return inodes.get(object) as number;
    },
  };
  return { swap, space, options };
}

/** The mapping of the real fixture process that starts at `start` (spec/fixtures/proc/fixture). */
function captured(start: string): Mapping {
  const found = parseSmaps(fixture('proc/fixture/smaps.txt')).find((m) => m.start === BigInt(`0x${start}`));
  if (!found) throw new Error(`no mapping at ${start}`);
  return found;
}

/** What the kernel printed for a mapping, without where it was. */
function shape(m: Mapping) {
  const { start: _s, end: _e, inode: _i, ...rest } = m;
  return rest;
}

describe('smapsOf', () => {
  it("counts the fixture's `anon` region as Linux did: 256 kB, 16 pages written, 16 only read (the zero page), nohugepage", () => {
    const { space, options } = world();
    const va = space.mmap(256 * 1024, { prot: 'rw-' });
    space.madvise(va, 256 * 1024, 'nohugepage');
    for (let i = 0; i < 16; i++) space.access(page(va, i), 'write');
    for (let i = 16; i < 32; i++) space.access(page(va, i), 'read');
    const [mapping] = smapsOf(space, options).mappings;
    expect(shape(mapping as Mapping)).toEqual(shape(captured('7f6f11439000')));
  });

  it("counts the fixture's `thp_mapping` as Linux did: 4 MiB advised hugepage, one write, one 2 MiB page (AnonHugePages 2048)", () => {
    const { space, options } = world();
    const va = space.mmap(4 * 1024 * 1024, { prot: 'rw-' });
    space.madvise(va, 4 * 1024 * 1024, 'hugepage');
    space.access(va, 'write');
    const [mapping] = smapsOf(space, options).mappings;
    expect(shape(mapping as Mapping)).toEqual(shape(captured('7f6f10c00000')));
  });

  it("counts the fixture's `shmem` region as Linux did: MAP_SHARED|MAP_ANONYMOUS is /dev/zero (deleted) on 00:01, not Anonymous", () => {
    const { space, options } = world();
    const va = space.mmap(16 * 1024, { prot: 'rw-', shared: true });
    space.access(va, 'write');
    space.access(page(va, 1), 'write');
    const [mapping] = smapsOf(space, options).mappings;
    expect(mapping).toEqual({ ...captured('7f6f11660000'), start: va, end: va + 16384n });
    expect(mapping?.inode).toBe(1841);
  });

  it('shares after fork: a page both map is Shared_*, each side gets half of it in Pss, and a copied page is Private again', () => {
    const { space, options } = world();
    const va = space.mmap(8 * 4096, { prot: 'rw-' });
    for (let i = 0; i < 8; i++) space.access(page(va, i), 'write');
    const child = space.fork();
    child.access(va, 'write'); // the child copies one page: private to it
    const parent = smapsOf(space, options).mappings[0]?.fields;
    const mine = smapsOf(child, options).mappings[0]?.fields;
    expect(parent).toMatchObject({ Rss: 32, Pss: 18, Shared_Dirty: 28, Private_Dirty: 4, Anonymous: 32 });
    expect(mine).toMatchObject({ Rss: 32, Pss: 18, Shared_Dirty: 28, Private_Dirty: 4, Pss_Dirty: 18 });
  });

  it('divides Pss with integer division per page, as the kernel does in bytes << 12 (three sharers: 1365 + 1/3 … per page)', () => {
    const { space, options } = world();
    const va = space.mmap(3 * 4096, { prot: 'rw-' });
    for (let i = 0; i < 3; i++) space.access(page(va, i), 'write');
    space.fork();
    space.fork();
    // 3 × ⌊2^24 / 3⌋ = 16777215: one unit short of 4 kB, so Pss prints 3, not 4.
    expect(smapsOf(space, options).mappings[0]?.fields).toMatchObject({ Rss: 12, Pss: 3, Shared_Dirty: 12 });
  });

  it('counts swapped pages in Swap, and a slot two processes hold counts half in each SwapPss', () => {
    const { swap, space, options } = world();
    const va = space.mmap(4 * 4096, { prot: 'rw-' });
    for (let i = 0; i < 4; i++) space.access(page(va, i), 'write');
    swap.swapOut(space, va);
    swap.swapOut(space, page(va, 1));
    expect(smapsOf(space, options).mappings[0]?.fields).toMatchObject({ Rss: 8, Swap: 8, SwapPss: 8 });
    const child = space.fork();
    expect(smapsOf(child, options).mappings[0]?.fields).toMatchObject({ Swap: 8, SwapPss: 4 });
    expect(smapsOf(space, options).rollup.fields).toMatchObject({ Swap: 8, SwapPss: 4 });
  });

  it('marks Referenced only pages whose PTE is young, and clean pages Private_Clean', () => {
    const { space, options } = world();
    const va = space.mmap(4 * 4096, { prot: 'rw-' });
    for (let i = 0; i < 4; i++) space.access(page(va, i), 'write');
    space.clearYoung(va);
    const child = space.fork(); // the parent's pages become read-only: still dirty
    child.exit();
    expect(smapsOf(space, options).mappings[0]?.fields).toMatchObject({ Rss: 16, Referenced: 12, Private_Dirty: 16 });
  });

  it('gives a rollup from the first start to the last end, Σ of each line, Pss split into Anon, File and Shmem', () => {
    const { space, options } = world();
    const a = space.mmap(8 * 4096, { prot: 'rw-' });
    const b = space.mmap(8 * 4096, { prot: 'rw-', shared: true });
    for (let i = 0; i < 8; i++) space.access(page(a, i), 'write');
    for (let i = 0; i < 3; i++) space.access(page(b, i), 'write');
    const { mappings, rollup } = smapsOf(space, options);
    expect(rollup.start).toBe(mappings[0]?.start);
    expect(rollup.end).toBe(mappings.at(-1)?.end);
    expect(Object.keys(rollup.fields)).toEqual(
      'Rss Pss Pss_Dirty Pss_Anon Pss_File Pss_Shmem Shared_Clean Shared_Dirty Private_Clean Private_Dirty Referenced Anonymous KSM LazyFree AnonHugePages ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap SwapPss Locked'.split(
        ' ',
      ),
    );
    expect(rollup.fields).toMatchObject({ Rss: 44, Pss: 44, Pss_Anon: 32, Pss_File: 0, Pss_Shmem: 12, Anonymous: 32 });
  });

  it('counts each page in the mapping it lies in, also when two mappings touch', () => {
    const { swap, space, options } = world();
    const upper = space.mmap(4 * 4096, { prot: 'rw-' });
    const lower = space.mmap(4 * 4096, { prot: 'rwx' }); // right below, different flags: not merged
    expect(lower + 4n * 4096n).toBe(upper);
    for (let i = 0; i < 4; i++) space.access(page(upper, i), 'write');
    space.access(lower, 'write');
    space.access(page(lower, 1), 'write');
    swap.swapOut(space, lower);
    swap.swapOut(space, upper); // the first page of the upper one: at the lower one's end
    const fields = smapsOf(space, options).mappings.map((m) => m.fields);
    expect(fields.map((f) => [f.Rss, f.Swap])).toEqual([
      [4, 4],
      [12, 4],
    ]);
    space.access(upper, 'read'); // swapped back in: a resident page at the lower one's end
    const after = smapsOf(space, options).mappings.map((m) => m.fields);
    expect(after.map((f) => [f.Rss, f.Swap])).toEqual([
      [4, 4],
      [16, 0],
    ]);
  });

  it('counts pages only read in a MAP_SHARED mapping as clean: Private_Clean alone, Shared_Clean once a fork reads them too', () => {
    const { space, options } = world();
    const va = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
    space.access(va, 'read');
    space.access(page(va, 1), 'read');
    space.access(page(va, 2), 'write');
    expect(smapsOf(space, options).mappings[0]?.fields).toMatchObject({
      Rss: 12,
      Pss: 12,
      Pss_Dirty: 4,
      Private_Clean: 8,
      Private_Dirty: 4,
      Shared_Clean: 0,
    });
    const child = space.fork();
    child.access(va, 'read'); // the same shmem page: two PTEs map it now
    expect(smapsOf(space, options).mappings[0]?.fields).toMatchObject({
      Rss: 12,
      Pss: 10,
      Pss_Dirty: 4,
      Shared_Clean: 4,
      Private_Clean: 4,
      Private_Dirty: 4,
    });
  });

  it("prints each mapping's permissions from its protection, and a shared one's page offset once its start is cut", () => {
    const { space, options } = world();
    const none = space.mmap(4096, { prot: '---' });
    const code = space.mmap(4096, { prot: 'r-x' });
    const sh = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
    space.munmap(sh, 4096);
    const { mappings } = smapsOf(space, options);
    const at = (va: bigint) => mappings.find((m) => m.start === va);
    expect(at(none)?.perms).toEqual({ read: false, write: false, exec: false, shared: false });
    expect(at(code)?.perms).toEqual({ read: true, write: false, exec: true, shared: false });
    expect(at(sh + 4096n)?.offset).toBe(4096n);
  });

  it('gives an address space without mappings an empty list and a rollup of 0 to 0', () => {
    const { space, options } = world();
    const { mappings, rollup } = smapsOf(space, options);
    expect(mappings).toEqual([]);
    expect(rollup.start).toBe(0n);
    expect(rollup.end).toBe(0n);
    expect(rollup.fields.Rss).toBe(0);
  });

  it('agrees with status and with itself for any mix of writes, reads, forks and swap-outs, read back by your kata 03 parsers', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), i: fc.nat({ max: 63 }) }),
      fc.record({ kind: fc.constant('read' as const), i: fc.nat({ max: 63 }) }),
      fc.record({ kind: fc.constant('swap' as const), i: fc.nat({ max: 63 }) }),
      fc.record({ kind: fc.constant('fork' as const), i: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.boolean(), (ops, shared) => {
        const { swap, space, options } = world('always');
        const va = space.mmap(64 * 4096, { prot: 'rw-' });
        const sh = space.mmap(8 * 4096, { prot: 'rw-', shared });
        space.access(sh, 'write');
        const spaces = [space];
        for (const { kind, i } of ops) {
          const s = spaces[i % spaces.length] as ThpAddressSpace;
          if (kind === 'fork') spaces.push(s.fork());
          else if (kind === 'swap') {
            if (
              s.pagemap(page(va, i)) >> 63n &&
              s.residentPages().some((p) => p.va === page(va, i) && p.kind === 'anon')
            ) {
              s.splitHugePmd(page(va, i));
              swap.swapOut(s, page(va, i));
            }
          } else s.access(page(va, i), kind);
        }
        for (const s of spaces) {
          const { mappings, rollup } = smapsOf(s, options);
          const sums = sumFields(mappings);
          const stats = s.stats();
          expect(sums.Rss).toBe(stats.rssKb);
          expect(sums.Anonymous).toBe(stats.rssAnonKb);
          expect(sums.Swap).toBe(stats.vmSwapKb);
          expect(sums.Size).toBe(stats.vmSizeKb);
          for (const key of [
            'Rss',
            'Shared_Clean',
            'Shared_Dirty',
            'Private_Clean',
            'Private_Dirty',
            'Referenced',
            'Anonymous',
            'AnonHugePages',
            'Swap',
          ]) {
            expect(rollup.fields[key]).toBe(sums[key]);
          }
          expect(rollup.fields.Pss).toBeGreaterThanOrEqual(sums.Pss as number);
          expect(rollup.fields.Pss).toBeLessThan((sums.Pss as number) + mappings.length);
          expect(rollup.fields.Pss).toBeLessThanOrEqual(rollup.fields.Rss as number);
          expect(parseSmaps(formatSmaps(mappings))).toEqual(mappings);
          expect(parseSmapsRollup(formatSmapsRollup(rollup))).toEqual(rollup);
        }
      }),
      { numRuns: 40 },
    );
  });
});
