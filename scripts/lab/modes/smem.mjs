// @ts-check
/**
 * `npm run lab -- smem`: every process through the learner's kata 5, a smem table sorted by swap, against
 * real smem run on the very same files.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { note } from '../checks.mjs';
import { source, whose } from '../mode.mjs';
import { readPasswd } from '../passwd.mjs';
import { readProcText, readSmemInputs, streamSmemInputs } from '../proc-source.mjs';
import { writeProcTree } from '../proc-tree.mjs';
import { runSmem, smemInstalled } from '../real-tools.mjs';
import {
  compareSmem,
  liveTotalsNote,
  SMEM_SORT_KEYS,
  smemArgs,
  smemProcessInputs,
  smemProcessStream,
  smemTable,
} from '../smem.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/**
 * With no -s the lab shows the biggest swappers first (smem -s swap -r); with -s it sorts as smem does,
 * smallest first unless -r.
 * @param {Record<string, string | number | boolean>} options
 * @returns {{ sort: import('../smem.mjs').SmemSortKey, reverse: boolean }}
 */
export function smemOrder(options) {
  const sort = /** @type {import('../smem.mjs').SmemSortKey | undefined} */ (options.sort);
  return { sort: sort ?? 'swap', reverse: sort === undefined ? true : Boolean(options.reverse) };
}

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'smem',
  summary: 'every process through your kata 5, a smem table sorted by swap, against real smem',
  katas: [5],
  // One pass over every process: TurboFan's optimised code would cost more memory (~6 MB of a ~58 MB process)
  // than the time it saves (0.40 → 0.46 s for 1,000 processes); the goal is ≤ 4× real smem's memory.
  v8Flags: '--no-opt',
  options: {
    sort: {
      type: 'string',
      short: 's',
      choices: SMEM_SORT_KEYS,
      value: 'COL',
      help: 'sort on COL; smallest first unless -r',
    },
    reverse: { type: 'boolean', short: 'r', help: 'largest first' },
    'table-only': { type: 'boolean', help: 'print only the table, compare nothing' },
  },
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata = /** @type {import('../smem.mjs').SmemKata} */ (ctx.katas.get(5));
    const order = smemOrder(ctx.args.options);
    if (ctx.args.options['table-only']) {
      // Only the table: each process is read, measured and let go, so the lab holds one smaps at a time.
      const table = smemTable(kata, smemProcessStream(streamSmemInputs(ctx.procDir), readPasswd()), order, ctx.stubs);
      return table.ok ? { heading: [], checks: [], tableOnly: table.value } : { heading: [], checks: [table.check] };
    }
    const inputs = readSmemInputs(ctx.procDir);
    const measured = smemProcessInputs(inputs, readPasswd());
    const table = smemTable(kata, measured, order, ctx.stubs);
    const args = smemArgs(order);
    const heading = [
      `memkata lab · smem · ${whose(ctx)} on every process of ${source(ctx)}`,
      `sorted as \`smem ${args.join(' ')}\``,
    ];
    if (!table.ok) return { heading, checks: [table.check] };
    if (ctx.args.options['table-only']) return { heading, checks: [], tableOnly: table.value };
    const body = table.value.replace(/\n$/, '').split('\n');
    if (!smemInstalled()) {
      return {
        heading,
        body,
        checks: [note('smem', ['smem is not installed (apt-get install smem): nothing to compare with.'])],
      };
    }

    const title = `smem ${args.join(' ')} on the same files`;
    const caveats = [];
    let root;
    let temporary = false;
    if (ctx.live) {
      // Real smem reads the same snapshot the lab read: the numbers cannot drift between the two.
      root = mkdtempSync(join(tmpdir(), 'memkata-lab-'));
      temporary = true;
      const meminfo = readProcText(ctx.procDir, 'meminfo') ?? '';
      // Every process read goes in, kernel threads too: smem leaves them out by its own rules. An unreadable
      // cmdline stays unreadable (no file), so smem shows "?" as the lab does.
      const processes = inputs.map((p) => {
        /** @type {Record<string, string>} */
        const files = { smaps: p.smaps };
        if (p.cmdline !== undefined) files.cmdline = p.cmdline;
        return { pid: p.pid, uid: p.uid, files };
      });
      const { unowned } = writeProcTree(root, { meminfo, processes });
      const shown = new Set(measured.map((p) => p.pid));
      if (unowned.some((pid) => shown.has(pid))) {
        caveats.push(
          "(not root: some of the snapshot's folders could not get their owner, so smem's User column may differ)",
        );
      }
    } else if (basename(ctx.procDir) === 'proc') {
      root = dirname(ctx.procDir);
    } else {
      root = mkdtempSync(join(tmpdir(), 'memkata-lab-'));
      temporary = true;
      symlinkSync(ctx.procDir, join(root, 'proc'));
    }
    try {
      const real = runSmem(root, args);
      if (real === undefined || real.status !== 0) {
        return { heading, body, checks: [note('smem', [`smem failed: ${real?.stderr.trim() ?? 'it did not start'}`])] };
      }
      const checks = [compareSmem(real.stdout, table.value, title, caveats)];
      if (ctx.live) {
        const now = runSmem(undefined, args);
        if (now?.status === 0) checks.push(liveTotalsNote(now.stdout, table.value));
      }
      return { heading, body, checks };
    } finally {
      if (temporary) rmSync(root, { recursive: true, force: true });
    }
  },
};
