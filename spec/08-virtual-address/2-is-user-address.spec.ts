import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserAddress, TASK_SIZE_MAX } from '#kata/08-virtual-address';
import { canonical, KERNEL_START, sleepMappings, U64_END, USER_END } from './addresses.ts';

describe('isUserAddress', () => {
  it('is true from 0 up to 0x00007fffffffffff', () => {
    expect(isUserAddress(0n)).toBe(true);
    expect(isUserAddress(0x1000n)).toBe(true);
    expect(isUserAddress(0x7fffffffffffn)).toBe(true);
  });

  it('is false from 2^47 on: the hole and the kernel half', () => {
    expect(isUserAddress(0x800000000000n)).toBe(false);
    expect(isUserAddress(KERNEL_START)).toBe(false);
    expect(isUserAddress(0xffffffffff600000n)).toBe(false);
  });

  it('counts the page at TASK_SIZE_MAX (0x7ffffffff000) as user half, though Linux never maps it', () => {
    expect(TASK_SIZE_MAX).toBe(0x7ffffffff000n);
    expect(isUserAddress(TASK_SIZE_MAX)).toBe(true);
    expect(isUserAddress(TASK_SIZE_MAX + 0xfffn)).toBe(true);
    expect(isUserAddress(TASK_SIZE_MAX + 0x1000n)).toBe(false);
  });

  it('is false for negative bigints and values of 2^64 or more', () => {
    for (const va of [-1n, -0x1000n, U64_END, U64_END + 0x1000n]) expect(isUserAddress(va)).toBe(false);
  });

  it('is true for every mapping of a real process but [vsyscall]', () => {
    for (const { start, name } of sleepMappings()) expect(isUserAddress(start)).toBe(name !== '[vsyscall]');
  });

  it('splits the canonical addresses in two: user when below 2^47, kernel otherwise', () => {
    fc.assert(fc.property(canonical, (va) => isUserAddress(va) === va < USER_END));
  });
});
