import { notImplemented } from '#shared/errors';

/**
 * A VmFlags code → what it means, as the table in README.md says: describeVmFlag('hg') → 'MADV_HUGEPAGE',
 * describeVmFlag('lo') → 'locked (mlock)'. A code the table does not have → 'unknown'.
 */
export function describeVmFlag(code: string): string {
  return notImplemented('describeVmFlag');
}
