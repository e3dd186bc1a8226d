import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFree, parseMeminfo } from '#kata/02-free';
import { parseSmaps, parseSmapsRollup, sumFields } from '#kata/03-smaps';
import { checkMemoryInvariants, parseStatus } from '#kata/04-status';
import { freePages, parseBuddyinfo } from '#kata/06-buddyinfo';
import { parseZoneinfo } from '#kata/12-watermarks';
import { parseOomKill } from '#kata/15-oom-killer';
import { GLOBAL_OOM, type Machine, MachineError } from '#kata/16-machine';
import { accounted, hog, MiB, PAGE, small } from './machines.ts';

type M = InstanceType<typeof Machine>;
const meminfo = (m: M) => parseMeminfo(m.readProc('/proc/meminfo'));
const status = (m: M, pid: number) => parseStatus(m.readProc(`/proc/${pid}/status`));
const types = (m: M) => m.zone.events.map((e) => e.type);

describe('Machine', () => {
  describe('reclaim, swap and the OOM killer', () => {
    it('wakes kswapd when an allocation finds free at low, and kswapd brings it above high over the next ticks, then sleeps', () => {
      const m = small({ swapKb: 8 * MiB, kswapdBatch: 4096 });
      const pid = m.spawn('writer');
      const va = m.mmap(pid, 4000 * 4096, { prot: 'rw-' });
      let page = 0;
      while (types(m).length === 0) m.touch(pid, va + BigInt(page++) * PAGE, 'write');
      expect(m.zone.freePages).toBe(239); // the allocation that found free at low (240) woke kswapd
      expect(types(m)).toEqual(['wakeup_kswapd']);
      m.tick();
      // every page was young from its fault: kswapd's first pass gives each a second chance, the next takes it
      expect(types(m)).toEqual(['wakeup_kswapd', 'kswapd_wake', 'kswapd_sleep']);
      expect(m.zone.freePages).toBeGreaterThan(288);
      expect(m.zone.kswapd).toBe('sleeping');
      expect(meminfo(m).SwapFree).toBeLessThan(8188);
      expect(status(m, pid).memory?.vmSwap).toBeGreaterThan(0);
    });

    it('stalls the allocation in direct reclaim when free reaches min, and swaps anonymous pages out (pswpout, VmSwap, Swap used)', () => {
      const m = small({ swapKb: 16 * MiB, kswapdBatch: 1 });
      const pid = m.spawn('python3', { pid: 16319 });
      hog(m, pid, 6000);
      const v = m.vmstat();
      expect(v.allocstall_normal).toBeGreaterThan(0);
      expect(v.pswpout).toBeGreaterThan(0);
      expect(v.pswpout).toBe(m.swap.vmstat.pswpout);
      const s = status(m, pid).memory;
      expect(s?.vmSwap).toBeGreaterThan(0);
      expect((s?.vmRSS ?? 0) + (s?.vmSwap ?? 0)).toBe(6000 * 4);
      const info = meminfo(m);
      expect(computeFree(info).swap.used).toBe((info.SwapTotal ?? 0) - (info.SwapFree ?? 0));
      expect(computeFree(info).swap.used).toBeGreaterThanOrEqual(s?.vmSwap ?? 0);
      expect(m.counters.pgpgout).toBe((v.pswpout ?? 0) * 4);
    });

    it('brings a swapped-out page back on the next access: a major fault, pswpin, pgmajfault', () => {
      const m = small({ swapKb: 16 * MiB });
      const pid = m.spawn('python3');
      const va = hog(m, pid, 6000);
      const hogPages = m.processes.get(pid)?.space.mm.swapEntries.entries(va, va + 6000n * 4096n);
      const swapped = hogPages?.next().value?.[0] as bigint; // the hog's lowest swapped-out page
      expect(swapped).toBeGreaterThanOrEqual(va);
      expect(m.touch(pid, swapped, 'read')).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      expect(m.vmstat()).toMatchObject({ pswpin: 1, pgmajfault: 1 });
      expect(m.counters.pgpgin).toBe(4);
      expect(meminfo(m).SwapCached).toBe(4);
    });

    it('gives swap slots back when a swapped process exits, in /proc/swaps and to reclaim', () => {
      const m = small({ swapKb: 16 * MiB });
      const pid = m.spawn('python3');
      hog(m, pid, 6000);
      expect(meminfo(m).SwapFree).toBeLessThan(16380);
      m.exit(pid);
      expect(meminfo(m)).toMatchObject({ SwapFree: 16380, SwapCached: 0, MemFree: 16128 });
      expect(m.zone.swapFree).toBe(4095);
    });

    it('swaps a page two processes share after fork out of both (and frees it once)', () => {
      const m = small({ swapKb: 8 * MiB });
      const a = m.spawn('parent');
      hog(m, a, 1500);
      const b = m.fork(a);
      const c = m.spawn('hog');
      hog(m, c, 3000);
      const swappedA = status(m, a).memory?.vmSwap ?? 0;
      const swappedB = status(m, b).memory?.vmSwap ?? 0;
      expect(swappedA).toBeGreaterThan(0);
      expect(swappedB).toBe(swappedA); // the shared pages went out of both page tables together
      const [held] = accounted(m);
      expect(held).toBe(4032);
    });

    it('splits a 2 MiB page before swapping part of it out (thp_split_pmd)', () => {
      const m = small({ swapKb: 16 * MiB, thp: 'always' });
      const pid = m.spawn('thp');
      hog(m, pid, 6000);
      const v = m.vmstat();
      expect(v.thp_fault_alloc).toBeGreaterThan(0);
      expect(v.thp_split_pmd).toBeGreaterThan(0);
      expect(v.pswpout).toBeGreaterThan(0);
      expect(m.buddy.freePages()).toBe(m.zone.freePages);
    });

    it('kills the hog without swap: touch says "killed", dmesg has kata 15\'s two lines, its memory comes back', () => {
      const m = small();
      const shell = m.spawn('bash');
      hog(m, shell, 10);
      const pid = m.spawn('python3', { pid: 16319 });
      let result: ReturnType<M['touch']> = { kind: 'hit', pa: 0n };
      let i = 0;
      while (result.kind !== 'killed') {
        const va = m.mmap(pid, 512 * 4096, { prot: 'rw-' });
        for (let page = 0; page < 512 && result.kind !== 'killed'; page++, i++)
          result = m.touch(pid, va + BigInt(page) * PAGE, 'write');
      }
      expect(i).toBeGreaterThan(3700);
      expect(types(m)).toContain('oom');
      expect(m.processes.has(pid)).toBe(false);
      expect(m.processes.has(shell)).toBe(true);
      expect(m.counters.oom_kill).toBe(1);
      expect(m.vmstat().oom_kill).toBe(1);
      expect(m.kernelLog).toHaveLength(2);
      const [summary, killed] = m.kernelLog.map((line) => line.replace(/^\[ *\d+\.\d{6}\] /, ''));
      expect(summary).toBe(
        'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=python3,pid=16319,uid=0',
      );
      const victim = parseOomKill(killed as string);
      expect(victim).toMatchObject({
        message: 'Out of memory',
        pid: 16319,
        name: 'python3',
        uid: 0,
        fileRssKb: 0,
        oomScoreAdj: 0,
      });
      expect(victim.anonRssKb).toBe((i - 1) * 4);
      expect(m.oomKills).toEqual([{ t: m.time, pid: 16319, name: 'python3', lines: [summary, killed] }]);
      expect(GLOBAL_OOM.oomMemcg).toBeNull();
      expect(meminfo(m).MemFree).toBeGreaterThan(15000);
    });

    it('stamps the kernel log lines with the time as dmesg does: [seconds.microseconds], 1 tick = 1 ms', () => {
      const m = small();
      for (let t = 0; t < 1234; t++) m.tick();
      const pid = m.spawn('python3');
      hog(m, pid, 5000);
      expect(m.kernelLog[0]).toMatch(/^\[ {4}1\.234000\] oom-kill:/);
    });

    it('kills by oom_score_adj: the small process that asked for it goes, and the allocation goes on', () => {
      const m = small();
      const victim = m.spawn('victim', { oomScoreAdj: 1000 });
      hog(m, victim, 100);
      const pid = m.spawn('python3');
      const va = m.mmap(pid, 3780 * 4096, { prot: 'rw-' });
      for (let i = 0; i < 3780; i++) expect(m.touch(pid, va + BigInt(i) * PAGE, 'write').kind).not.toBe('killed');
      expect(m.processes.has(victim)).toBe(false);
      expect(m.oomKills.map((k) => k.pid)).toEqual([victim]);
    });

    it('fails with ENOMEM when no process may be killed (oom_score_adj −1000): the kernel would panic', () => {
      const m = small();
      const pid = m.spawn('init-like', { oomScoreAdj: -1000 });
      expect(() => hog(m, pid, 5000)).toThrow(MachineError);
      expect(() => hog(m, pid, 5000)).toThrow(/deadlocked/);
    });

    it('drops clean page cache to make room, even without swap', () => {
      const m = small();
      m.write('cache', 2000 * 4096);
      m.sync();
      const pid = m.spawn('hog');
      hog(m, pid, 3000);
      expect(m.processes.has(pid)).toBe(true);
      expect(m.vmstat().pgsteal_file).toBeGreaterThan(0);
      expect(meminfo(m).Cached).toBeLessThan(8000);
      expect(m.cache.counts().pages).toBe((meminfo(m).Cached ?? 0) / 4);
    });

    it('has kswapd write dirty page cache back before dropping it (Writeback, then clean)', () => {
      const m = small({ kswapdBatch: 4096 });
      m.write('dirty', 3000 * 4096); // all dirty: no tick yet, so the flusher has not run
      const pid = m.spawn('hog');
      hog(m, pid, 800); // free below low (240), above min: kswapd's turn, at the next tick, before the flusher's
      let sawWriteback = false;
      for (let t = 0; t < 20; t++) {
        m.tick();
        if ((meminfo(m).Writeback ?? 0) > 0) sawWriteback = true;
      }
      expect(sawWriteback).toBe(true);
      expect(m.vmstat().nr_vmscan_write).toBeGreaterThan(0);
      expect(m.counters.nr_written).toBeGreaterThan(0);
    });
  });

  describe('what /proc shows always adds up', () => {
    it('after any workload: buddyinfo = MemFree, free adds up, VmRSS = RssAnon + RssFile + RssShmem, Σ smaps = rollup', () => {
      const op = fc.oneof(
        fc.record({ kind: fc.constant('spawn' as const), n: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant('hog' as const), n: fc.integer({ min: 1, max: 900 }) }),
        fc.record({ kind: fc.constant('shared' as const), n: fc.integer({ min: 1, max: 64 }) }),
        fc.record({ kind: fc.constant('fork' as const), n: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant('exit' as const), n: fc.nat({ max: 3 }) }),
        fc.record({ kind: fc.constant('write' as const), n: fc.integer({ min: 1, max: 400 }) }),
        fc.record({ kind: fc.constant('unlink' as const), n: fc.nat() }),
        fc.record({ kind: fc.constant('tick' as const), n: fc.integer({ min: 1, max: 5 }) }),
      );
      fc.assert(
        fc.property(
          fc.array(op, { maxLength: 14 }),
          fc.boolean(),
          fc.constantFrom('always', 'never'),
          (ops, swap, thp) => {
            const m = small({ swapKb: swap ? 4 * MiB : 0, thp: thp as 'always' | 'never' });
            let files = 0;
            for (const { kind, n } of ops) {
              const pids = [...m.processes.keys()];
              const pid = pids[n % Math.max(pids.length, 1)];
              try {
                if (kind === 'spawn' || pid === undefined) m.spawn(`p${n}`);
                else if (kind === 'hog') hog(m, pid, n);
                else if (kind === 'shared') {
                  const va = m.mmap(pid, n * 4096, { prot: 'rw-', shared: true });
                  m.touch(pid, va, 'write');
                } else if (kind === 'fork') m.fork(pid);
                else if (kind === 'exit') m.exit(pid);
                else if (kind === 'write') m.write(`f${files++ % 3}`, n * 4096);
                else if (kind === 'unlink') {
                  const names = m.cache.files();
                  if (names.length > 0) m.unlink(names[n % names.length] as string);
                } else for (let t = 0; t < n; t++) m.tick();
              } catch (error) {
                if (!(error instanceof MachineError)) throw error; // no victim left: the machine says so
              }
            }
            const info = meminfo(m);
            const [normal] = parseBuddyinfo(m.readProc('/proc/buddyinfo'));
            expect(freePages(normal as Parameters<typeof freePages>[0]) * 4).toBe(info.MemFree);
            const free = computeFree(info, { procps: '3.3' }).mem;
            expect(free.used + free.free + free.buffCache).toBe(free.total);
            const zone = parseZoneinfo(m.readProc('/proc/zoneinfo'))[2];
            expect(zone?.free).toBe((info.MemFree ?? 0) / 4);
            if ((zone?.free ?? 0) < (zone?.min ?? 0)) expect(types(m)).toContain('direct_reclaim_begin');
            for (const pid of m.processes.keys()) {
              const s = parseStatus(m.readProc(`/proc/${pid}/status`));
              expect(checkMemoryInvariants(s)).toEqual([]);
              const maps = parseSmaps(m.readProc(`/proc/${pid}/smaps`));
              const sums = sumFields(maps);
              const rollup = parseSmapsRollup(m.readProc(`/proc/${pid}/smaps_rollup`)).fields;
              for (const key of ['Rss', 'Anonymous', 'Swap', 'Private_Dirty', 'Shared_Dirty', 'AnonHugePages'])
                expect(rollup[key]).toBe(sums[key] ?? 0);
              expect(sums.Rss ?? 0).toBe(s.memory?.vmRSS);
              expect(sums.Swap ?? 0).toBe(s.memory?.vmSwap);
            }
            const [held, most] = accounted(m);
            expect(held).toBeLessThanOrEqual(m.plan.managedPages);
            expect(most).toBeGreaterThanOrEqual(m.plan.managedPages);
            expect(m.buddy.freePages()).toBe(m.zone.freePages);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
});
