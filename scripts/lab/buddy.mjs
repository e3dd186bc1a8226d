// @ts-check
/**
 * buddy mode: a seeded sequence of allocations and frees (buddy-sequence.mjs) replayed on the learner's
 * kata 07 BuddyAllocator, drawn step by step as a row of blocks with the zone's buddyinfo line, in the
 * terminal and as SVG. The checks are the buddy system's own rules, read off the allocator's answers: every
 * block aligned and inside the zone, nothing handed out twice, free + allocated = the zone, no two free
 * buddies of one order left unmerged, and the zone back to its first blocks once everything is freed.
 * Pure.
 */
import { fail, pass } from './checks.mjs';
import { failureCheck } from './kata-errors.mjs';

/**
 * The part of kata 07 the lab calls.
 * @typedef {{ pfn: number, order: number }} Block
 * @typedef {object} BuddyAllocator
 * @property {(order: number) => number | null} alloc
 * @property {(pfn: number, order: number) => void} free
 * @property {() => number[]} freeCounts
 * @property {() => number} freePages
 * @property {() => Block[]} freeBlocks
 * @typedef {{ BuddyAllocator: new (options: import('./buddy-sequence.mjs').ZoneShape) => BuddyAllocator }} BuddyKata
 */

/**
 * The zone after one step.
 * @typedef {object} Frame
 * @property {string} label              "3. B = alloc(1) → 2", or "start" for the new zone
 * @property {Block[]} free              freeBlocks()
 * @property {{ name: string, pfn: number, order: number }[]} held  the blocks allocated and not freed yet
 * @property {number[]} counts           freeCounts(): the buddyinfo columns
 */

/** What a step did, in words. @param {import('./buddy-sequence.mjs').BuddyStep} step @param {number} index */
function stepText(step, index, /** @type {number | null | undefined} */ pfn) {
  if (step.kind === 'free') return `${index + 1}. free(${step.name})`;
  return `${index + 1}. ${step.name} = alloc(${step.order}) → ${pfn === null ? 'null' : `pfn ${pfn}`}`;
}

/**
 * Replays the steps on the kata's BuddyAllocator.
 * @param {BuddyKata} kata
 * @param {import('./buddy-sequence.mjs').ZoneShape} zone
 * @param {import('./buddy-sequence.mjs').BuddyStep[]} steps
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ frames: Frame[], checks: import('./checks.mjs').Check[] }}
 */
export function replay(kata, zone, steps, stubs) {
  /** @type {Frame[]} */
  const frames = [];
  /** @type {Map<string, Block>} */
  const held = new Map();
  /** @type {string[]} */
  const broken = [];
  /** @type {BuddyAllocator} */
  let allocator;
  let label = 'new BuddyAllocator';
  try {
    allocator = new kata.BuddyAllocator(zone);
    const snapshot = (/** @type {string} */ text) => {
      label = text;
      const frame = {
        label: text,
        free: allocator.freeBlocks(),
        held: [...held].map(([name, block]) => ({ name, ...block })),
        counts: allocator.freeCounts(),
      };
      broken.push(...brokenRules(frame, zone, allocator.freePages()).map((rule) => `after ${text}: ${rule}`));
      frames.push(frame);
    };
    snapshot('start');
    const initial = /** @type {Frame} */ (frames[0]).free;
    for (const [index, step] of steps.entries()) {
      label = stepText(step, index, undefined);
      if (step.kind === 'alloc') {
        const pfn = allocator.alloc(step.order);
        if (pfn !== null) held.set(step.name, { pfn, order: step.order });
        snapshot(stepText(step, index, pfn));
      } else {
        const block = held.get(step.name);
        if (block === undefined) continue; // its alloc returned null: nothing to free
        allocator.free(block.pfn, block.order);
        held.delete(step.name);
        snapshot(stepText(step, index, undefined));
      }
    }
    label = 'freeing what is still held';
    for (const block of held.values()) allocator.free(block.pfn, block.order);
    const back = sameBlocks(allocator.freeBlocks(), initial);
    const checks = [
      broken.length === 0
        ? pass('every step keeps the buddy rules', [
            `${steps.length} steps: blocks aligned and inside the zone, none handed out twice, free + allocated = ${zone.pages} pages, no two free buddies left unmerged`,
          ])
        : fail('every step keeps the buddy rules', 7, [...broken.slice(0, 5), 'Next: npm run kata 7']),
      back
        ? pass('freeing everything gives back the blocks the zone started with', [blocksText(initial)])
        : fail('freeing everything gives back the blocks the zone started with', 7, [
            `it started as ${blocksText(initial)}`,
            `and ended as   ${blocksText(allocator.freeBlocks())}`,
            'Next: npm run kata 7',
          ]),
    ];
    return { frames, checks };
  } catch (error) {
    const check = failureCheck(`replaying the steps (${label})`, error, { call: label, kata: 7, stubs });
    return { frames, checks: [check] };
  }
}

