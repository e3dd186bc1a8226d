// @ts-check
/**
 * `npm run lab -- walk [pid] [--address ADDR] [--access read|write|exec] [--example]`: a live process's
 * pages (its maps and /proc/PID/pagemap) mapped into your kata 9 PageTable, walks drawn for a few of its
 * addresses, your vmPteKb beside the kernel's VmPTE. Without /proc (or with --example): a small built-in
 * address space.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../args.mjs';
import { attempt } from '../kata-errors.mjs';
import { whose } from '../mode.mjs';
import { readProcText } from '../proc-source.mjs';
import { label, startedNote, targetProcess } from '../target-process.mjs';
import {
  buildTable,
  decodePagemap,
  exampleProcess,
  interestingAddresses,
  translateCheck,
  vmPteChecks,
  vmPteRule,
  walkPicture,
} from '../walk.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */
/** @typedef {import('../walk.mjs').ProcessPages} ProcessPages */

const KPF_COMPOUND_HEAD = 15n;
const KPF_THP = 22n;

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'walk',
  summary: 'page-table walks of a process, through your katas 8 and 9; your vmPteKb beside its VmPTE',
  katas: [9, 8],
  takesPid: true,
  needsProc: false,
  options: {
    address: { type: 'string', value: 'ADDR', help: 'the virtual address to walk, in hex (default: a few of its own)' },
    access: {
      type: 'string',
      choices: ['read', 'write', 'exec'],
      value: 'KIND',
      help: 'read, write or exec (default read)',
    },
    example: { type: 'boolean', help: 'the built-in example address space, not a live process' },
  },
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const table9 = /** @type {import('../walk.mjs').PageTableKata} */ (ctx.katas.get(9));
    const kata8 = /** @type {import('../walk.mjs').AddressKata} */ (ctx.katas.get(8));
    const access = /** @type {'read' | 'write' | 'exec'} */ (ctx.args.options.access ?? 'read');
    const asked = ctx.args.options.address === undefined ? undefined : parseAddress(String(ctx.args.options.address));

    if (!ctx.live || ctx.args.options.example) {
      const example = exampleProcess();
      const heading = [
        `memkata lab · walk · ${whose(ctx)} on a built-in example address space`,
        '(a program text page, a heap page, a stack page and a 2 MiB THP; table pages on frames 0x1000 up)',
      ];
      const built = attempt(() => buildTable(table9, example, 0x1000), 'map', {
        call: 'table.map(…)',
        kata: 9,
        stubs: ctx.stubs,
      });
      if (!built.ok) return { heading, checks: [built.check] };
      const targets = asked ? [{ va: asked, what: 'the address you asked for', access }] : example.addresses;
      const body = [];
      const checks = [];
      for (const target of targets) {
        const picture = walkPicture(kata8, built.value, target.va, target.access, ctx.stubs);
        if (!picture.ok) return { heading, checks: [picture.check] };
        body.push(`── ${target.what}`, ...picture.value, '');
      }
      const yours = attempt(() => built.value.vmPteKb(), 'vmPteKb()', {
        call: 'table.vmPteKb()',
        kata: 9,
        stubs: ctx.stubs,
      });
      checks.push(...(yours.ok ? vmPteChecks(yours.value, vmPteRule(example), undefined) : [yours.check]));
      return { heading, body, checks };
    }

    const target = await targetProcess(ctx);
    try {
      const who = label(ctx, target.pid);
      const heading = [
        `memkata lab · walk · ${whose(ctx)} on ${who}`,
        ...startedNote(target),
        '(every present or swapped page mapped with its mapping’s rights; table pages on made-up frames)',
      ];
      const vmPteBefore = vmPte(ctx.procDir, target.pid);
      const maps = readProcText(ctx.procDir, `${target.pid}/maps`);
      if (maps === undefined) throw new UsageError(`cannot read /proc/${target.pid}/maps`);
      const pages = readPages(ctx.procDir, target.pid, maps);
      const kernel = vmPteBefore === vmPte(ctx.procDir, target.pid) ? vmPteBefore : undefined;
      if (pages.present.every((p) => p.pfn === 0))
        heading.push('(pagemap hides frame numbers from non-root users: frames are made up too)');

      const built = attempt(() => buildTable(table9, pages), 'map', {
        call: 'table.map(…)',
        kata: 9,
        stubs: ctx.stubs,
      });
      if (!built.ok) return { heading, checks: [built.check] };
      const table = built.value;
      const targets = asked ? [{ va: asked, what: 'the address you asked for' }] : interestingAddresses(maps);
      const body = [];
      for (const t of targets) {
        const picture = walkPicture(kata8, table, t.va, access, ctx.stubs);
        if (!picture.ok) return { heading, checks: [picture.check] };
        body.push(`── ${t.what}`, ...picture.value, '');
      }
      const checks = [];
      const yours = attempt(() => table.vmPteKb(), 'vmPteKb()', { call: 'table.vmPteKb()', kata: 9, stubs: ctx.stubs });
      checks.push(...(yours.ok ? vmPteChecks(yours.value, vmPteRule(pages), kernel) : [yours.check]));
      const translated = attempt(() => translateCheck(table, pages), 'translate', {
        call: 'table.translate(…)',
        kata: 9,
        stubs: ctx.stubs,
      });
      checks.push(translated.ok ? translated.value : translated.check);
      return { heading, body, checks };
    } finally {
      target.stop();
    }
  },
};

