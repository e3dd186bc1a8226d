// @ts-check
/**
 * oom mode: the learner's kata 15 on every process of this machine. The kernel's side (reference §8):
 *   - /proc/PID/oom_score = (1000 + badness × 1000 / totalpages) × 2 / 3, truncated, 0 for what can never
 *     be chosen; badness = rss + swap + page-table pages + oom_score_adj × ⌊totalpages / 1000⌋;
 *   - totalpages = MemTotal / 4 + SwapTotal / 4;
 *   - the victim is the task of the largest badness (the later one on a tie).
 * The kernel reads RSS from per-CPU counters that can lag status by a few dozen pages, so a busy large
 * process may score one less than status predicts: such a difference is a note, not a failure.
 * Pure: the mode (modes/oom.mjs) reads the files.
 */
import { fail, pass } from './checks.mjs';
import { attempt } from './kata-errors.mjs';
import { statusLines, statusMemoryKb } from './raw-proc.mjs';

/**
 * The part of kata 15 the lab calls.
 * @typedef {{ pid: number, name: string, rssPages: number, swapPages: number, pgtablesBytes: number,
 *   oomScoreAdj: number, kernelThread?: boolean }} OomTask
 * @typedef {object} OomKata
 * @property {(sizes: { memTotalKb: number, swapTotalKb: number }) => number} totalPages
 * @property {(task: OomTask, totalPages: number) => number | null} oomBadness
 * @property {(task: OomTask, totalPages: number) => number} oomScore
 * @property {<T extends OomTask>(tasks: T[], totalPages: number) => T | null} selectVictim
 */

/**
 * One process as read: its status, and oom_score and oom_score_adj read between two reads of status.
 * @typedef {{ pid: number, status: string, oomScore: number, oomScoreAdj: number, stable: boolean }} OomSample
 */

/**
 * How far the kernel's RSS may be from status' on a machine of `cpus` CPUs: each of the four per-CPU counters
 * (file, anon, shmem, swap entries) may hold up to one batch per CPU not yet folded in (percpu_counter_batch =
 * max(32, 2 × CPUs)).
 */
export function counterLagPages(/** @type {number} */ cpus) {
  return 4 * cpus * Math.max(32, 2 * cpus);
}

/**
 * The task the kernel weighs, from status and oom_score_adj; undefined for a process without memory that
 * is no kernel thread (a zombie, or one exiting): the kernel gives it 0, and OomTask cannot say why.
 * @param {OomSample} sample
 * @returns {OomTask | undefined}
 */
export function taskOf(sample) {
  const lines = statusLines(sample.status);
  const kb = statusMemoryKb(sample.status);
  const name = String(lines.Name ?? '?');
  if (kb.VmRSS === undefined) {
    const kernelThread = lines.Kthread === '1';
    if (!kernelThread) return undefined;
    return {
      pid: sample.pid,
      name,
      rssPages: 0,
      swapPages: 0,
      pgtablesBytes: 0,
      oomScoreAdj: sample.oomScoreAdj,
      kernelThread,
    };
  }
  const pages = (/** @type {string} */ key) => Math.floor((kb[key] ?? 0) / 4);
  return {
    pid: sample.pid,
    name,
    rssPages: pages('RssAnon') + pages('RssFile') + pages('RssShmem'),
    swapPages: pages('VmSwap'),
    pgtablesBytes: (kb.VmPTE ?? 0) * 1024,
    oomScoreAdj: sample.oomScoreAdj,
    kernelThread: lines.Kthread === '1',
  };
}

/**
 * @param {OomKata} kata
 * @param {{ memTotalKb: number, swapTotalKb: number, samples: OomSample[], cpus?: number }} machine
 * @param {import('./kata-errors.mjs').StubIndex} [stubs]
 * @returns {{ body: string[], checks: import('./checks.mjs').Check[] }}
 */
export function checkOom(kata, machine, stubs) {
  const { memTotalKb, swapTotalKb } = machine;
  const total = attempt(() => kata.totalPages({ memTotalKb, swapTotalKb }), 'totalPages', {
    call: `totalPages({ memTotalKb: ${memTotalKb}, swapTotalKb: ${swapTotalKb} })`,
    kata: 15,
    stubs,
  });
  if (!total.ok) return { body: [], checks: [total.check] };
  const expectedTotal = Math.floor(memTotalKb / 4) + Math.floor(swapTotalKb / 4);
  const checks = [
    total.value === expectedTotal
      ? pass('totalPages', [`MemTotal ${memTotalKb} kB / 4 + SwapTotal ${swapTotalKb} kB / 4 = ${total.value} pages`])
      : fail('totalPages', 15, [
          `MemTotal / 4 + SwapTotal / 4 = ${expectedTotal} pages, yours ${total.value}`,
          'Next: npm run kata 15',
        ]),
  ];
  const totalPages = expectedTotal;

  const rows = machine.samples.map((sample) => ({ sample, task: taskOf(sample) }));
  const weighed = /** @type {{ sample: OomSample, task: OomTask }[]} */ (rows.filter((r) => r.task !== undefined));
  const scored = [];
  for (const row of weighed) {
    const score = attempt(() => kata.oomScore(row.task, totalPages), 'oomScore', {
      call: 'oomScore(task, totalPages)',
      kata: 15,
      stubs,
    });
    if (!score.ok) return { body: [], checks: [...checks, score.check] };
    const badness = attempt(() => kata.oomBadness(row.task, totalPages), 'oomBadness', {
      call: 'oomBadness(task, totalPages)',
      kata: 15,
      stubs,
    });
    // What the learner's oomScore gives if the kernel's counters were off by the largest lag, each way.
    const lag = counterLagPages(machine.cpus ?? 2);
    const shifted = (/** @type {number} */ by) =>
      attempt(() => kata.oomScore({ ...row.task, rssPages: Math.max(0, row.task.rssPages + by) }, totalPages), '', {
        call: '',
        kata: 15,
      });
    const low = shifted(-lag);
    const high = shifted(lag);
    const range = low.ok && high.ok ? [low.value, high.value] : [score.value, score.value];
    scored.push({ ...row, yours: score.value, range, badness: badness.ok ? badness.value : undefined });
  }
  checks.push(scoreCheck(scored, rows.length - weighed.length));

  const victim = attempt(
    () =>
      kata.selectVictim(
        weighed.map((r) => r.task),
        totalPages,
      ),
    'selectVictim',
    {
      call: 'selectVictim(tasks, totalPages)',
      kata: 15,
      stubs,
    },
  );
  checks.push(victim.ok ? victimCheck(victim.value, scored) : victim.check);
  return { body: table(scored, victim.ok ? victim.value : null, totalPages), checks };
}

