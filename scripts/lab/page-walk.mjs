// @ts-check
/**
 * A page-table walk drawn in the terminal: the address cut into its four indices, then each table page the
 * MMU reads (its frame, the slot, the 64-bit entry and its flags), down to the page frame or the fault.
 * Pure: it draws what kata 08's splitAddress and kata 09's walk/translate returned. Used by
 * `npm run lab -- walk`, `npm run practice -- translate --answers` and kata 09's README.
 */

/** @typedef {'pgd' | 'pud' | 'pmd' | 'pte'} Level */
/** @typedef {{ pgd: number, pud: number, pmd: number, pte: number, offset: number }} AddressParts */
/** @typedef {{ level: Level, tablePfn: number, index: number, entry: bigint }} WalkStep */
/**
 * @typedef {{ kind: 'ok', pa: bigint, pageSize: number }
 *   | { kind: 'fault', reason: 'not-present' | 'protection' | 'non-canonical', level: Level }} Translation
 */
/**
 * @typedef {object} WalkPicture
 * @property {bigint} va
 * @property {AddressParts | undefined} parts   undefined for a non-canonical address
 * @property {WalkStep[]} steps                  what walk(va) read (empty for a non-canonical address)
 * @property {Translation} translation           what translate(va, access, mode) answered
 * @property {'read' | 'write' | 'exec'} [access]
 * @property {'user' | 'kernel'} [mode]
 */

/** x86-64 entry bits the katas name, in bit order. */
const FLAG_BITS = /** @type {const} */ ([
  [0n, 'P'],
  [1n, 'W'],
  [2n, 'U'],
  [5n, 'A'],
  [6n, 'D'],
  [7n, 'PS'],
  [8n, 'G'],
  [63n, 'NX'],
]);
/** What the table page a level's entry points at is called. */
const NEXT = /** @type {Record<Level, string>} */ ({
  pgd: 'PUD table',
  pud: 'PMD table',
  pmd: 'PTE table',
  pte: 'page',
});
const PFN_MASK = ((1n << 40n) - 1n) << 12n;

/** "P W U A D NX": the flags set in an entry, by their short names. @param {bigint} entry */
export function flagNames(entry) {
  return FLAG_BITS.filter(([bit]) => (entry >> bit) & 1n)
    .map(([, name]) => name)
    .join(' ');
}

/** 0x8000000137be8067n → "0x8000000137be8067" (16 digits). @param {bigint} value */
export function hex64(value) {
  return `0x${value.toString(16).padStart(16, '0')}`;
}

/** 0x137be8 → "0x137be8". @param {number | bigint} value */
export function hex(value) {
  return `0x${value.toString(16)}`;
}

/**
 * The address as four 9-bit indices and a 12-bit offset, in a box with the bit numbers above.
 * @param {AddressParts} parts
 * @returns {string[]}
 */
export function addressBox(parts) {
  const cells = [
    { hi: '47', lo: '39', text: `PGD ${String(parts.pgd).padStart(3)}` },
    { hi: '38', lo: '30', text: `PUD ${String(parts.pud).padStart(3)}` },
    { hi: '29', lo: '21', text: `PMD ${String(parts.pmd).padStart(3)}` },
    { hi: '20', lo: '12', text: `PTE ${String(parts.pte).padStart(3)}` },
    { hi: '11', lo: '0', text: `offset ${hex(parts.offset).padStart(5)}` },
  ];
  const widths = cells.map((c) => c.text.length + 2);
  return [
    ` ${cells.map((c, i) => c.hi.padEnd((widths[i] ?? 0) - c.lo.length) + c.lo).join(' ')}`,
    `┌${widths.map((w) => '─'.repeat(w)).join('┬')}┐`,
    `│${cells.map((c) => ` ${c.text} `).join('│')}│`,
    `└${widths.map((w) => '─'.repeat(w)).join('┴')}┘`,
  ];
}

/**
 * Why a protection fault happened, from the leaf entry and the access.
 * @param {bigint} entry
 * @param {'read' | 'write' | 'exec'} access
 * @param {'user' | 'kernel'} mode
 */
export function protectionReason(entry, access, mode) {
  if (mode === 'user' && !((entry >> 2n) & 1n)) return 'a user access to a kernel page (U/S clear)';
  if (access === 'write' && !((entry >> 1n) & 1n)) return 'a write to a read-only page (R/W clear)';
  if (access === 'exec' && (entry >> 63n) & 1n) return 'an instruction fetch from a no-execute page (NX set)';
  return 'the access is not allowed';
}

/**
 * The whole picture of one walk, as lines.
 * @param {WalkPicture} picture
 * @returns {string[]}
 */
export function renderWalk({ va, parts, steps, translation, access = 'read', mode = 'user' }) {
  const lines = [`${access} ${hex64(va)} in ${mode} mode`, ''];
  if (parts === undefined || (translation.kind === 'fault' && translation.reason === 'non-canonical')) {
    lines.push(
      `✗ not canonical: bits 63..47 are not all equal, so the CPU raises #GP before it reads any table.`,
      `  (translate reports it as a fault at the PGD level)`,
    );
    return lines;
  }
  lines.push(...addressBox(parts).map((l) => `  ${l}`), '');
  let indent = '  ';
  steps.forEach((step, i) => {
    const above = steps[i - 1];
    const what = above ? `└──► ${NEXT[above.level]}` : 'CR3 ──► PGD table';
    lines.push(`${indent}${what} at frame ${hex(step.tablePfn)}`);
    indent += i === 0 ? '        ' : '     ';
    const present = (step.entry & 1n) === 1n;
    const flags = present ? flagNames(step.entry) : '(not present)';
    lines.push(`${indent}[${step.index}] ${hex64(step.entry)}  ${flags}`);
    indent += '  ';
  });
  const last = steps[steps.length - 1];
  if (translation.kind === 'ok' && last) {
    const frame = (last.entry & PFN_MASK) >> 12n;
    const size = translation.pageSize === 4096 ? '4 KiB' : '2 MiB';
    const offset = translation.pa - frame * 4096n;
    lines.push(`${indent}└──► ${size} page at frame ${hex(frame)}`, '');
    if (translation.pageSize !== 4096) {
      lines.push(`  (a 2 MiB page: the PTE index and the offset together are the 21-bit offset ${hex(offset)})`);
    }
    lines.push(`  physical address = ${hex(frame)} × 4096 + ${hex(offset)} = ${hex(translation.pa)}`);
  } else if (translation.kind === 'fault') {
    const level = translation.level.toUpperCase();
    const why =
      translation.reason === 'protection' && last
        ? `protection, at the ${level}: ${protectionReason(last.entry, access, mode)}`
        : `not present, at the ${level}: the entry's P bit is clear`;
    lines.push(`${indent}└──✗ page fault (${why})`);
  }
  return lines;
}
