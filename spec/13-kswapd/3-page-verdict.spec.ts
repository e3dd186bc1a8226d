import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PageKind, pageVerdict, type Reclaimer } from '#kata/13-kswapd';

const page = (kind: PageKind, flags: { referenced?: boolean; dirty?: boolean; writeback?: boolean } = {}) => ({
  kind,
  referenced: false,
  dirty: false,
  writeback: false,
  ...flags,
});
const kswapd = { reclaimer: 'kswapd' as Reclaimer, swapFree: 100 };
const direct = { reclaimer: 'direct' as Reclaimer, swapFree: 100 };

describe('pageVerdict', () => {
  it('drops a clean, unreferenced file page: its data is still in the file', () => {
    expect(pageVerdict(page('file'), kswapd)).toBe('drop');
    expect(pageVerdict(page('file'), direct)).toBe('drop');
  });

  it('gives a referenced page a second chance (rotate), file or anon, clean or dirty', () => {
    expect(pageVerdict(page('file', { referenced: true }), kswapd)).toBe('rotate');
    expect(pageVerdict(page('anon', { referenced: true }), direct)).toBe('rotate');
    expect(pageVerdict(page('file', { referenced: true, dirty: true }), kswapd)).toBe('rotate');
  });

  it('swaps out an unreferenced anon page when a swap slot is free', () => {
    expect(pageVerdict(page('anon'), kswapd)).toBe('swap-out');
    expect(pageVerdict(page('anon'), { reclaimer: 'direct', swapFree: 1 })).toBe('swap-out');
  });

  it('activates an anon page when no swap slot is free: nothing else can free it', () => {
    expect(pageVerdict(page('anon'), { reclaimer: 'kswapd', swapFree: 0 })).toBe('activate');
  });

  it('lets only kswapd start writing a dirty file page back; direct reclaim moves it out of the way', () => {
    expect(pageVerdict(page('file', { dirty: true }), kswapd)).toBe('writeback');
    expect(pageVerdict(page('file', { dirty: true }), direct)).toBe('activate');
  });

  it('ignores the dirty bit of an anon page: swap-out writes it anyway', () => {
    expect(pageVerdict(page('anon', { dirty: true }), direct)).toBe('swap-out');
  });

  it('activates a page under writeback before anything else, even a referenced one', () => {
    expect(pageVerdict(page('file', { writeback: true, dirty: true }), kswapd)).toBe('activate');
    expect(pageVerdict(page('file', { writeback: true, referenced: true }), kswapd)).toBe('activate');
    expect(pageVerdict(page('anon', { writeback: true }), direct)).toBe('activate');
  });

  it('frees a page only when it is neither referenced nor under writeback', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<PageKind>('anon', 'file'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<Reclaimer>('kswapd', 'direct'),
        fc.nat(3),
        (kind, referenced, dirty, writeback, reclaimer, swapFree) => {
          const verdict = pageVerdict({ kind, referenced, dirty, writeback }, { reclaimer, swapFree });
          const frees = verdict === 'drop' || verdict === 'swap-out';
          if (frees) expect(referenced || writeback).toBe(false);
          if (verdict === 'swap-out') expect(kind === 'anon' && swapFree > 0).toBe(true);
          if (verdict === 'drop') expect(kind === 'file' && !dirty).toBe(true);
          if (verdict === 'writeback') expect(reclaimer).toBe('kswapd');
        },
      ),
    );
  });
});
