import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '#kata/02-free';
import { DIRTY_EXPIRE_TICKS, DIRTY_WRITEBACK_TICKS, type Machine } from '#kata/16-machine';
import { hog, MiB, refusal, small } from './machines.ts';

const meminfo = (m: InstanceType<typeof Machine>) => parseMeminfo(m.readProc('/proc/meminfo'));

describe('Machine', () => {
  describe('files and the page cache', () => {
    it('caches what is written: Cached grows by the pages written, and they are Dirty', () => {
      const m = small();
      m.write('testfile', 10 * 4096);
      expect(meminfo(m)).toMatchObject({ Cached: 40, Dirty: 40, 'Inactive(file)': 40, MemFree: 16128 - 40 });
      expect(m.cache.size('testfile')).toBe(40960);
      expect(m.counters.nr_dirtied).toBe(10);
    });

    it('writes a partial page into the page already cached: appending 10 bytes twice takes one page, dirtied once', () => {
      const m = small();
      m.write('log', 10);
      m.write('log', 10);
      expect(meminfo(m).Cached).toBe(4);
      expect(m.cache.size('log')).toBe(20);
      expect(m.counters.nr_dirtied).toBe(1);
      m.sync();
      m.write('log', 10);
      expect(m.counters.nr_dirtied).toBe(2); // clean again, then written: dirtied again
    });

    it('writes every dirty page back on sync: Dirty 0, nr_written and pgpgout count them', () => {
      const m = small();
      m.write('a', 8 * 4096);
      m.sync();
      expect(meminfo(m)).toMatchObject({ Cached: 32, Dirty: 0 });
      expect(m.counters).toMatchObject({ nr_written: 8, pgpgout: 32 });
      expect(m.zone.lists.pages('inactive_file').every((p) => !p.dirty)).toBe(true);
    });

    it('frees the cached pages when the file is deleted, and refuses a file that is not there', () => {
      const m = small();
      m.write('testfile', 100 * 4096);
      m.unlink('testfile');
      expect(meminfo(m)).toMatchObject({ Cached: 0, Dirty: 0, MemFree: 16128 });
      expect(refusal(() => m.unlink('testfile')).code).toBe('ENOENT');
      expect(refusal(() => m.read('testfile')).code).toBe('ENOENT');
    });

    it('refuses a name that is not a file name, and a size to write that is not whole bytes', () => {
      const m = small();
      for (const name of ['', 'a/b']) expect(refusal(() => m.write(name, 1)).code).toBe('EINVAL');
      expect(refusal(() => m.write('f', -1)).code).toBe('EINVAL');
      expect(refusal(() => m.write('f', 0.5)).code).toBe('EINVAL');
    });

    it('refuses a write the disk cannot hold (ENOSPC), counting the swap file and the files already there', () => {
      const m = small({ swapKb: 40, diskKb: 40 + 8 * 4 });
      m.write('a', 5 * 4096);
      expect(refusal(() => m.write('b', 4 * 4096)).code).toBe('ENOSPC');
      m.write('b', 3 * 4096);
      expect(m.cache.files()).toEqual(['a', 'b']);
    });

    it('reads a cached file without reading the disk: the first read marks its pages accessed, the second activates them', () => {
      const m = small();
      m.write('data', 4 * 4096);
      m.read('data');
      expect(m.counters.pgpgin).toBe(0);
      expect(meminfo(m)).toMatchObject({ 'Active(file)': 0, 'Inactive(file)': 16 });
      m.read('data');
      expect(meminfo(m)).toMatchObject({ 'Active(file)': 16, 'Inactive(file)': 0 });
    });

    it('reads a page that reclaim dropped back from the disk: clean, counted in pgpgin', () => {
      const m = small({ swapKb: 8 * MiB });
      m.write('data', 400 * 4096);
      m.sync();
      const pid = m.spawn('hog');
      hog(m, pid, 3800); // free falls below min: reclaim drops the clean cache first
      m.exit(pid);
      const left = meminfo(m).Cached;
      expect(left).toBeLessThan(1600);
      m.read('data');
      expect(meminfo(m)).toMatchObject({ Cached: 1600, Dirty: 0 });
      expect(m.counters.pgpgin).toBe(1600 - (left ?? 0));
    });

    it('writes pages back in the background once Dirty passes 10 % of dirtyable memory', () => {
      const m = small();
      m.write('big', 1000 * 4096);
      m.tick();
      const info = meminfo(m);
      // dirtyable: free above the reserve + the page cache; the flusher leaves 10 % of it dirty
      const dirtyable = Math.max((info.MemFree ?? 0) / 4 - 288, 0) + 1000;
      expect(info.Dirty).toBe(Math.floor(dirtyable / 10) * 4);
      expect(m.vmstat().nr_dirty_background_threshold).toBe(Math.floor(dirtyable / 10));
      expect(m.vmstat().nr_dirty_threshold).toBe(Math.floor(dirtyable / 5));
    });

    it('writes back a page dirty for 30 s at the next flusher wake-up (every 5 s)', () => {
      const m = small();
      m.write('small', 4096);
      for (let t = 1; t < DIRTY_EXPIRE_TICKS; t++) m.tick();
      expect(meminfo(m).Dirty).toBe(4);
      m.tick(); // t = 30000: a flusher wake-up, and the page has been dirty for 30 s
      expect(meminfo(m).Dirty).toBe(0);
      m.write('small', 4096);
      for (let t = 0; t < DIRTY_WRITEBACK_TICKS - 1; t++) m.tick();
      expect(meminfo(m).Dirty).toBe(4);
    });
  });
});
