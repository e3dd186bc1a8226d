import { describe, expect, it } from 'vitest';
import { bytesMappedBy, LEVELS, type Level } from '#kata/08-virtual-address';

describe('bytesMappedBy', () => {
  it('is 4 KiB for a PTE: one page', () => {
    expect(bytesMappedBy('pte')).toBe(4096n);
  });

  it('is 2 MiB for a PMD entry: a whole PTE table, or one huge page', () => {
    expect(bytesMappedBy('pmd')).toBe(2097152n);
  });

  it('is 1 GiB for a PUD entry', () => {
    expect(bytesMappedBy('pud')).toBe(1073741824n);
  });

  it('is 512 GiB for a PGD entry, so the 256 user-half entries cover 128 TiB = 2^47 bytes', () => {
    expect(bytesMappedBy('pgd')).toBe(549755813888n);
    expect(256n * bytesMappedBy('pgd')).toBe(1n << 47n);
  });

  it('grows 512 times per level up the table', () => {
    for (let i = 0; i + 1 < LEVELS.length; i++) {
      expect(bytesMappedBy(LEVELS[i] as Level)).toBe(512n * bytesMappedBy(LEVELS[i + 1] as Level));
    }
  });

  it('throws RangeError for a level that does not exist (p4d is folded away with 4-level paging)', () => {
    expect(() => bytesMappedBy('p4d' as Level)).toThrow(RangeError);
    expect(() => bytesMappedBy('toString' as Level)).toThrow(RangeError);
  });
});
