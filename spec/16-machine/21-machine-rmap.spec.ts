import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { parseSmaps } from '#kata/03-smaps';
import { parseStatus } from '#kata/04-status';
import { oomScore, totalPages } from '#kata/15-oom-killer';
import type { Machine } from '#kata/16-machine';
import { accounted, hog, MiB, PAGE, small } from './machines.ts';

type M = InstanceType<typeof Machine>;
const meminfo = (m: M) => parseMeminfo(m.readProc('/proc/meminfo'));
const memory = (m: M, pid: number) => parseStatus(m.readProc(`/proc/${pid}/status`)).memory;

/** Every frame accounted for, and the buddy allocator in step with the zone. */
function consistent(m: M): void {
  const [held, most] = accounted(m);
  expect(held).toBeLessThanOrEqual(m.plan.managedPages);
  expect(most).toBeGreaterThanOrEqual(m.plan.managedPages);
  expect(m.buddy.freePages()).toBe(m.zone.freePages);
}

describe('Machine', () => {
  describe('reclaim finds every PTE of a page (the rmap)', () => {
    it('swaps out the copies a child made on write after fork, from the child', () => {
      const m = small({ swapKb: 16 * MiB });
      const parent = m.spawn('parent');
      const va = hog(m, parent, 500);
      const child = m.fork(parent);
      for (let i = 0n; i < 500n; i++) m.touch(child, va + i * PAGE, 'write'); // 500 copies
      m.exit(parent); // the copies are now the oldest anonymous pages
      const other = m.spawn('pressure');
      hog(m, other, 3400);
      const s = memory(m, child);
      expect(s?.vmSwap).toBeGreaterThan(0);
      expect((s?.vmRSS ?? 0) + (s?.vmSwap ?? 0)).toBe(500 * 4);
      consistent(m);
    });

    it("swaps out the parent's pages after a child copied them all on write, and leaves the child's copies mapped", () => {
      const m = small({ swapKb: 16 * MiB });
      const parent = m.spawn('parent');
      const va = hog(m, parent, 500);
      const child = m.fork(parent);
      for (let i = 0n; i < 500n; i++) m.touch(child, va + i * PAGE, 'write');
      const other = m.spawn('pressure');
      hog(m, other, 2900); // the parent's pages are the oldest
      expect(memory(m, parent)?.vmSwap).toBeGreaterThan(0);
      for (const pid of [parent, child]) {
        const s = memory(m, pid);
        expect((s?.vmRSS ?? 0) + (s?.vmSwap ?? 0)).toBe(500 * 4);
      }
      consistent(m);
    });

    it('swaps out a 2 MiB page first faulted in its middle, page by page after a split', () => {
      const m = small({ swapKb: 16 * MiB, thp: 'always' });
      const pid = m.spawn('thp');
      const va = m.mmap(pid, 4 * 1024 * 1024, { prot: 'rw-' });
      const haddr = (va + 2n * 1024n * 1024n - 1n) & ~(2n * 1024n * 1024n - 1n);
      expect(m.touch(pid, haddr + 300n * PAGE, 'write')).toMatchObject({ cause: 'huge-page' });
      const other = m.spawn('pressure');
      hog(m, other, 3600);
      const s = memory(m, pid);
      expect(s?.vmSwap).toBeGreaterThan(0);
      expect((s?.vmRSS ?? 0) + (s?.vmSwap ?? 0)).toBe(2048);
      consistent(m);
      m.exit(pid);
      m.exit(other);
      expect(meminfo(m).SwapFree).toBe(meminfo(m).SwapTotal);
      consistent(m);
    });

    it('brings pages back from swap for two processes that share them after fork, and swaps them out again', () => {
      const m = small({ swapKb: 16 * MiB });
      const parent = m.spawn('parent');
      const va = hog(m, parent, 300);
      const pressure = m.spawn('pressure');
      hog(m, pressure, 3600);
      const child = m.fork(parent);
      for (let i = 0n; i < 300n; i++) m.touch(child, va + i * PAGE, 'read'); // swap-ins, shared with the parent
      for (let i = 0n; i < 300n; i++) m.touch(parent, va + i * PAGE, 'read');
      m.exit(pressure);
      const again = m.spawn('again');
      hog(m, again, 3700);
      for (const pid of [parent, child]) {
        const s = memory(m, pid);
        expect((s?.vmRSS ?? 0) + (s?.vmSwap ?? 0)).toBe(300 * 4);
      }
      consistent(m);
    });
  });

  describe('/proc/PID/smaps and oom_score', () => {
    it('splits a swap entry two processes share after fork: SwapPss is half of Swap', () => {
      const m = small({ swapKb: 16 * MiB });
      const pid = m.spawn('p');
      hog(m, pid, 4500);
      const child = m.fork(pid);
      const [mapping] = parseSmaps(m.readProc(`/proc/${child}/smaps`));
      expect(mapping?.fields.Swap).toBeGreaterThan(0);
      expect(mapping?.fields.SwapPss).toBe((mapping?.fields.Swap ?? 0) / 2);
    });

    it('gives each MAP_SHARED object an inode of its own, the same on every read', () => {
      const m = small();
      const pid = m.spawn('p');
      m.mmap(pid, 4096, { prot: 'rw-', shared: true });
      m.mmap(pid, 4096, { prot: 'r--', shared: true });
      const inodes = () => parseSmaps(m.readProc(`/proc/${pid}/smaps`)).map((x) => x.inode);
      const first = inodes();
      expect(new Set(first).size).toBe(2);
      expect(first.every((inode) => inode > 0)).toBe(true);
      expect(inodes()).toEqual(first);
    });

    it("scores a partly swapped process by its RSS, swap and page tables (kata 15's oom_badness)", () => {
      const m = small({ swapKb: 16 * MiB });
      const pid = m.spawn('p');
      hog(m, pid, 4500);
      const s = memory(m, pid);
      expect(s?.vmSwap).toBeGreaterThan(0);
      const task = {
        pid,
        name: 'p',
        rssPages: (s?.vmRSS ?? 0) / 4,
        swapPages: (s?.vmSwap ?? 0) / 4,
        pgtablesBytes: (s?.vmPTE ?? 0) * 1024,
        oomScoreAdj: 0,
      };
      const total = totalPages({ memTotalKb: 4032 * 4, swapTotalKb: 16 * MiB - 4 });
      expect(Number(m.readProc(`/proc/${pid}/oom_score`))).toBe(oomScore(task, total));
    });
  });

  describe('the page cache under reclaim', () => {
    it('reads a dropped file back clean: reclaim drops it again without writing it', () => {
      const m = small();
      m.write('data', 1500 * 4096);
      m.sync();
      const first = m.spawn('hog');
      hog(m, first, 3000); // drops most of the clean cache
      m.exit(first);
      m.read('data'); // read back from the disk
      const writes = m.vmstat().nr_vmscan_write;
      const second = m.spawn('hog');
      hog(m, second, 3000);
      expect(m.vmstat().pgsteal_file).toBeGreaterThan(0);
      expect(m.vmstat().nr_vmscan_write).toBe(writes);
    });

    it('counts active file pages as dirtyable for the flusher: Dirty stays at 10 % of free + the whole file LRU', () => {
      const m = small();
      m.write('hot', 1000 * 4096);
      m.sync();
      m.read('hot');
      m.read('hot'); // active now
      m.write('new', 400 * 4096);
      m.tick();
      const info = meminfo(m);
      expect(info['Active(file)']).toBe(4000);
      const dirtyable = Math.max((info.MemFree ?? 0) / 4 - 288, 0) + 1400;
      expect(info.Dirty).toBe(Math.floor(dirtyable / 10) * 4);
    });
  });
});
