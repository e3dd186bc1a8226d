// @ts-check
/**
 * npm run new-kata -- N slug "title" PART [--functions a,b,c]
 * Adds kata N: its entry in katas.json (TODO hints for each function, English and Korean), the folders
 * katas/NN-slug (stubs, README.md, README.ko.md), solutions/NN-slug (a reference whose bodies say TODO) and
 * spec/NN-slug (one numbered spec per function), and regenerates docs/katas.md. Existing files are kept.
 * The dev check (`npm run check -- N`) lists every TODO left; once they are written, it passes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs, run } from './lib/cli.mjs';
import { renderKataIndex } from './lib/kata-index.mjs';
import { allKatas, loadManifest, reloadManifest } from './lib/manifest.mjs';
import { camel, kataFiles, manifestEntry } from './lib/new-kata.mjs';
import { repoRoot } from './lib/paths.mjs';
import { style } from './lib/style.mjs';

const USAGE = `Usage: npm run new-kata -- N slug "title" PART [--functions parseX,formatX]
  N          the kata's number (not used yet)
  slug       words after the number: buddy-allocator makes 07-buddy-allocator
  title      as the kata list shows it
  PART       one of the manifest's parts (I, II, …)
  --functions the exported functions, in the order a learner writes them (default: the slug, camelCased)`;

run(async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['functions']);
  const [numberText, words, title, part] = positional;
  const fail = (/** @type {string} */ message) => {
    console.error(`new-kata: ${message}\n\n${USAGE}`);
    return 2;
  };
  if (!numberText || !words || !title || !part) return fail('four arguments are needed');
  const number = Number(numberText);
  if (!Number.isInteger(number) || number < 1 || number > 99)
    return fail(`"${numberText}" is not a kata number (1 … 99)`);
  if (allKatas().some((k) => k.number === number)) return fail(`kata ${number} exists already`);
  const bare = words.replace(/^\d{2}-/, '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(bare)) return fail(`"${words}" is not a slug: lower-case words joined by -`);
  const parts = loadManifest().parts;
  if (!(part in parts)) return fail(`part "${part}" is not one of ${Object.keys(parts).join(', ')}`);
  const functions =
    typeof flags.functions === 'string'
      ? flags.functions
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [camel(bare)];
  const bad = functions.find((f) => !/^[A-Za-z_$][\w$]*$/.test(f));
  if (bad !== undefined) return fail(`"${bad}" is not a function name`);
  const kata = { number, slug: `${String(number).padStart(2, '0')}-${bare}`, title, part, functions };

  // The manifest: inserted in number order, formatted as the file is.
  const file = join(repoRoot, 'katas.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.katas.push(manifestEntry(kata));
  manifest.katas.sort(
    (/** @type {{ number: number }} */ a, /** @type {{ number: number }} */ b) => a.number - b.number,
  );
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${style.green('added')}    katas.json entry ${number} (${kata.slug}), hints TODO`);

  for (const [path, text] of kataFiles(kata)) {
    const target = join(repoRoot, path);
    if (existsSync(target)) {
      console.log(`${style.dim('kept')}     ${path} (it exists)`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`${style.green('wrote')}    ${path}`);
  }
  reloadManifest();
  writeFileSync(join(repoRoot, 'docs', 'katas.md'), renderKataIndex());
  console.log(`${style.green('wrote')}    docs/katas.md`);
  console.log(`
Next (docs/contributing.md, "Adding a kata"):
  1. Write the reference in solutions/${kata.slug}/ and real specs in spec/${kata.slug}/ (fixtures with their capture commands).
  2. npm run stub -- ${number}          derive the stubs from the reference (--write replaces the TODO ones)
  3. README.md, README.ko.md and the hints in katas.json (English and "ko")
  4. npm run check -- ${number}         lists every TODO left; green when the kata is whole
  5. npm run format && npm test`);
  return 0;
});
