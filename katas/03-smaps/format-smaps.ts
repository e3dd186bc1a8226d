import { notImplemented } from '#shared/errors';
import type { Mapping } from './mapping.ts';

/**
 * Mappings → the text of /proc/PID/smaps, byte for byte as the kernel prints it. Per mapping: the header
 * line; every field of `fields` in its order as "Label:" padded to 16 columns and the value right-aligned
 * in 8 ("Rss:                   4 kB"; Private_Hugetlb's label is 17 columns and its value 7); then
 * "THPeligible:" and "ProtectionKey:" (padded to 16, "%8u", no unit) when present; then
 * "VmFlags: " + each code followed by a space. Every line ends in "\n".
 */
export function formatSmaps(mappings: Mapping[]): string {
  return notImplemented('formatSmaps');
}
