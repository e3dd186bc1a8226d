import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Access, PTE_ACCESSED, PTE_DIRTY } from '#kata/09-page-table';
import {
  type AccessResult,
  AddressSpace,
  AddressSpaceError,
  type FaultReason,
  type FaultResult,
  type Vma,
  ZERO_PFN,
} from '#kata/10-demand-paging';
import { fixture } from '#support/fixtures';
import { capturedNumber, capturedSmaps } from './captures.ts';
import { pageAt, testFrames } from './frames.ts';

/** The labelled lines of spec/fixtures/pagemap/pagemap-decoded.txt: label → raw entry. */
function livePagemap(): Map<string, bigint> {
  const entries = new Map<string, bigint>();
  for (const line of fixture('pagemap/pagemap-decoded.txt').split('\n')) {
    const m = /^(.+?)\s+vaddr=0x[0-9a-f]+ raw=(0x[0-9a-f]+)/.exec(line);
    if (m) entries.set((m[1] as string).trim(), BigInt(m[2] as string));
  }
  return entries;
}
const live = livePagemap();
const rawOf = (label: string): bigint => {
  const raw = live.get(label);
  if (raw === undefined) throw new Error(`no "${label}" in pagemap-decoded.txt`);
  return raw;
};
/** The flag bits of a pagemap entry (63 present, 62 swapped, 61 file/shared, 56 exclusive), without the PFN. */
const flagsOf = (raw: bigint): bigint => raw >> 55n;
const pfnOf = (raw: bigint): bigint => raw & ((1n << 55n) - 1n);

function fresh(limit?: number) {
  const frames = testFrames(limit);
  const space = new AddressSpace({ frames });
  return { frames, space };
}

const kinds = (results: AccessResult[]) => results.map((r) => r.kind);

