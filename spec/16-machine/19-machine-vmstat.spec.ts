import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { parseBuddyinfo } from '#kata/06-buddyinfo';
import { parseZoneinfo } from '#kata/12-watermarks';
import type { Machine } from '#kata/16-machine';
import { hog, MiB, PAGE, small } from './machines.ts';

type M = InstanceType<typeof Machine>;

/** /proc/vmstat as name → number. */
function vmstat(m: M): Record<string, number> {
  const lines = m.readProc('/proc/vmstat').trim().split('\n');
  return Object.fromEntries(lines.map((line) => [line.split(' ')[0], Number(line.split(' ')[1])]));
}

/** What /proc/meminfo says about the same pages, in pages. */
function meminfoPages(m: M): Record<string, number> {
  const info = parseMeminfo(m.readProc('/proc/meminfo'));
  const pages = (key: string) => (info[key] ?? Number.NaN) / 4;
  return {
    nr_free_pages: pages('MemFree'),
    nr_inactive_anon: pages('Inactive(anon)'),
    nr_active_anon: pages('Active(anon)'),
    nr_inactive_file: pages('Inactive(file)'),
    nr_active_file: pages('Active(file)'),
    nr_unevictable: pages('Unevictable'),
    nr_anon_pages: pages('AnonPages'),
    nr_mapped: pages('Mapped'),
    // Cached is NR_FILE_PAGES − swap cache − buffers (si_meminfo): vmstat counts them all
    nr_file_pages: pages('Cached') + pages('SwapCached') + pages('Buffers'),
    nr_dirty: pages('Dirty'),
    nr_writeback: pages('Writeback'),
    nr_shmem: pages('Shmem'),
    nr_anon_transparent_hugepages: pages('AnonHugePages') / 512,
    nr_page_table_pages: pages('PageTables'),
    nr_swapcached: pages('SwapCached'),
  };
}

/**
 * A workload that makes every counter of meminfoPages non-zero at some point: a 2 MiB page, shared memory,
 * a dirty file that kswapd writes back, anonymous pages swapped out and read back (they stay in the swap cache).
 */
function* workload(): Generator<M> {
  const m = small({ swapKb: 8 * MiB, kswapdBatch: 4096, thp: 'always' });
  yield m;
  const pid = m.spawn('mixed');
  const huge = m.mmap(pid, 4 * 1024 * 1024, { prot: 'rw-' });
  m.touch(pid, huge + 2n * 1024n * 1024n - PAGE, 'write');
  const shared = m.mmap(pid, 16 * 4096, { prot: 'rw-', shared: true });
  for (let i = 0n; i < 16n; i++) m.touch(pid, shared + i * PAGE, 'write');
  m.write('dirty', 1500 * 4096);
  yield m;
  m.read('dirty');
  m.read('dirty'); // read twice: active
  yield m;
  hog(m, pid, 1900); // free below low: kswapd writes the file back and swaps anonymous pages out
  yield m;
  for (let t = 0; t < 3; t++) {
    m.tick();
    yield m;
  }
  const swapped = [...(m.processes.get(pid)?.space.mm.swapEntries.keys() ?? [])].slice(0, 8);
  for (const va of swapped) m.touch(pid, va, 'read');
  yield m;
}

describe('Machine', () => {
  describe('/proc/vmstat', () => {
    it('counts the same pages as /proc/meminfo, as Linux does (one zone: nr_zone_* = nr_*, write_pending = dirty + writeback)', () => {
      const seen = new Set<string>();
      for (const m of workload()) {
        const v = vmstat(m);
        const expected = meminfoPages(m);
        for (const [name, pages] of Object.entries(expected)) {
          expect({ name, value: v[name] }).toEqual({ name, value: pages });
          if (pages > 0) seen.add(name);
        }
        for (const lru of ['inactive_anon', 'active_anon', 'inactive_file', 'active_file', 'unevictable'])
          expect(v[`nr_zone_${lru}`]).toBe(v[`nr_${lru}`]);
        expect(v.nr_zone_write_pending).toBe((v.nr_dirty ?? 0) + (v.nr_writeback ?? 0));
        // dirtyable memory: free above the reserve (here the high watermark) + the whole file LRU
        const file = (v.nr_active_file ?? 0) + (v.nr_inactive_file ?? 0);
        const dirtyable = Math.max((v.nr_free_pages ?? 0) - m.plan.watermarks.high, 0) + file;
        expect(v.nr_dirty_threshold).toBe(Math.floor(dirtyable / 5));
        // zoneinfo's Normal zone counts the same (the machine's one zone)
        const normal = parseZoneinfo(m.readProc('/proc/zoneinfo'))[2];
        expect(normal?.stats.nr_zone_write_pending).toBe(v.nr_zone_write_pending);
        expect(normal?.stats.nr_free_pages).toBe(v.nr_free_pages);
      }
      expect([...seen].sort()).toEqual(Object.keys(meminfoPages(small())).sort());
    });

    it("counts the free pages in blocks of 2 MiB or more (order ≥ 9) as nr_free_pages_blocks, from buddyinfo's columns", () => {
      const m = small({ thp: 'always' });
      // 16 MiB from PFN 0x100040: one order-9 block and three order-10 blocks from 0x100200
      expect(vmstat(m).nr_free_pages_blocks).toBe(512 + 3 * 1024);
      const pid = m.spawn('thp');
      const va = m.mmap(pid, 4 * 1024 * 1024, { prot: 'rw-' });
      m.touch(pid, va + 2n * 1024n * 1024n, 'write'); // a 2 MiB page, and the page tables above it
      const [normal] = parseBuddyinfo(m.readProc('/proc/buddyinfo'));
      const blocks = (normal?.free ?? []).reduce((sum, n, order) => (order >= 9 ? sum + n * 2 ** order : sum), 0);
      expect(vmstat(m).nr_free_pages_blocks).toBe(blocks);
      expect(blocks).toBeLessThan(512 + 3 * 1024);
    });

    it('counts the memory map the kernel set up at boot (64 bytes of struct page per page) as nr_memmap_boot_pages', () => {
      expect(vmstat(small()).nr_memmap_boot_pages).toBe(64);
      expect(vmstat(small({ memoryKb: 64 * MiB })).nr_memmap_boot_pages).toBe(256);
    });
  });
});
