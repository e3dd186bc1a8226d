import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NewPage, shrinkLruvec } from '#kata/13-kswapd';
import { control, listsOf, pages } from './helpers.ts';

/** 1024 anon and 1024 file pages, all inactive, clean and unreferenced. */
const mixed = () => listsOf([...pages(1, 1024, { kind: 'anon' }), ...pages(10001, 1024, { kind: 'file' })]);

/** The same, plus 2048 active file pages: the inactive file list is low, so no cache trim. */
function withActiveFile() {
  const lists = listsOf([
    ...pages(1, 1024, { kind: 'anon' }),
    ...pages(20001, 2048, { kind: 'file' }),
    ...pages(10001, 1024, { kind: 'file' }),
  ]);
  for (const page of lists.isolate('inactive_file', 2048)) lists.putBack(page, 'active_file');
  return lists;
}

describe('shrinkLruvec', () => {
  it('never scans anon without swap (SCAN_FILE): only file pages go', () => {
    const lists = mixed();
    const stats = shrinkLruvec(lists, control({ priority: 0, swapFree: 0, nrToReclaim: 10000 }));
    expect(stats.scannedAnon).toBe(0);
    expect(stats.reclaimedFile).toBe(1024);
    expect(lists.sizes().inactive_anon).toBe(1024);
  });

  it('scans size / 2^priority per list, shared by swappiness (SCAN_FRACT), until nrToReclaim is reached', () => {
    // priority 3: inactive anon 1024/8 = 128 → ·60/200 = 38; inactive file 128 → ·140/200 = 89;
    // active file 2048/8 = 256 → ·140/200 = 179, deactivated because the inactive file list is low
    const stats = shrinkLruvec(withActiveFile(), control({ priority: 3, swapFree: 100000, nrToReclaim: 100000 }));
    expect(stats).toMatchObject({
      scannedAnon: 38,
      scannedFile: 89,
      reclaimedAnon: 38,
      reclaimedFile: 89,
      refilled: 179,
    });
  });

  it('stops after the round that reaches nrToReclaim: 32 from each list', () => {
    const stats = shrinkLruvec(mixed(), control({ priority: 0, swapFree: 100000, nrToReclaim: 32 }));
    // priority 0 with swappiness 60 is SCAN_EQUAL: both lists, 32 each in the first round
    expect(stats).toMatchObject({ scannedAnon: 32, scannedFile: 32, reclaimedAnon: 32, reclaimedFile: 32 });
    // exactly nrToReclaim after a round is enough
    const exact = shrinkLruvec(mixed(), control({ priority: 0, swapFree: 100000, nrToReclaim: 64 }));
    expect(exact.reclaimedAnon + exact.reclaimedFile).toBe(64);
    const more = shrinkLruvec(mixed(), control({ priority: 0, swapFree: 100000, nrToReclaim: 65 }));
    expect(more.reclaimedAnon + more.reclaimedFile).toBe(128);
  });

  it("stops when scanLimit pages were scanned (kswapd's work for one tick)", () => {
    const stats = shrinkLruvec(
      mixed(),
      control({ priority: 0, swapFree: 100000, nrToReclaim: 100000, scanLimit: 100 }),
    );
    expect(stats.scannedAnon + stats.scannedFile).toBe(128); // four rounds of 32 + 32 reach 100 at the second
    // reaching the limit exactly is enough: 64 stops after the first round
    const exact = shrinkLruvec(mixed(), control({ priority: 0, swapFree: 100000, nrToReclaim: 100000, scanLimit: 64 }));
    expect(exact.scannedAnon + exact.scannedFile).toBe(64);
    // active pages moved down count too: 32 inactive + 32 active file pages reach 64 in the first round
    const refill = listsOf(pages(1, 1056, { kind: 'file' }));
    for (const page of refill.isolate('inactive_file', 1024)) refill.putBack(page, 'active_file');
    const counted = shrinkLruvec(refill, control({ priority: 0, nrToReclaim: 100000, scanLimit: 64 }));
    expect(counted).toMatchObject({ scannedFile: 32, refilled: 32 });
  });

  it('splits the pressure by swappiness: 0 leaves anon alone, 200 leaves file alone', () => {
    const s0 = shrinkLruvec(
      withActiveFile(),
      control({ priority: 3, swappiness: 0, swapFree: 100000, nrToReclaim: 1e6 }),
    );
    expect(s0).toMatchObject({ scannedAnon: 0, scannedFile: 128, refilled: 256 });
    const s200 = shrinkLruvec(
      withActiveFile(),
      control({ priority: 3, swappiness: 200, swapFree: 100000, nrToReclaim: 1e6 }),
    );
    expect(s200).toMatchObject({ scannedFile: 0, refilled: 0, scannedAnon: 128 });
  });

  it('scans anon even with swappiness 0 when the file cache is tiny (file + free ≤ high)', () => {
    const lists = listsOf([...pages(1, 1024, { kind: 'anon' }), ...pages(10001, 100, { kind: 'file' })]);
    const stats = shrinkLruvec(
      lists,
      control({ priority: 3, swappiness: 0, swapFree: 100000, nrToReclaim: 1e6, freePages: 100, highWatermark: 200 }),
    );
    expect(stats.scannedAnon).toBe(128);
    expect(stats.scannedFile).toBe(0);
  });

  it('does not call the file cache tiny when inactive anon has nothing to scan at this priority (7 >> 3 = 0)', () => {
    const lists = listsOf([...pages(1, 7, { kind: 'anon' }), ...pages(10001, 50, { kind: 'file' })]);
    const stats = shrinkLruvec(
      lists,
      control({ priority: 3, swapFree: 100, nrToReclaim: 1e6, freePages: 10, highWatermark: 100 }),
    );
    // not tiny, so cache trim: 50 >> 3 = 6 file pages, no anon
    expect(stats).toMatchObject({ scannedFile: 6, scannedAnon: 0 });
  });

  it('takes inactive file first when there is plenty of it (cache trim), whatever the swappiness', () => {
    // 200 would scan anon only, but the inactive file list is not low and 1024 >> 3 > 0: cache trim, file only
    const stats = shrinkLruvec(mixed(), control({ priority: 3, swappiness: 200, swapFree: 100000, nrToReclaim: 1e6 }));
    expect(stats).toMatchObject({ scannedAnon: 0, scannedFile: 128 });
    // at priority 10, 1024 >> 10 = 1 is still "plenty"; with 1023 pages it is not, and swappiness decides
    expect(
      shrinkLruvec(mixed(), control({ priority: 10, swappiness: 200, swapFree: 100000, nrToReclaim: 1e6 })),
    ).toMatchObject({ scannedAnon: 0, scannedFile: 1 });
    const few = listsOf([...pages(1, 2048, { kind: 'anon' }), ...pages(10001, 1023, { kind: 'file' })]);
    expect(
      shrinkLruvec(few, control({ priority: 10, swappiness: 200, swapFree: 100000, nrToReclaim: 1e6 })),
    ).toMatchObject({ scannedAnon: 2, scannedFile: 0 });
  });

  it('refills a short inactive list from its active list, and leaves a long one alone', () => {
    const lists = listsOf(pages(1, 100, { kind: 'file' }));
    for (const page of lists.isolate('inactive_file', 80)) lists.putBack(page, 'active_file');
    // inactive 20 < active 80: the inactive file list is low
    const stats = shrinkLruvec(lists, control({ priority: 0, nrToReclaim: 1e6 }));
    expect(stats.refilled).toBe(80);
    expect(stats.deactivated).toBe(80);
    const balanced = listsOf(pages(1, 100, { kind: 'file' }));
    for (const page of balanced.isolate('inactive_file', 40)) balanced.putBack(page, 'active_file');
    expect(shrinkLruvec(balanced, control({ priority: 0, nrToReclaim: 1e6 })).refilled).toBe(0);
  });

  it('refills an active list only when inactiveIsLow says its inactive list is low', () => {
    // below 1 GiB the ratio is 1: 100 inactive beside 200 active is low, 150 beside 150 is not
    const small = listsOf(pages(1, 300, { kind: 'anon' }));
    for (const page of small.isolate('inactive_anon', 200)) small.putBack(page, 'active_anon');
    expect(shrinkLruvec(small, control({ priority: 12, swappiness: 0, swapFree: 1e6, nrToReclaim: 1 })).refilled).toBe(
      32,
    );
    const even = listsOf(pages(1, 300, { kind: 'anon' }));
    for (const page of even.isolate('inactive_anon', 150)) even.putBack(page, 'active_anon');
    expect(shrinkLruvec(even, control({ priority: 12, swappiness: 0, swapFree: 1e6, nrToReclaim: 1 })).refilled).toBe(
      0,
    );
  });

  it("refills active anon in the loop by the anon lists' own balance, not the file lists'", () => {
    // 100 inactive beside 200 active anon is low; there are no file pages, whose lists are not low
    const lists = listsOf(pages(1, 300, { kind: 'anon' }));
    for (const page of lists.isolate('inactive_anon', 200)) lists.putBack(page, 'active_anon');
    const stats = shrinkLruvec(lists, control({ priority: 0, swapFree: 1000, nrToReclaim: 1e6 }));
    // four rounds (32, 32, 32, 4 inactive pages) each refill 32 active pages
    expect(stats.refilled).toBe(128);
  });

  it('ages active anon after the pass when swap exists and inactive anon is low, even if anon was not scanned', () => {
    const lists = listsOf([...pages(1, 64, { kind: 'anon' }), ...pages(1001, 1024, { kind: 'file' })]);
    for (const page of lists.isolate('inactive_anon', 64)) lists.putBack(page, 'active_anon');
    const stats = shrinkLruvec(lists, control({ priority: 10, swappiness: 0, swapFree: 100, nrToReclaim: 1e6 }));
    expect(stats.scannedAnon).toBe(0);
    expect(stats.refilled).toBe(32);
    expect(lists.sizes()).toMatchObject({ active_anon: 32, inactive_anon: 32 });
    // without swap anon is never aged
    const noSwap = listsOf(pages(1, 64, { kind: 'anon' }));
    for (const page of noSwap.isolate('inactive_anon', 64)) noSwap.putBack(page, 'active_anon');
    expect(shrinkLruvec(noSwap, control({ priority: 0, swapFree: 0 })).refilled).toBe(0);
  });

  it('never touches the unevictable list', () => {
    const lists = listsOf(pages(1, 50, { kind: 'file', unevictable: true }));
    const stats = shrinkLruvec(lists, control({ priority: 0, nrToReclaim: 1e6 }));
    expect(stats.scannedFile + stats.refilled).toBe(0);
    expect(lists.sizes().unevictable).toBe(50);
  });

  it('conserves pages: every page is still on a list or was reclaimed, with one action per freed page', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('anon' as const, 'file' as const),
            dirty: fc.boolean(),
            referenced: fc.boolean(),
            unevictable: fc.boolean(),
          }),
          { maxLength: 300 },
        ),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 200 }),
        fc.nat(50),
        fc.constantFrom('kswapd' as const, 'direct' as const),
        (specs, priority, swappiness, swapFree, reclaimer) => {
          const lists = listsOf(specs.map((s, id): NewPage => ({ id, ...s })));
          const sc = control({ priority, swappiness, swapFree, reclaimer, nrToReclaim: 32 });
          const stats = shrinkLruvec(lists, sc);
          const reclaimed = stats.reclaimedAnon + stats.reclaimedFile;
          const total = Object.values(lists.sizes()).reduce((a, b) => a + b, 0);
          expect(total + reclaimed).toBe(specs.length);
          const freed = stats.actions.filter((a) => a.type === 'drop' || a.type === 'swap-out');
          expect(freed).toHaveLength(reclaimed);
          expect(stats.swappedOut).toBe(swapFree - sc.swapFree);
          expect(stats.reclaimedAnon).toBeLessThanOrEqual(stats.scannedAnon);
          expect(stats.reclaimedFile).toBeLessThanOrEqual(stats.scannedFile);
          for (const a of freed) expect(lists.get(a.id)).toBeUndefined();
        },
      ),
    );
  });
});
