// @ts-check
/**
 * `npm run practice -- reclaim [--seed N] [--answers]`: OSTEP-style homework on kswapd and direct reclaim.
 * A generated zone — its watermarks, its LRU lists of file and anonymous pages (some referenced, some dirty,
 * some active, some mlocked), swap or none, a swappiness — and an allocation burst in a few ticks. The student
 * predicts, for each allocation, whether it takes the fast path, wakes kswapd, stalls in direct reclaim or
 * fails (OOM); which pages reclaim takes, in order, and how; when kswapd sleeps; and, on OOM, which task the
 * OOM killer picks. `--answers` replays it on kata 13's reference ReclaimZone and asks kata 15's selectVictim.
 * The same seed gives the same exercise on every machine.
 */
import { generator } from '../lab/buddy-sequence.mjs';

/** @typedef {import('../lib/practice.mjs').PracticeContext} PracticeContext */

/**
 * @typedef {object} PageSpec
 * @property {string} name   F1, A2, M1 … (file, anon, mlocked)
 * @property {'file' | 'anon'} kind
 * @property {boolean} dirty
 * @property {boolean} referenced
 * @property {boolean} active
 * @property {boolean} mlocked
 */
/**
 * @typedef {object} Exercise
 * @property {{ managedPages: number, watermarks: { min: number, low: number, high: number }, swapPages: number,
 *   swappiness: number, kswapdBatch: number }} zone
 * @property {PageSpec[]} pages     on the LRU at the start, oldest first
 * @property {number[]} burst       new anonymous pages allocated in each tick
 * @property {{ pid: number, name: string, rssPages: number, swapPages: number, pgtablesBytes: number, oomScoreAdj: number }[]} tasks
 */

/**
 * The exercise of one seed.
 * @param {number} seed
 * @returns {Exercise}
 */
export function makeExercise(seed) {
  const random = generator(seed ^ 0x6ec1a1);
  const min = random.int(3, 6);
  const gap = random.int(2, 4);
  const watermarks = { min, low: min + gap, high: min + 2 * gap };
  const withSwap = random.next() < 0.6;
  const swappiness = [0, 60, 100, 200][random.int(0, 3)] ?? 60;
  const count = random.int(14, 20);
  /** @type {PageSpec[]} */
  const pages = [];
  let files = 0;
  let anons = 0;
  let mlocked = 0;
  for (let i = 0; i < count; i++) {
    const r = random.next();
    if (r < 0.08)
      pages.push({
        name: `M${++mlocked}`,
        kind: 'anon',
        dirty: false,
        referenced: false,
        active: false,
        mlocked: true,
      });
    else {
      const kind = r < 0.55 ? 'file' : 'anon';
      pages.push({
        name: kind === 'file' ? `F${++files}` : `A${++anons}`,
        kind,
        dirty: kind === 'file' && random.next() < 0.25,
        referenced: random.next() < 0.25,
        active: random.next() < 0.2,
        mlocked: false,
      });
    }
  }
  // Free just above high, so that the burst crosses low, then min.
  const managedPages = count + watermarks.high + random.int(1, 3);
  // A burst that takes free below min: tick 2 makes up what ticks 1 and 3 leave.
  const burst = [random.int(2, 4), random.int(4, 8), random.int(3, 6)];
  const free = managedPages - count;
  burst[1] = Math.max(burst[1] ?? 0, free - min + random.int(1, 4) - (burst[0] ?? 0) - (burst[2] ?? 0));
  const tasks = [
    { pid: 1, name: 'systemd', rssPages: random.int(8, 12), swapPages: 0, pgtablesBytes: 8192, oomScoreAdj: 0 },
    { pid: 410, name: 'sshd', rssPages: random.int(3, 6), swapPages: 0, pgtablesBytes: 8192, oomScoreAdj: -1000 },
    { pid: 900, name: 'bash', rssPages: random.int(2, 5), swapPages: 0, pgtablesBytes: 4096, oomScoreAdj: 0 },
    {
      pid: 1200,
      name: 'writer',
      rssPages: random.int(6, 14),
      swapPages: 0,
      pgtablesBytes: 4096,
      oomScoreAdj: random.int(0, 2) * 300,
    },
  ];
  return {
    zone: {
      managedPages,
      watermarks,
      swapPages: withSwap ? random.int(2, 6) : 0,
      swappiness,
      kswapdBatch: random.int(3, 6),
    },
    pages,
    burst,
    tasks,
  };
}