/** @param {Block[]} a @param {Block[]} b */
function sameBlocks(a, b) {
  return a.length === b.length && a.every((block, i) => block.pfn === b[i]?.pfn && block.order === b[i]?.order);
}

/** "0@3 8@3" @param {Block[]} blocks */
export function blocksText(blocks) {
  return blocks.length === 0 ? '(none)' : blocks.map((b) => `${b.pfn}@${b.order}`).join(' ');
}

/**
 * The buddy rules a frame breaks, in words.
 * @param {Frame} frame
 * @param {import('./buddy-sequence.mjs').ZoneShape} zone
 * @param {number} freePages  what the allocator said
 */
export function brokenRules(frame, zone, freePages) {
  const rules = [];
  const end = zone.basePfn + zone.pages;
  /** @type {Map<number, string>} */
  const owner = new Map();
  const blocks = [
    ...frame.free.map((b) => ({ ...b, who: `free ${b.pfn}@${b.order}` })),
    ...frame.held.map((b) => ({ ...b, who: `${b.name} (${b.pfn}@${b.order})` })),
  ];
  for (const block of blocks) {
    const size = 2 ** block.order;
    if (block.pfn % size !== 0) rules.push(`${block.who} is not aligned on ${size} pages`);
    if (block.pfn < zone.basePfn || block.pfn + size > end) rules.push(`${block.who} is not inside the zone`);
    for (let page = block.pfn; page < block.pfn + size && page < end; page++) {
      const other = owner.get(page);
      if (other !== undefined) rules.push(`page ${page} is in both ${other} and ${block.who}`);
      owner.set(page, block.who);
    }
  }
  const freeSum = frame.free.reduce((sum, b) => sum + 2 ** b.order, 0);
  const heldSum = frame.held.reduce((sum, b) => sum + 2 ** b.order, 0);
  if (freeSum !== freePages) rules.push(`freePages() says ${freePages}, freeBlocks() add up to ${freeSum}`);
  if (freeSum + heldSum !== zone.pages)
    rules.push(`${freeSum} free + ${heldSum} allocated ≠ the zone's ${zone.pages} pages`);
  const counts = frame.counts.map((_, order) => frame.free.filter((b) => b.order === order).length);
  if (counts.join(' ') !== frame.counts.join(' '))
    rules.push(`freeCounts() ${frame.counts.join(' ')} ≠ freeBlocks() ${counts.join(' ')}`);
  const starts = new Set(frame.free.map((b) => `${b.pfn}@${b.order}`));
  for (const b of frame.free) {
    const size = 2 ** b.order;
    const buddy = Math.floor(b.pfn / size) % 2 === 0 ? b.pfn + size : b.pfn - size;
    if (b.order < zone.maxOrder && b.pfn < buddy && starts.has(`${buddy}@${b.order}`)) {
      rules.push(`${b.pfn}@${b.order} and its buddy ${buddy}@${b.order} are both free: they should have merged`);
    }
  }
  return rules;
}

/**
 * The zone as one row of characters: a page is "·" when free or the letter of the block that holds it; a
 * "|" between two blocks. The row starts at the zone's first page.
 * @param {Frame} frame
 * @param {import('./buddy-sequence.mjs').ZoneShape} zone
 * @returns {{ row: string, columns: number[] }}  columns[i]: the column of page basePfn + i
 */
export function zoneRow(frame, zone) {
  const marks = Array.from({ length: zone.pages }, () => ({ char: '?', start: false }));
  const paint = (/** @type {number} */ pfn, /** @type {number} */ order, /** @type {string} */ char) => {
    for (let i = 0; i < 2 ** order; i++) {
      const mark = marks[pfn - zone.basePfn + i];
      if (mark) marks[pfn - zone.basePfn + i] = { char, start: i === 0 };
    }
  };
  for (const b of frame.free) paint(b.pfn, b.order, '·');
  for (const b of frame.held) paint(b.pfn, b.order, b.name[0] ?? '?');
  let row = '|';
  /** @type {number[]} */
  const columns = [];
  marks.forEach((mark, i) => {
    if (mark.start && i > 0) row += '|';
    columns.push(row.length);
    row += mark.char;
  });
  return { row: `${row}|`, columns };
}

