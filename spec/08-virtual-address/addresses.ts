import fc from 'fast-check';
import { fixture } from '#support/fixtures';

/** 2^47 and 2^64, and the first address of the kernel half. */
export const USER_END = 1n << 47n;
export const U64_END = 1n << 64n;
export const KERNEL_START = 0xffff800000000000n;

/** A canonical address: the user half or the kernel half, each drawn evenly, edges included. */
export const canonical = fc.oneof(
  fc.bigInt({ min: 0n, max: USER_END - 1n }),
  fc.bigInt({ min: KERNEL_START, max: U64_END - 1n }),
  fc.constantFrom(0n, USER_END - 1n, KERNEL_START, U64_END - 1n),
);

/** A 64-bit value in the hole between the halves: bit 47 disagrees with bits 63..48. */
export const nonCanonical = fc.oneof(
  fc.bigInt({ min: USER_END, max: KERNEL_START - 1n }),
  fc.constantFrom(USER_END, KERNEL_START - 1n),
);

/** Any 64-bit value. */
export const u64 = fc.bigInt({ min: 0n, max: U64_END - 1n });

/** Start addresses of every mapping in a real `sleep 600`'s /proc/PID/maps (spec/fixtures/proc/sleep). */
export function sleepMappings(): { start: bigint; end: bigint; name: string }[] {
  return fixture('proc/sleep/maps.txt')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [range = '', , , , , name = ''] = line.split(/\s+/);
      const [start = '', end = ''] = range.split('-');
      return { start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), name };
    });
}
