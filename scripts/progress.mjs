// @ts-check
/**
 * npm run progress — one table of every kata: specs green/total and state, from one run of all specs on the
 * learner's tree, plus a progress bar. Done-ness is recorded in .memkata-state.json.
 */
import { parseArgs, run } from './lib/cli.mjs';
import { progressRows, renderProgress } from './lib/progress-table.mjs';
import { runSpecs } from './lib/run-specs.mjs';
import { readState, updateKataState } from './lib/state.mjs';

run(async () => {
  const { flags } = parseArgs(process.argv.slice(2));
  const { result } = await runSpecs({ projects: [flags.solution ? 'solutions' : 'katas'] });
  if (!result) throw new Error('the specs did not run');
  const rows = progressRows(result);
  console.log(renderProgress(rows));
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
});
