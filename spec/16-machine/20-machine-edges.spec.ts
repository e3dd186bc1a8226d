import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { parseSmaps } from '#kata/03-smaps';
import { parseStatm, parseStatus } from '#kata/04-status';
import { AddressSpaceError } from '#kata/10-demand-paging';
import { parseZoneinfo } from '#kata/12-watermarks';
import { parseSwaps } from '#kata/14-swap';
import type { Machine } from '#kata/16-machine';
import { accounted, hog, MiB, PAGE, refusal, small } from './machines.ts';

type M = InstanceType<typeof Machine>;
const meminfo = (m: M) => parseMeminfo(m.readProc('/proc/meminfo'));
const status = (m: M, pid: number) => parseStatus(m.readProc(`/proc/${pid}/status`));

/** A 16 MiB machine without swap whose process `victim` (oom_score_adj 1000) holds all but `spare` pages above min. */
function full(spare: number): { m: M; victim: number; parent: number } {
  const m = small();
  const victim = m.spawn('victim', { oomScoreAdj: 1000 });
  const parent = m.spawn('parent');
  hog(m, parent, 50);
  const va = m.mmap(victim, 4000 * 4096, { prot: 'rw-' });
  for (let i = 0; m.zone.freePages > m.plan.watermarks.min + spare; i++)
    m.touch(victim, va + BigInt(i) * PAGE, 'write');
  return { m, victim, parent };
}

