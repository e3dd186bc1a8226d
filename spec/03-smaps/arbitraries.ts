/** fast-check arbitraries shared by the spec files of kata 3. */
import fc from 'fast-check';
import type { MappingHeader } from '#kata/03-smaps';

export const U64 = 2n ** 64n - 1n;

/** A header the kernel could print: a name with no newline and no leading space (seq_path escapes "\n"). */
export const header: fc.Arbitrary<MappingHeader> = fc
  .record({
    start: fc.bigInt({ min: 0n, max: U64 - 1n }),
    size: fc.bigInt({ min: 0n, max: 2n ** 48n }),
    perms: fc.record({ read: fc.boolean(), write: fc.boolean(), exec: fc.boolean(), shared: fc.boolean() }),
    offset: fc.bigInt({ min: 0n, max: U64 }),
    dev: fc.record({ major: fc.nat(0xfff), minor: fc.nat(0xfffff) }),
    inode: fc.oneof(fc.nat(), fc.nat({ max: Number.MAX_SAFE_INTEGER })),
    pathname: fc.oneof(
      fc.constant(''),
      fc.constantFrom('[heap]', '[stack]', '[vdso]', '[vvar]', '[vsyscall]', '/dev/zero', '/memfd:a b'),
      fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `/${s.replaceAll('\n', '\\012')}`),
    ),
    deleted: fc.boolean(),
  })
  .filter(({ pathname }) => !pathname.endsWith(' (deleted)'))
  .map(({ start, size, pathname, deleted, ...rest }) => ({
    ...rest,
    start,
    end: start + size > U64 ? U64 : start + size,
    pathname,
    deleted: deleted && pathname !== '',
  }));
