/**
 * A plain reader of /proc/meminfo captures for specs (kata 16 and later): `Name: value [kB]` lines to a
 * record of numbers. It is deliberately not a learner's kata 02 `parseMeminfo`: a spec that only needs to read
 * a fixture must not depend on how far the learner is. It trusts its input (a real capture) and throws a
 * plain Error, naming the line, for anything else.
 */
export function readMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const m = /^([^:\s]+):\s+(\d+)(?: kB)?$/.exec(line);
    if (!m) throw new Error(`meminfo line ${i + 1} is not "Name: value [kB]": ${JSON.stringify(line)}`);
    out[m[1] as string] = Number(m[2]);
  });
  return out;
}