/**
 * Replays an exercise on kata 13's ReclaimZone: the zone filled with the pages (activated, referenced as
 * given), then the burst. Returns what happened, step by step.
 * @param {Exercise} ex
 * @param {any} ReclaimZone
 */
export function replay(ex, ReclaimZone) {
  const zone = new ReclaimZone(ex.zone);
  /** @type {Map<number, string>} */
  const names = new Map();
  for (const page of ex.pages) {
    const r = zone.allocate({ kind: page.kind, dirty: page.dirty, unevictable: page.mlocked });
    names.set(r.id, page.name);
    if (page.active) {
      zone.touch(r.id);
      zone.touch(r.id);
    }
    if (page.referenced) zone.touch(r.id);
  }
  const before = zone.events.length;
  /** @type {{ tick: number, name: string, path: string, actions: string[] }[]} */
  const steps = [];
  /** @type {{ tick: number, actions: string[], events: string[] }[]} */
  const ticks = [];
  let n = 0;
  const action = (/** @type {{ type: string, id: number }} */ a) => `${a.type} ${names.get(a.id)}`;
  ex.burst.forEach((count, t) => {
    for (let i = 0; i < count; i++) {
      const name = `N${++n}`;
      const r = zone.allocate({ kind: 'anon' });
      if (r.ok) names.set(r.id, name);
      steps.push({ tick: t, name, path: r.ok ? r.path : 'OOM', actions: r.actions.map(action) });
    }
    const seen = zone.events.length;
    const { actions } = zone.tick();
    ticks.push({
      tick: t + 1,
      actions: actions.map(action),
      events: zone.events.slice(seen).map((/** @type {any} */ e) => e.type),
    });
  });
  return { steps, ticks, events: zone.events.slice(before), vmstat: zone.vmstat, free: zone.freePages, zone };
}

/** @param {PageSpec} p */
function describePage(p) {
  if (p.mlocked) return `${p.name} (anon, mlocked)`;
  const flags = [
    p.kind,
    p.active ? 'active' : 'inactive',
    ...(p.referenced ? ['referenced'] : []),
    ...(p.dirty ? ['dirty'] : []),
  ];
  return `${p.name} (${flags.join(', ')})`;
}

