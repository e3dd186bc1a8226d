import { describe, expect, it } from 'vitest';
import * as kata7 from '#kata/07-buddy-allocator';
import { NotImplementedError } from '#shared/errors';
import {
  type BuddyKata,
  blocksText,
  brokenRules,
  buddyinfoLine,
  drawFrames,
  framesSvg,
  pfnRuler,
  replay,
  zoneRow,
} from '../../scripts/lab/buddy.mjs';
import { blockName, makeSequence } from '../../scripts/lab/buddy-sequence.mjs';

const zone = { pages: 32, basePfn: 0, maxOrder: 4 };
const kata: BuddyKata = kata7;
const steps = (seed: number, count = 12) => makeSequence(kata7.BuddyAllocator, seed, { steps: count, ...zone });

/** A BuddyAllocator that forgets to merge: free() puts the block back as it is. */
class NeverMerges {
  readonly #inner: InstanceType<typeof kata7.BuddyAllocator>;
  readonly #extra: { pfn: number; order: number }[] = [];
  constructor(options: { pages: number; basePfn?: number; maxOrder?: number }) {
    this.#inner = new kata7.BuddyAllocator(options);
  }
  alloc(order: number) {
    const i = this.#extra.findIndex((b) => b.order === order);
    if (i >= 0) return this.#extra.splice(i, 1)[0]!.pfn;
    return this.#inner.alloc(order);
  }
  free(pfn: number, order: number) {
    this.#extra.push({ pfn, order });
  }
  freeCounts() {
    const counts = this.#inner.freeCounts();
    for (const b of this.#extra) counts[b.order]! += 1;
    return counts;
  }
  freePages() {
    return this.#inner.freePages() + this.#extra.reduce((s, b) => s + 2 ** b.order, 0);
  }
  freeBlocks() {
    return [...this.#inner.freeBlocks(), ...this.#extra].sort((a, b) => a.pfn - b.pfn);
  }
}

describe('makeSequence', () => {
  it('makes the same steps from the same seed, and others from another seed', () => {
    expect(steps(3)).toEqual(steps(3));
    expect(steps(3)).not.toEqual(steps(4));
    expect(steps(3)).toHaveLength(12);
  });

  it('frees only blocks that are allocated and not freed yet, and asks only for blocks that exist', () => {
    for (let seed = 0; seed < 30; seed++) {
      const held = new Map<string, { pfn: number; order: number }>();
      const zoneAllocator = new kata7.BuddyAllocator(zone);
      for (const step of steps(seed, 30)) {
        if (step.kind === 'alloc') {
          const pfn = zoneAllocator.alloc(step.order);
          expect(pfn).not.toBeNull();
          held.set(step.name, { pfn: pfn!, order: step.order });
        } else {
          const block = held.get(step.name);
          expect(block, `seed ${seed}: free(${step.name})`).toBeDefined();
          zoneAllocator.free(block!.pfn, block!.order);
          held.delete(step.name);
        }
      }
    }
  });

  it('names blocks A to Z, then A2, B2, …', () => {
    expect([0, 1, 25, 26, 27, 52].map(blockName)).toEqual(['A', 'B', 'Z', 'A2', 'B2', 'A3']);
  });
});

describe('replay', () => {
  it('finds every rule kept by the reference, and the zone back to its first blocks', () => {
    const { frames, checks } = replay(kata, zone, steps(1));
    expect(frames).toHaveLength(13);
    expect(checks.map((c) => [c.title, c.verdict])).toEqual([
      ['every step keeps the buddy rules', 'pass'],
      ['freeing everything gives back the blocks the zone started with', 'pass'],
    ]);
    expect(checks[1]!.lines).toEqual(['0@4 16@4']);
  });

  it('fails an allocator that never merges, and points at kata 7', () => {
    const { checks } = replay({ BuddyAllocator: NeverMerges }, zone, steps(1));
    expect(checks.map((c) => c.verdict)).toEqual(['fail', 'fail']);
    expect(checks[0]!.kata).toBe(7);
    expect(checks[0]!.lines[0]).toMatch(/are both free: they should have merged/);
  });

  it('says "finish kata 7 first" for the stub', () => {
    const stub = {
      BuddyAllocator: class {
        constructor() {
          throw new NotImplementedError('BuddyAllocator');
        }
      },
    } as unknown as BuddyKata;
    const { frames, checks } = replay(stub, zone, steps(1));
    expect(frames).toEqual([]);
    expect(checks[0]!.verdict).toBe('todo');
    expect(checks[0]!.lines[0]).toContain('finish kata 7 first');
  });
});

describe('brokenRules', () => {
  const frame = (free: { pfn: number; order: number }[], held: { name: string; pfn: number; order: number }[]) => ({
    label: 'x',
    free,
    held,
    counts: [0, 1, 2, 3, 4].map((o) => free.filter((b) => b.order === o).length),
  });
  const pages = (f: ReturnType<typeof frame>) => f.free.reduce((s, b) => s + 2 ** b.order, 0);

  it('finds nothing wrong with a zone of two free order-4 blocks', () => {
    const f = frame(
      [
        { pfn: 0, order: 4 },
        { pfn: 16, order: 4 },
      ],
      [],
    );
    expect(brokenRules(f, zone, pages(f))).toEqual([]);
  });

  it('names overlap, misalignment, unmerged buddies and lost pages', () => {
    const f = frame(
      [
        { pfn: 0, order: 3 },
        { pfn: 8, order: 3 },
        { pfn: 18, order: 2 },
      ],
      [{ name: 'A', pfn: 4, order: 1 }],
    );
    expect(brokenRules(f, zone, pages(f))).toEqual([
      'free 18@2 is not aligned on 4 pages',
      'page 4 is in both free 0@3 and A (4@1)',
      'page 5 is in both free 0@3 and A (4@1)',
      "20 free + 2 allocated ≠ the zone's 32 pages",
      '0@3 and its buddy 8@3 are both free: they should have merged',
    ]);
  });
});

describe('drawFrames', () => {
  it('draws each step as a row of pages with block boundaries, and the buddyinfo line', () => {
    const { frames } = replay(kata, zone, [
      { kind: 'alloc', name: 'A', order: 0 },
      { kind: 'alloc', name: 'B', order: 2 },
      { kind: 'free', name: 'A' },
    ]);
    expect(drawFrames(frames, zone)).toEqual([
      'the new zone',
      '  |················|················|',
      '   0       8        16      24',
      '  Node 0, zone   Normal      0      0      0      0      2 ',
      '',
      '1. A = alloc(0) → pfn 0',
      '  |A|·|··|····|········|················|',
      '  Node 0, zone   Normal      1      1      1      1      1 ',
      '',
      '2. B = alloc(2) → pfn 4',
      '  |A|·|··|BBBB|········|················|',
      '  Node 0, zone   Normal      1      1      0      1      1 ',
      '',
      '3. free(A)',
      '  |····|BBBB|········|················|', // 0 merged with 1, then with 2@1: 0@2 (4@2 is B)
      '  Node 0, zone   Normal      0      0      1      1      1 ',
    ]);
  });

  it('writes PFNs at the column of their page, even after boundaries', () => {
    const { row, columns } = zoneRow(
      { label: '', free: [{ pfn: 8, order: 3 }], held: [{ name: 'A', pfn: 0, order: 3 }], counts: [] },
      { pages: 16, basePfn: 0, maxOrder: 3 },
    );
    expect(row).toBe('|AAAAAAAA|········|');
    expect(pfnRuler(columns, 0)).toBe(' 0        8');
  });

  it('prints buddyinfo with the kernel’s columns and the trailing blank', () => {
    expect(buddyinfoLine([1, 0, 12])).toBe('Node 0, zone   Normal      1      0     12 ');
    expect(blocksText([])).toBe('(none)');
  });
});

describe('framesSvg', () => {
  it('draws one rectangle per block of every step, named and coloured, in a well-formed SVG', () => {
    const { frames } = replay(kata, zone, steps(1));
    const svg = framesSvg(frames, zone, 'seed 1 <demo>');
    const blocks = frames.reduce((n, f) => n + f.free.length + f.held.length, 0);
    expect(svg.match(/<rect /g)).toHaveLength(blocks + 1); // + the background
    expect(svg).toContain('seed 1 &lt;demo&gt;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<text [^>]*>[^<]*<\/text>/g)!.length).toBe(svg.match(/<text /g)!.length);
  });
});