/**
 * @typedef {{ sample: OomSample, task: OomTask, yours: number, range: number[], badness: number | null | undefined }} Scored
 * @param {Scored[]} scored
 * @param {number} skipped
 */
function scoreCheck(scored, skipped) {
  const title = 'oomScore against /proc/PID/oom_score';
  const wrong = scored.filter((s) => s.sample.stable && s.yours !== s.sample.oomScore);
  // A busy process near a boundary: the kernel's per-CPU RSS counters may lag status, and move the score
  // to what the learner's own oomScore gives with the RSS off by that lag.
  const lagging = wrong.filter(
    (s) => s.sample.oomScore >= Math.min(...s.range) && s.sample.oomScore <= Math.max(...s.range),
  );
  const real = wrong.filter((s) => !lagging.includes(s));
  const unstable = scored.filter((s) => !s.sample.stable).length;
  const extra = [
    ...(skipped
      ? [
          `${plural(skipped, 'process')} without memory and no kernel thread (exiting, a zombie) left out: the kernel gives 0`,
        ]
      : []),
    ...(unstable ? [`${plural(unstable, 'process')} whose memory moved while being read not counted`] : []),
    ...lagging.map(
      (s) =>
        `PID ${s.task.pid} (${s.task.name}): kernel ${s.sample.oomScore}, yours ${s.yours} — the kernel reads RSS from per-CPU counters that lag status on a busy process`,
    ),
  ];
  const agree = scored.length - unstable - wrong.length;
  if (real.length === 0)
    return pass(title, [`${agree + lagging.length} of ${scored.length - unstable} processes agree`, ...extra]);
  return fail(title, 15, [
    `${real.length} of ${scored.length - unstable} processes differ:`,
    ...real
      .slice(0, 10)
      .map(
        (s) =>
          `  PID ${s.task.pid} (${s.task.name}): the kernel prints ${s.sample.oomScore}, yours ${s.yours} (rss ${s.task.rssPages} pages, swap ${s.task.swapPages}, page tables ${s.task.pgtablesBytes} bytes, adj ${s.task.oomScoreAdj}${s.task.kernelThread ? ', kernel thread' : ''})`,
      ),
    ...(real.length > 10 ? [`  … and ${real.length - 10} more`] : []),
    ...extra,
    'Next: npm run kata 15',
  ]);
}

/**
 * The kernel compares badness, which oom_score shows only to a thousandth of memory: the victim must have
 * the largest oom_score of all.
 * @param {OomTask | null} victim
 * @param {Scored[]} scored
 */
function victimCheck(victim, scored) {
  const title = 'selectVictim: who the OOM killer would kill now';
  const best = Math.max(0, ...scored.map((s) => s.sample.oomScore));
  if (victim === null) {
    return best === 0
      ? pass(title, ['nobody: no process can be chosen'])
      : fail(title, 15, [`yours chose nobody, but the kernel scores some process ${best}`, 'Next: npm run kata 15']);
  }
  const row = scored.find((s) => s.task === victim);
  const score = row?.sample.oomScore;
  const who = `PID ${victim.pid} (${victim.name}), oom_score ${score ?? '?'}`;
  if (score === best) return pass(title, [who]);
  const top = scored.filter((s) => s.sample.oomScore === best).map((s) => `PID ${s.task.pid} (${s.task.name})`);
  return fail(title, 15, [
    `yours chose ${who}; the kernel scores ${top.join(', ')} higher: ${best}`,
    'Next: npm run kata 15',
  ]);
}

/**
 * The ten processes the kernel scores highest, the victim marked.
 * @param {Scored[]} scored
 * @param {OomTask | null} victim
 * @param {number} totalPages
 */
function table(scored, victim, totalPages) {
  const top = [...scored].sort((a, b) => b.sample.oomScore - a.sample.oomScore || b.task.pid - a.task.pid).slice(0, 10);
  const header = ['PID', 'name', 'RSS+swap MiB', 'adj', 'badness', 'oom_score', 'yours', ''];
  const rows = top.map((s) => [
    String(s.task.pid),
    s.task.name,
    ((s.task.rssPages + s.task.swapPages) / 256).toFixed(1),
    String(s.task.oomScoreAdj),
    s.badness === undefined ? '?' : s.badness === null ? 'never' : String(s.badness),
    String(s.sample.oomScore),
    String(s.yours),
    s.task === victim ? '← the victim' : '',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, c) => (c === 1 || c === 7 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    `totalpages ${totalPages}; the ${top.length} highest oom_scores of ${scored.length} processes:`,
    '',
    line(header),
    ...rows.map(line),
  ];
}

/** "1 process", "3 processes". */
function plural(/** @type {number} */ n, /** @type {string} */ word) {
  return `${n} ${n === 1 ? word : `${word}es`}`;
}