describe('Machine', () => {
  describe('processes when memory is full', () => {
    it('spawns a process with memory full: the OOM killer frees the frame for its PGD, and the spawn goes on', () => {
      const { m, victim } = full(0);
      const pid = m.spawn('late');
      expect(m.processes.has(pid)).toBe(true);
      expect(m.processes.has(victim)).toBe(false);
      expect(m.oomKills.map((k) => k.pid)).toEqual([victim]);
      expect(accounted(m)[0]).toBe(m.plan.managedPages);
    });

    it("forks with memory full below the child's page tables: the OOM killer makes room, and the fork goes on", () => {
      const { m, victim, parent } = full(1); // the child's PGD fits, its next table does not
      const child = m.fork(parent);
      expect(m.processes.get(child)?.ppid).toBe(parent);
      expect(m.processes.has(victim)).toBe(false);
      expect(status(m, child).memory?.vmRSS).toBe(50 * 4);
      expect(accounted(m)[0]).toBe(m.plan.managedPages);
    });

    it("forks with memory full to the child's PGD: the OOM killer makes room for it too, and the fork goes on", () => {
      const { m, victim, parent } = full(0); // not even the child's PGD fits
      const child = m.fork(parent);
      expect(m.processes.get(child)?.ppid).toBe(parent);
      expect(m.processes.has(victim)).toBe(false);
      expect(m.oomKills.map((k) => k.pid)).toEqual([victim]);
      expect(accounted(m)[0]).toBe(m.plan.managedPages);
    });
  });

  describe('processes', () => {
    it('takes pid 2 when asked (only 0 and 1 are refused), and skips a pid taken by hand when counting from 1000', () => {
      const m = small();
      expect(m.spawn('kthreadd', { pid: 2 })).toBe(2);
      expect(m.spawn('a', { pid: 1000 })).toBe(1000);
      expect(m.spawn('b')).toBe(1001);
    });

    it('shows a process that has not touched memory yet as sleeping, even when spawned or forked after time 0', () => {
      const m = small();
      m.tick();
      const pid = m.spawn('idle');
      expect(m.status(pid).state).toBe('S');
      expect(status(m, pid).state.code).toBe('S');
      const child = m.fork(pid);
      expect(m.status(child).state).toBe('S');
    });

    it('writes when touch is given no access, and names its refusals MachineError', () => {
      const m = small();
      const pid = m.spawn('p');
      const va = m.mmap(pid, 4096, { prot: 'rw-' });
      expect(m.touch(pid, va)).toMatchObject({ kind: 'minor-fault', cause: 'new-page' });
      expect(meminfo(m).AnonPages).toBe(4);
      expect(refusal(() => m.exit(4242)).name).toBe('MachineError');
    });

    it('returns what each tick left: the time, free pages and the state of kswapd', () => {
      const m = small();
      expect(m.tick()).toEqual({ t: 1, free: 4032, kswapd: 'sleeping' });
    });
  });

  describe('/proc/PID/status and statm', () => {
    it('counts only private writable mappings in VmData (not shared or read-only ones), and statm data with it', () => {
      const m = small();
      const pid = m.spawn('data');
      m.mmap(pid, 8 * 4096, { prot: 'rw-' });
      m.mmap(pid, 4 * 4096, { prot: 'r--' });
      m.mmap(pid, 2 * 4096, { prot: 'rw-', shared: true });
      expect(status(m, pid).memory?.vmData).toBe(32);
      expect(parseStatm(m.readProc(`/proc/${pid}/statm`)).data).toBe(8);
    });

    it('counts MAP_SHARED pages as shared in statm: (RssFile + RssShmem) / 4', () => {
      const m = small();
      const pid = m.spawn('shm');
      const va = m.mmap(pid, 6 * 4096, { prot: 'rw-', shared: true });
      for (let i = 0n; i < 6n; i++) m.touch(pid, va + i * PAGE, 'write');
      hog(m, pid, 3);
      expect(parseStatm(m.readProc(`/proc/${pid}/statm`))).toMatchObject({ resident: 9, shared: 6 });
    });

    it("prints SigQ's limit as fork_init sets it: RAM / (8 × 16 KiB stacks) threads, half of them (3903 for 1 GiB)", () => {
      const m = small({ memoryKb: 1024 * MiB, kernelKb: undefined });
      expect(status(m, m.spawn('sh')).sigQ).toEqual({ queued: 0, limit: 3903 });
      const s = small();
      expect(status(s, s.spawn('sh')).sigQ.limit).toBe(63); // 4032 pages: 126 threads
    });
  });

  describe('/proc/meminfo', () => {
    it('estimates MemAvailable of a fresh machine as MemFree less the high watermark: the empty zones reserve nothing', () => {
      // totalreserve_pages: each zone's high + its largest protection, at most its managed pages (0 when empty)
      expect(meminfo(small()).MemAvailable).toBe((4032 - 288) * 4);
      // 1 GiB: DMA's protection against Normal (249809 / 256 = 975) is far above its high watermark, and still 0
      expect(meminfo(small({ memoryKb: 1024 * MiB, kernelKb: undefined })).MemAvailable).toBe((249809 - 8448) * 4);
    });

    it('counts MAP_SHARED pages in Shmem while they exist, but in Mapped only while a PTE maps them', () => {
      const m = small();
      const pid = m.spawn('shm');
      const va = m.mmap(pid, 16 * 4096, { prot: 'rw-', shared: true });
      for (let i = 0n; i < 16n; i++) m.touch(pid, va + i * PAGE, 'write');
      expect(meminfo(m)).toMatchObject({ Shmem: 64, Mapped: 64, Unevictable: 64 });
      m.munmap(pid, va, 8 * 4096); // the other half keeps the shared object, and its pages
      expect(meminfo(m)).toMatchObject({ Shmem: 64, Mapped: 32 });
    });

    it('commits private writable and shared mappings in Committed_AS, not read-only private ones', () => {
      const m = small();
      const before = meminfo(m).Committed_AS ?? 0;
      const pid = m.spawn('commit');
      m.mmap(pid, 10 * 4096, { prot: 'rw-' });
      m.mmap(pid, 5 * 4096, { prot: 'r--' });
      m.mmap(pid, 3 * 4096, { prot: 'r--', shared: true });
      expect((meminfo(m).Committed_AS ?? 0) - before).toBe(13 * 4);
    });

    it("does not count the huge zero page in AnonHugePages: a read of untouched memory with THP 'always' maps it", () => {
      const m = small({ thp: 'always' });
      const pid = m.spawn('reader');
      const va = m.mmap(pid, 4 * 1024 * 1024, { prot: 'rw-' });
      m.touch(pid, va + 2n * 1024n * 1024n, 'read');
      expect(m.thp.hugeZeroPfn).not.toBeNull();
      expect(meminfo(m).AnonHugePages).toBe(0);
    });
  });

  describe('/proc/zoneinfo', () => {
    it('gives the empty zones no free pages, counters or pagesets, and the node counters to Normal only', () => {
      const zones = small().zoneinfo();
      for (const i of [0, 1, 3, 4]) {
        expect(zones[i]).toMatchObject({ free: 0, stats: {}, pagesets: [] });
        expect(zones[i]?.nodeStats).toBeUndefined();
      }
      expect(zones[2]?.nodeStats?.nr_inactive_anon).toBe(0);
      expect(zones[2]?.pagesets).toHaveLength(2);
      const parsed = parseZoneinfo(small().readProc('/proc/zoneinfo'));
      expect(parsed.map((z) => z.nodeStats === undefined)).toEqual([true, true, false, true, true]);
    });

    it('says node_unreclaimable 1 once kswapd has given up, 0 before', () => {
      const m = small();
      expect(parseZoneinfo(m.readProc('/proc/zoneinfo'))[2]?.nodeUnreclaimable).toBe(false);
      const pid = m.spawn('anon', { oomScoreAdj: -1000 });
      const va = m.mmap(pid, 4000 * 4096, { prot: 'rw-' });
      for (let i = 0; m.zone.freePages >= m.plan.watermarks.low; i++) m.touch(pid, va + BigInt(i) * PAGE, 'write');
      for (let t = 0; t < 40 && m.zone.kswapd !== 'hopeless'; t++) m.tick();
      expect(m.zone.kswapd).toBe('hopeless');
      expect(parseZoneinfo(m.readProc('/proc/zoneinfo'))[2]?.nodeUnreclaimable).toBe(true);
    });

    it('keeps pcp high_min at least four batches (zone_highsize) when the low watermark is tiny', () => {
      const m = small({ watermarks: { min: 1, low: 1, high: 2 } });
      expect(m.zoneinfo()[2]?.pagesets[0]).toMatchObject({ batch: 1, highMin: 4, high: 4 });
    });
  });

  describe('system calls', () => {
    it("passes kata 10's EINVAL through for a length that is not a whole number of bytes, however large", () => {
      const m = small();
      const pid = m.spawn('p');
      for (const length of [Number.POSITIVE_INFINITY, 2 ** 60, 1e300]) {
        expect(() => m.mmap(pid, length, { prot: 'rw-' })).toThrow(AddressSpaceError);
      }
    });

    it('faults in only the pages of a MAP_POPULATE mapping, not the first page of the mapping above it', () => {
      const m = small();
      const pid = m.spawn('p');
      const above = m.mmap(pid, 4 * 4096, { prot: 'rwx' }); // not merged with the one below
      const below = m.mmap(pid, 4 * 4096, { prot: 'rw-', populate: true });
      expect(below + 4n * PAGE).toBe(above);
      const maps = parseSmaps(m.readProc(`/proc/${pid}/smaps`));
      expect(maps.map((x) => x.fields.Rss)).toEqual([16, 0]);
    });

    it('stops a MAP_POPULATE when the OOM killer takes the process itself', () => {
      const m = small();
      const pid = m.spawn('greedy');
      expect(() => m.mmap(pid, 3900 * 4096, { prot: 'rw-', populate: true })).not.toThrow();
      expect(m.processes.has(pid)).toBe(false);
      expect(m.oomKills.map((k) => k.pid)).toEqual([pid]);
    });

    it('writes 0 bytes as a no-op that makes the file, and refuses a name that is not a string', () => {
      const m = small();
      m.write('empty', 0);
      expect(m.cache.size('empty')).toBe(0);
      m.read('empty');
      expect(refusal(() => m.write(42 as unknown as string, 1)).code).toBe('EINVAL');
    });

    it('counts only the new pages of an append against the disk', () => {
      const m = small({ diskKb: 64 });
      m.write('log', 10 * 4096 + 100);
      m.write('log', 4096 - 100); // fills the last page: no new page
      m.write('log', 5 * 4096); // 16 pages in all, on a 16-page disk
      expect(m.cache.size('log')).toBe(16 * 4096);
      expect(refusal(() => m.write('log', 1)).code).toBe('ENOSPC');
    });

    it('dirties a written-back page again when an append reaches it, counting it in nr_dirtied once more', () => {
      const m = small();
      m.write('log', 10);
      m.sync();
      expect(meminfo(m).Dirty).toBe(0);
      m.write('log', 10);
      expect(meminfo(m).Dirty).toBe(4);
      expect(m.vmstat().nr_dirtied).toBe(2);
      m.write('log', 10);
      expect(m.vmstat().nr_dirtied).toBe(2);
    });

    it('marks an appended page accessed, as a read does: written twice, it is activated', () => {
      const m = small();
      m.write('log', 10);
      m.write('log', 10);
      m.write('log', 10);
      expect(meminfo(m)).toMatchObject({ 'Active(file)': 4, 'Inactive(file)': 0 });
    });

    it('refuses a /proc path with anything before /proc/ or before the pid', () => {
      const m = small();
      const pid = m.spawn('p');
      for (const path of ['x/proc/meminfo', 'meminfo/proc/', `/proc/x${pid}/status`, `/proc/1/${pid}/status`]) {
        expect(refusal(() => m.readProc(path)).code).toBe('ENOENT');
      }
    });

    it('fails with code ENOMEM, not only its message, when no process may be killed', () => {
      const m = small();
      const pid = m.spawn('init-like', { oomScoreAdj: -1000 });
      expect(refusal(() => hog(m, pid, 5000)).code).toBe('ENOMEM');
    });
  });

  describe('swap and writeback', () => {
    it('gives swap slots back to reclaim when swapped memory is unmapped: the zone counts what /proc/swaps shows free', () => {
      const m = small({ swapKb: 8 * MiB });
      const pid = m.spawn('p');
      const va = hog(m, pid, 4500);
      const swaps = () => parseSwaps(m.readProc('/proc/swaps'))[0];
      expect(swaps()?.usedKb).toBeGreaterThan(0);
      expect(m.zone.swapFree).toBe(m.zone.config.swapPages - (swaps()?.usedKb ?? 0) / 4);
      m.munmap(pid, va, 512 * 4096);
      expect(m.zone.swapFree).toBe(m.zone.config.swapPages - (swaps()?.usedKb ?? 0) / 4);
    });

    it('counts in pgpgout every KiB kswapd writes back, and ends the writeback (Writeback back to 0)', () => {
      const m = small({ kswapdBatch: 4096 });
      m.write('dirty', 3000 * 4096);
      const pid = m.spawn('hog');
      hog(m, pid, 800);
      for (let t = 0; t < 20; t++) m.tick();
      expect(m.vmstat().nr_vmscan_write).toBeGreaterThan(0);
      expect(meminfo(m).Writeback).toBe(0);
      expect(m.counters.pgpgout).toBe(m.counters.nr_written * 4);
    });

    it('writes back a page dirty for 30 s only at a flusher wake-up (every 5 s), not on the tick it expires', () => {
      const m = small();
      m.tick();
      m.write('late', 4096); // dirty since t = 1: expired at 30001, written at 35000
      for (let t = 1; t < 30001 + 1000; t++) m.tick();
      expect(meminfo(m).Dirty).toBe(4);
      while (m.time < 35000) m.tick();
      expect(meminfo(m).Dirty).toBe(0);
    });
  });
});
