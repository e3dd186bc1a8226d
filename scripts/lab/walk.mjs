// @ts-check
/**
 * `npm run lab -- walk`: a process's pages (from /proc/PID/pagemap) mapped into the learner's kata 9
 * PageTable, its walks drawn, and its VmPTE compared with the kernel's. Pure: the mode file
 * (modes/walk.mjs) reads /proc and hands the pages over.
 */
import { note, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';
import { hex, renderWalk } from './page-walk.mjs';

/**
 * @typedef {object} PageTableKata  kata 9's module (the learner's or the reference)
 * @property {new (frames: { allocFrame(): number | null, freeFrame(pfn: number): void }) => any} PageTable
 */
/**
 * @typedef {object} AddressKata  kata 8's module
 * @property {(va: bigint) => boolean} isCanonical
 * @property {(va: bigint) => { pgd: number, pud: number, pmd: number, pte: number, offset: number }} splitAddress
 */
/**
 * One page, with the rights of the mapping it is in (maps' rwx: what its PTE allows once it is written).
 * @typedef {{ vpn: number, pfn: number, write: boolean, exec: boolean }} Page
 */
/**
 * A process's pages as pagemap shows them.
 * @typedef {object} ProcessPages
 * @property {Page[]} present     pfn 0 when pagemap hides it (not root)
 * @property {Page[]} swapped     swapped-out pages (pfn 0)
 * @property {Set<number>} huge                        first page number of each 2 MiB block a THP maps with one PMD
 */

/** Table pages get made-up frames from here up: far above any real frame of this machine's memory. */
export const TABLE_FRAMES_FROM = 0x40000000;

/** A FrameAllocator for the table pages: counts up, takes frees back, never runs out. */
export function tableFrames(first = TABLE_FRAMES_FROM) {
  let next = first;
  /** @type {number[]} */
  const free = [];
  return {
    allocFrame: () => free.pop() ?? next++,
    /** @param {number} pfn */
    freeFrame: (pfn) => {
      free.push(pfn);
    },
  };
}

/**
 * Pagemap entries of consecutive pages of one mapping → its present and swapped pages (bit 63, bit 62; the
 * PFN in bits 0..54).
 * @param {number} firstVpn
 * @param {bigint[]} entries
 * @param {string} perms  the mapping's permissions as maps prints them: "rw-p"
 */
export function decodePagemap(firstVpn, entries, perms) {
  const rights = { write: perms[1] === 'w', exec: perms[2] === 'x' };
  /** @type {Page[]} */
  const present = [];
  /** @type {Page[]} */
  const swapped = [];
  entries.forEach((entry, i) => {
    if (entry >> 63n) present.push({ vpn: firstVpn + i, pfn: Number(entry & ((1n << 55n) - 1n)), ...rights });
    else if ((entry >> 62n) & 1n) swapped.push({ vpn: firstVpn + i, pfn: 0, ...rights });
  });
  return { present, swapped };
}

/**
 * Maps every page into a new PageTable of the kata: present pages on their frame (or a made-up one when
 * pagemap hides frames), swapped pages too (a swap entry keeps its PTE, so its table counts), THP blocks as
 * one 2 MiB mapping. Throws whatever the learner's code throws.
 * @param {PageTableKata} kata
 * @param {ProcessPages} pages
 * @param {number} [firstTableFrame]  where the made-up frames of the table pages start
 */
export function buildTable(kata, pages, firstTableFrame = TABLE_FRAMES_FROM) {
  const table = new kata.PageTable(tableFrames(firstTableFrame));
  const knownFrames = pages.present.some((p) => p.pfn !== 0);
  let madeUp = 1;
  const frameOf = (/** @type {number} */ pfn) => (knownFrames && pfn !== 0 ? pfn : madeUp++);
  for (const { vpn, pfn, write, exec } of pages.present) {
    const block = vpn - (vpn % 512);
    if (pages.huge.has(block)) {
      if (vpn === block) table.map(BigInt(vpn) * 4096n, pfn, { huge: true, write, exec });
      continue;
    }
    table.map(BigInt(vpn) * 4096n, frameOf(pfn), { write, exec });
  }
  for (const { vpn, write, exec } of pages.swapped) table.map(BigInt(vpn) * 4096n, madeUp++, { write, exec });
  return table;
}

/**
 * The rule under which a table built from pagemap has the kernel's VmPTE: 4 kB × (distinct va>>21 + va>>30
 * + va>>39 over present and swapped pages).
 * @param {ProcessPages} pages
 */
export function vmPteRule(pages) {
  const vpns = [...pages.present, ...pages.swapped].map((p) => p.vpn);
  const distinct = (/** @type {number} */ shift) => new Set(vpns.map((v) => Math.floor(v / 2 ** shift))).size;
  return 4 * (distinct(9) + distinct(18) + distinct(27));
}

/**
 * The three numbers, and what they mean: the learner's vmPteKb, the rule, the kernel's VmPTE.
 * @param {number} yours
 * @param {number} rule
 * @param {number | undefined} kernel
 * @returns {import('./checks.mjs').Check[]}
 */
export function vmPteChecks(yours, rule, kernel) {
  const checks = [];
  checks.push(
    yours === rule
      ? pass('vmPteKb()', [`your table: ${yours} kB, one 4 kB table page per PUD, PMD and PTE table it needs`])
      : {
          title: 'vmPteKb()',
          verdict: /** @type {const} */ ('fail'),
          kata: 9,
          lines: [
            `your table: ${yours} kB, but these pages need ${rule} kB of table pages`,
            '(4 kB × (distinct 2 MiB blocks + distinct 1 GiB ranges + distinct 512 GiB ranges)).',
            'Next: npm run kata 9',
          ],
        },
  );
  if (kernel === undefined) return checks;
  if (kernel === rule) {
    checks.push(pass('VmPTE', [`the kernel: ${kernel} kB, the same`]));
  } else if (kernel > rule) {
    const empty = (kernel - rule) / 4;
    checks.push(
      note('VmPTE', [
        `the kernel: ${kernel} kB, ${empty} table page${empty === 1 ? '' : 's'} more than the pages need.`,
        'The kernel keeps page tables that MADV_DONTNEED or a partial munmap emptied (free_pgtables frees',
        "only whole ranges); the kata's unmap frees a table page as soon as it is empty.",
      ]),
    );
  } else {
    checks.push(
      note('VmPTE', [`the kernel: ${kernel} kB, less than the pages need: the process changed while it was read`]),
    );
  }
  return checks;
}

/**
 * Checks translate against pagemap: every present page whose frame is known must translate to it.
 * @param {any} table
 * @param {ProcessPages} pages
 * @returns {import('./checks.mjs').Check}
 */
export function translateCheck(table, pages) {
  const known = pages.present.filter((p) => p.pfn !== 0 && !pages.huge.has(p.vpn - (p.vpn % 512)));
  if (known.length === 0) return note('translate', ['pagemap shows no frame numbers (run as root to see them)']);
  for (const { vpn, pfn } of known) {
    const va = BigInt(vpn) * 4096n + 0x123n;
    const result = table.translate(va);
    const want = BigInt(pfn) * 4096n + 0x123n;
    if (result.kind !== 'ok' || result.pa !== want) {
      const got = result.kind === 'ok' ? hex(result.pa) : `a ${result.reason} fault at the ${result.level}`;
      return {
        title: 'translate',
        verdict: 'fail',
        kata: 9,
        lines: [
          `translate(${hex(va)}) gave ${got}; pagemap says frame ${hex(pfn)}, so ${hex(want)}`,
          'Next: npm run kata 9',
        ],
      };
    }
  }
  return pass('translate', [`all ${known.length} present 4 KiB pages translate to the frame pagemap shows`]);
}

/**
 * The picture of one walk, through the learner's kata 8 and kata 9.
 * @param {AddressKata} addresses
 * @param {any} table
 * @param {bigint} va
 * @param {'read' | 'write' | 'exec'} access
 * @param {import('./kata-errors.mjs').StubIndex} stubs
 * @returns {{ ok: true, value: string[] } | { ok: false, check: import('./checks.mjs').Check }}
 */
export function walkPicture(addresses, table, va, access, stubs) {
  return attempt(
    () => {
      const canonical = addresses.isCanonical(va);
      const parts = canonical ? addresses.splitAddress(va) : undefined;
      const steps = canonical ? table.walk(va) : [];
      return renderWalk({ va, parts, steps, translation: table.translate(va, access), access });
    },
    `walk ${hex(va)}`,
    { call: `table.walk(${hex(va)})`, kata: 9, stubs },
  );
}

/**
 * Addresses worth a picture in a process's maps: its text, heap, a library, the top of its stack and the
 * vsyscall page (which no table maps: it is emulated).
 * @param {string} maps  /proc/PID/maps
 * @returns {{ va: bigint, what: string }[]}
 */
export function interestingAddresses(maps) {
  const rows = maps
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [range = '', perms = '', , , , path = ''] = line.split(/\s+/);
      const [start = '0', end = '0'] = range.split('-');
      return { start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), perms, path };
    });
  /** @type {{ va: bigint, what: string }[]} */
  const out = [];
  const text = rows.find((r) => r.perms.includes('x') && r.path.startsWith('/'));
  if (text) out.push({ va: text.start + 0x10n, what: `text of ${text.path}` });
  const heap = rows.find((r) => r.path === '[heap]');
  if (heap) out.push({ va: heap.start, what: 'the heap' });
  const stack = rows.find((r) => r.path === '[stack]');
  if (stack) out.push({ va: stack.end - 0x1000n, what: 'the top page of the stack' });
  const vsyscall = rows.find((r) => r.path === '[vsyscall]');
  if (vsyscall)
    out.push({ va: vsyscall.start, what: '[vsyscall]: listed in maps, but no table maps it (the kernel emulates it)' });
  return out;
}

/**
 * A small address space for machines without /proc: the pages of the README's example.
 * @returns {ProcessPages & { addresses: { va: bigint, what: string, access: 'read' | 'write' | 'exec' }[] }}
 */
export function exampleProcess() {
  /** @type {Page[]} */
  const present = [
    { vpn: 0x555a29c63, pfn: 0x11650c, write: false, exec: true }, // program text
    { vpn: 0x555a5fe6b, pfn: 0x137be8, write: true, exec: false }, // heap
    { vpn: 0x7ffcda659, pfn: 0x1a2b3c, write: true, exec: false }, // stack
  ];
  const huge = new Set([0x7f6f10c00]);
  for (let i = 0; i < 512; i++) present.push({ vpn: 0x7f6f10c00 + i, pfn: 0x132c00 + i, write: true, exec: false }); // a THP
  return {
    present,
    swapped: [],
    huge,
    addresses: [
      { va: 0x555a29c63010n, what: 'program text', access: 'exec' },
      { va: 0x555a5fe6b008n, what: 'the heap', access: 'write' },
      { va: 0x7f6f10d23456n, what: 'inside a 2 MiB THP', access: 'read' },
      { va: 0x7ffcda65aff8n, what: 'just above the stack', access: 'read' },
    ],
  };
}
