// @ts-check
/**
 * `npm run practice -- translate [--seed N] [--answers] [--count N]`: OSTEP's multi-level paging homework
 * (paging-multilevel-translate.py) on an x86-64 table. A generated process's page table is printed as its
 * table pages of 64-bit entries, then addresses to translate by hand: the physical address, or the fault and
 * the level that raised it. `--answers` adds the answers and each walk, from kata 9's reference.
 */

/** @typedef {import('../lib/practice.mjs').PracticeContext} PracticeContext */

const LEVEL_NAMES = /** @type {const} */ (['PGD', 'PUD', 'PMD', 'PTE']);

/** mulberry32: a small seeded generator, the same numbers on every machine. @param {number} seed */
export function generator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [min, max]. @param {number} min @param {number} max */
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  /** @template T @param {readonly T[]} items @returns {T} */
  const pick = (items) => /** @type {T} */ (items[int(0, items.length - 1)]);
  /** @template T @param {T[]} items @returns {T[]} */
  const shuffle = (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [/** @type {T} */ (out[j]), /** @type {T} */ (out[i])];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}

/** A FrameAllocator that hands out distinct random frames in [min, max] (table pages and data pages alike). */
function randomFrames(/** @type {ReturnType<typeof generator>} */ random, min = 0x100, max = 0xfff) {
  const used = new Set();
  return {
    allocFrame() {
      let pfn = random.int(min, max);
      while (used.has(pfn)) pfn = random.int(min, max);
      used.add(pfn);
      return pfn;
    },
    /** @param {number} pfn */
    freeFrame(pfn) {
      used.delete(pfn);
    },
  };
}

const hex = (/** @type {number | bigint} */ v) => `0x${v.toString(16)}`;
const hex64 = (/** @type {bigint} */ v) => `0x${v.toString(16).padStart(16, '0')}`;

/**
 * The exercise: a table with a program's text, heap, a THP, its stack and a kernel page, and the accesses
 * to translate.
 * @param {number} seed
 * @param {number} count
 * @param {Map<number, Record<string, any>>} katas
 */
