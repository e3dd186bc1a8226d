// @ts-check
/**
 * npm run mutation [-- N …] [--survivors] [--file NAME] [--incremental] [--concurrency N] [--verbose]
 *
 * Mutation testing for maintainers (docs/quality.md): StrykerJS injects small bugs ("mutants") into kata
 * N's reference solution and runs the kata's specs on each; a mutant the specs do not fail is a bug a
 * learner could ship with a green kata. Prints one table row per kata and the surviving mutants; exit 1
 * when a kata's specs kill less than 90 %, 2 for a usage error or a Node too old for StrykerJS.
 *
 * Stryker works in a copy of the repository (.stryker-tmp/run-<pid>/sandbox-…/): the real tree is never
 * mutated, and the copy is removed when the run ends, also on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { kataList, run } from './lib/cli.mjs';
import { allKatas, findKata } from './lib/manifest.mjs';
import { repoRoot } from './lib/paths.mjs';
import { style } from './lib/style.mjs';
import { ensureStryker, mutationDir, pinnedStrykerVersion, strykerBin } from './mutation/install.mjs';
import { DEFAULT_FC_SEED, nodeVersionProblem, parseMutationArgs, USAGE } from './mutation/options.mjs';
import {
  belowThreshold,
  renderMarkdown,
  renderTable,
  summarizeReport,
  survivorLine,
  verdictLines,
} from './mutation/report.mjs';

const tempRoot = join(repoRoot, '.stryker-tmp');
const tempDir = join(tempRoot, `run-${process.pid}`);

/** Set when Ctrl-C (or a SIGTERM) arrives: the current Stryker run is let end, then nothing more starts. */
let interrupted = false;
/** @type {import('node:child_process').ChildProcess | undefined} */
let child;

/** Removes this run's sandbox folder (and .stryker-tmp/ when no other run uses it). */
function removeSandbox() {
  rmSync(tempDir, { recursive: true, force: true });
  try {
    if (readdirSync(tempRoot).length === 0) rmdirSync(tempRoot);
  } catch {
    // gone already, or another run is using it
  }
}

/** Removes the sandboxes of earlier runs that were killed outright (their process is gone). */
function removeStaleSandboxes() {
  if (!existsSync(tempRoot)) return;
  for (const name of readdirSync(tempRoot)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running: another run's
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ESRCH')
        rmSync(join(tempRoot, name), { recursive: true, force: true });
    }
  }
}

/**
 * The kata's reference files to mutate, or a reason there are none.
 * @param {import('./lib/manifest.mjs').Kata} kata
 * @param {string | undefined} file
 * @returns {{ files: string[] | undefined } | { failure: string }}
 */
function filesToMutate(kata, file) {
  const dir = join(repoRoot, 'solutions', kata.slug);
  const all = existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    : [];
  if (all.length === 0) return { failure: `no reference files in solutions/${kata.slug}/` };
  if (file === undefined) return { files: undefined };
  const picked = all.filter((f) => f.includes(file)).map((f) => `solutions/${kata.slug}/${f.replaceAll('\\', '/')}`);
  return picked.length > 0
    ? { files: picked }
    : { failure: `no file of solutions/${kata.slug}/ has "${file}" in its name (${all.join(', ')})` };
}

/** @param {import('./lib/manifest.mjs').Kata} kata a row with no mutants */
const empty = (kata) => summarizeReport(kata.slug, { files: {} }).row;

/**
 * Runs Stryker on one kata and reads its report.
 * @param {import('./lib/manifest.mjs').Kata} kata
 * @param {import('./mutation/options.mjs').MutationArgs} args
 * @param {string} seed
 * @returns {Promise<ReturnType<typeof summarizeReport>>}
 */
