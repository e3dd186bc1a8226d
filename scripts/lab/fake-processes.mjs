// @ts-check
/**
 * Many processes made from a few real smaps captures, for a fake /proc tree that smem and the lab can both
 * read (the smem benchmark, and spec/fixtures/lab/swapped/). Each copy gets its own PID, owner and command
 * line, and some of its anonymous pages moved out to swap so that the numbers differ from copy to copy.
 * A few special entries cover what smem leaves out: a kernel thread and a process it cannot read.
 * Pure and deterministic: the same n gives the same tree.
 */

/**
 * @typedef {object} Capture
 * @property {string} smaps      a real /proc/PID/smaps
 * @property {(i: number) => string} cmdline   the command line of copy i, NUL-separated as the kernel keeps it
 */

/** Owners: root, www-data, nobody, a name longer than smem's 8 columns, and a uid with no name. */
export const UIDS = [0, 0, 33, 65534, 997, 4242];

/** The kB line format of smaps: the label and the value fill 24 columns (`SEQ_PUT_DEC(" kB")` after %8lu). */
function kbLine(/** @type {string} */ label, /** @type {number} */ kb) {
  return `${label}${String(kb).padStart(Math.max(24 - label.length, 8))} kB`;
}

/**
 * Moves `kb` of private dirty anonymous memory of one mapping out to swap, as reclaim would: Rss, Pss,
 * Pss_Dirty, Private_Dirty, Anonymous and Referenced go down, Swap and SwapPss go up by the same amount.
 * The mapping is the one with the most private dirty anonymous memory; kb is capped at what it has.
 * @param {string} smaps
 * @param {number} kb  a multiple of 4
 * @returns {string}
 */
export function swapOut(smaps, kb) {
  const blocks = smaps.split(/(?=^[0-9a-f]+-[0-9a-f]+ )/m);
  const field = (/** @type {string} */ block, /** @type {string} */ key) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(block)?.[1] ?? 0);
  let best = -1;
  blocks.forEach((block, i) => {
    const movable = Math.min(field(block, 'Private_Dirty'), field(block, 'Anonymous'));
    if (
      movable > 0 &&
      (best < 0 ||
        movable > Math.min(field(blocks[best] ?? '', 'Private_Dirty'), field(blocks[best] ?? '', 'Anonymous')))
    ) {
      best = i;
    }
  });
  if (best < 0 || kb <= 0) return smaps;
  const block = /** @type {string} */ (blocks[best]);
  const moved = Math.min(kb, field(block, 'Private_Dirty'), field(block, 'Anonymous'));
  const rss = field(block, 'Rss') - moved;
  /** @type {Record<string, number>} */
  const next = {
    Rss: rss,
    Pss: field(block, 'Pss') - moved,
    Pss_Dirty: Math.max(0, field(block, 'Pss_Dirty') - moved),
    Private_Dirty: field(block, 'Private_Dirty') - moved,
    Anonymous: field(block, 'Anonymous') - moved,
    Referenced: Math.min(field(block, 'Referenced'), rss),
    Swap: field(block, 'Swap') + moved,
    SwapPss: field(block, 'SwapPss') + moved,
  };
  blocks[best] = block.replace(/^([A-Za-z_]+:)\s+\d+ kB$/gm, (line, label) => {
    const key = label.slice(0, -1);
    return key in next ? kbLine(label, /** @type {number} */ (next[key])) : line;
  });
  return blocks.join('');
}

/**
 * @param {{ captures: Capture[], count: number, meminfo: string }} source
 * @returns {{ meminfo: string, processes: import('./proc-tree.mjs').FakeProcess[] }}
 */
export function fakeProcesses({ captures, count, meminfo }) {
  /** @type {import('./proc-tree.mjs').FakeProcess[]} */
  const processes = [
    // A kernel thread: empty cmdline and smaps. smem and the lab leave it out.
    { pid: 2, uid: 0, files: { cmdline: '', smaps: '' } },
    // A process whose smaps cannot be read (here: is not there). Left out too.
    { pid: 3, uid: 0, files: { cmdline: 'gone\0' } },
  ];
  for (let i = 0; i < count; i++) {
    const capture = /** @type {Capture} */ (captures[i % captures.length]);
    // PIDs from 3 to 7 digits: smem's "% 5s" does not cut a wider one.
    const pid = i === count - 1 ? 4194000 : 100 + i * 37;
    processes.push({
      pid,
      uid: UIDS[i % UIDS.length],
      files: { cmdline: capture.cmdline(i), smaps: swapOut(capture.smaps, ((i * 13) % 29) * 4) },
    });
  }
  return { meminfo, processes };
}

/**
 * The command lines of the three captures in spec/fixtures/proc/: sleep, bash, and the fixture program,
 * with a long one (cut at 27 columns by smem), a Korean one, and one that does not end in NUL (a process
 * that rewrote its argv: smem drops its last character all the same).
 * @type {Record<'sleep' | 'bash' | 'fixture', (i: number) => string>}
 */
export const CMDLINES = {
  sleep: (i) => `sleep\0${600 + i}\0`,
  bash: (i) => (i % 50 === 1 ? '메모리 실험\0--크기\u00001G\0' : i % 50 === 4 ? 'nginx: worker process' : 'bash\0'),
  fixture: (i) => `/usr/local/bin/memkata-fixture\0--regions\0anon,thp,locked,deleted,shmem\0--seed\0${i}\0`,
};
