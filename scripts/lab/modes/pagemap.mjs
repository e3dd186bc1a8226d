// @ts-check
/**
 * `npm run lab -- pagemap [pid]`: a live process's /proc/PID/pagemap decoded page by page (present, swapped,
 * exclusive, file/shared, PFN when root) next to its smaps, each address split into its four table indices
 * by the learner's kata 8. The decoding and the comparison are in ../pagemap.mjs (pure).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../args.mjs';
import { note } from '../checks.mjs';
import { source, whose } from '../mode.mjs';
import { compareWithSmaps, countEntries, pageRows, readSmaps } from '../pagemap.mjs';
import { readProcText } from '../proc-source.mjs';
import { label, startedNote, targetProcess } from '../target-process.mjs';

/** @typedef {import('../mode.mjs').ModeContext} ModeContext */

/** A mapping larger than this (1 GiB of pages) is left out: its pagemap would be 2 MiB or more to read. */
const MAX_PAGES = 1 << 18;

/** @type {import('../mode.mjs').LabMode} */
export default {
  name: 'pagemap',
  summary: "a process's /proc/PID/pagemap decoded next to its smaps, addresses split by your kata 8",
  katas: [8],
  takesPid: true,
  /** @param {ModeContext} ctx */
  async run(ctx) {
    const kata8 = /** @type {import('../pagemap.mjs').AddressKata} */ (ctx.katas.get(8));
    const target = await targetProcess(ctx);
    try {
      const who = label(ctx, target.pid);
      const heading = [`memkata lab · pagemap · ${whose(ctx)} on ${who} from ${source(ctx)}`, ...startedNote(target)];
      const smaps = readProcText(ctx.procDir, `${target.pid}/smaps`);
      if (smaps === undefined)
        throw new UsageError(`cannot read /proc/${target.pid}/smaps (another user's process? try root)`);
      if (smaps === '')
        return { heading, checks: [note('pagemap', [`${who} is a kernel thread: it has no mappings.`])] };

      const path = join(ctx.procDir, String(target.pid), 'pagemap');
      let fd;
      try {
        fd = openSync(path, 'r');
      } catch (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code;
        if (code === 'ENOENT') {
          return {
            heading,
            checks: [
              note('pagemap', [
                `${ctx.live ? path : 'this snapshot'} has no pagemap: it is a binary file the kernel makes when it is read,`,
                'so it cannot be captured as text. Run the lab on a live Linux machine.',
              ]),
            ],
          };
        }
        throw new UsageError(
          `cannot open ${path} (${code}): reading another process's pagemap needs the right to ptrace it — try root`,
        );
      }
      /** @type {import('../pagemap.mjs').ReadVma[]} */
      const vmas = [];
      try {
        for (const vma of readSmaps(smaps)) {
          if (vma.name === '[vsyscall]') continue; // not a VMA of the process; pagemap stops at TASK_SIZE
          const pages = Number((vma.end - vma.start) / 4096n);
          if (pages > MAX_PAGES) {
            vmas.push({ vma, count: undefined, entries: undefined });
            continue;
          }
          const entries = readEntries(fd, vma.start, pages);
          vmas.push({ vma, count: countEntries(entries), entries });
        }
      } finally {
        closeSync(fd);
      }
      if (!vmas.some((v) => v.count?.pfns)) {
        heading.push('(pagemap shows frame numbers only to root, CAP_SYS_ADMIN: here they read 0, shown as "hidden")');
      }
      const rows = pageRows(kata8, vmas, { stubs: ctx.stubs });
      return { heading, body: rows.body, checks: [...rows.checks, ...compareWithSmaps(vmas)] };
    } finally {
      target.stop();
    }
  },
};

/**
 * The pagemap entries of `pages` pages from `start`: one little-endian u64 per page, at offset (va / 4096) × 8.
 * @param {number} fd
 * @param {bigint} start
 * @param {number} pages
 * @returns {BigUint64Array}
 */
function readEntries(fd, start, pages) {
  const buffer = Buffer.alloc(pages * 8);
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, Number((start / 4096n) * 8n) + done);
    if (n === 0) break;
    done += n;
  }
  return new BigUint64Array(buffer.buffer, buffer.byteOffset, Math.floor(done / 8));
}