async function mutateKata(kata, args, seed) {
  const started = performance.now();
  const chosen = filesToMutate(kata, args.file);
  if ('failure' in chosen) {
    return { ...summarizeReport(kata.slug, { files: {} }), row: { ...empty(kata), failure: chosen.failure } };
  }
  const reportFile = join(repoRoot, 'reports', 'mutation', `${kata.slug}.json`);
  rmSync(reportFile, { force: true }); // never read an earlier run's report as this one's
  console.log(
    style.bold(`kata ${kata.number} (${kata.slug}):`) +
      ` ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${loadavg()[0]?.toFixed(1)},` +
      ` StrykerJS ${pinnedStrykerVersion()}, ${chosen.files ? chosen.files.join(', ') : `solutions/${kata.slug}/`}, ` +
      `${args.concurrency} runner${args.concurrency === 1 ? '' : 's'}, FC_SEED=${seed}${args.incremental ? ', incremental' : ''}${args.skipStatic ? ', static mutants skipped' : ''}`,
  );
  const code = await new Promise((resolve) => {
    child = spawn(process.execPath, [strykerBin, 'run', relative(repoRoot, join(mutationDir, 'stryker.config.mjs'))], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        FC_SEED: seed,
        MEMKATA_MUTATION_SLUG: kata.slug,
        MEMKATA_MUTATION_FILES: chosen.files?.join(',') ?? '',
        MEMKATA_MUTATION_CONCURRENCY: String(args.concurrency),
        MEMKATA_MUTATION_INCREMENTAL: args.incremental ? '1' : '0',
        MEMKATA_MUTATION_SKIP_STATIC: args.skipStatic ? '1' : '0',
        MEMKATA_MUTATION_VERBOSE: args.verbose ? '1' : '0',
        MEMKATA_MUTATION_TEMP_DIR: relative(repoRoot, tempDir),
      },
    });
    child.on('error', (error) => {
      console.error(style.red(`could not start StrykerJS: ${error.message}`));
      resolve(-1);
    });
    child.on('exit', (status, signal) => resolve(signal ? signal : status));
  });
  child = undefined;
  removeSandbox();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0 || !existsSync(reportFile)) {
    const why = interrupted
      ? 'interrupted'
      : `StrykerJS failed (exit ${code}): its error is above; --verbose shows its whole log`;
    return { ...summarizeReport(kata.slug, { files: {} }), row: { ...empty(kata), seconds, failure: why } };
  }
  const summary = summarizeReport(kata.slug, JSON.parse(readFileSync(reportFile, 'utf8')));
  summary.row.seconds = seconds;
  return summary;
}

run(async () => {
  const argv = process.argv.slice(2);
  const parsed = parseMutationArgs(
    argv,
    allKatas().map((k) => k.number),
  );
  if (!parsed.ok) {
    console.error(style.red(`npm run mutation: ${parsed.message}`));
    console.error(USAGE);
    console.error(`The katas are:\n${kataList()}`);
    return 2;
  }
  const args = parsed.args;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const command = `npm run mutation${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const problem = nodeVersionProblem(process.version, process.platform, process.arch, command);
  if (problem) {
    console.error(problem);
    return 2;
  }
  ensureStryker((line) => console.log(style.dim(line)));
  removeStaleSandboxes();

  const seed = process.env.FC_SEED || String(DEFAULT_FC_SEED);
  const katas = args.katas === 'all' ? allKatas() : args.katas.map((n) => /** @type {any} */ (findKata(n)));
  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    interrupted = true;
    // From a terminal, Ctrl-C reaches Stryker too; a signal sent to this process alone is passed on.
    child?.kill(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** @type {import('./mutation/report.mjs').Row[]} */
  const rows = [];
  /** @type {Map<string, import('./mutation/report.mjs').Survivor[]>} */
  const survivorsOf = new Map();
  for (const kata of katas) {
    if (interrupted) break;
    const { row, survivors, clockTimeouts } = await mutateKata(kata, args, seed);
    rows.push(row);
    survivorsOf.set(kata.slug, survivors);
    if (survivors.length > 0 && args.survivors) {
      console.log(style.bold(`\n${survivors.length} mutants of kata ${kata.number} got through the specs:`));
      for (const s of survivors) console.log(`  ${survivorLine(s)}`);
    }
    if (clockTimeouts.length > 0 && args.survivors) {
      console.log(
        style.bold(`\n${clockTimeouts.length} timeouts of kata ${kata.number} were by the clock (scored as caught):`),
      );
      for (const s of clockTimeouts) console.log(`  ${survivorLine(s)}`);
    }
    console.log('');
  }
  removeSandbox();

  console.log(renderTable(rows));
  const low = rows.filter(belowThreshold);
  for (const line of verdictLines(rows)) console.log(low.length > 0 ? style.red(line) : style.green(line));
  if (args.file !== undefined || args.skipStatic) {
    console.log(
      style.yellow("A partial run (--file or --skip-static): not the kata's score. Run it whole before you record it."),
    );
  }
  const hidden = [...survivorsOf.values()].some((s) => s.length > 0) && !args.survivors;
  if (hidden) console.log(style.dim('npm run mutation -- N lists the mutants that got through (or add --survivors).'));
  console.log(
    style.dim('JSON reports: reports/mutation/<kata>.json. Equivalent mutants and how to mark them: docs/quality.md'),
  );

  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    const lines = ['## Mutation score per kata', '', renderMarkdown(rows), '', ...verdictLines(rows), ''];
    for (const [slug, survivors] of survivorsOf) {
      if (survivors.length === 0) continue;
      lines.push(`<details><summary>${slug}: ${survivors.length} mutants got through</summary>`, '', '```');
      lines.push(...survivors.map(survivorLine), '```', '</details>', '');
    }
    appendFileSync(summaryFile, `${lines.join('\n')}\n`);
  }
  if (interrupted) {
    console.log('Interrupted: the sandbox is removed; the work tree was never changed.');
    return 130;
  }
  return low.length > 0 ? 1 : 0;
});
