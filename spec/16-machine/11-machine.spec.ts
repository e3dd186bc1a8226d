import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { parseSmaps, parseSmapsRollup } from '#kata/03-smaps';
import { checkStatmAgainstStatus, parseStatm, parseStatus } from '#kata/04-status';
import { freePages, parseBuddyinfo } from '#kata/06-buddyinfo';
import { AddressSpaceError } from '#kata/10-demand-paging';
import { parseZoneinfo } from '#kata/12-watermarks';
import { parseSwaps } from '#kata/14-swap';
import { Machine, MachineConfigError } from '#kata/16-machine';
import { accounted, hog, MiB, PAGE, refusal, small } from './machines.ts';

const meminfo = (m: InstanceType<typeof Machine>) => parseMeminfo(m.readProc('/proc/meminfo'));
const status = (m: InstanceType<typeof Machine>, pid: number) => parseStatus(m.readProc(`/proc/${pid}/status`));

describe('Machine', () => {
  describe('a machine that has just booted', () => {
    it('has every managed page free, in the buddy allocator and in the zone alike', () => {
      const m = small();
      expect(m.plan.managedPages).toBe(4032);
      expect(m.zone.freePages).toBe(4032);
      expect(m.buddy.freePages()).toBe(4032);
      expect(m.time).toBe(0);
      expect(m.processes.size).toBe(0);
    });

    it('shows it in /proc/meminfo, read by your kata 02 parseMeminfo: MemTotal = MemFree = managed × 4', () => {
      const info = meminfo(small({ swapKb: 4 * MiB }));
      expect(info).toMatchObject({
        MemTotal: 16128,
        MemFree: 16128,
        Cached: 0,
        AnonPages: 0,
        SwapTotal: 4092,
        SwapFree: 4092,
      });
    });

    it('shows /proc/buddyinfo (your kata 06 parser) with as many free pages as MemFree, and /proc/swaps (kata 14)', () => {
      const m = small({ swapKb: 4 * MiB });
      const [normal] = parseBuddyinfo(m.readProc('/proc/buddyinfo'));
      expect(normal).toMatchObject({ node: 0, zone: 'Normal' });
      expect(freePages(normal as Parameters<typeof freePages>[0])).toBe(4032);
      expect(parseSwaps(m.readProc('/proc/swaps'))).toEqual([
        { path: '/swapfile', kind: 'file', sizeKb: 4092, usedKb: 0, priority: -2 },
      ]);
      expect(small().readProc('/proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    });

    it('shows /proc/zoneinfo (your kata 12 parser): five zones, Normal with the watermarks of the plan', () => {
      const m = small();
      const zones = parseZoneinfo(m.readProc('/proc/zoneinfo'));
      expect(zones.map((z) => z.name)).toEqual(['DMA', 'DMA32', 'Normal', 'Movable', 'Device']);
      expect(zones[2]).toMatchObject({
        free: 4032,
        min: 192,
        low: 240,
        high: 288,
        managed: 4032,
        present: 4096,
        startPfn: 0x100000,
      });
      expect(zones[2]?.nodeStats?.nr_free_pages).toBeUndefined();
      expect(zones[2]?.stats.nr_free_pages).toBe(4032);
      expect(zones[3]).toMatchObject({ min: 32, managed: 0 });
    });

    it('computes the per-CPU pagesets of zoneinfo as the kernel does: batch, high_min from low, high_max from managed / 8', () => {
      const normal = new Machine({ memoryKb: 1024 * MiB }).zoneinfo()[2];
      // 249809 managed: batch 63, high_min 7040 / 2 CPUs, high_max 249809 / 8 / 2, threshold 2·fls(2)·(1 + fls(7))
      expect(normal?.pagesets).toEqual([
        { count: 0, high: 3520, batch: 63, highMin: 3520, highMax: 15613, statThreshold: 16 },
        { count: 0, high: 3520, batch: 63, highMin: 3520, highMax: 15613, statThreshold: 16 },
      ]);
      expect(small().zoneinfo()[2]?.pagesets[0]).toEqual({
        count: 0,
        high: 120,
        batch: 1,
        highMin: 120,
        highMax: 252,
        statThreshold: 4,
      });
    });

    it('refuses an impossible configuration before anything runs', () => {
      expect(() => new Machine({ memoryKb: 1024 })).toThrow(MachineConfigError);
      expect(() => small({ swapKb: 64 * MiB, diskKb: 32 * MiB })).toThrow(MachineConfigError);
    });
  });

  describe('processes', () => {
    it('spawns a process with the next pid from 1000, or the one asked for, and a page for its PGD', () => {
      const m = small();
      expect(m.spawn('bash')).toBe(1000);
      expect(m.spawn('python3', { pid: 16319 })).toBe(16319);
      expect(m.spawn('sleep')).toBe(1001);
      expect(meminfo(m)).toMatchObject({ PageTables: 12, MemFree: 16128 - 12 });
      expect(status(m, 16319)).toMatchObject({ name: 'python3', pid: 16319, ppid: 1, tgid: 16319 });
    });

    it('cuts a name to 15 bytes, as the kernel keeps comm', () => {
      const m = small();
      const pid = m.spawn('a-very-long-process-name');
      expect(status(m, pid).name).toBe('a-very-long-pro');
    });

    it('refuses a pid that is taken or not a whole number ≥ 2, and an oom_score_adj outside −1000..1000', () => {
      const m = small();
      m.spawn('bash', { pid: 500 });
      expect(refusal(() => m.spawn('x', { pid: 500 })).code).toBe('EEXIST');
      expect(refusal(() => m.spawn('x', { pid: 1 })).code).toBe('EINVAL');
      expect(refusal(() => m.spawn('x', { pid: 2.5 })).code).toBe('EINVAL');
      expect(refusal(() => m.spawn('x', { oomScoreAdj: 1001 })).code).toBe('EINVAL');
      expect(refusal(() => m.spawn('x', { oomScoreAdj: -1001 })).code).toBe('EINVAL');
      expect(m.processes.size).toBe(1);
    });

    it('answers ESRCH for a process that does not exist, on every call', () => {
      const m = small();
      for (const call of [
        () => m.touch(7, 0x1000n),
        () => m.mmap(7, 4096, { prot: 'rw-' }),
        () => m.munmap(7, 0x1000n, 4096),
        () => m.madvise(7, 0x1000n, 4096, 'hugepage'),
        () => m.fork(7),
        () => m.exit(7),
        () => m.status(7),
      ]) {
        expect(refusal(call).code).toBe('ESRCH');
      }
    });

    it('maps memory without taking any (VSZ grows, RSS does not), then takes a page at each first write', () => {
      const m = small();
      const pid = m.spawn('malloc');
      const free = m.zone.freePages;
      const va = m.mmap(pid, 64 * 4096, { prot: 'rw-' });
      expect(status(m, pid).memory).toMatchObject({ vmSize: 256, vmRSS: 0, vmData: 256 });
      expect(m.zone.freePages).toBe(free);
      expect(m.touch(pid, va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'new-page' });
      expect(status(m, pid).memory).toMatchObject({ vmRSS: 4, rssAnon: 4 });
      // one page, and the PUD, PMD and PTE tables above it
      expect(m.zone.freePages).toBe(free - 4);
      expect(meminfo(m)).toMatchObject({ AnonPages: 4, 'Inactive(anon)': 4, 'Active(anon)': 0, PageTables: 16 });
      // the page was young from its fault: the next access activates it (folio_mark_accessed)
      expect(m.touch(pid, va, 'write').kind).toBe('hit');
      expect(meminfo(m)).toMatchObject({ 'Inactive(anon)': 0, 'Active(anon)': 4 });
      expect(m.counters.pgfault).toBe(1);
    });

    it('maps the zero page for a read of untouched memory: no page taken, no RSS', () => {
      const m = small();
      const pid = m.spawn('reader');
      const va = m.mmap(pid, 4096, { prot: 'rw-' });
      expect(m.touch(pid, va, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'zero-page' });
      expect(status(m, pid).memory?.vmRSS).toBe(0);
      expect(meminfo(m).AnonPages).toBe(0);
    });

    it("refuses an access outside every mapping with SIGSEGV, and passes kata 10's EINVAL through", () => {
      const m = small();
      const pid = m.spawn('bad');
      expect(m.touch(pid, 0x1000n, 'write')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(() => m.mmap(pid, 0, { prot: 'rw-' })).toThrow(AddressSpaceError);
    });

    it('refuses one mapping larger than RAM and swap together (heuristic overcommit)', () => {
      const m = small({ swapKb: 4 * MiB });
      const pid = m.spawn('greedy');
      expect(refusal(() => m.mmap(pid, (4032 + 1023 + 1) * 4096, { prot: 'rw-' })).code).toBe('ENOMEM');
      expect(m.mmap(pid, (4032 + 1023) * 4096, { prot: 'rw-' })).toBeTypeOf('bigint');
    });

    it('faults every page in at once with MAP_POPULATE (for write in a private writable mapping)', () => {
      const m = small();
      const pid = m.spawn('populate');
      m.mmap(pid, 16 * 4096, { prot: 'rw-', populate: true });
      m.mmap(pid, 16 * 4096, { prot: 'r--', populate: true });
      expect(status(m, pid).memory?.vmRSS).toBe(64);
      expect(m.counters.pgfault).toBe(32);
    });

    it('forks: the child maps the same pages until one side writes (copy-on-write), then each has its own', () => {
      const m = small();
      const parent = m.spawn('parent');
      const va = hog(m, parent, 8);
      const free = m.zone.freePages;
      const child = m.fork(parent);
      expect(status(m, child)).toMatchObject({ ppid: parent, name: 'parent' });
      expect(status(m, child).memory?.vmRSS).toBe(32);
      expect(meminfo(m).AnonPages).toBe(32); // each page counted once
      expect(m.touch(child, va, 'write')).toMatchObject({ cause: 'copy-on-write' });
      expect(meminfo(m).AnonPages).toBe(36);
      expect(m.zone.freePages).toBeLessThan(free - 1);
    });

    it('gives everything back when a process exits: pages, page tables, the PGD', () => {
      const m = small({ swapKb: 4 * MiB });
      const before = m.readProc('/proc/meminfo');
      const pid = m.spawn('brief');
      hog(m, pid, 100);
      m.exit(pid);
      expect(m.readProc('/proc/meminfo')).toBe(before);
      expect(m.buddy.freePages()).toBe(4032);
      expect(refusal(() => m.readProc(`/proc/${pid}/status`)).code).toBe('ENOENT');
    });

    it('unmaps: the pages go back at once', () => {
      const m = small();
      const pid = m.spawn('unmap');
      const va = hog(m, pid, 16);
      m.munmap(pid, va, 8 * 4096);
      expect(status(m, pid).memory).toMatchObject({ vmRSS: 32, vmSize: 32 });
      expect(meminfo(m).AnonPages).toBe(32);
    });

    it('maps a 2 MiB page for a hugepage-advised range (kata 11), and counts it in AnonHugePages and the THP counters', () => {
      const m = small();
      const pid = m.spawn('thp');
      const va = m.mmap(pid, 4 * 1024 * 1024, { prot: 'rw-' });
      m.madvise(pid, va, 4 * 1024 * 1024, 'hugepage');
      expect(m.touch(pid, va, 'write')).toMatchObject({ cause: 'huge-page' });
      expect(meminfo(m)).toMatchObject({ AnonHugePages: 2048, AnonPages: 2048 });
      expect(m.vmstat()).toMatchObject({ thp_fault_alloc: 1, nr_anon_transparent_hugepages: 1 });
    });

    it('reports oom_score (kata 15) and oom_score_adj', () => {
      const m = small();
      const pid = m.spawn('scored', { oomScoreAdj: 500 });
      hog(m, pid, 100);
      expect(m.readProc(`/proc/${pid}/oom_score_adj`)).toBe('500\n');
      expect(Number(m.readProc(`/proc/${pid}/oom_score`))).toBeGreaterThan(1000);
    });

    it('agrees between status, statm (your kata 04 parsers) and smaps, smaps_rollup (your kata 03 parsers)', () => {
      const m = small();
      const pid = m.spawn('agree');
      hog(m, pid, 20);
      const s = status(m, pid);
      const statm = parseStatm(m.readProc(`/proc/${pid}/statm`));
      expect(statm).toEqual({ size: 20, resident: 20, shared: 0, text: 0, lib: 0, data: 20, dt: 0 });
      expect(checkStatmAgainstStatus(statm, s)).toEqual([]);
      const maps = parseSmaps(m.readProc(`/proc/${pid}/smaps`));
      const rollup = parseSmapsRollup(m.readProc(`/proc/${pid}/smaps_rollup`));
      expect(maps).toHaveLength(1);
      expect(rollup.fields.Rss).toBe(s.memory?.vmRSS);
      expect(rollup.start).toBe(maps[0]?.start);
    });

    it('refuses a /proc path it does not have with ENOENT', () => {
      const m = small();
      const pid = m.spawn('p');
      for (const path of [
        '/proc/cpuinfo',
        `/proc/${pid}/maps`,
        '/proc/4242/status',
        `/proc/${pid}/status/x`,
        'status',
      ]) {
        expect(refusal(() => m.readProc(path)).code).toBe('ENOENT');
      }
      expect(m.readProc('meminfo')).toBe(m.readProc('/proc/meminfo'));
    });

    it('shows State R for a process that touched memory during this tick, S otherwise', () => {
      const m = small();
      const pid = m.spawn('busy');
      const va = m.mmap(pid, 4096, { prot: 'rw-' });
      expect(status(m, pid).state.code).toBe('S');
      m.touch(pid, va, 'write');
      expect(status(m, pid).state.code).toBe('R');
      m.tick();
      expect(status(m, pid).state.code).toBe('S');
    });
  });

  it('keeps every frame accounted for: free, page cache, mapped pages, page tables', () => {
    const m = small({ swapKb: 4 * MiB });
    const a = m.spawn('a');
    hog(m, a, 300);
    m.fork(a);
    m.write('f', 100 * 4096);
    const [held, most] = accounted(m);
    expect(held).toBeLessThanOrEqual(4032);
    expect(most).toBeGreaterThanOrEqual(4032);
    expect(held).toBe(4032);
    expect(m.buddy.freePages()).toBe(m.zone.freePages);
    expect(PAGE).toBe(4096n);
  });
});
