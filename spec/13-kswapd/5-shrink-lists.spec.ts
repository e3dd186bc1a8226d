import { describe, expect, it } from 'vitest';
import { shrinkActiveList, shrinkInactiveList } from '#kata/13-kswapd';
import { control, idsOn, listsOf, pages } from './helpers.ts';

describe('shrinkInactiveList', () => {
  it('drops clean file pages from the tail, oldest first, and counts them scanned and reclaimed', () => {
    const lists = listsOf(pages(1, 10, { kind: 'file' }));
    const stats = shrinkInactiveList(lists, 'inactive_file', 4, control());
    expect(stats).toMatchObject({ scannedFile: 4, reclaimedFile: 4, scannedAnon: 0, reclaimedAnon: 0, activated: 0 });
    expect(stats.actions).toEqual([1, 2, 3, 4].map((id) => ({ type: 'drop', id })));
    expect(idsOn(lists, 'inactive_file')).toEqual([10, 9, 8, 7, 6, 5]);
    expect(lists.get(1)).toBeUndefined();
  });

  it('rotates a referenced page to the head with its bit cleared: the second chance', () => {
    const lists = listsOf([...pages(1, 2, { kind: 'file', referenced: true }), ...pages(3, 2, { kind: 'file' })]);
    const stats = shrinkInactiveList(lists, 'inactive_file', 4, control());
    expect(stats).toMatchObject({ scannedFile: 4, reclaimedFile: 2, rotated: 2 });
    expect(idsOn(lists, 'inactive_file')).toEqual([2, 1]);
    expect(lists.get(1)?.referenced).toBe(false);
    // the next pass finds them unreferenced: now they go
    shrinkInactiveList(lists, 'inactive_file', 4, control());
    expect(lists.count).toBe(0);
  });

  it('swaps anon pages out while swap slots last, taking one slot each; then activates the rest', () => {
    const lists = listsOf(pages(1, 5, { kind: 'anon' }));
    const sc = control({ swapFree: 3 });
    const stats = shrinkInactiveList(lists, 'inactive_anon', 5, sc);
    expect(stats).toMatchObject({ scannedAnon: 5, reclaimedAnon: 3, swappedOut: 3, written: 3, activated: 2 });
    expect(sc.swapFree).toBe(0);
    expect(stats.actions).toEqual([1, 2, 3].map((id) => ({ type: 'swap-out', id })));
    expect(idsOn(lists, 'active_anon')).toEqual([5, 4]);
  });

  it('starts writeback of dirty file pages in kswapd: they stay inactive, marked for reclaim', () => {
    const lists = listsOf(pages(1, 3, { kind: 'file', dirty: true }));
    const stats = shrinkInactiveList(lists, 'inactive_file', 3, control({ reclaimer: 'kswapd' }));
    expect(stats).toMatchObject({ scannedFile: 3, reclaimedFile: 0, written: 3, immediate: 0, activated: 0 });
    expect(stats.actions).toEqual([1, 2, 3].map((id) => ({ type: 'writeback', id })));
    expect(lists.get(2)).toMatchObject({ lru: 'inactive_file', dirty: true, writeback: true, reclaim: true });
  });

  it('only marks dirty file pages in direct reclaim, and moves them to the active list (nr_vmscan_immediate_reclaim)', () => {
    const lists = listsOf(pages(1, 3, { kind: 'file', dirty: true }));
    const stats = shrinkInactiveList(lists, 'inactive_file', 3, control({ reclaimer: 'direct' }));
    expect(stats).toMatchObject({ scannedFile: 3, reclaimedFile: 0, written: 0, immediate: 3, activated: 3 });
    expect(stats.actions).toEqual([]);
    expect(lists.get(1)).toMatchObject({ lru: 'active_file', dirty: true, writeback: false, reclaim: true });
  });

  it('moves a page under writeback out of the way, to the active list, without counting it immediate', () => {
    const lists = listsOf(pages(1, 1, { kind: 'file', dirty: true }));
    shrinkInactiveList(lists, 'inactive_file', 1, control({ reclaimer: 'kswapd' }));
    const stats = shrinkInactiveList(lists, 'inactive_file', 1, control({ reclaimer: 'kswapd' }));
    expect(stats).toMatchObject({ scannedFile: 1, activated: 1, immediate: 0, written: 0 });
    expect(lists.get(1)).toMatchObject({ lru: 'active_file', writeback: true, reclaim: true });
  });

  it('marks any page under writeback for reclaim when it moves it out of the way, anon included', () => {
    const lists = listsOf(pages(1, 1, { kind: 'anon' }));
    const page = lists.get(1);
    if (page) page.writeback = true;
    const stats = shrinkInactiveList(lists, 'inactive_anon', 1, control({ swapFree: 10 }));
    expect(stats).toMatchObject({ activated: 1, immediate: 0, swappedOut: 0 });
    expect(lists.get(1)).toMatchObject({ lru: 'active_anon', reclaim: true });
  });

  it('counts only dirty file pages as immediate: a dirty anon page without swap is just activated', () => {
    const lists = listsOf(pages(1, 2, { kind: 'anon', dirty: true }));
    const stats = shrinkInactiveList(lists, 'inactive_anon', 2, control({ reclaimer: 'direct', swapFree: 0 }));
    expect(stats).toMatchObject({ activated: 2, immediate: 0 });
    expect(lists.get(1)).toMatchObject({ lru: 'active_anon', reclaim: false });
  });

  it('scans no more than asked, nor than the list holds', () => {
    const lists = listsOf(pages(1, 3, { kind: 'file' }));
    expect(shrinkInactiveList(lists, 'inactive_file', 2, control()).scannedFile).toBe(2);
    expect(shrinkInactiveList(lists, 'inactive_file', 32, control()).scannedFile).toBe(1);
    expect(shrinkInactiveList(lists, 'inactive_file', 32, control()).scannedFile).toBe(0);
  });
});

describe('shrinkActiveList', () => {
  it('moves pages from the active tail to the inactive head, referenced bits cleared (pgrefill, pgdeactivate)', () => {
    const lists = listsOf(pages(1, 4, { kind: 'file' }));
    for (const id of [1, 2, 3, 4]) {
      lists.touch(id);
      lists.touch(id);
    }
    lists.touch(1); // referenced again while active: the kernel deactivates it anyway (no exec mapping here)
    expect(idsOn(lists, 'active_file')).toEqual([4, 3, 2, 1]);
    const stats = shrinkActiveList(lists, 'active_file', 3);
    expect(stats).toMatchObject({ refilled: 3, deactivated: 3, scannedFile: 0, reclaimedFile: 0 });
    expect(stats.actions).toEqual([]);
    expect(idsOn(lists, 'active_file')).toEqual([4]);
    expect(idsOn(lists, 'inactive_file')).toEqual([3, 2, 1]);
    expect(lists.get(1)?.referenced).toBe(false);
  });

  it('deactivates anon pages to the inactive anon list', () => {
    const lists = listsOf(pages(1, 2, { kind: 'anon' }));
    for (const page of lists.isolate('inactive_anon', 2)) lists.putBack(page, 'active_anon');
    shrinkActiveList(lists, 'active_anon', 32);
    expect(lists.sizes()).toMatchObject({ active_anon: 0, inactive_anon: 2 });
  });
});
