// @ts-check
/**
 * The four lab modes: each gathers its inputs (reading /proc, running the real tool) and hands them to the
 * pure comparison in free.mjs, smaps.mjs, status.mjs or smem.mjs. A process that cannot be read is a
 * UsageError (exit code 2): the learner asked for something the lab cannot do.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './args.mjs';
import { note } from './checks.mjs';
import { compareFree, FREE_VARIANTS, showFree } from './free.mjs';
import { freeRulesOf } from './free-versions.mjs';
import { readPasswd } from './passwd.mjs';
import { listPids, readProcText, readSmapsConsistent, readSmemInputs, readStatusConsistent } from './proc-source.mjs';
import { writeProcTree } from './proc-tree.mjs';
import { captureFree, freeVersion, runSmem, smemInstalled } from './real-tools.mjs';
import { startSleeper } from './sleeper.mjs';
import { checkSmaps } from './smaps.mjs';
import { compareSmem, liveTotalsNote, smemArgs, smemProcessInputs, smemTable } from './smem.mjs';
import { checkStatus } from './status.mjs';

/**
 * @typedef {object} ModeContext
 * @property {import('./args.mjs').LabArgs} args
 * @property {string} procDir     absolute
 * @property {boolean} live       procDir is this system's /proc
 * @property {Map<number, Record<string, any>>} katas  loaded kata modules by number
 * @property {import('./kata-errors.mjs').StubIndex} stubs
 */
/**
 * @typedef {object} ModeResult
 * @property {string[]} heading
 * @property {string[]} [body]    printed before the checks (smem's table)
 * @property {import('./checks.mjs').Check[]} checks
 * @property {string} [tableOnly] with --table-only: just this text
 */

/** Which katas each mode runs. */
export const MODE_KATAS = /** @type {const} */ ({ free: [2], smaps: [3], status: [4, 3], smem: [5] });

/** @param {ModeContext} ctx */
function whose(ctx) {
  return ctx.args.tree === 'solutions' ? 'the reference solution (solutions/)' : 'your code (katas/)';
}

/** @param {ModeContext} ctx */
function source(ctx) {
  return ctx.live ? "this machine's /proc" : `the snapshot in ${ctx.args.procDir}`;
}

/**
 * @param {ModeContext} ctx
 * @returns {Promise<ModeResult>}
 */
export async function freeMode(ctx) {
  const kata = /** @type {import('./free.mjs').FreeKata} */ (ctx.katas.get(2));
  const heading = [`memkata lab · free · ${whose(ctx)} on ${source(ctx)}`];
  if (ctx.live) {
    const version = freeVersion();
    if (version === undefined) {
      const meminfo = readProcText(ctx.procDir, 'meminfo') ?? '';
      heading.push(
        '`free` is not installed (apt-get install procps), so there is nothing to compare with: yours only.',
      );
      return { heading, checks: FREE_VARIANTS.map((v) => showFree(kata, v, meminfo, undefined, ctx.stubs)) };
    }
    const rules = freeRulesOf(version);
    heading.push(`against ${version}, each run between two reads of /proc/meminfo`);
    if (rules.caveat) heading.push(rules.caveat);
    const procps = rules.procps;
    if (procps === undefined) {
      const meminfo = readProcText(ctx.procDir, 'meminfo') ?? '';
      return { heading, checks: FREE_VARIANTS.map((v) => showFree(kata, v, meminfo, undefined, ctx.stubs)) };
    }
    const checks = FREE_VARIANTS.map((variant) => {
      const sample = captureFree(ctx.procDir, variant.args);
      if (!sample) return note(variant.title, [`\`free ${variant.args.join(' ')}\` did not run`]);
      const check = compareFree(kata, variant, sample, ctx.stubs, { procps, layout: rules.layout });
      // procps 3.3's -h is not the one kata 2 teaches: show the difference, decide nothing.
      if (check.verdict === 'fail' && variant.options.human && !rules.human)
        return { ...check, verdict: /** @type {const} */ ('note') };
      return check;
    });
    return { heading, checks };
  }
  // Offline: free's output was captured with the snapshot, in the folder `free/` next to `proc/`.
  const meminfo = readProcText(ctx.procDir, 'meminfo');
  if (meminfo === undefined) throw new UsageError(`${ctx.args.procDir} has no meminfo`);
  const captures = join(dirname(ctx.procDir), 'free');
  heading.push(`against free's output captured with it (${join(dirname(ctx.args.procDir ?? ''), 'free')}/)`);
  const checks = FREE_VARIANTS.map((variant) => {
    const output = readProcText(captures, variant.capture);
    if (output === undefined) {
      const why = `No captured output of ${variant.title} (${variant.capture} next to the snapshot): nothing to compare with.`;
      return showFree(kata, variant, meminfo, why, ctx.stubs);
    }
    return compareFree(kata, variant, { before: meminfo, output, after: meminfo, attempts: 1 }, ctx.stubs);
  });
  return { heading, checks };
}

