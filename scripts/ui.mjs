// @ts-check
/**
 * npm run ui — the vitest UI on the learner's tree, in watch mode (the UI needs it to stay up).
 * Open the printed address in a browser; every save re-runs the specs there. `-- --port N` picks the port.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from './lib/cli.mjs';
import { uiLanguage } from './lib/lang.mjs';
import { messagesFor } from './lib/messages.mjs';
import { repoRoot } from './lib/paths.mjs';
import { hasReferenceTree } from './lib/reference.mjs';

const { flags } = parseArgs(process.argv.slice(2), ['port']);
if (flags.solution && !hasReferenceTree()) {
  // A classroom export: the reference is text to read after success, not a tree to run.
  console.error(`ui: --solution needs the reference tree. ${messagesFor(uiLanguage()).noReferenceHere}`);
  process.exit(2);
}
const port = typeof flags.port === 'string' ? flags.port : '51204';
const project = flags.solution ? 'solutions' : 'katas';
console.log(`Starting the vitest UI for the ${project} tree: http://localhost:${port}/__vitest__/  (Ctrl-C stops it)`);
const child = spawn(
  process.execPath,
  [
    join(repoRoot, 'node_modules/vitest/vitest.mjs'),
    '--ui',
    '--watch',
    '--open=false',
    `--api.port=${port}`,
    '--project',
    project,
  ],
  { cwd: repoRoot, stdio: 'inherit' },
);
child.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => child.kill('SIGINT'));