export function makeExercise(seed, count, katas) {
  const { PageTable } = /** @type {any} */ (katas.get(9));
  const { joinAddress } = /** @type {any} */ (katas.get(8));
  const random = generator(seed);
  const tableFrames = randomFrames(random);
  const table = new PageTable(tableFrames);
  const dataFrame = () => random.int(0x1000, 0xfffff);
  /** @type {{ va: bigint, pages: number, write: boolean, exec: boolean, user: boolean, huge?: boolean, what: string }[]} */
  const regions = [];
  const at = (
    /** @type {number} */ pgd,
    /** @type {number} */ pud,
    /** @type {number} */ pmd,
    /** @type {number} */ pte,
  ) => /** @type {bigint} */ (joinAddress({ pgd, pud, pmd, pte, offset: 0 }));

  // Program text and heap share a PGD and PUD slot, as a PIE's do (0x55…); the heap is in another 2 MiB.
  const pgd = random.int(170, 171);
  const pud = random.int(0, 511);
  const textPmd = random.int(0, 500);
  regions.push({
    va: at(pgd, pud, textPmd, random.int(0, 500)),
    pages: 3,
    write: false,
    exec: true,
    user: true,
    what: 'text',
  });
  regions.push({
    va: at(pgd, pud, textPmd + random.int(1, 8), random.int(0, 500)),
    pages: 2,
    write: true,
    exec: false,
    user: true,
    what: 'heap',
  });
  // A 2 MiB THP and the stack near the top of the user half.
  const mmapPud = random.int(0, 400);
  regions.push({
    va: at(254, mmapPud, random.int(0, 511), 0),
    pages: 1,
    write: true,
    exec: false,
    user: true,
    huge: true,
    what: 'THP',
  });
  regions.push({
    va: at(255, random.int(480, 510), random.int(0, 511), random.int(0, 509)),
    pages: 2,
    write: true,
    exec: false,
    user: true,
    what: 'stack',
  });
  // One kernel page, which user mode may not touch.
  regions.push({
    va: at(random.int(256, 511), random.int(0, 511), random.int(0, 511), random.int(0, 511)),
    pages: 1,
    write: true,
    exec: false,
    user: false,
    what: 'kernel',
  });

  for (const r of regions) {
    if (r.huge) table.map(r.va, dataFrame() & ~511, { huge: true, write: r.write, exec: r.exec, user: r.user });
    else
      for (let i = 0; i < r.pages; i++)
        table.map(r.va + BigInt(i) * 4096n, dataFrame(), { write: r.write, exec: r.exec, user: r.user });
  }

  /** @type {{ va: bigint, access: 'read' | 'write' | 'exec', mode: 'user' | 'kernel' }[]} */
  const candidates = [];
  const offset = () => BigInt(random.int(0, 4095));
  const byName = (/** @type {string} */ what) =>
    /** @type {(typeof regions)[number]} */ (regions.find((r) => r.what === what));
  const text = byName('text');
  const heap = byName('heap');
  const thp = byName('THP');
  const stack = byName('stack');
  const kernel = byName('kernel');
  candidates.push(
    { va: text.va + BigInt(random.int(0, 2)) * 4096n + offset(), access: 'exec', mode: 'user' },
    { va: text.va + offset(), access: 'write', mode: 'user' },
    { va: heap.va + 4096n + offset(), access: 'write', mode: 'user' },
    { va: heap.va + offset(), access: 'exec', mode: 'user' },
    { va: heap.va + 2n * 4096n + offset(), access: 'read', mode: 'user' },
    { va: thp.va + BigInt(random.int(0, 0x1fffff)), access: 'read', mode: 'user' },
    { va: thp.va + 0x200000n + offset(), access: 'read', mode: 'user' },
    { va: stack.va + 4096n + offset(), access: 'write', mode: 'user' },
    { va: stack.va + 0x40000000n, access: 'read', mode: 'user' },
    { va: kernel.va + offset(), access: 'read', mode: 'user' },
    { va: kernel.va + offset(), access: 'write', mode: 'kernel' },
    { va: at(random.int(1, 169), random.int(0, 511), 0, 0), access: 'read', mode: 'user' },
    { va: (1n << 47n) + BigInt(random.int(0, 0xffffff)) * 4096n, access: 'read', mode: 'user' },
  );
  const questions = random.shuffle(candidates).slice(0, Math.max(1, Math.min(count, candidates.length)));
  return { table, regions, questions };
}

/**
 * Every table page the table uses, found by following its entries from the PGD (as the student must).
 * @param {any} table
 * @param {{ va: bigint }[]} seeds  addresses whose walks reach every table page (the mapped regions)
 */
function tablePages(table, seeds) {
  /** @type {Map<number, Map<number, bigint>>} frame → slot → entry */
  const pages = new Map();
  for (const { va } of seeds) {
    for (const step of table.walk(va)) {
      if (!pages.has(step.tablePfn)) pages.set(step.tablePfn, new Map());
      if (step.entry !== 0n) pages.get(step.tablePfn)?.set(step.index, step.entry);
    }
  }
  return pages;
}

