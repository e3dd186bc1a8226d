// @ts-check
/** The progress table: rows from one spec run, and the text `npm run progress` prints. Pure. */
import { allKatas, loadManifest } from './manifest.mjs';
import { style } from './style.mjs';

/** @typedef {{ number: number, title: string, part: string, green: number, total: number, state: 'not started' | 'in progress' | 'done' }} ProgressRow */

/**
 * @param {import('./run-specs.mjs').RunResult} result
 * @returns {ProgressRow[]}
 */
export function progressRows(result) {
  return allKatas().map((kata) => {
    const specs = result.specs.filter((s) => s.slug === kata.slug);
    const broken = result.loadFailures.some((f) => f.slug === kata.slug);
    const green = specs.filter((s) => s.state === 'passed').length;
    const total = specs.length;
    const state =
      total > 0 && green === total && !broken ? 'done' : green > 0 || broken ? 'in progress' : 'not started';
    return { number: kata.number, title: kata.title, part: kata.part, green, total, state };
  });
}

/** @param {ProgressRow[]} rows */
export function renderProgress(rows) {
  const parts = loadManifest().parts;
  const header = ` #  ${'kata'.padEnd(26)} ${'part'.padEnd(5)} ${'specs'.padStart(9)}  state`;
  const lines = [style.bold(header)];
  let part = '';
  for (const r of rows) {
    if (r.part !== part) {
      part = r.part;
      lines.push(style.dim(`    Part ${part} — ${parts[part] ?? ''}`));
    }
    const specs = `${r.green}/${r.total}`.padStart(9);
    const state =
      r.state === 'done' ? style.green('done') : r.state === 'in progress' ? style.yellow(r.state) : style.dim(r.state);
    lines.push(`${String(r.number).padStart(2)}  ${r.title.padEnd(26)} ${r.part.padEnd(5)} ${specs}  ${state}`);
  }
  const done = rows.filter((r) => r.state === 'done').length;
  const green = rows.reduce((n, r) => n + r.green, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const width = 30;
  const filled = total === 0 ? 0 : Math.round((green / total) * width);
  lines.push(
    '',
    `Progress [${style.green('█'.repeat(filled))}${'░'.repeat(width - filled)}] ${done}/${rows.length} katas done · ${green}/${total} specs green`,
  );
  const next = rows.find((r) => r.state !== 'done');
  lines.push(
    next ? `Next: npm run kata ${next.number} (${next.title})` : style.green('Every kata is done. Well built!'),
  );
  return lines.join('\n');
}
