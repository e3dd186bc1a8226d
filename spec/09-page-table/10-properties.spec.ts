import fc from 'fast-check';
import { describe, it } from 'vitest';
import { entryPfn, PageTableError } from '#kata/09-page-table';
import { lastStep, newTable } from './helpers.ts';

const GiB = 0x40000000n;
// Page addresses drawn so that tables are shared often: pages of four 2 MiB blocks in one 1 GiB, pages anywhere
// in the user half, and pages in the kernel half.
const pageVa = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 511 }))
    .map(([block, page]) => 0x7f0000000000n + BigInt(block) * 0x200000n + BigInt(page) * 0x1000n),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2047 }))
    .map(([gib, page]) => 0x7f0000000000n + BigInt(gib) * GiB + BigInt(page) * 0x1000n),
  fc.bigInt({ min: 0n, max: (1n << 35n) - 1n }).map((vpn) => vpn << 12n),
  fc.bigInt({ min: 0xffff800000000n, max: 0xfffffffffffffn }).map((vpn) => vpn << 12n),
);
const pages = fc.uniqueArray(fc.tuple(pageVa, fc.integer({ min: 0, max: 2 ** 40 - 1 })), {
  minLength: 1,
  maxLength: 40,
  selector: ([va]) => va,
});

/** The rule that matches a live process's VmPTE: 4 kB × (distinct va>>21 + va>>30 + va>>39 over mapped pages). */
function kernelRule(vas: bigint[]): number {
  const distinct = (shift: bigint) => new Set(vas.map((va) => va >> shift)).size;
  return 4 * (distinct(21n) + distinct(30n) + distinct(39n));
}

describe('PageTable', () => {
  describe('properties', () => {
    it('translates every byte it maps: translate(va + offset) = pfn × 4096 + offset', () => {
      fc.assert(
        fc.property(pages, fc.integer({ min: 0, max: 4095 }), (mapped, offset) => {
          const { table } = newTable();
          for (const [va, pfn] of mapped) table.map(va, pfn);
          return mapped.every(([va, pfn]) => {
            const t = table.translate(va + BigInt(offset));
            return t.kind === 'ok' && t.pa === BigInt(pfn) * 4096n + BigInt(offset) && t.pageSize === 4096;
          });
        }),
      );
    });

    it('agrees with its own walk: the last entry of walk(va) holds the frame translate uses', () => {
      fc.assert(
        fc.property(pages, (mapped) => {
          const { table } = newTable();
          for (const [va, pfn] of mapped) table.map(va, pfn);
          return mapped.every(([va, pfn]) => entryPfn(lastStep(table.walk(va)).entry) === pfn);
        }),
      );
    });

    it('counts VmPTE exactly as the kernel does for a live process, whatever pages are mapped', () => {
      fc.assert(
        fc.property(pages, (mapped) => {
          const { table, frames } = newTable();
          for (const [va, pfn] of mapped) table.map(va, pfn);
          const { pgd, pud, pmd, pte } = table.tableCount();
          return table.vmPteKb() === kernelRule(mapped.map(([va]) => va)) && frames.inUse === pgd + pud + pmd + pte;
        }),
      );
    });

    it('restores not-present when everything is unmapped, and gives back every table page but the PGD', () => {
      fc.assert(
        fc.property(
          pages.chain((mapped) =>
            fc.tuple(fc.constant(mapped), fc.shuffledSubarray(mapped, { minLength: mapped.length })),
          ),
          ([mapped, order]) => {
            const { table, frames } = newTable();
            for (const [va, pfn] of mapped) table.map(va, pfn);
            for (const [va] of order) table.unmap(va);
            const count = table.tableCount();
            const allGone = mapped.every(([va]) => table.translate(va).kind === 'fault');
            return (
              allGone &&
              count.pud + count.pmd + count.pte === 0 &&
              frames.inUse === 1 &&
              frames.frees === frames.allocs - 1
            );
          },
        ),
      );
    });

    it('behaves like a map from page to frame under any mix of map, unmap and translate, refusals included', () => {
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('map' as const),
          at: fc.integer({ min: 0, max: 11 }),
          pfn: fc.integer({ min: 0, max: 1000 }),
        }),
        fc.record({ kind: fc.constant('unmap' as const), at: fc.integer({ min: 0, max: 11 }) }),
      );
      fc.assert(
        fc.property(
          fc.uniqueArray(pageVa, { minLength: 12, maxLength: 12 }),
          fc.array(op, { maxLength: 60 }),
          (pool, ops) => {
            const { table, frames } = newTable();
            const model = new Map<bigint, number>();
            for (const o of ops) {
              const va = pool[o.at] as bigint;
              if (o.kind === 'map') {
                const refused = catchCode(() => table.map(va, o.pfn));
                if (model.has(va) ? refused !== 'already-mapped' : refused !== undefined) return false;
                if (!model.has(va)) model.set(va, o.pfn);
              } else {
                const refused = catchCode(() => table.unmap(va));
                if (model.has(va) ? refused !== undefined : refused !== 'not-mapped') return false;
                model.delete(va);
              }
              const { pgd, pud, pmd, pte } = table.tableCount();
              if (frames.inUse !== pgd + pud + pmd + pte || table.vmPteKb() !== kernelRule([...model.keys()]))
                return false;
            }
            return pool.every((va) => {
              const t = table.translate(va);
              const pfn = model.get(va);
              return pfn === undefined
                ? t.kind === 'fault' && t.reason === 'not-present'
                : t.kind === 'ok' && t.pa === BigInt(pfn) * 4096n;
            });
          },
        ),
      );
    });
  });
});

/** The PageTableError code a call throws, or undefined when it does not throw. */
function catchCode(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    if (error instanceof PageTableError) return error.code;
    throw error;
  }
}