/** @param {string} text */
function parseAddress(text) {
  if (!/^(0x)?[0-9a-fA-F]{1,16}$/.test(text))
    throw new UsageError(`--address takes a hex address like 0x7ffc12345000, not "${text}"`);
  return BigInt(text.startsWith('0x') ? text : `0x${text}`);
}

/** @param {string} procDir @param {number} pid */
function vmPte(procDir, pid) {
  const match = /^VmPTE:\s+(\d+) kB$/m.exec(readProcText(procDir, `${pid}/status`) ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The process's present and swapped pages from /proc/PID/pagemap, and its PMD-mapped THPs (root only:
 * /proc/kpageflags).
 * @param {string} procDir
 * @param {number} pid
 * @param {string} maps
 * @returns {ProcessPages}
 */
function readPages(procDir, pid, maps) {
  /** @type {ProcessPages} */
  const pages = { present: [], swapped: [], huge: new Set() };
  let pagemap;
  try {
    pagemap = openSync(join(procDir, String(pid), 'pagemap'), 'r');
  } catch {
    throw new UsageError(`cannot read /proc/${pid}/pagemap (another user's process? run as root, or walk your own)`);
  }
  /** @type {number | undefined} */
  let kpageflags;
  try {
    kpageflags = openSync(join(procDir, 'kpageflags'), 'r');
  } catch {
    kpageflags = undefined; // not root: THPs are mapped as 512 small pages, which costs the same VmPTE
  }
  try {
    for (const line of maps.split('\n').filter(Boolean)) {
      const [range = '', perms = ''] = line.split(/\s+/);
      const [startText = '0', endText = '0'] = range.split('-');
      const start = Number.parseInt(startText, 16);
      if (start >= 2 ** 47) continue; // [vsyscall]: not in the process's page tables
      const first = start / 4096;
      const count = (Number.parseInt(endText, 16) - start) / 4096;
      const buffer = Buffer.alloc(count * 8);
      readSync(pagemap, buffer, 0, buffer.length, first * 8);
      const entries = Array.from({ length: count }, (_, i) => buffer.readBigUInt64LE(i * 8));
      const decoded = decodePagemap(first, entries, perms);
      pages.present.push(...decoded.present);
      pages.swapped.push(...decoded.swapped);
      if (kpageflags !== undefined) findThps(first, entries, kpageflags, pages.huge);
    }
  } finally {
    closeSync(pagemap);
    if (kpageflags !== undefined) closeSync(kpageflags);
  }
  return pages;
}

/**
 * Adds the aligned 2 MiB blocks mapped by one THP: 512 present pages on consecutive frames from a THP head.
 * @param {number} first
 * @param {bigint[]} entries
 * @param {number} kpageflags
 * @param {Set<number>} huge
 */
function findThps(first, entries, kpageflags, huge) {
  for (let i = (512 - (first % 512)) % 512; i + 512 <= entries.length; i += 512) {
    const pfns = entries.slice(i, i + 512).map((e) => (e >> 63n ? e & ((1n << 55n) - 1n) : -1n));
    const head = pfns[0] ?? -1n;
    if (head <= 0n || head % 512n !== 0n || pfns.some((pfn, j) => pfn !== head + BigInt(j))) continue;
    const flags = Buffer.alloc(8);
    readSync(kpageflags, flags, 0, 8, Number(head) * 8);
    const f = flags.readBigUInt64LE(0);
    if ((f >> KPF_THP) & 1n && (f >> KPF_COMPOUND_HEAD) & 1n) huge.add(first + i);
  }
}
