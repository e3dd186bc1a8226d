/** Writes smaps entries in the kernel's layout (fs/proc/task_mmu.c), for the properties. */
import fc from 'fast-check';

export interface Vma {
  readonly start: bigint;
  readonly pages: number;
  readonly rss: number;
  readonly pss: number;
  readonly privateClean: number;
  readonly privateDirty: number;
  readonly swap: number;
}

const kb = (label: string, value: number) => `${`${label}:`.padEnd(16)}${String(value).padStart(8)} kB`;

/** One smaps entry: header (pathname at column 73), the kB lines in 6.18's order, THPeligible, VmFlags. */
export function vmaText(vma: Vma): string {
  const size = vma.pages * 4;
  const end = vma.start + BigInt(size) * 1024n;
  const hex = (n: bigint) => n.toString(16).padStart(8, '0');
  const prefix = `${hex(vma.start)}-${hex(end)} rw-p 00000000 00:00 0 `;
  const privateKb = vma.privateClean + vma.privateDirty;
  return [
    `${prefix.padEnd(73)}[anon:test]`,
    kb('Size', size),
    kb('KernelPageSize', 4),
    kb('MMUPageSize', 4),
    kb('Rss', vma.rss),
    kb('Pss', vma.pss),
    kb('Pss_Dirty', vma.privateDirty),
    kb('Shared_Clean', vma.rss - privateKb),
    kb('Shared_Dirty', 0),
    kb('Private_Clean', vma.privateClean),
    kb('Private_Dirty', vma.privateDirty),
    kb('Referenced', vma.rss),
    kb('Anonymous', vma.privateDirty),
    kb('Swap', vma.swap),
    kb('SwapPss', vma.swap),
    kb('Locked', 0),
    'THPeligible:           0',
    'VmFlags: rd wr mr mw me ac ',
  ].join('\n');
}

/** A well-formed mapping: private ≤ pss ≤ rss ≤ size, rss + swap ≤ size, sizes in whole pages. */
export const vmaArb: fc.Arbitrary<Vma> = fc
  .record({
    start: fc.bigInt({ min: 1n, max: 2n ** 35n }).map((page) => page << 12n),
    pages: fc.integer({ min: 1, max: 1 << 20 }),
    split: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()),
  })
  .map(({ start, pages, split: [a, b, c, d, e] }) => {
    const residentPages = a % (pages + 1);
    const privatePages = b % (residentPages + 1);
    const cleanPages = c % (privatePages + 1);
    const pss = privatePages * 4 + (d % ((residentPages - privatePages) * 4 + 1));
    const swapPages = e % (pages - residentPages + 1);
    return {
      start,
      pages,
      rss: residentPages * 4,
      pss,
      privateClean: cleanPages * 4,
      privateDirty: (privatePages - cleanPages) * 4,
      swap: swapPages * 4,
    };
  });

/** Mappings with distinct start addresses, as a real smaps has them. */
export const vmasArb = fc.uniqueArray(vmaArb, { selector: (vma) => vma.start, maxLength: 40 });

/** The smaps text of some mappings, each line ended by a line feed. */
export function smapsText(vmas: readonly Vma[]): string {
  return vmas.map((vma) => `${vmaText(vma)}\n`).join('');
}
