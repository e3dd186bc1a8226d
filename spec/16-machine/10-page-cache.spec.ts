import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReclaimZone } from '#kata/13-kswapd';
import { PageCache } from '#kata/16-machine';

/** A zone to hold the file pages, and a page cache over it. */
function cacheOf() {
  const zone = new ReclaimZone({ managedPages: 1024, watermarks: { min: 8, low: 10, high: 12 } });
  const cache = new PageCache(zone);
  /** A frame for page `index` of `name`, allocated in the zone as the machine does (file LRU). */
  const add = (name: string, index: number, pfn: number, dirtySince: number | null) => {
    zone.allocate({ kind: 'file', id: pfn, dirty: dirtySince !== null });
    cache.insert(name, index, pfn, dirtySince);
  };
  return { zone, cache, add };
}

describe('PageCache', () => {
  it('makes a file on the first grow, only ever grows it, and lists files in the order they were made', () => {
    const { cache } = cacheOf();
    expect(cache.size('a')).toBeUndefined();
    cache.grow('a', 10000);
    cache.grow('b', 0);
    cache.grow('a', 5);
    expect(cache.size('a')).toBe(10000);
    expect(cache.size('b')).toBe(0);
    expect(cache.files()).toEqual(['a', 'b']);
  });

  it.each([-1, 1.5, Number.NaN])('refuses a size of %s with a RangeError', (size) => {
    expect(() => cacheOf().cache.grow('a', size)).toThrow(RangeError);
  });

  it('finds a cached page by file and index, and the file page a frame holds', () => {
    const { cache, add } = cacheOf();
    cache.grow('testfile', 8192);
    add('testfile', 1, 500, null);
    expect(cache.lookup('testfile', 1)).toBe(500);
    expect(cache.lookup('testfile', 0)).toBeUndefined();
    expect(cache.lookup('other', 1)).toBeUndefined();
    expect(cache.owner(500)).toEqual({ name: 'testfile', index: 1 });
    expect(cache.owner(501)).toBeUndefined();
    expect(cache.counts()).toEqual({ pages: 1, dirty: 0, writeback: 0 });
  });

  it('refuses a page of an unknown file, a page cached twice, and a frame that holds another page', () => {
    const { cache, add } = cacheOf();
    cache.grow('a', 4096);
    add('a', 0, 500, null);
    expect(() => cache.insert('nope', 0, 501, null)).toThrow(RangeError);
    expect(() => cache.insert('a', 0, 501, null)).toThrow(RangeError);
    expect(() => cache.insert('a', 1, 500, null)).toThrow(RangeError);
    expect(cache.counts().pages).toBe(1);
  });

  it('counts a written page as dirty since the tick it was written, oldest first', () => {
    const { cache, add } = cacheOf();
    cache.grow('a', 3 * 4096);
    add('a', 0, 500, 7);
    add('a', 1, 501, 3);
    add('a', 2, 502, null);
    expect(cache.counts()).toEqual({ pages: 3, dirty: 2, writeback: 0 });
    expect(cache.oldestDirty()).toEqual([500, 7]);
  });

  it('dirties a clean page in the zone too, and a dirty one keeps its first tick', () => {
    const { zone, cache, add } = cacheOf();
    cache.grow('a', 2 * 4096);
    add('a', 0, 500, null);
    add('a', 1, 501, 2);
    cache.markDirty(500, 9);
    cache.markDirty(501, 10);
    expect(zone.lists.get(500)?.dirty).toBe(true);
    expect(cache.counts().dirty).toBe(2);
    expect(cache.oldestDirty()).toEqual([501, 2]);
    expect(() => cache.markDirty(999, 1)).toThrow(RangeError);
  });

  it('refuses to dirty a frame it does not cache, even one the zone holds (an anonymous page)', () => {
    const { zone, cache } = cacheOf();
    zone.allocate({ kind: 'anon', id: 700 });
    expect(() => cache.markDirty(700, 5)).toThrow(RangeError);
    expect(() => cache.markDirty(701, 5)).toThrow(RangeError);
    expect(cache.counts()).toEqual({ pages: 0, dirty: 0, writeback: 0 });
    expect(zone.lists.get(700)?.dirty).toBe(false);
  });

  it('moves a page from Dirty to Writeback while kswapd writes it, and out of both when it is written', () => {
    const { cache, add } = cacheOf();
    cache.grow('a', 2 * 4096);
    add('a', 0, 500, 1);
    add('a', 1, 501, 2);
    cache.startWriteback(500);
    expect(cache.counts()).toEqual({ pages: 2, dirty: 1, writeback: 1 });
    expect(cache.oldestDirty()).toEqual([501, 2]);
    cache.markDirty(500, 5); // written again while being written back: it stays under writeback
    expect(cache.counts()).toEqual({ pages: 2, dirty: 1, writeback: 1 });
    cache.endWriteback(500);
    expect(cache.counts()).toEqual({ pages: 2, dirty: 1, writeback: 0 });
    expect(() => cache.startWriteback(999)).toThrow(RangeError);
    expect(() => cache.endWriteback(999)).toThrow(RangeError);
  });

  it('cleans a page the flusher wrote, here and in the zone', () => {
    const { zone, cache, add } = cacheOf();
    cache.grow('a', 4096);
    add('a', 0, 500, 1);
    cache.clean(500);
    expect(zone.lists.get(500)?.dirty).toBe(false);
    expect(cache.counts().dirty).toBe(0);
    expect(cache.oldestDirty()).toBeUndefined();
    expect(() => cache.clean(999)).toThrow(RangeError);
  });

  it('forgets a page reclaim dropped: its file no longer has it cached, its counts go', () => {
    const { cache, add } = cacheOf();
    cache.grow('a', 2 * 4096);
    add('a', 0, 500, 1);
    add('a', 1, 501, null);
    cache.startWriteback(500);
    cache.remove(500);
    cache.remove(501);
    expect(cache.lookup('a', 0)).toBeUndefined();
    expect(cache.owner(501)).toBeUndefined();
    expect(cache.counts()).toEqual({ pages: 0, dirty: 0, writeback: 0 });
    expect(cache.size('a')).toBe(8192);
    expect(() => cache.remove(500)).toThrow(RangeError);
  });

  it('unlinks a file: its cached frames come back for the machine to free, and the file is gone', () => {
    const { cache, add } = cacheOf();
    cache.grow('a', 3 * 4096);
    cache.grow('b', 4096);
    add('a', 2, 502, 1);
    add('a', 0, 500, null);
    add('b', 0, 600, null);
    expect(cache.unlink('a')).toEqual([502, 500]);
    expect(cache.files()).toEqual(['b']);
    expect(cache.size('a')).toBeUndefined();
    expect(cache.counts()).toEqual({ pages: 1, dirty: 0, writeback: 0 });
    expect(() => cache.unlink('a')).toThrow(RangeError);
  });

  it('keeps its counts equal to what its pages say, whatever happens to them', () => {
    const op = fc.record({
      kind: fc.constantFrom('insert', 'dirty', 'wb', 'end', 'clean', 'remove'),
      i: fc.nat({ max: 15 }),
      t: fc.nat({ max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { cache, add, zone } = cacheOf();
        cache.grow('f', 16 * 4096);
        const state = new Map<number, 'clean' | 'dirty' | 'wb'>();
        for (const { kind, i, t } of ops) {
          const pfn = 100 + i;
          const s = state.get(pfn);
          if (kind === 'insert' && s === undefined) {
            add('f', i, pfn, t % 2 ? t : null);
            state.set(pfn, t % 2 ? 'dirty' : 'clean');
          } else if (s === undefined) continue;
          else if (kind === 'dirty') {
            cache.markDirty(pfn, t);
            if (s === 'clean') state.set(pfn, 'dirty');
          } else if (kind === 'wb' && s === 'dirty') {
            cache.startWriteback(pfn);
            state.set(pfn, 'wb');
          } else if (kind === 'end' && s === 'wb') {
            cache.endWriteback(pfn);
            zone.lists.get(pfn)!.dirty = false;
            state.set(pfn, 'clean');
          } else if (kind === 'clean' && s === 'dirty') {
            cache.clean(pfn);
            state.set(pfn, 'clean');
          } else if (kind === 'remove') {
            cache.remove(pfn);
            zone.release(pfn);
            state.delete(pfn);
          }
        }
        const count = (x: string) => [...state.values()].filter((v) => v === x).length;
        expect(cache.counts()).toEqual({ pages: state.size, dirty: count('dirty'), writeback: count('wb') });
        for (const pfn of state.keys()) expect(cache.owner(pfn)).toEqual({ name: 'f', index: pfn - 100 });
        if (count('dirty') > 0) expect(state.get(cache.oldestDirty()?.[0] as number)).toBe('dirty');
        else expect(cache.oldestDirty()).toBeUndefined();
      }),
    );
  });
});