/** @param {PracticeContext} ctx */
function run({ seed, answers, katas }) {
  const ex = makeExercise(seed);
  const { zone } = ex;
  const { min, low, high } = zone.watermarks;
  const free = zone.managedPages - ex.pages.length;
  const out = [
    `memkata practice · reclaim · seed ${seed}`,
    '',
    `A zone of ${zone.managedPages} pages: min ${min}, low ${low}, high ${high}. ${free} pages are free.`,
    zone.swapPages
      ? `Swap: ${zone.swapPages} free slots. vm.swappiness = ${zone.swappiness}.`
      : `No swap. vm.swappiness = ${zone.swappiness}.`,
    `kswapd scans at most ${zone.kswapdBatch} pages a tick. On the LRU, oldest first (allocated in this order, then`,
    'accessed: an active page was accessed twice, a referenced one once more since):',
    '',
    ...chunk(ex.pages.map(describePage), 4).map((row) => `  ${row.join('  ')}`),
    '',
    `Then a program writes new anonymous pages: ${ex.burst.map((c, t) => `${c} in tick ${t + 1}`).join(', ')};`,
    "they are N1, N2, … Each tick ends with kswapd's turn (if it is awake).",
    '',
    'Rules (kata 13): an allocation takes the fast path while free > low; otherwise it wakes kswapd and goes',
    'ahead while free > min; otherwise it reclaims by itself (direct reclaim, priority 12 → 0, until 32 pages',
    'or nothing is left) and reports OOM after 16 passes in a row that free nothing. Reclaim takes pages from',
    'the tail of the inactive lists: referenced → a second chance, dirty file → written back first (kswapd) or',
    'moved to the active list (direct), anon → swapped out if a slot is free, clean file → dropped.',
    '',
    'Predict:',
    '  1. the path of each allocation: fast, min (kswapd woken), direct (a stall) or OOM;',
    '  2. which pages reclaim takes, in order, and how (drop, swap-out, writeback);',
    '  3. in which ticks kswapd wakes and goes back to sleep;',
    '  4. if an allocation fails: which of these tasks the OOM killer picks (kata 15), and why:',
    '',
    ...ex.tasks.map(
      (t) =>
        `     pid ${String(t.pid).padStart(4)}  ${t.name.padEnd(8)} rss ${String(t.rssPages).padStart(2)} pages, oom_score_adj ${t.oomScoreAdj}`,
    ),
  ];
  if (!answers) {
    out.push('', `Answers: npm run practice -- reclaim --seed ${seed} --answers`);
    return out.join('\n');
  }
  const { ReclaimZone } = /** @type {any} */ (katas.get(13));
  const { selectVictim, totalPages } = /** @type {any} */ (katas.get(15));
  const result = replay(ex, ReclaimZone);
  out.push('', 'Answers (kata 13 reference):', '');
  ex.burst.forEach((_, t) => {
    out.push(`  tick ${t + 1}:`);
    for (const s of result.steps.filter((step) => step.tick === t)) {
      out.push(
        `    ${s.name.padEnd(4)} ${s.path.padEnd(6)}${s.actions.length ? ` reclaim: ${s.actions.join(', ')}` : ''}`.trimEnd(),
      );
    }
    const end = result.ticks[t];
    if (end && (end.actions.length || end.events.length)) {
      out.push(`    end of tick: ${[...end.events, ...end.actions].join(', ')}`);
    }
  });
  out.push(
    '',
    `  kswapd woke ${count(result.events, 'kswapd_wake')} time(s) and slept ${count(result.events, 'kswapd_sleep')} time(s); ` +
      `${count(result.events, 'direct_reclaim_begin')} direct reclaim(s); free at the end: ${result.free}.`,
    `  /proc/vmstat: ${['pgscan_kswapd', 'pgsteal_kswapd', 'pgscan_direct', 'pgsteal_direct', 'allocstall_normal', 'pswpout'].map((k) => `${k} ${result.vmstat[k]}`).join(', ')}`,
  );
  if (result.steps.some((s) => s.path === 'OOM')) {
    const total = totalPages({ memTotalKb: zone.managedPages * 4, swapTotalKb: zone.swapPages * 4 });
    const victim = selectVictim(ex.tasks, total);
    out.push(
      '',
      `  OOM: the killer weighs rss + swap + page-table pages + oom_score_adj × totalpages / 1000 (totalpages ${total});`,
      `  it picks ${victim ? `pid ${victim.pid} (${victim.name})` : 'nobody'} — sshd's −1000 makes it unkillable, pid 1 is never chosen.`,
    );
  }
  return out.join('\n');
}

/** @param {readonly { type: string }[]} events @param {string} type */
function count(events, type) {
  return events.filter((e) => e.type === type).length;
}

/** @template T @param {T[]} items @param {number} size @returns {T[][]} */
function chunk(items, size) {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

/** @type {import('../lib/practice.mjs').PracticeExercise} */
export default {
  name: 'reclaim',
  summary:
    'a zone, its LRU lists and a burst of allocations; predict kswapd, the stalls, the pages reclaimed, the OOM victim',
  katas: [13, 15],
  run,
};
