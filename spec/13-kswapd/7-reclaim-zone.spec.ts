import { describe, expect, it } from 'vitest';
import { ReclaimConfigError, ReclaimZone, VMSTAT_NAMES } from '#kata/13-kswapd';
import { SMALL } from './helpers.ts';

type Zone = InstanceType<typeof ReclaimZone>;
const zone = (more: Partial<ConstructorParameters<typeof ReclaimZone>[0]> = {}) =>
  new ReclaimZone({ ...SMALL, ...more });
/** Allocates `count` pages of a kind; returns the results. */
const fill = (z: Zone, count: number, kind: 'anon' | 'file' | 'kernel' = 'file', more = {}) =>
  Array.from({ length: count }, () => z.allocate({ kind, ...more }));
const types = (z: Zone) => z.events.map((e) => e.type);

describe('ReclaimZone', () => {
  describe('a new zone', () => {
    it('has every page free, kswapd asleep, every /proc/vmstat counter at 0 and one sample at t = 0', () => {
      const z = zone();
      expect(z.freePages).toBe(1000);
      expect(z.kswapd).toBe('sleeping');
      expect(z.time).toBe(0);
      expect(Object.keys(z.vmstat).sort()).toEqual([...VMSTAT_NAMES].sort());
      expect(Object.values(z.vmstat).every((v) => v === 0)).toBe(true);
      expect(z.samples).toEqual([{ t: 0, free: 1000 }]);
      expect(z.events).toEqual([]);
      expect(z.config).toMatchObject({ swappiness: 60, swapPages: 0, kswapdBatch: 64, writebackTicks: 1 });
      expect(z.swapFree).toBe(0);
    });

    it.each([
      ['managedPages', { managedPages: 0 }],
      ['managedPages', { managedPages: -5 }],
      ['managedPages', { managedPages: 10.5 }],
      ['watermarks', { watermarks: { min: 130, low: 125, high: 150 } }],
      ['watermarks', { watermarks: { min: 100, low: 160, high: 150 } }],
      ['watermarks', { watermarks: { min: -1, low: 125, high: 150 } }],
      ['watermarks', { watermarks: { min: 100, low: 125, high: 1001 } }],
      ['watermarks', { watermarks: { min: 100, low: 125.5, high: 150 } }],
      ['swappiness', { swappiness: 201 }],
      ['swappiness', { swappiness: -1 }],
      ['swappiness', { swappiness: 60.5 }],
      ['swapPages', { swapPages: -1 }],
      ['kswapdBatch', { kswapdBatch: 0 }],
      ['writebackTicks', { writebackTicks: 0 }],
      ['watermarks', { watermarks: undefined as unknown as { min: number; low: number; high: number } }],
      ['watermarks', { watermarks: { min: 100, low: 125, high: 150.5 } }],
      ['swapPages', { swapPages: 1.5 }],
      ['kswapdBatch', { kswapdBatch: 1.5 }],
      ['writebackTicks', { writebackTicks: 2.5 }],
    ])('refuses an impossible %s with a ReclaimConfigError that names it (%j)', (field, bad) => {
      expect(() => zone(bad)).toThrow(ReclaimConfigError);
      try {
        zone(bad);
      } catch (error) {
        expect((error as ReclaimConfigError).field).toBe(field);
        // a learner's own Error subclass must still say what it is, and lead its message with the field
        expect((error as ReclaimConfigError).name).toBe('ReclaimConfigError');
        expect((error as ReclaimConfigError).message.startsWith(`${field}: `)).toBe(true);
      }
    });

    it('fills in kswapdBatch 1024 when it is not given', () => {
      expect(new ReclaimZone({ managedPages: 10, watermarks: { min: 1, low: 2, high: 3 } }).config.kswapdBatch).toBe(
        1024,
      );
    });

    it('accepts watermarks that are equal, high at the zone size, and swappiness 0 and 200', () => {
      expect(zone({ watermarks: { min: 100, low: 100, high: 100 } }).freePages).toBe(1000);
      expect(zone({ watermarks: { min: 0, low: 0, high: 1000 } }).config.watermarks.high).toBe(1000);
      expect(zone({ swappiness: 0 }).config.swappiness).toBe(0);
      expect(zone({ swappiness: 200 }).config.swappiness).toBe(200);
      // the smallest zone: one page (managedPages ≥ 1, not > 1)
      expect(new ReclaimZone({ managedPages: 1, watermarks: { min: 0, low: 0, high: 1 } }).freePages).toBe(1);
    });
  });

  describe('allocate', () => {
    it('takes the fast path while free stays above low, numbering pages 1, 2, 3 …', () => {
      const z = zone();
      expect(z.allocate({ kind: 'file' })).toEqual({ ok: true, id: 1, path: 'fast', actions: [] });
      expect(z.allocate({ kind: 'anon' })).toMatchObject({ ok: true, id: 2, path: 'fast' });
      expect(z.freePages).toBe(998);
      expect(z.lists.sizes()).toMatchObject({ inactive_file: 1, inactive_anon: 1 });
      expect(z.events).toEqual([]);
    });

    it('wakes kswapd when free is at low, takes the page above min, and wakes it only once', () => {
      const z = zone();
      fill(z, 875); // free 125 = low
      expect(z.events).toEqual([]);
      expect(z.allocate({ kind: 'file', task: { comm: 'cat', pid: 42 } })).toMatchObject({ ok: true, path: 'min' });
      expect(z.events).toEqual([
        { t: 0, type: 'wakeup_kswapd', order: 0, gfp: 'GFP_HIGHUSER_MOVABLE', task: { comm: 'cat', pid: 42 } },
      ]);
      expect(z.kswapd).toBe('running');
      fill(z, 10);
      expect(types(z)).toEqual(['wakeup_kswapd']);
    });

    it('marks a kernel allocation GFP_KERNEL, and keeps its page off the LRU', () => {
      const z = zone();
      fill(z, 875, 'kernel');
      z.allocate({ kind: 'kernel' });
      expect(z.events[0]).toMatchObject({ type: 'wakeup_kswapd', gfp: 'GFP_KERNEL' });
      expect(z.lists.count).toBe(0);
      expect(z.freePages).toBe(124);
    });

    it('reclaims by itself at min: an allocation stall between direct_reclaim_begin and _end (allocstall_normal)', () => {
      const z = zone();
      fill(z, 900); // free 100 = min; kswapd woken but has not run
      const r = z.allocate({ kind: 'file' });
      expect(r).toMatchObject({ ok: true, path: 'direct' });
      expect(types(z)).toEqual(['wakeup_kswapd', 'direct_reclaim_begin', 'direct_reclaim_end']);
      const end = z.events[2];
      expect(end).toMatchObject({ type: 'direct_reclaim_end' });
      const reclaimed = end?.type === 'direct_reclaim_end' ? end.nrReclaimed : -1;
      expect(reclaimed).toBeGreaterThanOrEqual(32);
      expect(z.vmstat.allocstall_normal).toBe(1);
      expect(z.vmstat.pgsteal_direct).toBe(reclaimed);
      expect(z.vmstat.pgscan_direct).toBe(reclaimed);
      expect(z.vmstat.pgsteal_kswapd).toBe(0);
      expect(z.freePages).toBe(100 + reclaimed - 1);
      // the oldest pages went first, as drop actions
      if (r.ok) expect(r.actions.slice(0, 3)).toEqual([1, 2, 3].map((id) => ({ type: 'drop', id })));
    });

    it('reports OOM after 16 direct reclaims in a row that free nothing, and allocates nothing', () => {
      const z = zone();
      fill(z, 900, 'anon'); // no swap: anon cannot be reclaimed
      const r = z.allocate({ kind: 'anon' });
      expect(r).toEqual({ ok: false, oom: true, actions: [] });
      expect(types(z)).toEqual([
        'wakeup_kswapd',
        ...Array.from({ length: 16 }, () => ['direct_reclaim_begin', 'direct_reclaim_end']).flat(),
        'oom',
      ]);
      expect(
        z.events
          .filter((e) => e.type === 'direct_reclaim_end')
          .every((e) => e.type === 'direct_reclaim_end' && e.nrReclaimed === 0),
      ).toBe(true);
      expect(z.vmstat.allocstall_normal).toBe(16);
      expect(z.vmstat.pgscan_anon).toBe(0);
      expect(z.freePages).toBe(100);
    });

    it('stops a direct reclaim once it has 32 pages (SWAP_CLUSTER_MAX), not at the first priority beyond 32', () => {
      const z = zone();
      fill(z, 80); // 80 file pages: priority 1 scans 40 of them and frees 32 in its first round
      fill(z, 820, 'kernel'); // free 100 = min
      z.allocate({ kind: 'kernel' });
      expect(z.events.find((e) => e.type === 'direct_reclaim_end')).toMatchObject({ nrReclaimed: 32 });
      expect(z.lists.sizes().inactive_file).toBe(48);
    });

    it('names the allocating task on every direct reclaim and OOM event it causes, as the trace shows it', () => {
      const z = zone();
      fill(z, 900, 'anon');
      const task = { comm: 'python3', pid: 17321 };
      z.allocate({ kind: 'anon', task });
      const stall = z.events.filter((e) => e.type !== 'wakeup_kswapd');
      expect(stall).toHaveLength(33);
      expect(stall[0]).toEqual({ t: 0, type: 'direct_reclaim_begin', order: 0, gfp: 'GFP_HIGHUSER_MOVABLE', task });
      expect(stall[1]).toEqual({ t: 0, type: 'direct_reclaim_end', nrReclaimed: 0, task });
      expect(stall.at(-1)).toEqual({ t: 0, type: 'oom', order: 0, task });
    });

    it('takes the ids it is given, and refuses one in use, a bad id or a bad kind with RangeError', () => {
      const z = zone();
      expect(z.allocate({ kind: 'file', id: 0x1234 })).toMatchObject({ id: 0x1234 });
      expect(z.allocate({ kind: 'kernel', id: 7 })).toMatchObject({ id: 7 });
      expect(() => z.allocate({ kind: 'file', id: 0x1234 })).toThrow(RangeError);
      expect(() => z.allocate({ kind: 'anon', id: 7 })).toThrow(RangeError);
      expect(() => z.allocate({ kind: 'file', id: 1.5 })).toThrow(RangeError);
      expect(() => z.allocate({ kind: 'slab' as 'kernel' })).toThrow(RangeError);
      expect(z.freePages).toBe(998);
      // numbering skips the ids taken
      fill(z, 7);
      expect(z.allocate({ kind: 'file' })).toMatchObject({ id: 9 });
    });

    it('puts an mlocked page on the unevictable list, and a dirty or referenced one as asked', () => {
      const z = zone();
      const a = z.allocate({ kind: 'anon', unevictable: true });
      const b = z.allocate({ kind: 'file', dirty: true, referenced: true });
      expect(a.ok && z.lists.get(a.id)?.lru).toBe('unevictable');
      expect(b.ok && z.lists.get(b.id)).toMatchObject({ dirty: true, referenced: true, lru: 'inactive_file' });
    });
  });

  describe('tick', () => {
    it('lets a woken kswapd reclaim until free is above high, then sleep (kswapd_wake, pageoutrun, kswapd_sleep)', () => {
      const z = zone();
      fill(z, 880); // free 120: kswapd woken
      const { actions } = z.tick();
      expect(z.time).toBe(1);
      expect(types(z)).toEqual(['wakeup_kswapd', 'kswapd_wake', 'kswapd_sleep']);
      expect(z.events.slice(1).every((e) => e.t === 1)).toBe(true);
      expect(z.freePages).toBeGreaterThan(150);
      expect(z.kswapd).toBe('sleeping');
      expect(z.vmstat.pageoutrun).toBe(1);
      expect(z.vmstat.pgsteal_kswapd).toBe(z.freePages - 120);
      expect(z.vmstat.pgsteal_direct).toBe(0);
      expect(actions.filter((a) => a.type === 'drop')).toHaveLength(z.freePages - 120);
      expect(z.samples).toEqual([
        { t: 0, free: 1000 },
        { t: 1, free: z.freePages },
      ]);
    });

    it('does nothing while kswapd sleeps', () => {
      const z = zone();
      fill(z, 10);
      expect(z.tick()).toEqual({ actions: [] });
      expect(z.events).toEqual([]);
      expect(z.freePages).toBe(990);
    });

    it('lets kswapd scan at most kswapdBatch pages a tick, and go on at the next', () => {
      const z = zone({ kswapdBatch: 10 });
      fill(z, 880);
      z.tick();
      expect(z.kswapd).toBe('running');
      expect(z.vmstat.pgscan_kswapd).toBeLessThanOrEqual(10 + 32);
      expect(z.vmstat.pgscan_kswapd).toBeGreaterThan(0);
      for (let i = 0; i < 10 && z.kswapd === 'running'; i++) z.tick();
      expect(z.kswapd).toBe('sleeping');
      expect(types(z)).toEqual(['wakeup_kswapd', 'kswapd_wake', 'kswapd_sleep']);
      expect(z.freePages).toBeGreaterThan(150);
    });

    it('counts the active pages kswapd moves down (pgrefill) into kswapdBatch, not only the inactive ones', () => {
      const z = new ReclaimZone({ ...SMALL, managedPages: 2000 });
      fill(z, 1880); // free 120: kswapd woken
      for (const page of z.lists.isolate('inactive_file', 1800)) z.lists.putBack(page, 'active_file');
      z.tick(); // 80 inactive beside 1800 active: most of what kswapd looks at is active
      expect(z.vmstat.pgrefill).toBeGreaterThan(0);
      expect(z.vmstat.pgrefill + z.vmstat.pgscan_kswapd).toBeLessThanOrEqual(64 + 32);
      expect(z.kswapd).toBe('running');
    });

    it('keeps the priority while kswapd frees pages: at 12, 16264 pages of cache give 3 a pass', () => {
      const z = new ReclaimZone({ ...SMALL, managedPages: 16384, kswapdBatch: 1024 });
      fill(z, 16264); // free 120
      z.tick();
      // 11 passes of 16264 >> 12 = 3 pages: free 153 > 150 (lowering it after each would scan 3 + 7 + 15 + 31)
      expect(z.vmstat.pgscan_kswapd).toBe(33);
      expect(z.freePages).toBe(153);
    });

    it('asks each kswapd pass for high pages (max(high, 32)), not 32: the pass frees every page it scans', () => {
      const z = zone({ kswapdBatch: 1024 });
      fill(z, 50, 'file', { referenced: true }); // at the tail: the passes at priority 9 … 5 rotate them
      fill(z, 830); // free 120
      z.tick();
      // 1 + 3 + 6 + 13 + 27 = 50 rotated, then priority 4 scans 880 >> 4 = 55 in two rounds (32 + 23) and frees
      // them all: 55 < 150 (a pass that wanted 32 would stop after the first round, at free 152)
      expect(z.vmstat.pgscan_kswapd).toBe(105);
      expect(z.vmstat.pgsteal_kswapd).toBe(55);
      expect(z.freePages).toBe(175);
    });

    it('writes dirty file pages back in kswapd, then frees them once clean (nr_vmscan_write, pgrotated)', () => {
      const z = zone({ writebackTicks: 2 });
      fill(z, 880, 'file', { dirty: true });
      const first = z.tick();
      expect(first.actions.length).toBeGreaterThan(0);
      expect(first.actions.every((a) => a.type === 'writeback')).toBe(true);
      expect(z.vmstat.nr_vmscan_write).toBe(first.actions.length);
      expect(z.vmstat.pgsteal_kswapd).toBe(0);
      const id = first.actions[0]?.id as number;
      expect(z.lists.get(id)).toMatchObject({ writeback: true, dirty: true, reclaim: true });
      expect(z.tick().actions.filter((a) => a.type === 'written')).toEqual([]); // not yet: it takes 2 ticks
      const third = z.tick();
      expect(third.actions).toContainEqual({ type: 'written', id });
      const written = new Set(third.actions.filter((a) => a.type === 'written').map((a) => a.id));
      expect(third.actions.some((a) => a.type === 'drop' && written.has(a.id))).toBe(true);
      expect(z.vmstat.pgrotated).toBeGreaterThan(0);
      expect(z.vmstat.pgsteal_kswapd).toBeGreaterThan(0);
    });

    it('ends a writeback cleanly: dirty, writeback and reclaim cleared, the page at the inactive tail', () => {
      const z = zone({ writebackTicks: 1 });
      const ids = fill(z, 780, 'file', { dirty: true }).map((r) => (r.ok ? r.id : -1));
      fill(z, 100, 'kernel'); // free 120: kswapd woken
      const started = z.tick().actions.map((a) => a.id);
      expect(started.length).toBeGreaterThan(0);
      for (const id of ids.slice(-100)) z.release(id); // free 220: kswapd will find nothing to do
      const { actions } = z.tick();
      expect(z.kswapd).toBe('sleeping');
      const written = actions.filter((a) => a.type === 'written').map((a) => a.id);
      expect(written).toEqual(started);
      for (const id of written) {
        expect(z.lists.get(id)).toMatchObject({ lru: 'inactive_file', dirty: false, writeback: false, reclaim: false });
      }
      expect(z.lists.pages('inactive_file').at(-1)?.id).toBe(written.at(-1));
    });

    it('forgets a page freed while it was being written: no written action, nothing rotated', () => {
      const z = zone({ writebackTicks: 2 });
      fill(z, 880, 'file', { dirty: true });
      const started = z.tick().actions.map((a) => a.id);
      for (const id of started) z.release(id);
      const later = [z.tick(), z.tick()].flatMap((r) => r.actions);
      expect(later.filter((a) => a.type === 'written' && started.includes(a.id))).toEqual([]);
      expect(z.vmstat.pgrotated).toBe(0);
    });

    it('puts a page whose writeback ended at the tail of its inactive list, clean', () => {
      const z = zone({ kswapdBatch: 1 });
      fill(z, 880, 'file', { dirty: true });
      const [started] = z.tick().actions;
      expect(started?.type).toBe('writeback');
      // the next tick: the writeback ends, the page goes to the inactive tail, and kswapd's first look takes it
      const { actions } = z.tick();
      expect(actions.slice(0, 2)).toEqual([
        { type: 'written', id: started?.id },
        { type: 'drop', id: started?.id },
      ]);
    });

    it('gives up on the node after 16 kswapd runs that free nothing (hopeless), and stops waking it', () => {
      const z = zone();
      fill(z, 880, 'anon'); // no swap, nothing to reclaim
      for (let i = 0; i < 15; i++) z.tick();
      expect(z.kswapd).toBe('running'); // 15 failed runs: not yet
      z.tick();
      expect(z.kswapd).toBe('hopeless');
      expect(types(z)).toEqual(['wakeup_kswapd', 'kswapd_wake', 'kswapd_sleep']);
      fill(z, 5, 'anon');
      z.tick();
      expect(types(z)).toHaveLength(3);
      // a direct reclaim that frees something (file pages now) revives it: the next allocation below low wakes it
      let r = z.allocate({ kind: 'file' });
      for (let i = 0; i < 100 && r.ok && r.path !== 'direct'; i++) r = z.allocate({ kind: 'file' });
      expect(r).toMatchObject({ ok: true, path: 'direct' });
      expect(z.kswapd).toBe('sleeping');
      z.allocate({ kind: 'file' });
      expect(z.kswapd).toBe('running');
      expect(types(z).filter((t) => t === 'wakeup_kswapd')).toHaveLength(2);
    });
  });

  describe('the counters', () => {
    it('counts activations, deactivations and marked dirty pages as /proc/vmstat does', () => {
      const z = zone();
      // 300 pages used twice (active), then 580 dirty ones, then free down to min
      for (let i = 0; i < 300; i++) {
        const r = z.allocate({ kind: 'file' });
        if (r.ok) {
          z.touch(r.id);
          z.touch(r.id);
        }
      }
      expect(z.vmstat.pgactivate).toBe(300);
      fill(z, 580, 'file', { dirty: true });
      fill(z, 20, 'file');
      z.allocate({ kind: 'file' }); // direct reclaim: the dirty ones are marked and activated, the active list refilled
      const v = z.vmstat;
      expect(v.nr_vmscan_immediate_reclaim).toBeGreaterThan(0);
      expect(v.pgactivate).toBeGreaterThanOrEqual(300 + v.nr_vmscan_immediate_reclaim);
      expect(v.pgrefill).toBeGreaterThan(0);
      expect(v.pgdeactivate).toBe(v.pgrefill);
      expect(v.nr_vmscan_write).toBe(0); // direct reclaim writes nothing
      expect(v.pageoutrun).toBe(0); // kswapd has not run yet
    });
  });

  describe('the workload', () => {
    it('counts an activation by a second access in pgactivate', () => {
      const z = zone();
      const r = z.allocate({ kind: 'file' });
      if (!r.ok) throw new Error('no page');
      z.touch(r.id);
      expect(z.vmstat.pgactivate).toBe(0);
      z.touch(r.id);
      expect(z.vmstat.pgactivate).toBe(1);
      expect(z.lists.get(r.id)?.lru).toBe('active_file');
    });

    it('ignores an access to a kernel page, and refuses an unknown page with RangeError', () => {
      const z = zone();
      z.allocate({ kind: 'kernel', id: 5 });
      z.touch(5);
      expect(() => z.touch(6)).toThrow(RangeError);
      expect(() => z.markDirty(5)).toThrow(RangeError);
      expect(() => z.release(6)).toThrow(RangeError);
    });

    it('marks a page dirty on a write through the page cache', () => {
      const z = zone();
      z.allocate({ kind: 'file', id: 3 });
      z.markDirty(3);
      expect(z.lists.get(3)?.dirty).toBe(true);
    });

    it('gives a released page back: off the lists, one more free page', () => {
      const z = zone();
      fill(z, 3);
      z.allocate({ kind: 'kernel', id: 50 });
      z.release(2);
      z.release(50);
      expect(z.freePages).toBe(998);
      expect(z.lists.get(2)).toBeUndefined();
      expect(z.lists.count).toBe(2);
      expect(() => z.release(50)).toThrow(RangeError);
    });

    it('takes a swap slot per anon page swapped out, and gets them back with releaseSwap', () => {
      const z = zone({ swapPages: 40 });
      fill(z, 900, 'anon');
      z.allocate({ kind: 'anon' });
      expect(z.vmstat.pswpout).toBeGreaterThanOrEqual(32);
      expect(z.swapFree).toBe(40 - z.vmstat.pswpout);
      expect(z.vmstat.nr_vmscan_write).toBe(z.vmstat.pswpout);
      expect(z.vmstat.pgsteal_anon).toBe(z.vmstat.pswpout);
      z.releaseSwap(5);
      expect(z.swapFree).toBe(45 - z.vmstat.pswpout);
      expect(() => z.releaseSwap(z.vmstat.pswpout)).toThrow(RangeError);
      expect(() => z.releaseSwap(-1)).toThrow(RangeError);
      expect(() => z.releaseSwap(1.5)).toThrow(RangeError);
      // every slot in use given back at once, and 0, are fine: swapFree ends at swapPages, never above
      z.releaseSwap(0);
      z.releaseSwap(40 - z.swapFree);
      expect(z.swapFree).toBe(40);
    });
  });
});
