import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECLAIM_RETRIES, type ReclaimEvent, ReclaimZone } from '#kata/13-kswapd';
import { hogSamples, traceEvents, vmstatDelta } from './captures.ts';
import { SMALL } from './helpers.ts';

type Zone = InstanceType<typeof ReclaimZone>;
/** 4 MiB: 1024 pages, min 64, low 80, high 96 (low − min = high − low, as the kernel spaces them). */
const MEDIUM = { managedPages: 1024, watermarks: { min: 64, low: 80, high: 96 }, kswapdBatch: 128 };

/** Trailing direct_reclaim_end / memcg_reclaim_end events that freed nothing, right before the OOM. */
function zeroPassesBeforeOom(ends: number[]): number {
  let n = 0;
  while (n < ends.length && ends[ends.length - 1 - n] === 0) n++;
  return n;
}

describe('ReclaimZone', () => {
  describe('scenarios', () => {
    it('serves a steady page-cache stream slower than kswapd without a single allocation stall', () => {
      const z = new ReclaimZone(MEDIUM);
      // 15 pages a tick: fewer than the 16 between low and min, and kswapd scans 128 a tick
      for (let t = 0; t < 200; t++) {
        for (let i = 0; i < 15; i++) z.allocate({ kind: 'file' });
        z.tick();
      }
      expect(z.vmstat.allocstall_normal).toBe(0);
      expect(z.vmstat.pgsteal_direct).toBe(0);
      expect(z.vmstat.pgsteal_kswapd).toBeGreaterThan(1900);
      expect(z.events.some((e) => e.type === 'direct_reclaim_begin')).toBe(false);
      expect(z.samples.every((s) => s.free > MEDIUM.watermarks.min)).toBe(true);
      // kswapd wakes when free reaches low and sleeps when it is above high, again and again
      const kswapd = z.events.filter((e) => e.type === 'kswapd_wake' || e.type === 'kswapd_sleep').map((e) => e.type);
      expect(kswapd.length).toBeGreaterThan(10);
      expect(kswapd.every((type, i) => type === (i % 2 === 0 ? 'kswapd_wake' : 'kswapd_sleep'))).toBe(true);
    });

    it('stalls a burst that outruns kswapd: the allocating task reclaims by itself below min', () => {
      const z = new ReclaimZone(MEDIUM);
      for (let i = 0; i < 928; i++) z.allocate({ kind: 'file' }); // free 96: at high, kswapd never woken
      z.tick();
      expect(z.vmstat.allocstall_normal).toBe(0);
      const paths = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const r = z.allocate({ kind: 'anon' });
        if (r.ok) paths.add(r.path);
      }
      expect([...paths].sort()).toEqual(['direct', 'fast', 'min']);
      expect(z.vmstat.allocstall_normal).toBeGreaterThan(0);
      expect(z.vmstat.pgsteal_direct).toBeGreaterThan(0);
      expect(z.events.filter((e) => e.type === 'direct_reclaim_begin')).toHaveLength(z.vmstat.allocstall_normal);
    });

    it('never scans anon without swap, drops the whole page cache, then reports OOM', () => {
      const z = new ReclaimZone({ ...MEDIUM, swapPages: 0 });
      for (let i = 0; i < 500; i++) z.allocate({ kind: 'file' });
      let oom = false;
      for (let t = 0; t < 200 && !oom; t++) {
        for (let i = 0; i < 50 && !oom; i++) oom = !z.allocate({ kind: 'anon' }).ok;
        z.tick();
      }
      expect(oom).toBe(true);
      expect(z.vmstat.pgscan_anon).toBe(0);
      expect(z.vmstat.pgsteal_file).toBe(500);
      expect(z.lists.sizes()).toMatchObject({ inactive_file: 0, active_file: 0 });
      expect(z.events.at(-1)?.type).toBe('oom');
    });

    it('with swap, swaps anon out instead: the same stream completes, pswpout growing', () => {
      const z = new ReclaimZone({ ...MEDIUM, swapPages: 2000 });
      for (let i = 0; i < 500; i++) z.allocate({ kind: 'file' });
      let last = 0;
      let refused = 0;
      let fell = 0;
      for (let t = 0; t < 25; t++) {
        for (let i = 0; i < 50; i++) if (!z.allocate({ kind: 'anon' }).ok) refused++;
        z.tick();
        if (z.vmstat.pswpout < last) fell++;
        last = z.vmstat.pswpout;
      }
      expect(refused).toBe(0);
      expect(fell).toBe(0);
      expect(z.vmstat.pswpout).toBeGreaterThan(0);
      expect(z.vmstat.pswpout).toBe(2000 - z.swapFree);
      expect(z.events.some((e) => e.type === 'oom')).toBe(false);
    });

    it('splits pressure by swappiness: 0 scans no anon, 200 scans no file, while both lists are big', () => {
      const run = (swappiness: number) => {
        const z = new ReclaimZone({ ...MEDIUM, swapPages: 2000, swappiness });
        // 256 file pages used twice (active) and 128 used once: the inactive file list is low, no cache trim
        for (let i = 0; i < 384; i++) {
          const r = z.allocate({ kind: 'file' });
          if (r.ok && i < 256) {
            z.touch(r.id);
            z.touch(r.id);
          }
        }
        for (let i = 0; i < 500; i++) z.allocate({ kind: 'anon' });
        // then 400 pages more: reclaim has to find about 350
        for (let t = 0; t < 8; t++) {
          for (let i = 0; i < 50; i++) z.allocate({ kind: 'anon' });
          z.tick();
        }
        return z.vmstat;
      };
      const s0 = run(0);
      expect(s0.pgscan_anon).toBe(0);
      expect(s0.pgscan_file).toBeGreaterThan(300);
      const s200 = run(200);
      expect(s200.pgscan_file).toBe(0);
      expect(s200.pgscan_anon).toBeGreaterThan(300);
      expect(s200.pswpout).toBe(s200.pgsteal_anon);
      const s60 = run(60);
      // 60 scans both, each list by its size times its type's share
      expect(s60.pgscan_anon).toBeGreaterThan(0);
      expect(s60.pgscan_file).toBeGreaterThan(0);
    });

    it('never scans the unevictable list: mlocked memory stays, and OOM comes when nothing else is left', () => {
      const z = new ReclaimZone(SMALL);
      for (let i = 0; i < 600; i++) z.allocate({ kind: 'anon', unevictable: true });
      for (let i = 0; i < 300; i++) z.allocate({ kind: 'file' });
      let r = z.allocate({ kind: 'file' });
      while (r.ok) r = z.allocate({ kind: 'anon', unevictable: true });
      expect(z.lists.sizes().unevictable).toBe(900);
      expect(z.vmstat.pgscan_file).toBe(301); // the 300 file pages, and the one the first stall made room for
      expect(z.vmstat.pgscan_anon).toBe(0);
    });
  });

  describe('against the capture of seed 004 in a memory cgroup (spec/fixtures/reclaim/hog)', () => {
    it('ends in reclaim passes that free nothing, then the OOM kill — the capture after 16 or more, the simulator after exactly 16', () => {
      const real = traceEvents('reclaim/hog/no-swap/trace.txt');
      const kill = real.findIndex((e) => e.event === 'mark_victim');
      expect(kill).toBeGreaterThan(0);
      const realEnds = real
        .slice(0, kill)
        .filter((e) => e.event === 'mm_vmscan_memcg_reclaim_end')
        .map((e) => Number(e.fields.nr_reclaimed));
      expect(realEnds[0]).toBeGreaterThan(0);
      expect(zeroPassesBeforeOom(realEnds)).toBeGreaterThanOrEqual(MAX_RECLAIM_RETRIES);

      const z = new ReclaimZone({ ...SMALL, swapPages: 0 });
      for (let i = 0; i < 200; i++) z.allocate({ kind: 'file' });
      let events: ReclaimEvent[] = [];
      for (let i = 0; i < 2000; i++) {
        if (!z.allocate({ kind: 'anon' }).ok) {
          events = z.events;
          break;
        }
      }
      expect(events.at(-1)?.type).toBe('oom');
      const ends = events.flatMap((e) => (e.type === 'direct_reclaim_end' ? [e.nrReclaimed] : []));
      expect(ends[0]).toBeGreaterThan(0);
      expect(zeroPassesBeforeOom(ends)).toBe(MAX_RECLAIM_RETRIES);
    });

    it('scans no anon page without swap, in the capture as in the simulator, and swaps nothing out', () => {
      expect(vmstatDelta('no-swap', ['pgscan_anon', 'pswpout', 'oom_kill'])).toEqual({
        pgscan_anon: 0,
        pswpout: 0,
        oom_kill: 1,
      });
      const z = new ReclaimZone({ ...SMALL, swapPages: 0 });
      for (let i = 0; i < 300; i++) z.allocate({ kind: 'file' });
      while (z.allocate({ kind: 'anon' }).ok);
      expect(z.vmstat).toMatchObject({ pgscan_anon: 0, pswpout: 0, pgsteal_file: 300 });
    });

    it('grows pswpout with VmSwap and never kills with enough swap, in the capture as in the simulator', () => {
      const samples = hogSamples('with-swap');
      const peak = samples.findIndex((s) => s.VmSwap === Math.max(...samples.map((x) => x.VmSwap as number)));
      expect(peak).toBeGreaterThan(100);
      for (let i = 1; i <= peak; i++) {
        const [a, b] = [samples[i - 1], samples[i]] as [Record<string, number>, Record<string, number>];
        expect(b.pswpout).toBeGreaterThanOrEqual(a.pswpout as number);
        // VmSwap only falls by what was read back in (pswpin, 4 KiB a page)
        expect((b.VmSwap as number) + 4 * (b.pswpin as number)).toBeGreaterThanOrEqual(
          (a.VmSwap as number) + 4 * (a.pswpin as number),
        );
        // the PTE becomes a swap entry (VmSwap) before its write is counted (pswpout): pages may be in flight
        // (the capture's largest gap is 45 pages)
        expect(((b.pswpout as number) + 64) * 4).toBeGreaterThanOrEqual(b.VmSwap as number);
      }
      expect(vmstatDelta('with-swap', ['oom_kill'])).toEqual({ oom_kill: 0 });

      const z = new ReclaimZone({ ...SMALL, swapPages: 2000 });
      let swappedPages = 0;
      let last = 0;
      let refused = 0;
      let wrong = 0;
      for (let t = 0; t < 100; t++) {
        for (let i = 0; i < 20; i++) {
          const r = z.allocate({ kind: 'anon' });
          if (!r.ok) refused++;
          swappedPages += r.actions.filter((a) => a.type === 'swap-out').length;
        }
        swappedPages += z.tick().actions.filter((a) => a.type === 'swap-out').length;
        // pswpout never falls, and counts exactly the pages swapped out
        if (z.vmstat.pswpout < last || z.vmstat.pswpout !== swappedPages) wrong++;
        last = z.vmstat.pswpout;
      }
      expect(refused).toBe(0);
      expect(wrong).toBe(0);
      expect(z.vmstat.pswpout).toBeGreaterThan(0);
    });
  });

  describe('properties', () => {
    type Op =
      | { op: 'alloc'; kind: 'anon' | 'file' | 'kernel'; dirty: boolean; unevictable: boolean }
      | { op: 'touch' | 'dirty' | 'release'; pick: number }
      | { op: 'tick' }
      | { op: 'releaseSwap'; n: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 12,
        arbitrary: fc.record({
          op: fc.constant('alloc' as const),
          kind: fc.constantFrom('anon' as const, 'file' as const, 'kernel' as const),
          dirty: fc.boolean(),
          unevictable: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constantFrom('touch' as const, 'dirty' as const, 'release' as const),
          pick: fc.nat(),
        }),
      },
      { weight: 2, arbitrary: fc.constant({ op: 'tick' as const }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('releaseSwap' as const), n: fc.nat(5) }) },
    );
    const configArb = fc.record({
      managedPages: fc.integer({ min: 64, max: 400 }),
      min: fc.integer({ min: 0, max: 20 }),
      gap: fc.integer({ min: 0, max: 10 }),
      swappiness: fc.integer({ min: 0, max: 200 }),
      swapPages: fc.nat(100),
      kswapdBatch: fc.integer({ min: 1, max: 64 }),
      writebackTicks: fc.integer({ min: 1, max: 3 }),
    });

    it('conserves pages, keeps free ≥ min after every allocation it grants, and keeps its counters consistent', () => {
      fc.assert(
        fc.property(configArb, fc.array(opArb, { minLength: 50, maxLength: 250 }), (c, ops) => {
          const { min, gap, ...rest } = c;
          const z: Zone = new ReclaimZone({ ...rest, watermarks: { min, low: min + gap, high: min + 2 * gap } });
          const live: { id: number; kind: string }[] = [];
          let kernel = 0;
          let swapUsed = 0;
          let broken = 0;
          for (const op of ops) {
            if (op.op === 'alloc') {
              const r = z.allocate({ kind: op.kind, dirty: op.dirty, unevictable: op.unevictable });
              if (r.ok) {
                if (z.freePages < min) broken++;
                live.push({ id: r.id, kind: op.kind });
                if (op.kind === 'kernel') kernel++;
              } else if (z.events.at(-1)?.type !== 'oom') broken++;
              for (const a of r.actions)
                if (a.type === 'drop' || a.type === 'swap-out')
                  live.splice(
                    live.findIndex((p) => p.id === a.id),
                    1,
                  );
            } else if (op.op === 'tick') {
              for (const a of z.tick().actions)
                if (a.type === 'drop' || a.type === 'swap-out')
                  live.splice(
                    live.findIndex((p) => p.id === a.id),
                    1,
                  );
            } else if (op.op === 'releaseSwap') {
              const n = Math.min(op.n, z.config.swapPages - z.swapFree);
              z.releaseSwap(n);
              swapUsed += n;
            } else if (live.length > 0) {
              const page = live[op.pick % live.length] as { id: number; kind: string };
              if (op.op === 'touch') z.touch(page.id);
              if (op.op === 'dirty' && page.kind !== 'kernel') z.markDirty(page.id);
              if (op.op === 'release') {
                z.release(page.id);
                live.splice(live.indexOf(page), 1);
                if (page.kind === 'kernel') kernel--;
              }
            }
            // conservation: every page is free, on a list, or a kernel page
            if (z.freePages + z.lists.count + kernel !== c.managedPages || z.lists.count + kernel !== live.length) {
              broken++;
            }
          }
          expect(broken).toBe(0);
          const v = z.vmstat;
          expect(v.pgscan_anon + v.pgscan_file).toBe(v.pgscan_kswapd + v.pgscan_direct);
          expect(v.pgsteal_anon + v.pgsteal_file).toBe(v.pgsteal_kswapd + v.pgsteal_direct);
          expect(v.pgsteal_kswapd).toBeLessThanOrEqual(v.pgscan_kswapd);
          expect(v.pgsteal_direct).toBeLessThanOrEqual(v.pgscan_direct);
          expect(v.pswpout).toBe(v.pgsteal_anon);
          expect(v.pswpout).toBe(c.swapPages - z.swapFree + swapUsed);
          if (c.swapPages === 0) expect(v.pgscan_anon).toBe(0);
          expect(v.allocstall_normal).toBe(z.events.filter((e) => e.type === 'direct_reclaim_begin').length);
          expect(z.samples.map((s) => s.t)).toEqual(Array.from({ length: z.time + 1 }, (_, t) => t));
        }),
        { numRuns: 40 },
      );
    });

    it('tells a well-formed story: kswapd wakes only from sleep, sleeps only awake; every direct reclaim ends', () => {
      fc.assert(
        fc.property(configArb, fc.array(opArb, { minLength: 50, maxLength: 300 }), (c, ops) => {
          const { min, gap, ...rest } = c;
          const z = new ReclaimZone({ ...rest, watermarks: { min, low: min + gap, high: min + 2 * gap } });
          const live: number[] = [];
          for (const op of ops) {
            if (op.op === 'alloc') {
              const r = z.allocate({ kind: op.kind });
              if (r.ok) live.push(r.id);
            } else if (op.op === 'tick') z.tick();
            else if (op.op === 'release' && live.length > 0) {
              const [id] = live.splice(op.pick % live.length, 1);
              if (z.lists.get(id as number) || op.pick % 2) {
                try {
                  z.release(id as number);
                } catch (error) {
                  expect(error).toBeInstanceOf(RangeError); // reclaimed meanwhile
                }
              }
            }
          }
          let kswapd: 'asleep' | 'woken' | 'running' = 'asleep';
          let inDirect = false;
          let lastT = 0;
          for (const e of z.events) {
            expect(e.t).toBeGreaterThanOrEqual(lastT);
            lastT = e.t;
            if (e.type === 'wakeup_kswapd') {
              expect(kswapd).toBe('asleep');
              kswapd = 'woken';
            }
            if (e.type === 'kswapd_wake') {
              expect(kswapd).toBe('woken');
              kswapd = 'running';
            }
            if (e.type === 'kswapd_sleep') {
              expect(kswapd).toBe('running');
              kswapd = 'asleep';
            }
            if (e.type === 'direct_reclaim_begin') {
              expect(inDirect).toBe(false);
              inDirect = true;
            }
            if (e.type === 'direct_reclaim_end') {
              expect(inDirect).toBe(true);
              inDirect = false;
            }
            if (e.type === 'oom') expect(inDirect).toBe(false);
          }
          expect(inDirect).toBe(false);
        }),
        { numRuns: 60 },
      );
    });
  });
});
