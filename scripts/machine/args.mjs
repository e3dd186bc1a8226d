// @ts-check
/**
 * `npm run machine` arguments: the scenario, its machine (--mem, --swap, --no-swap, --thp), which tree
 * (--solution), --svg FILE, --seed N, --plain. Pure: argv in, options out, or a UsageError in plain words.
 */

/** A command line the script cannot run: printed as it is, exit 2. */
export class UsageError extends Error {
  /** @override */
  name = 'UsageError';
}

/** The scenarios by name, with the seed note each replays. */
export const SCENARIO_NAMES = /** @type {const} */ ({
  'swap-test': "seed 004's swap_test.py: a 2 GiB anonymous hog on a 1 GiB machine, kswapd, stalls, swap, OOM",
  'page-cache': "seed 001's buff-cache.sh: write a 1 GiB file, watch buff/cache, delete it, then memory pressure",
  malloc: "seed 000: malloc 4 MiB, touch it, and watch VSZ, RSS and buddyinfo (THP 'always': a 2 MiB page)",
  sar: "seed 003's sar -r 1 while a process and dd use memory",
});

export const USAGE = [
  'Usage: npm run machine -- <scenario> [--mem SIZE] [--swap SIZE | --no-swap] [--thp MODE] [--seed N]',
  '                                     [--svg FILE] [--solution] [--plain]',
  '',
  'Scenarios:',
  ...Object.entries(SCENARIO_NAMES).map(([name, what]) => `  ${name.padEnd(11)} ${what}`),
  '',
  'Options:',
  "  --mem SIZE    RAM, with a unit: 1G, 512M, 65536K (default: the scenario's machine)",
  '  --swap SIZE   the swap file (0 for none); --no-swap is --swap 0',
  '  --thp MODE    always | madvise | never',
  "  --seed N      the seed of the scenario's randomness (a whole number)",
  '  --svg FILE    also write the figure (free pages against min/low/high, kswapd, stalls) as SVG',
  '  --solution    run the reference solution instead of your katas',
  '  --plain       plain lines, even on a terminal',
].join('\n');

const UNITS = /** @type {const} */ ({ K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3 });

/**
 * A size as people write it → KiB: "1G" → 1048576, "512M", "65536K", "1.5G"; "0" alone is 0. Binary units
 * (K = KiB), an optional "i"/"iB"/"B". UsageError for anything else: no unit, a negative size, junk.
 * @param {string} text
 * @param {string} flag for the message
 * @returns {number}
 */
export function parseSize(text, flag) {
  if (text.trim() === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT])(?:i?B)?$/i.exec(text.trim());
  if (!m) {
    const hint = /^-/.test(text.trim()) ? 'a size cannot be negative' : 'give a number and a unit: 1G, 512M, 65536K';
    throw new UsageError(`${flag} ${JSON.stringify(text)}: ${hint}`);
  }
  const kb = Number(m[1]) * UNITS[/** @type {keyof typeof UNITS} */ ((m[2] ?? 'K').toUpperCase())];
  if (!Number.isSafeInteger(kb)) throw new UsageError(`${flag} ${text}: not a whole number of KiB`);
  return kb;
}

/**
 * @typedef {object} MachineArgs
 * @property {keyof typeof SCENARIO_NAMES} scenario
 * @property {{ memoryKb?: number, swapKb?: number, thp?: 'always' | 'madvise' | 'never' }} machine  overrides
 * @property {number | undefined} seed
 * @property {string | undefined} svg
 * @property {'katas' | 'solutions'} tree
 * @property {boolean} plain
 */

/**
 * @param {string[]} argv  what follows `npm run machine --`
 * @returns {MachineArgs | 'help'}
 */
export function parseMachineArgs(argv) {
  /** @type {string[]} */
  const words = [];
  /** @type {Record<string, string | true>} */
  const flags = {};
  const valued = ['mem', 'swap', 'thp', 'seed', 'svg'];
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!['mem', 'swap', 'no-swap', 'thp', 'seed', 'svg', 'solution', 'plain'].includes(name)) {
      throw new UsageError(`unknown option --${name}`);
    }
    if (name in flags) throw new UsageError(`--${name} is given twice`);
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    }
  }
  if (words.length === 0) return 'help';
  if (words.length > 1) throw new UsageError(`one scenario at a time, not ${words.join(' ')}`);
  const scenario = /** @type {string} */ (words[0]);
  if (!Object.hasOwn(SCENARIO_NAMES, scenario)) {
    throw new UsageError(`no scenario ${JSON.stringify(scenario)}: ${Object.keys(SCENARIO_NAMES).join(', ')}`);
  }
  if (flags['no-swap'] && flags.swap !== undefined) throw new UsageError('--no-swap and --swap together');
  /** @type {MachineArgs['machine']} */
  const machine = {};
  if (typeof flags.mem === 'string') machine.memoryKb = parseSize(flags.mem, '--mem');
  if (typeof flags.swap === 'string') machine.swapKb = parseSize(flags.swap, '--swap');
  if (flags['no-swap']) machine.swapKb = 0;
  if (typeof flags.thp === 'string') {
    if (flags.thp !== 'always' && flags.thp !== 'madvise' && flags.thp !== 'never') {
      throw new UsageError(`--thp ${flags.thp}: always, madvise or never`);
    }
    machine.thp = flags.thp;
  }
  let seed;
  if (typeof flags.seed === 'string') {
    seed = Number(flags.seed);
    if (!/^\d+$/.test(flags.seed) || !Number.isSafeInteger(seed)) {
      throw new UsageError(`--seed ${flags.seed}: a whole number ≥ 0`);
    }
  }
  return {
    scenario: /** @type {keyof typeof SCENARIO_NAMES} */ (scenario),
    machine,
    seed,
    svg: typeof flags.svg === 'string' ? flags.svg : undefined,
    tree: flags.solution ? 'solutions' : 'katas',
    plain: Boolean(flags.plain),
  };
}
