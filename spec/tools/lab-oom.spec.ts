// The oom lab: kata 15 against every process's /proc/PID/oom_score (scripts/lab/oom.mjs), on the bundled
// snapshot of this machine (spec/fixtures/oom/snapshot/proc, read together by capture-oom-scores.py).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as reference from '#kata/15-oom-killer';
import { notImplemented } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { checkOom, type OomKata, taskOf } from '../../scripts/lab/oom.mjs';

const kata: OomKata = reference;
const root = fileURLToPath(new URL('../fixtures/oom/snapshot/proc/', import.meta.url));
const pids = readdirSync(root)
  .filter((d) => /^\d+$/.test(d))
  .map(Number)
  .sort((a, b) => a - b);
const samples = pids.map((pid) => ({
  pid,
  status: fixture(`oom/snapshot/proc/${pid}/status`),
  oomScore: Number(fixture(`oom/snapshot/proc/${pid}/oom_score`)),
  oomScoreAdj: Number(fixture(`oom/snapshot/proc/${pid}/oom_score_adj`)),
  stable: true,
}));
const memTotalKb = Number(/^MemTotal:\s+(\d+) kB$/m.exec(fixture('oom/snapshot/proc/meminfo'))?.[1]);
const machine = { memTotalKb, swapTotalKb: 0, samples };
const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => `${c.verdict} ${c.title}`);

describe('taskOf', () => {
  it('turns status into pages: RssAnon + RssFile + RssShmem, VmSwap, and VmPTE in bytes', () => {
    const status =
      'Name:\thog\nKthread:\t0\nVmRSS:\t  4100 kB\nRssAnon:\t  4000 kB\nRssFile:\t  96 kB\nRssShmem:\t4 kB\nVmPTE:\t  44 kB\nVmSwap:\t  8 kB\n';
    expect(taskOf({ pid: 9, status, oomScore: 666, oomScoreAdj: 300, stable: true })).toEqual({
      pid: 9,
      name: 'hog',
      rssPages: 1025,
      swapPages: 2,
      pgtablesBytes: 45056,
      oomScoreAdj: 300,
      kernelThread: false,
    });
  });

  it('marks a kernel thread, and leaves out a process without memory that is none (a zombie)', () => {
    expect(
      taskOf({ pid: 2, status: 'Name:\tkthreadd\nKthread:\t1\n', oomScore: 0, oomScoreAdj: 0, stable: true })
        ?.kernelThread,
    ).toBe(true);
    expect(
      taskOf({
        pid: 77,
        status: 'Name:\tsleep\nState:\tZ (zombie)\nKthread:\t0\n',
        oomScore: 0,
        oomScoreAdj: 0,
        stable: true,
      }),
    ).toBeUndefined();
  });
});

describe('checkOom', () => {
  it('finds every oom_score of the snapshot reproduced, and the probe with adj 1000 the victim', () => {
    const { checks, body } = checkOom(kata, machine);
    expect(verdicts(checks)).toEqual([
      'pass totalPages',
      'pass oomScore against /proc/PID/oom_score',
      'pass selectVictim: who the OOM killer would kill now',
    ]);
    expect(checks[1]?.lines[0]).toBe(`${samples.length} of ${samples.length} processes agree`);
    expect(checks[2]?.lines[0]).toMatch(/^PID \d+ \(python3\), oom_score 1334$/);
    expect(body[3]).toMatch(/^ *\d+ {2}python3 .* 1000 .* 1334 +1334 {2}← the victim$/);
  });

  it('fails an oomScore that floors instead of truncating, naming the processes', () => {
    const floors: OomKata = {
      ...kata,
      oomScore: (task, total) => {
        const badness = kata.oomBadness(task, total);
        return badness === null ? 0 : Math.round(((1000 + Math.floor((badness * 1000) / total)) * 2) / 3);
      },
    };
    const check = checkOom(floors, machine).checks[1];
    expect(check?.verdict).toBe('fail');
    expect(check?.lines[1]).toMatch(/^ {2}PID \d+ \(.*\): the kernel prints 666, yours 667 /);
  });

  it('passes a busy process just over a boundary that the kernel scores one less: per-CPU counters lag status', () => {
    // 49368 pages × 1000 / 6170887 = 8.0001: status says 672, a kernel counter 2 pages behind says 671.
    const status =
      'Name:\tnode\nKthread:\t0\nVmRSS:\t197472 kB\nRssAnon:\t197472 kB\nRssFile:\t0 kB\nRssShmem:\t0 kB\nVmPTE:\t0 kB\nVmSwap:\t0 kB\n';
    const busy = { pid: 99999, status, oomScore: 671, oomScoreAdj: 0, stable: true };
    const check = checkOom(kata, { ...machine, samples: [...samples, busy] }).checks[1];
    expect(check?.verdict).toBe('pass');
    expect(check?.lines.at(-1)).toBe(
      'PID 99999 (node): kernel 671, yours 672 — the kernel reads RSS from per-CPU counters that lag status on a busy process',
    );
    const far = { ...busy, status: status.replaceAll('197472', '4000') };
    expect(checkOom(kata, { ...machine, samples: [...samples, far] }).checks[1]?.verdict).toBe('fail');
  });

  it('fails a victim the kernel does not score highest', () => {
    const first: OomKata = {
      ...kata,
      selectVictim: (tasks) => tasks.find((t) => t.pid > 1 && !t.kernelThread) ?? null,
    };
    expect(checkOom(first, machine).checks[2]?.verdict).toBe('fail');
  });

  it('fails a totalPages that forgets to turn kB into pages', () => {
    const kb: OomKata = { ...kata, totalPages: ({ memTotalKb: m, swapTotalKb: s }) => m + s };
    expect(checkOom(kb, machine).checks[0]?.verdict).toBe('fail');
  });

  it('says which function to write first while the kata is a stub', () => {
    const stub: OomKata = { ...kata, totalPages: () => notImplemented('totalPages') };
    const { checks } = checkOom(stub, machine);
    expect(verdicts(checks)).toEqual(['todo totalPages']);
  });
});

describe('lab.mjs oom', () => {
  it('exits 0 on the bundled snapshot with the reference solution', () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['scripts/lab.mjs', 'oom', '--solution', '--proc', 'spec/fixtures/oom/snapshot/proc'],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    expect(run.stdout).toContain('← the victim');
    expect(run.stdout).toContain('All 3 comparisons hold.');
    expect(run.status).toBe(0);
  }, 20_000);
});