/**
 * The process to read: the pid asked for, else a sleeping child (live), else the snapshot's first process
 * that has mappings.
 * @param {ModeContext} ctx
 * @returns {Promise<{ pid: number, stop: () => void, started: boolean, self?: boolean }>}
 */
async function targetProcess(ctx) {
  const none = () => {};
  if (ctx.args.pid !== undefined) {
    if (readProcText(ctx.procDir, `${ctx.args.pid}/status`) === undefined) {
      throw new UsageError(`there is no process ${ctx.args.pid} in ${ctx.live ? '/proc' : ctx.args.procDir}`);
    }
    return { pid: ctx.args.pid, stop: none, started: false };
  }
  if (ctx.live) {
    const sleeper = await startSleeper(ctx.procDir);
    if (sleeper) return { ...sleeper, started: true };
    return { pid: process.pid, stop: none, started: false, self: true }; // no `sleep`: read the lab itself
  }
  const pid = listPids(ctx.procDir).find((p) => (readProcText(ctx.procDir, `${p}/smaps`) ?? '') !== '');
  if (pid === undefined) throw new UsageError(`${ctx.args.procDir} holds no process with mappings`);
  return { pid, stop: none, started: false };
}

/** What the heading says about a process the lab chose. @param {{ started: boolean, self?: boolean }} target */
function startedNote(target) {
  if (target.started) return ['(a sleeping process the lab started: it stands still while it is read)'];
  if (target.self)
    return ['(`sleep` would not start, so the lab reads itself: a busy Node process, whose numbers may move)'];
  return [];
}

/**
 * "PID 1234 (sleep 600)"
 * @param {ModeContext} ctx
 * @param {number} pid
 */
function label(ctx, pid) {
  const cmdline = readProcText(ctx.procDir, `${pid}/cmdline`)?.replace(/\0$/, '').replaceAll('\0', ' ');
  const name = /^Name:\s*(.*)$/m.exec(readProcText(ctx.procDir, `${pid}/status`) ?? '')?.[1];
  return `PID ${pid} (${cmdline || (name ? `[${name}]` : '?')})`;
}

/**
 * @param {ModeContext} ctx
 * @returns {Promise<ModeResult>}
 */
export async function smapsMode(ctx) {
  const kata = /** @type {import('./smaps.mjs').SmapsKata} */ (ctx.katas.get(3));
  const target = await targetProcess(ctx);
  try {
    const who = label(ctx, target.pid);
    const heading = [`memkata lab · smaps · ${whose(ctx)} on ${who} from ${source(ctx)}`, ...startedNote(target)];
    const read = readSmapsConsistent(ctx.procDir, target.pid);
    if (read === undefined) {
      const smaps = readProcText(ctx.procDir, `${target.pid}/smaps`);
      if (smaps === '') return { heading, checks: [note('smaps', [`${who} is a kernel thread: it has no mappings.`])] };
      throw new UsageError(
        `cannot read /proc/${target.pid}/smaps and smaps_rollup: they belong to another user (try root)`,
      );
    }
    return { heading, checks: checkSmaps(kata, { label: who, ...read }, ctx.stubs) };
  } finally {
    target.stop();
  }
}

/**
 * @param {ModeContext} ctx
 * @returns {Promise<ModeResult>}
 */
export async function statusMode(ctx) {
  const kata = /** @type {import('./status.mjs').StatusKata} */ (ctx.katas.get(4));
  const smapsKata = /** @type {import('./status.mjs').SmapsParser} */ (ctx.katas.get(3));
  const target = await targetProcess(ctx);
  try {
    const who = label(ctx, target.pid);
    const heading = [`memkata lab · status · ${whose(ctx)} on ${who} from ${source(ctx)}`, ...startedNote(target)];
    const read = readStatusConsistent(ctx.procDir, target.pid);
    if (read === undefined) throw new UsageError(`cannot read /proc/${target.pid}/status and statm`);
    return { heading, checks: checkStatus(kata, smapsKata, { label: who, ...read }, ctx.stubs) };
  } finally {
    target.stop();
  }
}

/**
 * @param {ModeContext} ctx
 * @returns {Promise<ModeResult>}
 */
export async function smemMode(ctx) {
  const kata = /** @type {import('./smem.mjs').SmemKata} */ (ctx.katas.get(5));
  const order = { sort: ctx.args.sort, reverse: ctx.args.reverse };
  const inputs = readSmemInputs(ctx.procDir);
  const measured = smemProcessInputs(inputs, readPasswd());
  const table = smemTable(kata, measured, order, ctx.stubs);
  const args = smemArgs(order);
  const heading = [
    `memkata lab · smem · ${whose(ctx)} on every process of ${source(ctx)}`,
    `sorted as \`smem ${args.join(' ')}\``,
  ];
  if (!table.ok) return { heading, checks: [table.check] };
  if (ctx.args.tableOnly) return { heading, checks: [], tableOnly: table.value };
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
}

export const MODES = { free: freeMode, smaps: smapsMode, status: statusMode, smem: smemMode };
