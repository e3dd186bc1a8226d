// @ts-check
/** docs/katas.md, generated from the manifest (npm run docs); the dev check fails when it is stale. */
import { allKatas, loadManifest } from './manifest.mjs';

export function renderKataIndex() {
  const { parts } = loadManifest();
  const lines = [
    '# The katas',
    '',
    '<!-- Generated from katas.json by `npm run docs`. Do not edit by hand. -->',
    '',
    'Each kata is a folder in `katas/` with its lesson in README.md. Run one with `npm run kata N`.',
    '',
  ];
  let part = '';
  for (const kata of allKatas()) {
    if (kata.part !== part) {
      part = kata.part;
      lines.push(`## Part ${part} — ${parts[part]}`, '', '| # | kata | points | lesson |', '|---|---|---|---|');
    }
    lines.push(
      `| ${kata.number} | ${kata.title} | ${kata.points} | [katas/${kata.slug}/README.md](../katas/${kata.slug}/README.md) |`,
    );
    const next = allKatas()[allKatas().indexOf(kata) + 1];
    if (!next || next.part !== part) lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