/** @param {PracticeContext} ctx */
function run({ seed, answers, options, katas }) {
  const count = typeof options.count === 'number' ? options.count : 8;
  const { table, regions, questions } = makeExercise(seed, count, katas);
  const { isCanonical, splitAddress } = /** @type {any} */ (katas.get(8));
  // Every table page the mapped regions use, whether a question needs it or not (as OSTEP prints all memory).
  const pages = tablePages(
    table,
    regions.flatMap((r) => Array.from({ length: r.pages }, (_, i) => ({ va: r.va + BigInt(i) * 4096n }))),
  );
  const pgdFrame = table.walk(0n)[0].tablePfn;
  const out = [
    `memkata practice · translate · seed ${seed}`,
    '',
    `A process's 4-level page table (x86-64, 4 KiB pages). CR3 points at the PGD: frame ${hex(pgdFrame)}.`,
    'Each table page below lists its non-empty entries as  [slot] entry ; every other slot is 0.',
    'An entry is 64 bits: the frame number is bits 12..51; the flags are bit 0 P (present), 1 R/W (writable),',
    '2 U/S (user), 5 A (accessed), 6 D (dirty), 7 PS (in a PMD entry: a 2 MiB page), 63 NX (no execute).',
    'Table pages are listed by frame number, not by level: follow the entries from the PGD.',
    '',
  ];
  for (const [frame, entries] of [...pages].sort(([a], [b]) => a - b)) {
    out.push(`  table page at frame ${hex(frame)}${frame === pgdFrame ? ' (PGD)' : ''}`);
    for (const [slot, entry] of [...entries].sort(([a], [b]) => a - b))
      out.push(`    [${String(slot).padStart(3)}] ${hex64(entry)}`);
  }
  out.push(
    '',
    'Translate each access (user mode unless it says kernel). Give the physical address, or the fault —',
    'not-present, protection or non-canonical — and the level (PGD, PUD, PMD or PTE) whose entry stopped it.',
    'Hint: split the address into four 9-bit indices and a 12-bit offset (kata 8).',
    '',
  );
  const label = (/** @type {(typeof questions)[number]} */ q, /** @type {number} */ i) =>
    `  ${String(i + 1).padStart(2)}. ${q.access.padEnd(5)} ${hex64(q.va)}${q.mode === 'kernel' ? ' (kernel)' : ''}`;
  questions.forEach((q, i) => {
    out.push(label(q, i));
  });
  if (!answers) {
    out.push('', `Answers: npm run practice -- translate --seed ${seed} --answers`);
    return out.join('\n');
  }
  out.push('', 'Answers (kata 9 reference):', '');
  questions.forEach((q, i) => {
    const result = table.translate(q.va, q.access, q.mode);
    if (result.kind === 'ok') out.push(`${label(q, i)}  →  ${hex(result.pa)}`);
    else
      out.push(
        `${label(q, i)}  →  fault: ${result.reason}${result.reason === 'non-canonical' ? '' : ` at the ${result.level.toUpperCase()}`}`,
      );
    if (!isCanonical(q.va)) {
      out.push('        bits 63..47 are not all equal: no table is read');
      return;
    }
    const parts = splitAddress(q.va);
    const path = table
      .walk(q.va)
      .map(
        (/** @type {{ level: string, index: number, entry: bigint }} */ s, /** @type {number} */ n) =>
          `${LEVEL_NAMES[n]}[${s.index}]`,
      )
      .join(' → ');
    const last = table.walk(q.va).at(-1);
    const tail =
      result.kind === 'ok'
        ? ` → ${result.pageSize === 4096 ? '4 KiB' : '2 MiB'} frame ${hex((last.entry >> 12n) & ((1n << 40n) - 1n))} + offset ${hex(result.pageSize === 4096 ? parts.offset : q.va % 0x200000n)}`
        : result.reason === 'not-present'
          ? ' (not present)'
          : ` (${protection(last.entry, q.access, q.mode)})`;
    out.push(`        ${path}${tail}`);
  });
  return out.join('\n');
}

/** Why the leaf refuses the access. @param {bigint} entry @param {string} access @param {string} mode */
function protection(entry, access, mode) {
  if (mode === 'user' && !((entry >> 2n) & 1n)) return 'U/S clear: a kernel page';
  if (access === 'write' && !((entry >> 1n) & 1n)) return 'R/W clear: read-only';
  return 'NX set: not executable';
}

/** @type {import('../lib/practice.mjs').PracticeExercise} */
export default {
  name: 'translate',
  summary: "a page table printed as table pages of entries; translate addresses by hand (OSTEP's multi-level paging)",
  katas: [9, 8],
  options: { count: { type: 'number', value: 'N', help: 'how many addresses (default 8, at most 13)' } },
  run,
};
