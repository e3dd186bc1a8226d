// @ts-check
/**
 * npm run gradebook -- DIR… [--out DIR] — the class in one table. Each DIR is one learner: a folder with
 * results.json (a grade/ folder, a downloaded Classroom artifact), a folder with grade/results.json (a learner's
 * repository), or a file written by `npm run progress -- --json`. The learner's name is the folder's (the parent's
 * for a folder named grade) or, for a progress file, the name inside it. Writes gradebook.csv and
 * gradebook.html (self-contained) to --out (default: ./gradebook) and prints the table.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs, run } from './lib/cli.mjs';
import { buildGradebook, gradebookCsv, gradebookHtml, gradebookText } from './lib/gradebook.mjs';

const USAGE = `Usage: npm run gradebook -- DIR… [--out DIR]
  DIR        one per learner: a grade/ folder (results.json), a learner's repository (grade/results.json),
             or a progress file (npm run progress -- --json > name.json)
  --out DIR  where gradebook.csv and gradebook.html go (default: ./gradebook)`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['out']);
  if (flags.help || flags.h || positional.length === 0) {
    (positional.length === 0 && !flags.help && !flags.h ? console.error : console.log)(USAGE);
    return positional.length === 0 && !flags.help && !flags.h ? 2 : 0;
  }
  const reports = positional.map((arg) => {
    const path = resolve(arg);
    if (!existsSync(path)) throw new Error(`${arg} does not exist`);
    if (statSync(path).isFile()) {
      // `npm run progress -- --json > me.json` puts npm's own two banner lines first: skip to the JSON.
      const text = readFileSync(path, 'utf8');
      const report = JSON.parse(text.slice(Math.max(0, text.search(/^\{/m))));
      return { learner: report.learner ?? basename(path, '.json'), source: arg, report };
    }
    const file = [join(path, 'results.json'), join(path, 'grade', 'results.json')].find((f) => existsSync(f));
    if (!file) throw new Error(`${arg} has no results.json nor grade/results.json`);
    const name = basename(path) === 'grade' ? basename(dirname(path)) : basename(path);
    return { learner: name, source: relative(process.cwd(), file), report: JSON.parse(readFileSync(file, 'utf8')) };
  });
  const book = buildGradebook(reports);
  const out = resolve(typeof flags.out === 'string' ? flags.out : 'gradebook');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'gradebook.csv'), gradebookCsv(book));
  writeFileSync(join(out, 'gradebook.html'), gradebookHtml(book, new Date().toISOString()));
  console.log(gradebookText(book));
  console.log(`\nWrote ${relative(process.cwd(), join(out, 'gradebook.csv'))} and gradebook.html beside it.`);
  return 0;
});
