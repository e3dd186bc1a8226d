/**
 * /proc/vmstat from its counters: "name value\n" for each entry, in the record's order (mm/vmstat.c
 * vmstat_show: the name, one space, the value in decimal). RangeError for a value that is not a whole number ≥ 0.
 */
export function formatVmstat(vmstat: Record<string, number>): string {
  let text = '';
  for (const [name, value] of Object.entries(vmstat)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} ${value} is not a whole number ≥ 0`);
    text += `${name} ${value}\n`;
  }
  return text;
}
