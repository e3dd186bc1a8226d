import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkSize, MIN_CHUNK_SIZE, MMAP_THRESHOLD } from '#kata/10-demand-paging';
import { captured } from './captures.ts';

describe('chunkSize', () => {
  it('adds the 8-byte size field and rounds up to 16: malloc(100) chunks are 112 bytes apart (live, glibc 2.36)', () => {
    expect(captured('malloc', '100x100')).toMatch(/step=112$/);
    expect(chunkSize(100)).toBe(112);
  });

  it('never gives less than 32 bytes (MINSIZE): malloc(1) chunks are 32 apart (live), and so are malloc(0) ones', () => {
    expect(captured('malloc', '1 then 1')).toBe('step=32');
    expect(chunkSize(1)).toBe(32);
    expect(chunkSize(0)).toBe(32);
    expect(chunkSize(24)).toBe(32);
    expect(chunkSize(25)).toBe(48);
    expect(MIN_CHUNK_SIZE).toBe(32);
  });

  it('puts 131048 bytes below the mmap threshold and 131049 at it: the threshold is on the chunk, not the request', () => {
    expect(chunkSize(131048)).toBe(131056);
    expect(chunkSize(131049)).toBe(131072);
    expect(chunkSize(131048)).toBeLessThan(MMAP_THRESHOLD);
    expect(chunkSize(131049)).toBe(MMAP_THRESHOLD);
  });

  it('is the smallest multiple of 16 that holds the request and 8 more bytes, and at least 32', () => {
    fc.assert(
      fc.property(fc.nat(2 ** 40), (request) => {
        const size = chunkSize(request);
        expect(size % 16).toBe(0);
        expect(size).toBeGreaterThanOrEqual(Math.max(32, request + 8));
        expect(size - 16).toBeLessThan(Math.max(32, request + 8));
      }),
    );
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'throws RangeError for a request of %s bytes',
    (request) => {
      expect(() => chunkSize(request)).toThrow(RangeError);
    },
  );
});
