import { formatHeader } from './format-header.ts';
import type { Mapping } from './mapping.ts';

/**
 * Mappings → the text of /proc/PID/smaps, byte for byte as the kernel prints it. Per mapping: the header
 * line; every field of `fields` in its order as "Label:" padded to 16 columns and the value right-aligned
 * in 8 ("Rss:                   4 kB"; Private_Hugetlb's label is 17 columns and its value 7); then
 * "THPeligible:" and "ProtectionKey:" (padded to 16, "%8u", no unit) when present; then
 * "VmFlags: " + each code followed by a space. Every line ends in "\n".
 */
export function formatSmaps(mappings: Mapping[]): string {
  let text = '';
  for (const mapping of mappings) {
    text += `${formatHeader(mapping)}\n`;
    for (const [key, kb] of Object.entries(mapping.fields)) text += `${kbLine(key, kb)}\n`;
    if (mapping.thpEligible !== undefined) text += `THPeligible:    ${countText(mapping.thpEligible ? 1 : 0)}\n`;
    if (mapping.protectionKey !== undefined) text += `ProtectionKey:  ${countText(mapping.protectionKey)}\n`;
    // show_smap_vma_flags(): seq_puts("VmFlags: ") then "%s " per flag, so the line ends in a space.
    text += `VmFlags: ${mapping.vmFlags.map((code) => `${code} `).join('')}\n`;
  }
  return text;
}

/**
 * __show_smap(): SEQ_PUT_DEC("Rss:            ", …) is a 16-character label (the key, a colon, spaces)
 * and the value right-aligned in 8: 24 characters before " kB". The one exception is
 * seq_put_decimal_ull_width(m, "Private_Hugetlb: ", …, 7): a 17-character label and a width of 7. Both
 * are "the label, at least one space, the value filling 24 columns" — which is also how we print a key we
 * do not know. A value too wide for its column pushes " kB" right: "Private_Hugetlb: 10485760 kB".
 */
function kbLine(key: string, kb: number): string {
  const label = `${key}: `.padEnd(16, ' ');
  return `${label}${String(kb).padStart(24 - label.length, ' ')} kB`;
}

/** seq_printf("%8u"). */
function countText(value: number): string {
  return String(value).padStart(8, ' ');
}
