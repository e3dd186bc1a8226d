import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LRU_NAMES, LruLists, type LruPage } from '#kata/13-kswapd';

const ids = (lists: InstanceType<typeof LruLists>, lru: (typeof LRU_NAMES)[number]) =>
  lists.pages(lru).map((p) => p.id);

describe('LruLists', () => {
  it('starts empty: five lists of 0 pages', () => {
    const lists = new LruLists();
    expect(lists.sizes()).toEqual({
      inactive_anon: 0,
      active_anon: 0,
      inactive_file: 0,
      active_file: 0,
      unevictable: 0,
    });
    expect(lists.count).toBe(0);
  });

  it('puts a new page at the head of its inactive list, anon pages too (Linux 5.9+)', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'file' });
    lists.add({ id: 2, kind: 'file' });
    const anon = lists.add({ id: 3, kind: 'anon' });
    expect(ids(lists, 'inactive_file')).toEqual([2, 1]);
    expect(ids(lists, 'inactive_anon')).toEqual([3]);
    expect(anon).toMatchObject({
      id: 3,
      kind: 'anon',
      lru: 'inactive_anon',
      referenced: false,
      dirty: false,
      writeback: false,
      reclaim: false,
    });
  });

  it('keeps mlocked pages on the unevictable list, and the flags it is given', () => {
    const lists = new LruLists();
    const page = lists.add({ id: 7, kind: 'anon', unevictable: true, dirty: true, referenced: true });
    expect(page.lru).toBe('unevictable');
    expect(page).toMatchObject({ dirty: true, referenced: true });
    expect(lists.sizes().unevictable).toBe(1);
  });

  it('marks a page referenced at the first access and activates it at the second (mark_page_accessed)', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'file' });
    lists.add({ id: 2, kind: 'file' });
    expect(lists.touch(1)).toBe(false);
    expect(lists.get(1)).toMatchObject({ referenced: true, lru: 'inactive_file' });
    expect(lists.touch(1)).toBe(true);
    expect(lists.get(1)).toMatchObject({ referenced: false, lru: 'active_file' });
    expect(ids(lists, 'inactive_file')).toEqual([2]);
    // an active page is only marked referenced again, never moved
    expect(lists.touch(1)).toBe(false);
    expect(lists.touch(1)).toBe(false);
    expect(lists.get(1)).toMatchObject({ referenced: true, lru: 'active_file' });
  });

  it('activates an anon page at its second access too, onto the active anon list', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'anon' });
    expect(lists.touch(1)).toBe(false);
    expect(lists.touch(1)).toBe(true);
    expect(lists.get(1)?.lru).toBe('active_anon');
  });

  it('refuses a page kind other than anon or file with RangeError', () => {
    const lists = new LruLists();
    expect(() => lists.add({ id: 1, kind: 'slab' as 'anon' })).toThrow(RangeError);
    // refused before anything is kept, and also when it would go on the unevictable list
    expect(lists.count).toBe(0);
    expect(() => lists.add({ id: 2, kind: 'slab' as 'anon', unevictable: true })).toThrow(RangeError);
    expect(lists.count).toBe(0);
  });

  it('never moves an unevictable page on access', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'anon', unevictable: true });
    lists.touch(1);
    expect(lists.touch(1)).toBe(false);
    expect(lists.get(1)?.lru).toBe('unevictable');
  });

  it('takes pages off the tail, oldest first, and leaves them on no list until they are put back', () => {
    const lists = new LruLists();
    for (let id = 1; id <= 5; id++) lists.add({ id, kind: 'file' });
    const taken = lists.isolate('inactive_file', 3);
    expect(taken.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(taken.every((p) => p.lru === null)).toBe(true);
    expect(lists.sizes().inactive_file).toBe(2);
    expect(lists.count).toBe(5);
    lists.putBack(taken[0] as (typeof taken)[0], 'active_file');
    lists.putBack(taken[1] as (typeof taken)[0], 'inactive_file', 'tail');
    lists.putBack(taken[2] as (typeof taken)[0], 'inactive_file');
    expect(ids(lists, 'inactive_file')).toEqual([3, 5, 4, 2]);
    expect(ids(lists, 'active_file')).toEqual([1]);
  });

  it('puts a page at the tail of an empty list as its only page, head and tail at once', () => {
    const lists = new LruLists();
    const [page] = [lists.add({ id: 1, kind: 'file' })];
    lists.isolate('inactive_file', 1);
    lists.putBack(page, 'inactive_file', 'tail');
    lists.add({ id: 2, kind: 'file' });
    expect(ids(lists, 'inactive_file')).toEqual([2, 1]);
    expect(lists.isolate('inactive_file', 1).map((p) => p.id)).toEqual([1]);
    expect(lists.isolate('inactive_file', 1).map((p) => p.id)).toEqual([2]);
    expect(lists.sizes().inactive_file).toBe(0);
  });

  it('isolates no more than the list holds', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'anon' });
    expect(lists.isolate('inactive_anon', 32).map((p) => p.id)).toEqual([1]);
    expect(lists.isolate('inactive_anon', 32)).toEqual([]);
  });

  it('moves a page from whatever list it is on when it is put back', () => {
    const lists = new LruLists();
    const page = lists.add({ id: 1, kind: 'file' });
    lists.putBack(page, 'active_file');
    expect(lists.sizes()).toMatchObject({ inactive_file: 0, active_file: 1 });
  });

  it('refuses a negative id, naming it (ids are whole numbers ≥ 0, as PFNs are)', () => {
    const lists = new LruLists();
    expect(() => lists.add({ id: -1, kind: 'file' })).toThrow(/page id -1/);
    expect(() => lists.add({ id: -1, kind: 'file' })).toThrow(RangeError);
    expect(lists.count).toBe(0);
  });

  it('forgets a removed page, on a list or isolated', () => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'file' });
    lists.add({ id: 2, kind: 'file' });
    expect(lists.remove(1).id).toBe(1);
    lists.isolate('inactive_file', 1);
    lists.remove(2);
    expect(lists.count).toBe(0);
    expect(lists.get(1)).toBeUndefined();
    expect(() => lists.remove(1)).toThrow(RangeError);
  });

  it.each([
    ['a duplicate id', (l: InstanceType<typeof LruLists>) => l.add({ id: 1, kind: 'file' })],
    ['a fractional id', (l: InstanceType<typeof LruLists>) => l.add({ id: 1.5, kind: 'file' })],
    ['an unknown kind', (l: InstanceType<typeof LruLists>) => l.add({ id: 9, kind: 'shmem' as 'anon' })],
    ['touching an unknown page', (l: InstanceType<typeof LruLists>) => l.touch(42)],
    [
      'putting back a page of other lists',
      (l: InstanceType<typeof LruLists>) => l.putBack(new LruLists().add({ id: 1, kind: 'file' }), 'active_file'),
    ],
    ['putting back a removed page', (l: InstanceType<typeof LruLists>) => l.putBack(l.remove(1), 'active_file')],
    ['an unknown list', (l: InstanceType<typeof LruLists>) => l.pages('inactive' as 'unevictable')],
    [
      'putting a page back onto an unknown list',
      (l: InstanceType<typeof LruLists>) => l.putBack(l.get(1) as LruPage, 'active' as 'unevictable'),
    ],
  ])('throws RangeError for %s', (_, act) => {
    const lists = new LruLists();
    lists.add({ id: 1, kind: 'file' });
    expect(() => act(lists)).toThrow(RangeError);
  });

  it('holds every page on exactly one list through any adds, touches, isolations and removes', () => {
    type Op = { op: 'add' | 'touch' | 'remove' | 'isolate'; n: number };
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom<Op['op']>('add', 'touch', 'remove', 'isolate'), n: fc.nat(40) }), {
          maxLength: 200,
        }),
        (ops) => {
          const lists = new LruLists();
          const live = new Set<number>();
          let next = 0;
          for (const { op, n } of ops) {
            if (op === 'add') {
              lists.add({ id: next, kind: n % 2 ? 'anon' : 'file', unevictable: n % 7 === 0 });
              live.add(next++);
            } else if (live.size > 0) {
              const id = [...live][n % live.size] as number;
              if (op === 'touch') lists.touch(id);
              if (op === 'remove') {
                lists.remove(id);
                live.delete(id);
              }
              if (op === 'isolate') {
                const lru = n % 2 ? 'inactive_anon' : 'inactive_file';
                for (const page of lists.isolate(lru, n % 5)) lists.putBack(page, n % 3 ? lru : 'unevictable');
              }
            }
          }
          const sizes = lists.sizes();
          expect(Object.values(sizes).reduce((a, b) => a + b, 0)).toBe(live.size);
          expect(lists.count).toBe(live.size);
          const seen = LRU_NAMES.flatMap((lru) => lists.pages(lru).map((p) => p.id));
          expect(new Set(seen)).toEqual(live);
          for (const lru of LRU_NAMES) expect(lists.pages(lru).every((p) => p.lru === lru)).toBe(true);
        },
      ),
    );
  });
});
