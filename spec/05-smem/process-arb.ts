/** Random processes for the formatters' properties. */
import fc from 'fast-check';
import type { ProcessMemory } from '#kata/05-smem';

/** A process as measureProcess returns one: uss ≤ pss ≤ rss ≤ vss; now and then one without mappings. */
export const processArb: fc.Arbitrary<ProcessMemory> = fc
  .record({
    pid: fc.integer({ min: 1, max: 9999999 }),
    user: fc.constantFrom('root', 'daemon', 'ubuntu', 'systemd-network', '4242'),
    command: fc.stringMatching(/^[a-z0-9 /.-]{0,40}$/),
    sizes: fc.array(fc.nat(2 ** 34), { minLength: 5, maxLength: 5 }),
    maps: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min: 1, max: 500 }) },
      { weight: 1, arbitrary: fc.constant(0) },
    ),
  })
  .map(({ pid, user, command, sizes, maps }) => {
    const [swap = 0, ...rest] = sizes;
    const [uss = 0, pss = 0, rss = 0, vss = 0] = rest.sort((a, b) => a - b);
    return maps === 0
      ? { pid, user, command, swap: 0, uss: 0, pss: 0, rss: 0, vss: 0, maps }
      : { pid, user, command, swap, uss, pss, rss, vss, maps };
  });

/** Processes with distinct PIDs, as a real /proc has them. */
export const processesArb = fc.uniqueArray(processArb, { selector: (p) => p.pid, maxLength: 30 });

/** The words of a table line: smem's cells, split on blanks (commands here have no leading blanks). */
export const words = (line: string) => line.trim().split(/ +/);
