#!/usr/bin/env node
// @ts-check
/**
 * The live lab: `npm run lab -- <mode> [pid] [--solution] [--proc DIR] [options]`.
 * Runs the learner's katas on this machine's /proc (or a simulation) and compares them with the real tool
 * or the kernel. Every mode is a file in scripts/lab/modes/ (mode.mjs says what one is); the pure
 * comparisons, the arguments and the report are in scripts/lab/; this is the shell.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { parseArgs, UsageError, usage } from './lab/args.mjs';
import { exitCodeOf } from './lab/checks.mjs';
import { loadMode, loadModes } from './lab/mode.mjs';
import { noFolderMessage, noProcMessage } from './lab/no-proc.mjs';
import { hasLiveProc } from './lab/proc-source.mjs';
import { renderReport } from './lab/report.mjs';
import { readStubIndex } from './lab/stubs.mjs';
import { uiLanguage } from './lib/lang.mjs';
import { messagesFor } from './lib/messages.mjs';
import { repoRoot } from './lib/paths.mjs';
import { hasReferenceTree } from './lib/reference.mjs';

/**
 * @param {string[]} argv
 * @returns {Promise<number>} the exit code
 */
async function main(argv) {
  // The mode named first is loaded alone; all of them only for the usage text or a usage error.
  const named = argv.find((word, i) => !word.startsWith('-') && argv[i - 1] !== '--proc');
  const one = named === undefined ? undefined : await loadMode(named);
  if (one?.v8Flags) setFlagsFromString(one.v8Flags);
  let modes = one ? [one] : await loadModes();
  if (modes.length === 0) {
    // A classroom export whose katas no lab mode runs (each mode comes with the katas it needs).
    process.stderr.write(
      'lab: this course has no lab modes: each one comes with the katas it runs, and none fits these.\n',
    );
    return 2;
  }
  /** @type {ReturnType<typeof parseArgs>} */
  let args;
  try {
    args = parseArgs(argv, modes);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    modes = await loadModes();
    let message = error.message;
    try {
      parseArgs(argv, modes); // with every mode known, the message can name an option of another mode
    } catch (again) {
      if (again instanceof UsageError) message = again.message;
    }
    process.stderr.write(`lab: ${message}\n\n${usage(modes)}\n`);
    return 2;
  }
  if (args === 'help') modes = await loadModes();
  if (args === 'help') {
    process.stdout.write(`${usage(modes)}\n`);
    return 0;
  }
  const mode = /** @type {import('./lab/mode.mjs').LabMode} */ (modes.find((m) => m.name === args.mode));
  if (args.tree === 'solutions' && !hasReferenceTree()) {
    // A classroom export has no reference tree to run: the lab runs the learner's code, and says why.
    const m = messagesFor(uiLanguage());
    process.stderr.write(`lab: --solution runs the reference tree of memkata itself. ${m.noReferenceHere}\n`);
    return 2;
  }

  // No --proc (or --proc /proc): this machine's own /proc, which macOS and Windows do not have.
  const live = args.procDir === undefined || resolve(args.procDir) === '/proc';
  const procDir = live ? '/proc' : resolve(args.procDir ?? '');
  if (live && mode.needsProc !== false && !hasLiveProc(procDir)) {
    process.stderr.write(`${noProcMessage(process.platform, args.mode, mode.snapshot)}\n`);
    return 2;
  }
  if (!live && mode.needsProc !== false && !existsSync(procDir)) {
    process.stderr.write(`lab: ${noFolderMessage(args.procDir ?? '')}\n`);
    return 2;
  }

  // Loaded only now: it starts the TypeScript loader (~60 ms), which a usage error does not need.
  const { loadKatas } = await import('./lab/kata-loader.mjs');
  const { modules, missing, close } = await loadKatas(args.tree, [...mode.katas]);
  try {
    if (missing.length > 0) {
      process.stdout.write(renderReport({ heading: [`memkata lab · ${args.mode}`], checks: missing, width: width() }));
      return exitCodeOf(missing);
    }
    const ctx = { args, procDir, live, katas: modules, stubs: readStubIndex(repoRoot, args.tree) };
    const result = await mode.run(ctx);
    if (result.tableOnly !== undefined) {
      process.stdout.write(result.tableOnly);
      return 0;
    }
    const body = result.body ? ['', ...result.body] : [];
    process.stdout.write(
      renderReport({ heading: [...result.heading, ...body], checks: result.checks, width: width() }),
    );
    return exitCodeOf(result.checks);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`lab: ${error.message}\n`);
    return 2;
  } finally {
    await close();
  }
}

function width() {
  return process.stdout.columns || 160;
}

process.exitCode = await main(process.argv.slice(2));
