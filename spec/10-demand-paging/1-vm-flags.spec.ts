import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Prot, vmFlagsFor } from '#kata/10-demand-paging';
import { capturedSmaps } from './captures.ts';

/** smaps' VmFlags codes in the order it prints them (bit order), for the flags an anonymous mmap can have. */
const ORDER = ['rd', 'wr', 'ex', 'sh', 'mr', 'mw', 'me', 'ms', 'ac'];
const PROTS: Prot[] = ['---', 'r--', '-w-', '--x', 'rw-', 'r-x', '-wx', 'rwx'];

describe('vmFlagsFor', () => {
  it('gives a private rw- mapping rd wr mr mw me ac, as smaps printed for the live process', () => {
    expect(vmFlagsFor('rw-', false)).toEqual(['rd', 'wr', 'mr', 'mw', 'me', 'ac']);
    // live, after MADV_NOHUGEPAGE, which adds nh at the end
    expect(capturedSmaps('fault', 'after-mmap').vmFlags).toEqual([...vmFlagsFor('rw-', false), 'nh']);
  });

  it('gives a private read-only mapping no ac: only private writable mappings are accounted (live: rd mr mw me)', () => {
    expect(vmFlagsFor('r--', false)).toEqual(['rd', 'mr', 'mw', 'me']);
    expect(capturedSmaps('populate', 'r').vmFlags).toEqual(vmFlagsFor('r--', false));
  });

  it('gives a MAP_SHARED mapping sh and ms and no ac (live: rd wr sh mr mw me ms)', () => {
    expect(vmFlagsFor('rw-', true)).toEqual(['rd', 'wr', 'sh', 'mr', 'mw', 'me', 'ms']);
    expect(capturedSmaps('fork', 'child-shared-after-fork').vmFlags).toEqual(vmFlagsFor('rw-', true));
  });

  it('gives PROT_NONE only mr mw me, and r-x rd ex mr mw me', () => {
    expect(vmFlagsFor('---', false)).toEqual(['mr', 'mw', 'me']);
    expect(vmFlagsFor('r-x', false)).toEqual(['rd', 'ex', 'mr', 'mw', 'me']);
    expect(vmFlagsFor('-w-', true)).toEqual(['wr', 'sh', 'mr', 'mw', 'me', 'ms']);
  });

  it('prints one code per set flag, in smaps’ order, for every prot', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTS), fc.boolean(), (prot, shared) => {
        const flags = vmFlagsFor(prot, shared);
        expect([...flags].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual(flags);
        expect(flags.includes('rd')).toBe(prot[0] === 'r');
        expect(flags.includes('wr')).toBe(prot[1] === 'w');
        expect(flags.includes('ex')).toBe(prot[2] === 'x');
        expect(flags.includes('sh')).toBe(shared);
        expect(flags.includes('ms')).toBe(shared);
        expect(flags.includes('ac')).toBe(!shared && prot[1] === 'w');
      }),
    );
  });
});
