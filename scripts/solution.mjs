// @ts-check
/**
 * npm run solution N [-- --write] — the reference solution of kata N, once the learner's kata N is green, as
 * rustlings shows its solutions after success. "Green" is what `npm run kata N` (or `npm run progress`)
 * recorded in .memkata-state.json. Before that it says how far the learner is and what to run.
 * The reference comes from solutions/ (memkata) or from the encoded bundle .memkata-solutions (a classroom
 * export). `--write` also copies it to .memkata/solutions/NN-slug/ (git ignores .memkata/) to open in an editor.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { kataFromArg, parseArgs, run } from './lib/cli.mjs';
import { titleOf, uiLanguage } from './lib/lang.mjs';
import { messagesFor } from './lib/messages.mjs';
import { repoRoot } from './lib/paths.mjs';
import { referenceFiles } from './lib/reference.mjs';
import { readState } from './lib/state.mjs';
import { style } from './lib/style.mjs';

const USAGE = `Usage: npm run solution N              the reference solution of kata N, once your kata N is green
       npm run solution -- N --write    also write it to .memkata/solutions/NN-slug/`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const kata = kataFromArg(positional[0], USAGE);
  const lang = uiLanguage();
  const m = messagesFor(lang);
  if (!readState().katas[kata.number]?.done) {
    console.log(m.revealedAfterGreen(kata.number));
    return 1;
  }
  const files = referenceFiles(kata.slug);
  if (!files) throw new Error(`this repository has no reference for kata ${kata.number} (solutions/${kata.slug}/)`);
  console.log(style.bold(m.solutionHeading(kata.number, titleOf(kata, lang))));
  for (const [name, text] of Object.entries(files)) {
    console.log('');
    console.log(
      style.cyan(`── solutions/${kata.slug}/${name} ${'─'.repeat(Math.max(3, 60 - kata.slug.length - name.length))}`),
    );
    console.log(text.trimEnd());
  }
  if (flags.write) {
    const dir = join('.memkata', 'solutions', kata.slug);
    for (const [name, text] of Object.entries(files)) {
      const path = join(repoRoot, dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    console.log('');
    console.log(m.solutionWritten(dir));
  }
  return 0;
});
