// @ts-check
/**
 * npm run progress [-- --json] — one table of every kata: specs green/total and state, from one run of all
 * specs on the learner's tree, plus a progress bar. Done-ness is recorded in .memkata-state.json.
 * `--json` prints the same as JSON for a facilitator to collect (who: MEMKATA_NAME, else git's user.name, else
 * the login name); `npm run gradebook` reads such files beside grade folders.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { parseArgs, run } from './lib/cli.mjs';
import { uiLanguage } from './lib/lang.mjs';
import { repoRoot } from './lib/paths.mjs';
import { progressJson, progressRows, renderProgress } from './lib/progress-table.mjs';
import { hasReferenceTree } from './lib/reference.mjs';
import { runSpecs } from './lib/run-specs.mjs';
import { readState, updateKataState } from './lib/state.mjs';

run(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  if (flags.solution && !hasReferenceTree()) {
    console.error('progress: --solution needs the reference tree (solutions/), which a classroom copy does not carry.');
    return 2;
  }
  const { result } = await runSpecs({ projects: [flags.solution ? 'solutions' : 'katas'] });
  if (!result) throw new Error('the specs did not run');
  const rows = progressRows(result);
  if (!flags.solution) {
    const state = readState();
    for (const row of rows) {
      if (Boolean(state.katas[row.number]?.done) !== (row.state === 'done')) {
        updateKataState(row.number, (entry) => ({
          ...entry,
          done: row.state === 'done',
          ...(row.state === 'done' && !entry.doneAt ? { doneAt: new Date().toISOString() } : {}),
        }));
      }
    }
  }
  if (flags.json) {
    const json = progressJson(rows, { learner: learnerName(), at: new Date().toISOString(), state: readState() });
    console.log(JSON.stringify(json, null, 2));
    return 0;
  }
  console.log(renderProgress(rows, uiLanguage()));
});

/** Who this is, for a facilitator's table. */
function learnerName() {
  if (process.env.MEMKATA_NAME) return process.env.MEMKATA_NAME;
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (name) return name;
  } catch {
    // no git, or no name configured
  }
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
