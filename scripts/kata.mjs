// @ts-check
/**
 * npm run kata [N] [-- --watch] [-- --solution]
 *
 * Runs kata N's hidden specs against the learner's katas/NN-slug (or the reference with --solution) and
 * prints a short verdict. N omitted: the first kata not yet done. Exit code 0 only when every spec is green.
 */
import { join } from 'node:path';
import { kataFromArg, kataList, parseArgs, run } from './lib/cli.mjs';
import { keptThreads } from './lib/kept-threads-pool.mjs';
import { uiLanguage } from './lib/lang.mjs';
import { allKatas, kataDirs } from './lib/manifest.mjs';
import { messagesFor } from './lib/messages.mjs';
import { exitWithParent } from './lib/parent-watch.mjs';
import { repoRoot } from './lib/paths.mjs';
import { hasReferenceTree } from './lib/reference.mjs';
import { runSpecs } from './lib/run-specs.mjs';
import { readState, updateKataState } from './lib/state.mjs';
import { style } from './lib/style.mjs';
import { typecheckKata } from './lib/typecheck.mjs';
import { renderVerdict } from './lib/verdict.mjs';
import { watchTree } from './lib/watch-tree.mjs';

const USAGE = `Usage: npm run kata [N]            run kata N's specs on your code (N omitted: the first kata not done)
       npm run kata -- N --watch    run again on every save
       npm run kata -- N --solution run the same specs on the reference solution
The katas are:`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  if (flags.help || flags.h) {
    console.log(USAGE);
    console.log(kataList());
    return 0;
  }
  const solution = Boolean(flags.solution);
  const watch = Boolean(flags.watch || flags.w);
  const state = readState();
  const word =
    positional[0] ?? String(allKatas().find((k) => !state.katas[k.number]?.done)?.number ?? allKatas()[0]?.number);
  const kata = kataFromArg(word, USAGE);
  const lang = uiLanguage();
  if (solution && !hasReferenceTree()) {
    // A classroom export: the reference is text to read after success (npm run solution N), not a tree to run.
    const m = messagesFor(lang);
    console.log(state.katas[kata.number]?.done ? m.solutionReady(kata.number) : m.revealedAfterGreen(kata.number));
    console.log(style.dim(m.noReferenceHere));
    return 2;
  }
  const index = allKatas().indexOf(kata);
  const next = allKatas()[index + 1];
  const project = solution ? 'solutions' : 'katas';
  const dir = kataDirs(kata).katas;

  let ran = false;
  const diagnostics = solution || watch ? Promise.resolve([]) : typecheckKata(kata.slug);
  let exitCode = 1;
  /** Watch mode's type-check of the last save, while it runs. @type {AbortController | undefined} */
  let typecheckRun;

  /** @param {import('./lib/run-specs.mjs').RunResult} result every run covers all of the kata's spec files */
  const onRun = async (result) => {
    ran = result.specs.length > 0 || result.loadFailures.length > 0;
    // A watch re-run does not wait for the type-check (it would double the time to a verdict): type errors
    // of this save are printed below the verdict when tsc finishes.
    const mine = watch ? [] : (await diagnostics).filter((d) => d.file.startsWith(`${dir}/`));
    const verdict = renderVerdict({
      kata,
      specs: result.specs,
      loadFailures: result.loadFailures,
      diagnostics: mine,
      solution,
      hintsShown: readState().katas[kata.number]?.hints ?? {}, // fresh: hints may be shown meanwhile
      next,
      lang,
    });
    if (watch) console.log(style.dim(`\n──── ${new Date().toLocaleTimeString()} ────`));
    console.log(verdict.text);
    if (watch) console.log(style.dim(`\n${messagesFor(lang).watching}`));
    if (!solution) recordProgress(kata.number, verdict.done, verdict.current);
    exitCode = verdict.done ? 0 : 1;
    if (watch && !solution) {
      // Beside the learner's next edit, not beside the next run: a re-run stops it (onRerun below).
      typecheckRun?.abort();
      typecheckRun = new AbortController();
      const { signal } = typecheckRun;
      typecheckKata(kata.slug, signal).then((fresh) => {
        if (signal.aborted) return;
        const now = fresh.filter((d) => d.file.startsWith(`${dir}/`));
        if (now.length > 0) {
          console.log(style.red('\nTypeScript found type errors in your code:'));
          for (const d of now.slice(0, 5)) console.log(`  ${d.file}:${d.line}:${d.column}  ${d.message}`);
        }
      });
    }
  };

  // In watch mode the spec files share their workers' module cache (no re-isolation), and the workers outlive
  // a run (scripts/lib/kept-threads-pool.mjs): a re-run imports only the spec files and what changed
  // (docs/performance.md).
  const pool = watch ? keptThreads() : undefined;
  const overrides = pool ? { isolate: false, pool } : {};
  const { vitest } = await runSpecs({
    projects: [project],
    filters: [`spec/${kata.slug}/`],
    keepOpen: watch,
    onRun,
    overrides,
  });
  if (watch) {
    watchTree(vitest, join(repoRoot, solution ? 'solutions' : 'katas'), { onRerun: () => typecheckRun?.abort() });
    // Ctrl-C, a kill, a closed terminal, or npm going away: close vitest (its workers are threads of this
    // process) and exit, and never hang on the way out.
    exitWithParent(() => {
      setTimeout(() => process.exit(0), 2000).unref();
      Promise.all([vitest.close(), pool?.close()]).finally(() => process.exit(0));
    });
    return;
  }
  if (!ran) {
    console.error(`Kata ${kata.number} has no spec files in spec/${kata.slug}/.`);
    return 2;
  }
  return exitCode;
});

/**
 * @param {number} number
 * @param {boolean} done
 * @param {string | undefined} current the function of the first failing spec
 */
function recordProgress(number, done, current) {
  const before = readState().katas[number];
  if (Boolean(before?.done) === done && before?.current === current) return; // nothing new: leave the file alone
  updateKataState(number, (entry) => {
    const { current: _old, ...rest } = entry;
    return {
      ...rest,
      done,
      ...(current ? { current } : {}),
      ...(done && !entry.doneAt ? { doneAt: new Date().toISOString() } : {}),
    };
  });
}
