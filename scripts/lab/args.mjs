// @ts-check
/**
 * The lab's command line: `npm run lab -- free|smaps|status|smem [pid] [--solution] [--proc DIR]`.
 * Pure: argv in, options out; anything it cannot read is a UsageError (exit code 2).
 */

/** @typedef {'free' | 'smaps' | 'status' | 'smem'} Mode */
/** smem's sortable columns (smem 1.5 `showpids` fields). */
export const SMEM_SORT_KEYS = /** @type {const} */ (['pid', 'user', 'command', 'swap', 'uss', 'pss', 'rss']);
/** @typedef {typeof SMEM_SORT_KEYS[number]} SmemSortKey */

/**
 * @typedef {object} LabArgs
 * @property {Mode} mode
 * @property {number | undefined} pid        smaps/status: the process to read (default: a sleeping child)
 * @property {'katas' | 'solutions'} tree    whose code runs: the learner's (default) or the reference
 * @property {string | undefined} procDir    read this folder instead of /proc
 * @property {boolean} tableOnly             smem: print only the table (for benchmarks and pipes)
 * @property {SmemSortKey} sort              smem: the column to sort on (smem -s)
 * @property {boolean} reverse               smem: largest first (smem -r)
 */

export const MODES = /** @type {const} */ (['free', 'smaps', 'status', 'smem']);

export const USAGE = `usage: npm run lab -- <mode> [pid] [options]

Runs your kata code on this machine's /proc and compares it with the real tool or the kernel.

modes:
  free            /proc/meminfo through your kata 2, against the real \`free -k\`, \`-w\`, \`-h\`
  smaps [pid]     /proc/PID/smaps and smaps_rollup through your kata 3
  status [pid]    /proc/PID/status and statm through your kata 4 (with kata 3's smaps)
  smem            every process through your kata 5, a smem table sorted by swap, against real smem

options:
  --solution      run the reference solutions instead of your code
  --proc DIR      read DIR instead of /proc (offline: --proc spec/fixtures/lab/proc)
  -s, --sort COL  smem: sort on COL (${SMEM_SORT_KEYS.join(', ')}); smallest first unless -r
  -r, --reverse   smem: largest first
  --table-only    smem: print only the table, compare nothing
  -h, --help      this text

smaps and status read a sleeping child the lab starts when no pid is given (the lab itself is a busy
Node process whose memory moves while it reads). Exit code: 0 all comparisons hold, 1 a mismatch or
an unfinished kata, 2 a usage error.`;

export class UsageError extends Error {
  /** @override */
  name = 'UsageError';
}

/**
 * @param {readonly string[]} argv the arguments after `lab.mjs`
 * @returns {LabArgs | 'help'}
 */
export function parseArgs(argv) {
  /** @type {string[]} */
  const positional = [];
  let tree = /** @type {'katas' | 'solutions'} */ ('katas');
  /** @type {string | undefined} */
  let procDir;
  let tableOnly = false;
  /** @type {SmemSortKey | undefined} */
  let sort;
  let reverse = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    /** @param {string} option */
    const value = (option) => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`${option} needs a value`);
      return next;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--solution' || arg === '--solutions') tree = 'solutions';
    else if (arg === '--proc') procDir = value('--proc');
    else if (arg.startsWith('--proc=')) procDir = arg.slice('--proc='.length);
    else if (arg === '--table-only') tableOnly = true;
    else if (arg === '-r' || arg === '--reverse') reverse = true;
    else if (arg === '-s' || arg === '--sort') sort = sortKey(value(arg));
    else if (arg.startsWith('--sort=')) sort = sortKey(arg.slice('--sort='.length));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }

  const [modeText, pidText, ...extra] = positional;
  if (modeText === undefined) throw new UsageError('which mode? free, smaps, status or smem');
  const mode = MODES.find((m) => m === modeText);
  if (!mode) throw new UsageError(`unknown mode "${modeText}": use free, smaps, status or smem`);
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (pidText !== undefined && (mode === 'free' || mode === 'smem')) {
    throw new UsageError(`${mode} reads the whole machine: it takes no pid`);
  }
  if (procDir === '') throw new UsageError('--proc needs a folder');
  if (mode !== 'smem' && (tableOnly || sort !== undefined || reverse)) {
    throw new UsageError('--table-only, --sort and --reverse are smem options');
  }

  return {
    mode,
    pid: pidText === undefined ? undefined : pidOf(pidText),
    tree,
    procDir,
    tableOnly,
    // With no -s the lab shows the biggest swappers first (smem -s swap -r); with -s it sorts as smem does.
    sort: sort ?? 'swap',
    reverse: sort === undefined ? true : reverse,
  };
}

/** @param {string} text */
function pidOf(text) {
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new UsageError(`"${text}" is not a process id`);
  return Number(text);
}

/**
 * @param {string} text
 * @returns {SmemSortKey}
 */
function sortKey(text) {
  const key = SMEM_SORT_KEYS.find((k) => k === text);
  if (!key) throw new UsageError(`cannot sort on "${text}": use one of ${SMEM_SORT_KEYS.join(', ')}`);
  return key;
}
