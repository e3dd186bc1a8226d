/**
 * Kata 15's captures (spec/fixtures/oom/README.md), read with the specs' own simple readers, so that a test
 * of oomScore or formatOomKill never depends on the learner's parseOomKill.
 */
import type { OomTask, OomVictim } from '#kata/15-oom-killer';
import { fixture } from '#support/fixtures';

/** One row of oom-scores-*.tsv: a process, with what status said and the oom_score the kernel printed. */
export interface ScoredProcess {
  task: OomTask;
  state: string;
  /** status had no memory lines: a kernel thread, or a process whose memory is already gone. */
  noMemory: boolean;
  oomScore: number;
}

/** A whole-machine snapshot of /proc/PID/oom_score (capture/capture-oom-scores.py). */
export interface ScoreSnapshot {
  file: string;
  memTotalKb: number;
  swapTotalKb: number;
  processes: ScoredProcess[];
}

export function scoreSnapshot(file: string): ScoreSnapshot {
  const text = fixture(`oom/${file}`);
  const [, memTotal = '', swapTotal = ''] = /MemTotal (\d+) kB, SwapTotal (\d+) kB/.exec(text) ?? [];
  const rows = text.split('\n').filter((line) => /^\d/.test(line));
  const processes = rows.map((row) => {
    const [pid, state, kthread, anon, file, shmem, swap, pte, adj, score, name] = row.split('\t');
    const kb = (value: string | undefined) => (value === '-' ? 0 : Number(value));
    return {
      task: {
        pid: Number(pid),
        name: name ?? '',
        rssPages: (kb(anon) + kb(file) + kb(shmem)) / 4,
        swapPages: kb(swap) / 4,
        pgtablesBytes: kb(pte) * 1024,
        oomScoreAdj: Number(adj),
        kernelThread: kthread === '1',
      },
      state: state ?? '',
      noMemory: anon === '-',
      oomScore: Number(score),
    };
  });
  return { file, memTotalKb: Number(memTotal), swapTotalKb: Number(swapTotal), processes };
}

export const SNAPSHOT = scoreSnapshot('oom-scores-2026-12-01.tsv');

/** oom-score-probe.txt: one 400 MiB process, its oom_score read after each write of oom_score_adj. */
export const PROBE = fixture('oom/oom-score-probe.txt')
  .trim()
  .split('\n')
  .map((line) => {
    const field = (name: string) => Number(new RegExp(`\\b${name}=(-?\\d+)`).exec(line)?.[1]);
    return {
      line,
      adj: field('adj'),
      oomScore: field('oom_score'),
      rssKb: field('RssAnon') + field('RssFile') + field('RssShmem'),
      vmPteKb: field('VmPTE'),
      vmSwapKb: field('VmSwap'),
    };
  });
/** MemTotal when the probe ran, no swap. */
export const PROBE_MEM_TOTAL_KB = 24683656;

/** One OOM kill in a memory cgroup's kernel log: the task table it printed, and the two lines that follow. */
export interface MemcgKill {
  /** The rows of `Tasks state (memory values in pages)`, as tasks, in the order printed. */
  tasks: (OomTask & { victim: OomVictim })[];
  /** `oom-kill:constraint=…`, with dmesg's timestamp. */
  summary: string;
  /** `Memory cgroup out of memory: Killed process …`, with dmesg's timestamp. */
  killed: string;
}

// dump_task(): "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8ld %8lu         %5hd %s"
const TASK_ROW =
  /^\[ *[\d.]+\] \[ *(\d+)\] +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(-?\d+) (.*)$/;

/** Every OOM kill in a capture made by capture/capture-memcg-oom.sh. */
export function memcgKills(file: string): MemcgKill[] {
  const lines = fixture(`oom/${file}`).split('\n');
  const kills: MemcgKill[] = [];
  let tasks: MemcgKill['tasks'] = [];
  let summary = '';
  for (const line of lines) {
    if (line.includes('Tasks state (memory values in pages)')) tasks = [];
    const row = TASK_ROW.exec(line);
    if (row) {
      const [pid, uid, , totalVm, rss, anon, file, shmem, pgtables, swapents, adj] = row.slice(1, 12).map(Number);
      const name = row[12] ?? '';
      const task = { pid: pid ?? 0, name, rssPages: rss ?? 0, swapPages: swapents ?? 0, pgtablesBytes: pgtables ?? 0 };
      const victim = {
        pid: task.pid,
        name,
        uid: uid ?? 0,
        totalVmKb: (totalVm ?? 0) * 4,
        anonRssKb: (anon ?? 0) * 4,
        fileRssKb: (file ?? 0) * 4,
        shmemRssKb: (shmem ?? 0) * 4,
        pgtablesBytes: task.pgtablesBytes,
        oomScoreAdj: adj ?? 0,
      };
      tasks.push({ ...task, oomScoreAdj: victim.oomScoreAdj, victim });
    }
    if (line.includes('] oom-kill:constraint=')) summary = line;
    if (line.includes(': Killed process ')) kills.push({ tasks, summary, killed: line });
  }
  return kills;
}

/** The three kills captured: the hog beside `sleep 60`, then the adj-1000 Python and the hog after it. */
export const KILLS = [...memcgKills('memcg-oom-hog.txt'), ...memcgKills('memcg-oom-adj.txt')];

/** The memory cgroup of every capture: 64 MiB, no swap, so totalpages = 16384. */
export const MEMCG_PAGES = (64 * 1024) / 4;

/** The context both captures print. */
export const MEMCG_CONTEXT = {
  constraint: 'CONSTRAINT_MEMCG',
  nodemask: null,
  cpuset: '/',
  memsAllowed: '0',
  oomMemcg: '/memkata-oom',
  taskMemcg: '/memkata-oom',
} as const;

/** The line without dmesg's "[  522.049980] ". */
export const withoutTimestamp = (line: string) => line.replace(/^\[ *[\d.]+\] /, '');
