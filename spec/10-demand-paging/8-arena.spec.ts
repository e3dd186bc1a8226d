import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSpace, AddressSpaceError, Arena, HEAP_MAX_SIZE } from '#kata/10-demand-paging';
import { thrown } from '../support/thrown.ts';
import { captured, capturedSmaps, capturedStatus } from './captures.ts';
import { testFrames } from './frames.ts';

function arena(options?: ConstructorParameters<typeof Arena>[1]) {
  const frames = testFrames();
  const space = new AddressSpace({ frames });
  return { frames, space, heap: new Arena(space, options) };
}

/** A captured pointer: "malloc 1048576 -> 0x7ffff7ef3010" → 0x7ffff7ef3010n. */
const pointer = (key: string) => BigInt(captured('malloc', key).split(' ').at(-1) as string);

const codeOf = (call: () => unknown): string => thrown(call, AddressSpaceError).code;

describe('Arena', () => {
  it('gives malloc(1 MiB) a 1028 kB mapping of its own and makes one page resident: the chunk header (live)', () => {
    const { space, heap } = arena();
    const p = heap.malloc(1024 * 1024);
    const vma = space.vmas().find((v) => v.start <= p && p < v.end);
    const live = capturedSmaps('malloc', 'after-malloc-1MiB');
    expect(vma && Number(vma.end - vma.start) / 1024).toBe(1028);
    expect(live.fields.Size).toBe(1028 + 132); // live, it merged with the 132 kB chunk mapped before it
    expect(p - (vma as { start: bigint }).start).toBe(pointer('1048576') & 0xfffn); // 16 bytes in
    expect(space.stats()).toMatchObject({ vmSizeKb: 1028, rssKb: 4 });
  });

  it('grows VmSize by 1028 kB and VmRSS by 4 kB at malloc(1 MiB), by 1024 kB more once it is all written (live)', () => {
    const { space, heap } = arena();
    const p = heap.malloc(1024 * 1024);
    const [afterMalloc, afterMemset] = ['after-malloc-1MiB', 'after-memset-1MiB'].map((w) =>
      capturedStatus('malloc', w),
    );
    // memset(p, 1, 1 MiB): p is 16 bytes into the mapping, so the last byte lies on its 257th page
    for (let offset = 0n; offset < 1024n * 1024n; offset += 4096n) space.access(p + offset, 'write');
    space.access(p + 1024n * 1024n - 1n, 'write');
    expect(space.stats().rssKb - 4).toBe((afterMemset?.VmRSS as number) - (afterMalloc?.VmRSS as number));
    expect(space.stats().rssKb).toBe(1028); // every page of the mapping
  });

  it('maps a chunk of 131049 bytes on its own (133 kB → 33 pages) but carves 131048 from a pool (live)', () => {
    const { space, heap } = arena();
    const small = heap.malloc(131048);
    const big = heap.malloc(131049);
    expect(captured('malloc', '131049')).toMatch(/-> 0x7ffff/); // live: a mapping of its own, near the base
    expect(captured('malloc', '131048')).toMatch(/-> 0x5e/); // live: the heap, low
    // The chunk's own 33 pages lie right below the pool, and merge with it, as any two rw- mappings do.
    expect(big - 16n + 33n * 4096n).toBe(small - 16n);
    expect(space.stats().vmSizeKb).toBe(HEAP_MAX_SIZE / 1024 + 132);
    expect(space.vmas()).toHaveLength(1);
  });

  it('maps a 64 MiB pool at the first small malloc: VmSize +65536 kB, RSS +4 kB (live: a thread arena’s heap)', () => {
    const { space, heap } = arena();
    heap.malloc(100);
    const before = capturedStatus('thread', 'before');
    const after = capturedStatus('thread', 'after-first-malloc');
    // live, the thread also got its 8 MiB stack and a guard page: 65536 + 8192 + 4
    expect((after.VmSize as number) - (before.VmSize as number)).toBe(65536 + 8192 + 4);
    expect(space.stats()).toMatchObject({ vmSizeKb: 65536, rssKb: 4 });
  });

  it('carves consecutive small chunks chunkSize apart, 16 bytes into each chunk', () => {
    const { space, heap } = arena();
    const first = heap.malloc(100);
    const pointers = [first, ...Array.from({ length: 99 }, () => heap.malloc(100))];
    expect(pointers.map((p) => p - first)).toEqual(pointers.map((_, i) => BigInt(i * 112)));
    expect(first - (space.vmas()[0]?.start as bigint)).toBe(16n);
    const one = heap.malloc(1);
    expect(heap.malloc(1) - one).toBe(32n);
    // 102 chunks of 112 or 32 bytes: the headers lie on the pool's first 3 pages
    expect(space.stats()).toMatchObject({ vmSizeKb: 65536, rssKb: 12 });
  });

  it('starts a new pool when the current one cannot keep 32 bytes after the chunk', () => {
    const { space, heap } = arena({ poolBytes: 8192, mmapThreshold: 4096 });
    const a = heap.malloc(4000); // 4016
    const b = heap.malloc(4000 - 16 - 32); // 3968: 8192 − 4016 − 3968 = 208 left, enough
    expect(b - a).toBe(4016n);
    const c = heap.malloc(160); // 176: 32 left, exactly MINSIZE
    expect(c - b).toBe(3968n);
    const d = heap.malloc(1); // 32 more would leave 0: a new pool, right below the first
    expect(space.stats().vmSizeKb).toBe(16);
    expect(d).toBe(a - 16n - 8192n + 16n);
  });

  it('unmaps a large chunk at once when it is freed (live: VmSize back to where it was)', () => {
    const { space, heap } = arena();
    const p = heap.malloc(1024 * 1024);
    heap.free(p);
    const live = ['after-malloc-1MiB', 'after-free-1MiB'].map((w) => capturedStatus('malloc', w).VmSize as number);
    expect((live[0] as number) - (live[1] as number)).toBe(1028);
    expect(space.stats()).toMatchObject({ vmSizeKb: 0, rssKb: 0 });
  });

  it('unmaps a pool when its last chunk is freed, not before', () => {
    const { frames, space, heap } = arena();
    const chunks = Array.from({ length: 3 }, () => heap.malloc(64));
    heap.free(chunks[0] as bigint);
    heap.free(chunks[2] as bigint);
    expect(space.stats().vmSizeKb).toBe(65536);
    heap.free(chunks[1] as bigint);
    expect(space.stats()).toMatchObject({ vmSizeKb: 0, rssKb: 0 });
    expect(frames.inUse()).toBe(1);
    heap.malloc(64);
    expect(space.stats().vmSizeKb).toBe(65536); // a new pool
  });

  it('goes on carving from the current pool when an older pool empties', () => {
    const { space, heap } = arena({ poolBytes: 8192, mmapThreshold: 4096 });
    const old = [heap.malloc(4000), heap.malloc(3000)]; // the first pool, nearly full
    const current = heap.malloc(2000); // a second pool
    for (const p of old) heap.free(p);
    expect(space.stats().vmSizeKb).toBe(8);
    expect(heap.malloc(100) - current).toBe(2016n); // the same pool, no third one
    expect(space.stats().vmSizeKb).toBe(8);
  });

  it('throws EINVAL for a pointer malloc never returned, and for one freed already, and changes nothing', () => {
    const { space, heap } = arena();
    const p = heap.malloc(100);
    const q = heap.malloc(200_000);
    expect(() => heap.free(p + 8n)).toThrow(AddressSpaceError);
    heap.free(q);
    expect(() => heap.free(q)).toThrow(AddressSpaceError);
    heap.free(p);
    expect(() => heap.free(p)).toThrow(AddressSpaceError);
    expect(codeOf(() => heap.free(p))).toBe('EINVAL'); // not ENOMEM: a bad pointer is the caller's error
    expect(space.stats().vmSizeKb).toBe(0);
  });

  it('refuses a size that is not a whole number of bytes, and options that make no sense', () => {
    const { heap, space } = arena();
    expect(() => heap.malloc(-1)).toThrow(RangeError);
    expect(() => heap.malloc(1.5)).toThrow(RangeError);
    expect(space.stats().vmSizeKb).toBe(0);
    expect(() => new Arena(space, { mmapThreshold: 16 })).toThrow(RangeError);
    expect(() => new Arena(space, { poolBytes: 5000 })).toThrow(RangeError);
    expect(() => new Arena(space, { poolBytes: 4096, mmapThreshold: 8192 })).toThrow(RangeError);
    expect(() => new Arena(space, { mmapThreshold: 32, poolBytes: 4096 })).not.toThrow();
    expect(() => new Arena(space, { mmapThreshold: 8192, poolBytes: 8192 })).not.toThrow();
    expect(() => new Arena(space, { mmapThreshold: 1.5 })).toThrow(RangeError);
    expect(() => new Arena(space, { poolBytes: 200_000 })).toThrow(RangeError); // above the threshold, not whole pages
  });

  it('throws ENOMEM, and leaves nothing mapped, when there is no frame for a chunk’s header', () => {
    const frames = testFrames(1);
    const space = new AddressSpace({ frames });
    const heap = new Arena(space);
    expect(() => heap.malloc(100)).toThrow(AddressSpaceError);
    expect(() => heap.malloc(1 << 20)).toThrow(AddressSpaceError);
    expect(codeOf(() => heap.malloc(100))).toBe('ENOMEM'); // not EINVAL: the request was fine, memory ran out
    expect(space.vmas()).toEqual([]);
  });

  it('keeps the pool and its chunks when a later chunk’s header finds no frame', () => {
    const { frames, space, heap } = arena();
    const first = heap.malloc(4100); // a 4112-byte chunk: the next header lies on the pool's second page
    frames.limit = frames.inUse(); // no frame for it
    expect(() => heap.malloc(3000)).toThrow(AddressSpaceError);
    expect(space.stats()).toMatchObject({ vmSizeKb: 65536, rssKb: 4 });
    frames.limit = Number.POSITIVE_INFINITY;
    expect(heap.malloc(3000) - first).toBe(4112n); // carved where the failed one would have gone
    heap.free(first);
  });

  it('hands out chunks that never overlap and lie inside a mapping, and VmSize always covers RSS', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('malloc' as const),
        size: fc.oneof(fc.nat(300), fc.integer({ min: 100_000, max: 300_000 })),
      }),
      fc.record({ kind: fc.constant('free' as const), which: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const { space, heap, frames } = arena({ poolBytes: 64 * 1024, mmapThreshold: 16 * 1024 });
        const live: { p: bigint; size: number }[] = [];
        for (const o of ops) {
          if (o.kind === 'malloc') live.push({ p: heap.malloc(o.size), size: o.size });
          else if (live.length > 0) heap.free((live.splice(o.which % live.length, 1)[0] as { p: bigint }).p);
          const stats = space.stats();
          expect(stats.rssKb).toBeLessThanOrEqual(stats.vmSizeKb);
        }
        const sorted = [...live].sort((a, b) => (a.p < b.p ? -1 : 1));
        sorted.forEach((chunk, i) => {
          const next = sorted[i + 1];
          if (next) expect(chunk.p + BigInt(chunk.size)).toBeLessThanOrEqual(next.p);
          expect(space.vmas().some((v) => v.start <= chunk.p && chunk.p + BigInt(chunk.size) <= v.end)).toBe(true);
        });
        for (const chunk of live) heap.free(chunk.p);
        expect(space.stats().vmSizeKb).toBe(0);
        expect(frames.inUse()).toBe(1);
      }),
    );
  });
});
