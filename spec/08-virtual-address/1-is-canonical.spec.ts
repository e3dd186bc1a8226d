import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonical } from '#kata/08-virtual-address';
import { canonical, KERNEL_START, nonCanonical, sleepMappings, U64_END, USER_END, u64 } from './addresses.ts';

describe('isCanonical', () => {
  it('accepts both ends of the user half: 0 and 0x00007fffffffffff', () => {
    expect(isCanonical(0n)).toBe(true);
    expect(isCanonical(0x7fffffffffffn)).toBe(true);
  });

  it('refuses 0x0000800000000000, the first address past the user half: bit 47 is set but bits 63..48 are not', () => {
    expect(isCanonical(0x800000000000n)).toBe(false);
  });

  it('refuses the last address of the hole, 0xffff7fffffffffff', () => {
    expect(isCanonical(0xffff7fffffffffffn)).toBe(false);
  });

  it('accepts both ends of the kernel half: 0xffff800000000000 and 0xffffffffffffffff', () => {
    expect(isCanonical(0xffff800000000000n)).toBe(true);
    expect(isCanonical(0xffffffffffffffffn)).toBe(true);
  });

  it('accepts the vsyscall page 0xffffffffff600000 that every process lists in its maps', () => {
    expect(isCanonical(0xffffffffff600000n)).toBe(true);
  });

  it('refuses a value with bits 63..48 set but bit 47 clear (0xffff000000001000)', () => {
    expect(isCanonical(0xffff000000001000n)).toBe(false);
  });

  it('refuses a 64-bit value with only bit 63 set', () => {
    expect(isCanonical(1n << 63n)).toBe(false);
  });

  it('refuses what is not a 64-bit value at all: negative bigints and 2^64 or more', () => {
    for (const va of [-1n, -4096n, U64_END, U64_END + KERNEL_START, 1n << 80n]) expect(isCanonical(va)).toBe(false);
  });

  it('accepts every address of a real process (sleep 600): start and last byte of each mapping', () => {
    for (const { start, end } of sleepMappings()) {
      expect(isCanonical(start)).toBe(true);
      expect(isCanonical(end - 1n)).toBe(true);
    }
  });

  it('agrees with "sign-extending the low 48 bits gives the value back" on any 64-bit value', () => {
    fc.assert(
      fc.property(fc.oneof(u64, canonical, nonCanonical), (va) => {
        const signExtended = BigInt.asUintN(64, BigInt.asIntN(48, va));
        return isCanonical(va) === (signExtended === va);
      }),
    );
  });

  it('is true for 2^47 − 1 and false for 2^47, whatever the bits below', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: USER_END - 1n }), (low) => {
        return isCanonical(low) && !isCanonical(USER_END | low);
      }),
    );
  });
});