/**
 * A line of PFNs under a zone row: each multiple of 8 written at its page's column.
 * @param {number[]} columns
 * @param {number} basePfn
 */
export function pfnRuler(columns, basePfn) {
  let ruler = '';
  columns.forEach((column, i) => {
    const pfn = basePfn + i;
    if (pfn % 8 === 0 && column >= ruler.length) ruler = ruler.padEnd(column) + String(pfn);
  });
  return ruler;
}

/** The buddyinfo line of the zone: "Node 0, zone   Normal      1      0 …" (frag_show_print's layout). */
export function buddyinfoLine(/** @type {number[]} */ counts) {
  return `Node 0, zone ${'Normal'.padStart(8)} ${counts.map((c) => `${String(c).padStart(6)} `).join('')}`;
}

/**
 * Every frame for a terminal: the step, the zone's row, and its buddyinfo line; PFNs under the first row.
 * @param {Frame[]} frames
 * @param {import('./buddy-sequence.mjs').ZoneShape} zone
 * @returns {string[]}
 */
export function drawFrames(frames, zone) {
  const lines = [];
  for (const [i, frame] of frames.entries()) {
    const { row, columns } = zoneRow(frame, zone);
    lines.push(frame.label === 'start' ? 'the new zone' : frame.label, `  ${row}`);
    if (i === 0) lines.push(`  ${pfnRuler(columns, zone.basePfn)}`);
    lines.push(`  ${buddyinfoLine(frame.counts)}`, '');
  }
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/** @param {string} text */
function escapeXml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The frames as an SVG picture: one row of blocks per step (free blocks pale with their order, allocated
 * blocks coloured and named), the step on the left, the buddyinfo counts on the right.
 * @param {Frame[]} frames
 * @param {import('./buddy-sequence.mjs').ZoneShape} zone
 * @param {string} title
 * @returns {string}
 */
export function framesSvg(frames, zone, title) {
  const cell = Math.max(8, Math.min(24, Math.floor(640 / Math.max(zone.pages, 1))));
  const left = 230;
  const rowHeight = 30;
  const top = 56;
  const zoneWidth = cell * zone.pages;
  const width = left + zoneWidth + 40 + 16 * (zone.maxOrder + 1) * 2;
  const height = top + rowHeight * frames.length + 16;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="12">`,
    `<title>${escapeXml(title)}: the zone after each step, and its buddyinfo line</title>`, // read by screen readers
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${left + zoneWidth + 24}" y="${top - 10}" fill="#555555">buddyinfo (orders 0–${zone.maxOrder})</text>`,
  ];
  for (let i = 0; i < zone.pages; i++) {
    const pfn = zone.basePfn + i;
    if (pfn % 8 === 0) out.push(`<text x="${left + i * cell}" y="${top - 10}" fill="#555555">${pfn}</text>`);
  }
  frames.forEach((frame, row) => {
    const y = top + row * rowHeight;
    out.push(`<text x="8" y="${y + 18}">${escapeXml(frame.label === 'start' ? 'the new zone' : frame.label)}</text>`);
    for (const b of frame.free) {
      const x = left + (b.pfn - zone.basePfn) * cell;
      const w = 2 ** b.order * cell;
      out.push(`<rect x="${x}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="#eef3e8" stroke="#8a9a7a"/>`);
      if (w >= 22)
        out.push(`<text x="${x + w / 2}" y="${y + 19}" text-anchor="middle" fill="#6b7a5c">o${b.order}</text>`);
    }
    for (const b of frame.held) {
      const x = left + (b.pfn - zone.basePfn) * cell;
      const w = 2 ** b.order * cell;
      const index = (b.name.charCodeAt(0) - 65 + 26 * (Number(b.name.slice(1)) || 0)) % PALETTE.length;
      out.push(
        `<rect x="${x}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${PALETTE[index]}" stroke="#333333"/>`,
      );
      out.push(
        `<text x="${x + w / 2}" y="${y + 19}" text-anchor="middle" fill="#ffffff" font-weight="bold">${escapeXml(b.name)}</text>`,
      );
    }
    out.push(
      `<text x="${left + zoneWidth + 24}" y="${y + 19}">${frame.counts
        .map((c) => String(c).padStart(2))
        .join(' ')
        .replaceAll(' ', '&#160;')}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