describe('AddressSpace', () => {
  describe('access', () => {
    it('makes the first write to each page a minor fault that takes a frame: 16 writes, 16 faults, +64 kB (live)', () => {
      const { frames, space } = fresh();
      const va = space.mmap(64 * 4096, { prot: 'rw-' });
      const results = Array.from({ length: 16 }, (_, i) => space.access(pageAt(va, i), 'write'));
      expect(results.every((r) => r.kind === 'minor-fault' && r.cause === 'new-page')).toBe(true);
      expect(space.stats()).toMatchObject({ minorFaults: capturedNumber('fault', 'minflt write-16-pages') });
      expect(space.stats()).toMatchObject({ minorFaults: 16, rssKb: 64, rssAnonKb: 64 });
      expect(frames.inUse()).toBe(1 + 3 + 16); // the PGD, a PUD, PMD and PTE table, 16 pages
    });

    it('maps the shared zero page for a read of an untouched page: a minor fault, and RSS stays 0 (upstream)', () => {
      const { frames, space } = fresh();
      const va = space.mmap(64 * 4096, { prot: 'rw-' });
      const results = Array.from({ length: 16 }, (_, i) => space.access(pageAt(va, 16 + i), 'read'));
      expect(results.every((r) => r.kind === 'minor-fault' && r.cause === 'zero-page')).toBe(true);
      // pagemap-python-demo.txt, upstream: minflt(read 16 pages)=16, and RSS did not move.
      expect(space.stats()).toMatchObject({ minorFaults: 16, rssKb: 0, rssAnonKb: 0 });
      expect(results[0]).toEqual({ kind: 'minor-fault', pa: BigInt(ZERO_PFN) * 4096n, cause: 'zero-page' });
      expect(frames.inUse()).toBe(1 + 3); // page tables only
    });

    it('hits without a fault once a page is mapped, for reads and writes (live: reading the 32 again, 0 faults)', () => {
      const { space } = fresh();
      const va = space.mmap(64 * 4096, { prot: 'rw-' });
      for (let i = 0; i < 16; i++) space.access(pageAt(va, i), 'write');
      for (let i = 16; i < 32; i++) space.access(pageAt(va, i), 'read');
      const again = Array.from({ length: 32 }, (_, i) => space.access(pageAt(va, i), 'read'));
      expect(new Set(kinds(again))).toEqual(new Set(['hit']));
      expect(capturedNumber('fault', 'minflt read-the-32-again')).toBe(0);
      expect(kinds(Array.from({ length: 16 }, (_, i) => space.access(pageAt(va, i), 'write')))).toEqual(
        Array(16).fill('hit'),
      );
      expect(space.stats().minorFaults).toBe(32);
    });

    it('copies a page that was only read when it is written: a minor fault, a new frame, RSS +4 kB', () => {
      const { space } = fresh();
      const va = space.mmap(4 * 4096, { prot: 'rw-' });
      space.access(va, 'read');
      const write = space.access(va + 8n, 'write');
      expect(write).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      expect(write.kind === 'minor-fault' && write.pa >> 12n).not.toBe(BigInt(ZERO_PFN));
      expect(space.stats()).toMatchObject({ minorFaults: 2, rssKb: 4, rssAnonKb: 4, rssShmemKb: 0 });
      expect(space.access(va, 'read')).toEqual({ kind: 'hit', pa: (write as { pa: bigint }).pa - 8n });
    });

    it('returns the physical address of the byte: frame × 4096 + offset', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: 'rw-' });
      const first = space.access(va + 0x123n, 'write');
      const again = space.access(va + 0xfffn, 'read');
      expect(first.kind).toBe('minor-fault');
      const frame = (first as { pa: bigint }).pa - 0x123n;
      expect(frame % 4096n).toBe(0n);
      expect(again).toEqual({ kind: 'hit', pa: frame + 0xfffn });
    });

    it('reads pagemap as the live capture does: written pages present and exclusive, read ones the zero page, untouched ones 0', () => {
      const { space } = fresh();
      const va = space.mmap(64 * 4096, { prot: 'rw-' });
      for (let i = 0; i < 16; i++) space.access(pageAt(va, i), 'write');
      for (let i = 16; i < 32; i++) space.access(pageAt(va, i), 'read');
      expect(flagsOf(space.pagemap(va))).toBe(flagsOf(rawOf('anon written page 0')));
      expect(flagsOf(space.pagemap(pageAt(va, 15)))).toBe(flagsOf(rawOf('anon written page 15')));
      expect(space.pagemap(pageAt(va, 16))).toBe(rawOf('anon read-only page 16')); // 0x8000000000003b32
      expect(space.pagemap(pageAt(va, 31))).toBe(rawOf('anon read-only page 31'));
      expect(space.pagemap(pageAt(va, 40))).toBe(rawOf('anon untouched page 40')); // 0
      const pa = space.access(va, 'read');
      expect(pfnOf(space.pagemap(va + 0x777n))).toBe((pa as { pa: bigint }).pa >> 12n);
    });

    it('faults a MAP_SHARED page in on its first touch, read or write, in RssShmem, pagemap bits 63, 61, 56 (live)', () => {
      const { space } = fresh();
      const va = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
      expect(space.access(va, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'shmem' });
      expect(space.access(pageAt(va, 1), 'write')).toMatchObject({ kind: 'minor-fault', cause: 'shmem' });
      expect(space.access(va, 'write').kind).toBe('hit'); // mapped writable at once: no write fault later
      expect(space.stats()).toMatchObject({ rssKb: 8, rssShmemKb: 8, rssAnonKb: 0, minorFaults: 2 });
      expect(flagsOf(space.pagemap(va))).toBe(flagsOf(rawOf('shmem page 0'))); // 0xa1…
      expect(space.pagemap(pageAt(va, 3))).toBe(rawOf('shmem page 3 (untouched)'));
    });

    it('sets Accessed on a read and Dirty on a write, as the MMU does', () => {
      const { space } = fresh();
      const va = space.mmap(2 * 4096, { prot: 'rw-' });
      space.access(va, 'write');
      space.access(pageAt(va, 1), 'write');
      const leaf = (v: bigint) => space.mm.pageTable.walk(v).at(-1)?.entry ?? 0n;
      expect(leaf(va) & (PTE_ACCESSED | PTE_DIRTY)).toBe(PTE_ACCESSED | PTE_DIRTY);
      space.clearYoung(va);
      expect(leaf(va) & PTE_ACCESSED).toBe(0n);
      space.access(va, 'read');
      expect(leaf(va) & PTE_ACCESSED).toBe(PTE_ACCESSED);
    });

    it.each<[string, string, Access, string]>([
      ['a write to a r-- mapping', 'r--', 'write', 'protection'],
      ['a read of a --- mapping (PROT_NONE)', '---', 'read', 'protection'],
      ['an instruction fetch from a rw- mapping', 'rw-', 'exec', 'protection'],
      ['a write to a r-x mapping', 'r-x', 'write', 'protection'],
    ])('refuses %s with SIGSEGV (SEGV_ACCERR), counting no fault', (_what, prot, kind, reason) => {
      const { frames, space } = fresh();
      const va = space.mmap(4096, { prot: prot as Vma['prot'] });
      expect(space.access(va, kind)).toEqual({ kind: 'segv', reason });
      expect(space.stats().minorFaults).toBe(0);
      expect(frames.inUse()).toBe(1);
    });

    it('matches the live si_codes: write to PROT_READ and read of PROT_NONE are SEGV_ACCERR, unmapped is SEGV_MAPERR', () => {
      const { space } = fresh();
      const ro = space.mmap(4096, { prot: 'r--' });
      const none = space.mmap(4096, { prot: '---' });
      const hole = space.mmap(4096, { prot: 'r--' });
      space.munmap(hole, 4096);
      const code = (r: AccessResult) =>
        r.kind !== 'segv' ? 'none' : r.reason === 'no-vma' ? 'SEGV_MAPERR' : 'SEGV_ACCERR';
      const seen = [
        code(space.access(ro, 'write')),
        code(space.access(none, 'read')),
        code(space.access(hole, 'read')),
        code(space.access(hole, 'write')),
      ];
      const capture = fixture('demand-paging/demand-paging.txt');
      const liveCodes = ['write-to-PROT_READ', 'read-of-PROT_NONE', 'read-of-unmapped', 'write-to-unmapped'].map(
        (what) => new RegExp(`^segv ${what} si_code=(\\w+)$`, 'm').exec(capture)?.[1],
      );
      expect(seen).toEqual(liveCodes);
    });

    it('reads memory that is only writable: x86 has no write-only pages (live: no SIGSEGV)', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: '-w-' });
      expect(space.access(va, 'read')).toMatchObject({ kind: 'minor-fault', cause: 'zero-page' });
      expect(space.access(va, 'write')).toMatchObject({ kind: 'minor-fault', cause: 'copy-on-write' });
      const exec = space.mmap(4096, { prot: '--x' });
      expect(space.access(exec, 'read').kind).toBe('minor-fault');
      expect(space.access(exec, 'exec').kind).toBe('hit');
    });

    it('segfaults outside every VMA (SEGV_MAPERR), in the kernel half too, and for a non-canonical address', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: 'rw-' });
      expect(space.access(va + 4096n, 'read')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(space.access(va - 1n, 'write')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(space.access(0n, 'read')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(space.access(0xffffffffff600000n, 'exec')).toEqual({ kind: 'segv', reason: 'no-vma' });
      expect(space.access(0x800000000000n, 'read')).toEqual({ kind: 'segv', reason: 'non-canonical' });
      expect(space.stats().minorFaults).toBe(0);
    });

    it('executes from an r-x mapping: the first fetch is a fault that maps the zero page, executable', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: 'r-x' });
      expect(space.access(va, 'exec')).toMatchObject({ kind: 'minor-fault', cause: 'zero-page' });
      expect(space.access(va + 4n, 'exec').kind).toBe('hit');
    });

    it('keeps a copied page executable in an rwx mapping', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: 'rwx' });
      space.access(va, 'exec'); // the zero page, executable
      expect(space.access(va, 'write')).toMatchObject({ cause: 'copy-on-write' });
      expect(space.access(va, 'exec').kind).toBe('hit');
    });

    it('keeps a copied page not executable in an rw- mapping: the copy keeps NX, a fetch is SEGV_ACCERR', () => {
      const { space } = fresh();
      const va = space.mmap(4096, { prot: 'rw-' });
      space.access(va, 'read'); // the zero page, NX
      expect(space.access(va, 'write')).toMatchObject({ cause: 'copy-on-write' });
      expect(space.access(va, 'exec')).toEqual({ kind: 'segv', reason: 'protection' });
    });

    it('maps MAP_SHARED pages executable in an rwx mapping and not in an rw- one (NX from the VMA, not a default)', () => {
      const { space } = fresh();
      const rwx = space.mmap(4096, { prot: 'rwx', shared: true });
      const rw = space.mmap(4096, { prot: 'rw-', shared: true });
      expect(space.access(rwx, 'exec')).toMatchObject({ kind: 'minor-fault', cause: 'shmem' });
      expect(space.access(rwx + 8n, 'exec').kind).toBe('hit');
      expect(space.access(rw, 'write')).toMatchObject({ cause: 'shmem' });
      expect(space.access(rw, 'exec')).toEqual({ kind: 'segv', reason: 'protection' });
    });

    it('counts MAP_SHARED pages in VmHWM too', () => {
      const { space } = fresh();
      const va = space.mmap(4 * 4096, { prot: 'rw-', shared: true });
      for (let i = 0; i < 4; i++) space.access(pageAt(va, i), 'read');
      space.munmap(va, 4 * 4096);
      expect(space.stats()).toMatchObject({ rssKb: 0, vmHwmKb: 16 });
    });

    it('returns oom and changes nothing when no frame is left for the page', () => {
      const { frames, space } = fresh();
      const va = space.mmap(2 * 4096, { prot: 'rw-' });
      space.access(va, 'write'); // PGD, PUD, PMD, PTE table and one page: 5 frames
      frames.limit = 5;
      expect(space.access(pageAt(va, 1), 'write')).toEqual({ kind: 'oom' });
      expect(space.stats()).toMatchObject({ rssKb: 4, minorFaults: 1 });
      expect(space.pagemap(pageAt(va, 1))).toBe(0n);
      frames.limit = 6;
      expect(space.access(pageAt(va, 1), 'write').kind).toBe('minor-fault');
    });

    it('returns oom when the page table needs a frame it cannot get, and gives the page frame back', () => {
      const { frames, space } = fresh();
      const va = space.mmap(4096, { prot: 'rw-' });
      frames.limit = 3; // the PGD and two more: not enough for PUD, PMD, PTE table and the page
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      expect(space.access(va, 'read')).toEqual({ kind: 'oom' });
      expect(frames.inUse()).toBe(1);
      expect(space.stats()).toMatchObject({ rssKb: 0, minorFaults: 0, vmPteKb: 0 });
    });

    it('returns oom for a MAP_SHARED page when its page table finds no frame, and keeps no new page', () => {
      const { frames, space } = fresh();
      const va = space.mmap(2 * 4096, { prot: 'rw-', shared: true });
      frames.limit = 1; // not even the page
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      frames.limit = 2; // the PGD and the page: no page tables
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      expect(frames.inUse()).toBe(1);
      frames.limit = Number.POSITIVE_INFINITY;
      const first = space.access(va, 'write');
      const child = space.fork();
      frames.limit = frames.inUse() + 1; // the child's page tables: PUD only
      expect(child.access(va, 'read')).toEqual({ kind: 'oom' });
      expect(frames.has(Number((first as { pa: bigint }).pa >> 12n))).toBe(true); // the object's page stays
      frames.limit = Number.POSITIVE_INFINITY;
      expect(child.access(va, 'read')).toMatchObject({ kind: 'minor-fault', pa: (first as { pa: bigint }).pa });
      expect(child.residentPages()[0]?.mapcount).toBe(2);
    });

    it('copies nothing for a read-then-write when there is no frame: oom, and the page is still the zero page', () => {
      const { frames, space } = fresh();
      const va = space.mmap(4096, { prot: 'rw-' });
      space.access(va, 'read');
      frames.limit = frames.inUse();
      expect(space.access(va, 'write')).toEqual({ kind: 'oom' });
      expect(space.pagemap(va)).toBe(0x8000000000003b32n);
      expect(space.stats().minorFaults).toBe(1);
    });

    it('resolves every fault through handleMmFault, with the MMU’s reason (the hook kata 11 overrides)', () => {
      const calls: [bigint, Access, FaultReason][] = [];
      class Spy extends AddressSpace {
        override handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
          calls.push([va, kind, reason]);
          return super.handleMmFault(vma, va, kind, reason);
        }
      }
      const space = new Spy({ frames: testFrames() });
      const va = space.mmap(4096, { prot: 'rw-' });
      space.access(va + 5n, 'read');
      space.access(va + 6n, 'write');
      space.access(va + 7n, 'write');
      space.access(va + 4096n, 'write');
      expect(calls).toEqual([
        [va + 5n, 'read', 'not-present'],
        [va + 6n, 'write', 'protection'],
      ]);
    });

    it('counts what handleMmFault returns: minor or major, and returns oom untouched', () => {
      let answer: FaultResult = { kind: 'major-fault', cause: 'swap-in' };
      class Fake extends AddressSpace {
        override handleMmFault(vma: Vma, va: bigint, kind: Access, reason: FaultReason): FaultResult {
          if (answer.kind === 'oom') return answer;
          super.handleMmFault(vma, va, kind, reason);
          return answer;
        }
      }
      const space = new Fake({ frames: testFrames() });
      const va = space.mmap(3 * 4096, { prot: 'rw-' });
      expect(space.access(va, 'write')).toMatchObject({ kind: 'major-fault', cause: 'swap-in' });
      answer = { kind: 'minor-fault', cause: 'reuse' };
      expect(space.access(pageAt(va, 1), 'write')).toMatchObject({ kind: 'minor-fault', cause: 'reuse' });
      answer = { kind: 'oom' };
      expect(space.access(pageAt(va, 2), 'write')).toEqual({ kind: 'oom' });
      expect(space.stats()).toMatchObject({ majorFaults: 1, minorFaults: 1 });
    });

    it('never counts more RSS than pages written, and RSS is what residentPages lists (any accesses)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ page: fc.nat(63), kind: fc.constantFrom<Access>('read', 'write', 'exec') }), {
            maxLength: 80,
          }),
          (accesses) => {
            const { space } = fresh();
            const va = space.mmap(64 * 4096, { prot: 'rw-' });
            const written = new Set<number>();
            for (const { page, kind } of accesses) {
              const result = space.access(pageAt(va, page), kind);
              if (kind === 'write') written.add(page);
              expect(result.kind).toBe(kind === 'exec' ? 'segv' : result.kind === 'hit' ? 'hit' : 'minor-fault');
            }
            const stats = space.stats();
            expect(stats.rssKb).toBe(written.size * 4);
            expect(space.residentPages().map((p) => Number((p.va - va) / 4096n))).toEqual(
              [...written].sort((a, b) => a - b),
            );
          },
        ),
      );
    });

    it('translates to the frame the fault mapped, until the page is unmapped (translate after map)', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(31), { minLength: 1, maxLength: 40 }), fc.nat(4095), (pages, offset) => {
          const { space } = fresh();
          const va = space.mmap(32 * 4096, { prot: 'rw-' });
          const frame = new Map<number, bigint>();
          for (const page of pages) {
            const result = space.access(pageAt(va, page) + BigInt(offset), 'write');
            if (result.kind === 'segv' || result.kind === 'oom') throw new Error(`unexpected ${result.kind}`);
            const known = frame.get(page);
            if (known === undefined) {
              expect(result.kind).toBe('minor-fault');
              frame.set(page, result.pa - BigInt(offset));
            } else expect(result).toEqual({ kind: 'hit', pa: known + BigInt(offset) });
          }
          expect(new Set(frame.values()).size).toBe(frame.size); // every page its own frame
        }),
      );
    });
  });

  describe('mmap with populate', () => {
    it('faults every page of a private writable mapping in at once: 16 pages, 16 minor faults, Rss 64 kB (live)', () => {
      const { space } = fresh();
      const va = space.mmap(16 * 4096, { prot: 'rw-', populate: true });
      expect(space.stats()).toMatchObject({
        minorFaults: capturedNumber('populate', 'minflt mmap-16-pages-rw'),
        rssKb: capturedSmaps('populate', 'rw').fields.Rss,
      });
      expect(space.access(pageAt(va, 15), 'write').kind).toBe('hit');
    });

    it('maps the zero page into a populated read-only mapping: 16 faults, Rss 0 (upstream)', () => {
      const { space } = fresh();
      const va = space.mmap(16 * 4096, { prot: 'r--', populate: true });
      expect(space.stats()).toMatchObject({
        minorFaults: capturedNumber('populate', 'minflt mmap-16-pages-r'),
        rssKb: 0,
      });
      expect(space.pagemap(pageAt(va, 7))).toBe(0x8000000000003b32n);
    });

    it('populates a MAP_SHARED mapping with shmem pages, and a PROT_NONE one not at all', () => {
      const { space } = fresh();
      space.mmap(8 * 4096, { prot: 'r--', shared: true, populate: true });
      space.mmap(8 * 4096, { prot: '---', populate: true });
      expect(space.stats()).toMatchObject({ minorFaults: 8, rssShmemKb: 32, rssAnonKb: 0 });
    });

    it('stops populating quietly when memory runs out, and still returns the mapping', () => {
      const { frames, space } = fresh(1 + 3 + 5);
      const va = space.mmap(16 * 4096, { prot: 'rw-', populate: true });
      expect(space.vmas()).toMatchObject([{ start: va, end: va + 16n * 4096n }]);
      expect(space.stats()).toMatchObject({ minorFaults: 5, rssKb: 20 });
      expect(frames.inUse()).toBe(9);
    });
  });

  describe('pagemap', () => {
    it('reads 0 at address 0, like any page with nothing mapped: only addresses below 0 or from TASK_SIZE are EINVAL', () => {
      const { space } = fresh();
      expect(space.pagemap(0n)).toBe(0n);
      for (const va of [-1n, 0x7ffffffff000n]) {
        try {
          space.pagemap(va);
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(AddressSpaceError);
          expect((error as AddressSpaceError).code).toBe('EINVAL');
        }
      }
    });

    it('throws EINVAL for an address outside user space', () => {
      const { space } = fresh();
      expect(() => space.pagemap(0x800000000000n)).toThrow(AddressSpaceError);
      expect(() => space.pagemap(-4096n)).toThrow(AddressSpaceError);
      expect(() => space.pagemap(0x7ffffffff000n)).toThrow(AddressSpaceError); // TASK_SIZE itself
      expect(space.pagemap(0x7ffffffff000n - 1n)).toBe(0n);
    });
  });
});
