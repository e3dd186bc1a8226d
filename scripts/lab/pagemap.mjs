// @ts-check
/**
 * `npm run lab -- pagemap`: a process's /proc/PID/pagemap, decoded page by page, next to its smaps; each
 * address split into its four table indices by the learner's kata 8. The lab decodes the pagemap entries
 * itself (kata 14's decoder comes later in the course). Pure: the mode file (modes/pagemap.mjs) reads /proc
 * and hands the texts and entries over.
 */
import { fail, note, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';

/**
 * @typedef {object} AddressKata  kata 8's module (the learner's or the reference)
 * @property {(va: bigint) => { pgd: number, pud: number, pmd: number, pte: number, offset: number }} splitAddress
 */

/**
 * One pagemap entry, decoded (Documentation/admin-guide/mm/pagemap.rst; fs/proc/task_mmu.c pte_to_pagemap_entry).
 * @typedef {object} PagemapEntry
 * @property {boolean} present       bit 63
 * @property {boolean} swapped       bit 62
 * @property {boolean} fileOrShared  bit 61: a page-cache page or shared anonymous memory
 * @property {boolean} exclusive     bit 56: exactly one PTE maps the page
 * @property {boolean} softDirty     bit 55
 * @property {boolean} guard         bit 58: a guard region (MADV_GUARD_INSTALL)
 * @property {number | null} pfn     bits 0–54 of a present page (0 when the reader lacks CAP_SYS_ADMIN)
 * @property {number | null} swapType    bits 0–4 of a swapped page
 * @property {number | null} swapOffset  bits 5–54 of a swapped page
 */

const BIT = (/** @type {number} */ n) => 1n << BigInt(n);
const LOW55 = BIT(55) - 1n;

/**
 * @param {bigint} raw
 * @returns {PagemapEntry}
 */
export function decodeEntry(raw) {
  const present = (raw & BIT(63)) !== 0n;
  const swapped = (raw & BIT(62)) !== 0n;
  return {
    present,
    swapped,
    fileOrShared: (raw & BIT(61)) !== 0n,
    exclusive: (raw & BIT(56)) !== 0n,
    softDirty: (raw & BIT(55)) !== 0n,
    guard: (raw & BIT(58)) !== 0n,
    pfn: present ? Number(raw & LOW55) : null,
    swapType: swapped ? Number(raw & 0x1fn) : null,
    swapOffset: swapped ? Number((raw & LOW55) >> 5n) : null,
  };
}

/**
 * One mapping of smaps with the fields the comparison needs, in kB.
 * @typedef {object} SmapsVma
 * @property {bigint} start
 * @property {bigint} end
 * @property {string} perms   'rw-p'
 * @property {string} name    '' for anonymous memory
 * @property {Record<string, number>} fields
 */

const HEADER = /^([0-9a-f]+)-([0-9a-f]+) ([-r][-w][-x][sp]) [0-9a-f]+ [0-9a-f]+:[0-9a-f]+ \d+ ?(.*)$/;
const FIELD = /^([A-Za-z_]+):\s+(\d+) kB$/;

/**
 * The lab's own small reader of smaps (not the learner's kata 3): headers and the kB lines.
 * @param {string} text
 * @returns {SmapsVma[]}
 */
export function readSmaps(text) {
  /** @type {SmapsVma[]} */
  const vmas = [];
  for (const line of text.split('\n')) {
    const header = HEADER.exec(line);
    if (header) {
      vmas.push({
        start: BigInt(`0x${header[1]}`),
        end: BigInt(`0x${header[2]}`),
        perms: /** @type {string} */ (header[3]),
        name: (header[4] ?? '').trim(),
        fields: {},
      });
      continue;
    }
    const field = FIELD.exec(line);
    const vma = vmas.at(-1);
    if (field && vma) vma.fields[/** @type {string} */ (field[1])] = Number(field[2]);
  }
  return vmas;
}

/**
 * What pagemap says about one mapping's pages.
 * @typedef {object} VmaCount
 * @property {number} pages
 * @property {number} present
 * @property {number} swapped
 * @property {number} exclusive
 * @property {number} fileOrShared
 * @property {boolean} pfns   some present page showed a non-zero PFN (the reader is root)
 */

/**
 * @param {ArrayLike<bigint>} entries one per page of the mapping
 * @returns {VmaCount}
 */
export function countEntries(entries) {
  const count = { pages: entries.length, present: 0, swapped: 0, exclusive: 0, fileOrShared: 0, pfns: false };
  for (let i = 0; i < entries.length; i++) {
    const e = decodeEntry(/** @type {bigint} */ (entries[i]));
    if (e.present) count.present++;
    if (e.swapped) count.swapped++;
    if (e.exclusive) count.exclusive++;
    if (e.fileOrShared && (e.present || e.swapped)) count.fileOrShared++;
    if (e.pfn) count.pfns = true;
  }
  return count;
}

/**
 * A mapping read from smaps with what its pagemap entries say (undefined when it was too large to read).
 * @typedef {{ vma: SmapsVma, count: VmaCount | undefined, entries: ArrayLike<bigint> | undefined }} ReadVma
 */

/**
 * pagemap against smaps, mapping by mapping, summed: what the kernel reports two ways must agree.
 * - present pages × 4 = Rss, except pages on the zero page: present in pagemap, not counted by smaps;
 * - swapped pages × 4 = Swap;
 * - exclusive pages × 4 = Private_Clean + Private_Dirty (both mean "one PTE maps it");
 * - file-or-shared pages × 4 = Rss − Anonymous (page cache and shmem are not anonymous folios).
 * These are facts about the kernel, not about the learner's code: they decide nothing ('note' when they
 * differ), and teach what each bit means.
 * @param {ReadVma[]} vmas
 * @returns {import('./checks.mjs').Check[]}
 */
export function compareWithSmaps(vmas) {
  const read = vmas.filter((v) => v.count !== undefined);
  const sum = (/** @type {(v: ReadVma) => number} */ f) => read.reduce((s, v) => s + f(v), 0);
  const c = (/** @type {ReadVma} */ v) => /** @type {VmaCount} */ (v.count);
  const kb = (/** @type {ReadVma} */ v, /** @type {string} */ k) => v.vma.fields[k] ?? 0;
  const skipped = vmas.length - read.length;
  const scope = `${read.length} mappings${skipped ? ` (${skipped} too large to read whole, left out)` : ''}`;
  /** @type {import('./checks.mjs').Check[]} */
  const checks = [];

  const present = sum((v) => c(v).present * 4);
  const rss = sum((v) => kb(v, 'Rss'));
  const extra = read.filter((v) => c(v).present * 4 > kb(v, 'Rss'));
  checks.push(
    present === rss
      ? pass('pagemap present pages = smaps Rss', [`${present} kB over ${scope}`])
      : note('pagemap present pages vs smaps Rss', [
          `pagemap: ${present} kB present, smaps: Rss ${rss} kB, over ${scope}`,
          ...extra
            .slice(0, 4)
            .map(
              (v) =>
                `  ${range(v.vma)} ${v.vma.perms} ${v.vma.name || '[anon]'}: ${c(v).present * 4} kB present, Rss ${kb(v, 'Rss')} kB`,
            ),
          'A page that was only read maps the shared zero page: pagemap shows it present, smaps does not count it',
          '(vm_normal_page() returns no page for it). A process that is running can also fault pages in between the reads.',
        ]),
  );

  const swapped = sum((v) => c(v).swapped * 4);
  const swap = sum((v) => kb(v, 'Swap'));
  checks.push(
    swapped === swap
      ? pass('pagemap swapped pages = smaps Swap', [`${swapped} kB${swapped === 0 ? ' (nothing is swapped out)' : ''}`])
      : note('pagemap swapped pages vs smaps Swap', [
          `pagemap: ${swapped} kB swapped, smaps: Swap ${swap} kB`,
          'smaps also counts swapped-out shmem pages of the mapped object that no PTE holds (shmem_partial_swap_usage).',
        ]),
  );

  const exclusive = sum((v) => c(v).exclusive * 4);
  const priv = sum((v) => kb(v, 'Private_Clean') + kb(v, 'Private_Dirty'));
  checks.push(
    exclusive === priv
      ? pass('pagemap exclusive pages = smaps Private_Clean + Private_Dirty', [`${exclusive} kB: one PTE maps each`])
      : note('pagemap exclusive pages vs smaps Private_*', [
          `pagemap: ${exclusive} kB exclusive (bit 56), smaps: Private ${priv} kB`,
          'smaps calls a page private when fewer than two PTEs map it or its refcount is 1, pagemap exclusive when',
          'exactly one PTE maps it (folio_precise_page_mapcount); a running process also changes between the two reads.',
        ]),
  );

  const shared = sum((v) => c(v).fileOrShared * 4);
  const notAnon = sum((v) => kb(v, 'Rss') - kb(v, 'Anonymous'));
  checks.push(
    shared === notAnon
      ? pass('pagemap file-or-shared pages = smaps Rss − Anonymous', [`${shared} kB of page cache and shmem`])
      : note('pagemap file-or-shared pages vs smaps Rss − Anonymous', [
          `pagemap: ${shared} kB with bit 61, smaps: Rss − Anonymous = ${notAnon} kB`,
          'A private file mapping that was written holds anonymous copies (Anonymous), without bit 61; a running',
          'process also changes between the two reads.',
        ]),
  );
  return checks;
}

/**
 * A few pages of each mapping, each address split by the learner's kata 8, with what pagemap says.
 * @param {AddressKata} kata8
 * @param {ReadVma[]} vmas
 * @param {{ perMapping?: number, mappings?: number, stubs?: import('./kata-errors.mjs').StubIndex }} [options]
 * @returns {{ body: string[], checks: import('./checks.mjs').Check[] }}
 */
export function pageRows(kata8, vmas, { perMapping = 2, mappings = 14, stubs } = {}) {
  const rows = [
    'address          pgd pud pmd pte   P S F X  pfn        mapping',
    '──────────────── ─── ─── ─── ───   ─ ─ ─ ─  ─────────  ───────',
  ];
  /** @type {import('./checks.mjs').Check[]} */
  const checks = [];
  let agreed = 0;
  /** @type {string[]} */
  const wrong = [];
  const interesting = vmas.filter((v) => v.entries && v.count && (v.count.present > 0 || v.count.swapped > 0));
  for (const v of interesting.slice(0, mappings)) {
    const entries = /** @type {ArrayLike<bigint>} */ (v.entries);
    let shown = 0;
    for (let i = 0; i < entries.length && shown < perMapping; i++) {
      const e = decodeEntry(/** @type {bigint} */ (entries[i]));
      if (!e.present && !e.swapped) continue;
      shown++;
      const va = v.vma.start + BigInt(i) * 4096n;
      const split = attempt(() => kata8.splitAddress(va), 'splitAddress', { call: 'splitAddress(va)', kata: 8, stubs });
      if (!split.ok) return { body: [], checks: [split.check] };
      const expected = indices(va);
      const got = split.value;
      const same = ['pgd', 'pud', 'pmd', 'pte', 'offset'].every(
        (k) => got[/** @type {'pgd'} */ (k)] === expected[/** @type {'pgd'} */ (k)],
      );
      if (same) agreed++;
      else if (wrong.length < 3)
        wrong.push(`splitAddress(0x${va.toString(16)}) = ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      const flag = (/** @type {boolean} */ b, /** @type {string} */ c) => (b ? c : '·');
      const pfn = e.present ? (e.pfn ? `0x${e.pfn.toString(16)}` : 'hidden') : `swap ${e.swapType}:${e.swapOffset}`;
      rows.push(
        `${va.toString(16).padStart(16, '0')} ${[got.pgd, got.pud, got.pmd, got.pte].map((n) => String(n).padStart(3)).join(' ')}   ` +
          `${flag(e.present, 'P')} ${flag(e.swapped, 'S')} ${flag(e.fileOrShared, 'F')} ${flag(e.exclusive, 'X')}  ` +
          `${pfn.padEnd(9)}  ${v.vma.name || '[anon]'}`,
      );
    }
  }
  rows.push('P present (63), S swapped (62), F file page or shared anonymous (61), X exclusively mapped (56)');
  if (wrong.length > 0) {
    checks.push(
      fail('your splitAddress on these addresses', 8, [
        ...wrong,
        'Bits 47–39 are the PGD index, 38–30 PUD, 29–21 PMD, 20–12 PTE, 11–0 the offset.',
      ]),
    );
  } else if (agreed > 0) {
    checks.push(pass('your splitAddress on these addresses', [`${agreed} addresses split as the MMU splits them`]));
  }
  return { body: rows, checks };
}

/** The four indices and the offset of a canonical address: the bit arithmetic the MMU does. @param {bigint} va */
export function indices(va) {
  const n = (/** @type {bigint} */ shift) => Number((va >> shift) & 0x1ffn);
  return { pgd: n(39n), pud: n(30n), pmd: n(21n), pte: n(12n), offset: Number(va & 0xfffn) };
}

/** "7f6f10c00000-7f6f11000000" @param {SmapsVma} vma */
function range(vma) {
  return `${vma.start.toString(16)}-${vma.end.toString(16)}`;
}
