import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOomKill, type OomContext, type OomVictim } from '#kata/15-oom-killer';
import { KILLS, MEMCG_CONTEXT, withoutTimestamp } from './captures.ts';

const hog: OomVictim = {
  pid: 4242,
  name: 'hog',
  uid: 1000,
  totalVmKb: 4203520,
  anonRssKb: 4100012,
  fileRssKb: 1280,
  shmemRssKb: 0,
  pgtablesBytes: 8278016,
  oomScoreAdj: 0,
};

const global: OomContext = {
  constraint: 'CONSTRAINT_NONE',
  nodemask: null,
  cpuset: '/',
  memsAllowed: '0',
  oomMemcg: null,
  taskMemcg: '/user.slice',
};

describe('formatOomKill', () => {
  it.each(KILLS.map((k) => [withoutTimestamp(k.killed), k] as const))(
    'prints, byte for byte, the real kill in a memory cgroup: %s',
    (_, kill) => {
      const killedPid = Number(/Killed process (\d+)/.exec(kill.killed)?.[1]);
      const victim = kill.tasks.find((t) => t.pid === killedPid)?.victim as OomVictim;
      expect(formatOomKill(victim, MEMCG_CONTEXT)).toEqual([
        withoutTimestamp(kill.summary),
        withoutTimestamp(kill.killed),
      ]);
    },
  );

  it('prints a machine-wide OOM as "Out of memory", with global_oom for the cgroup that hit its limit', () => {
    expect(formatOomKill(hog, global)).toEqual([
      'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=hog,pid=4242,uid=1000',
      'Out of memory: Killed process 4242 (hog) total-vm:4203520kB, anon-rss:4100012kB, file-rss:1280kB, shmem-rss:0kB, UID:1000 pgtables:8084kB oom_score_adj:0',
    ]);
  });

  it('says "Out of memory" for cpuset and mempolicy OOMs too, and prints their node lists', () => {
    const [cpuset, cpusetKill] = formatOomKill(hog, {
      ...global,
      constraint: 'CONSTRAINT_CPUSET',
      cpuset: 'batch',
      memsAllowed: '1',
    });
    expect(cpuset).toBe(
      'oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=(null),cpuset=batch,mems_allowed=1,global_oom,task_memcg=/user.slice,task=hog,pid=4242,uid=1000',
    );
    expect(cpusetKill?.startsWith('Out of memory: Killed process 4242 (hog) ')).toBe(true);
    const [policy, policyKill] = formatOomKill(hog, {
      ...global,
      constraint: 'CONSTRAINT_MEMORY_POLICY',
      nodemask: '0-1,3',
      memsAllowed: '0-3',
    });
    expect(policy).toBe(
      'oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0-1,3,cpuset=/,mems_allowed=0-3,global_oom,task_memcg=/user.slice,task=hog,pid=4242,uid=1000',
    );
    expect(policyKill?.startsWith('Out of memory: Killed process 4242 (hog) ')).toBe(true);
  });

  it('prints page tables in KiB, rounded down (bytes >> 10)', () => {
    const [, killed] = formatOomKill({ ...hog, pgtablesBytes: 5000 }, global);
    expect(killed).toContain(' pgtables:4kB ');
  });

  it('prints a negative oom_score_adj with its sign, and a name with spaces as it is', () => {
    const [summary, killed] = formatOomKill({ ...hog, name: 'Web Content', oomScoreAdj: -500 }, global);
    expect(summary?.endsWith(',task=Web Content,pid=4242,uid=1000')).toBe(true);
    expect(killed).toBe(
      'Out of memory: Killed process 4242 (Web Content) total-vm:4203520kB, anon-rss:4100012kB, file-rss:1280kB, shmem-rss:0kB, UID:1000 pgtables:8084kB oom_score_adj:-500',
    );
  });

  it('prints the fields of any victim in their places', () => {
    const victim = fc.record({
      pid: fc.integer({ min: 1, max: 4194304 }),
      name: fc.stringMatching(/^[!-~ ]{0,15}$/),
      uid: fc.nat(2 ** 32 - 1),
      totalVmKb: fc.maxSafeNat(),
      anonRssKb: fc.maxSafeNat(),
      fileRssKb: fc.maxSafeNat(),
      shmemRssKb: fc.maxSafeNat(),
      pgtablesBytes: fc.maxSafeNat(),
      oomScoreAdj: fc.integer({ min: -1000, max: 1000 }),
    });
    fc.assert(
      fc.property(victim, (v) => {
        const [summary, killed] = formatOomKill(v, MEMCG_CONTEXT);
        expect(summary).toBe(
          `oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/memkata-oom,task_memcg=/memkata-oom,task=${v.name},pid=${v.pid},uid=${v.uid}`,
        );
        expect(killed).toBe(
          `Memory cgroup out of memory: Killed process ${v.pid} (${v.name}) total-vm:${v.totalVmKb}kB, anon-rss:${v.anonRssKb}kB, file-rss:${v.fileRssKb}kB, shmem-rss:${v.shmemRssKb}kB, UID:${v.uid} pgtables:${Math.floor(v.pgtablesBytes / 1024)}kB oom_score_adj:${v.oomScoreAdj}`,
        );
      }),
    );
  });
});
