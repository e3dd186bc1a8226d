// @ts-check
/**
 * The progress table: rows from one spec run, the text `npm run progress` prints (in the learner's language,
 * scripts/lib/messages.mjs), and the JSON `npm run progress -- --json` prints for a facilitator to collect.
 * Pure.
 */
import { titleOf } from './lang.mjs';
import { allKatas, loadManifest } from './manifest.mjs';
import { messagesFor } from './messages.mjs';
import { style } from './style.mjs';
import { displayWidth } from './text-width.mjs';

/**
 * @typedef {object} ProgressRow
 * @property {number} number
 * @property {string} slug
 * @property {string} title
 * @property {string} part
 * @property {number} green
 * @property {number} total
 * @property {'not started' | 'in progress' | 'done'} state
 */

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
    return { number: kata.number, slug: kata.slug, title: kata.title, part: kata.part, green, total, state };
  });
}

/** @param {string} text @param {number} width */
const padEnd = (text, width) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * @param {ProgressRow[]} rows
 * @param {import('./lang.mjs').Lang} [lang]
 */
export function renderProgress(rows, lang = 'en') {
  const m = messagesFor(lang);
  const parts = loadManifest().parts;
  const titles = new Map(allKatas().map((k) => [k.number, titleOf(k, lang)]));
  const title = (/** @type {ProgressRow} */ r) => titles.get(r.number) ?? r.title;
  const h = m.progressHeader;
  const header = ` #  ${padEnd(h.kata, 26)} ${padEnd(h.part, 5)} ${' '.repeat(Math.max(0, 9 - displayWidth(h.specs)))}${h.specs}  ${h.state}`;
  const lines = [style.bold(header)];
  let part = '';
  for (const r of rows) {
    if (r.part !== part) {
      part = r.part;
      lines.push(style.dim(`    ${m.partHeading(part, parts[part] ?? '')}`));
    }
    const specs = `${r.green}/${r.total}`.padStart(9);
    const word = m.state[r.state];
    const state =
      r.state === 'done' ? style.green(word) : r.state === 'in progress' ? style.yellow(word) : style.dim(word);
    lines.push(`${String(r.number).padStart(2)}  ${padEnd(title(r), 26)} ${r.part.padEnd(5)} ${specs}  ${state}`);
  }
  const done = rows.filter((r) => r.state === 'done').length;
  const green = rows.reduce((n, r) => n + r.green, 0);
  const total = rows.reduce((n, r) => n + r.total, 0);
  const width = 30;
  const filled = total === 0 ? 0 : Math.round((green / total) * width);
  lines.push(
    '',
    `${m.progressLabel} [${style.green('█'.repeat(filled))}${'░'.repeat(width - filled)}] ${m.progressLine(done, rows.length, green, total)}`,
  );
  const next = rows.find((r) => r.state !== 'done');
  lines.push(next ? m.progressNext(next.number, title(next)) : style.green(m.allDone));
  return lines.join('\n');
}

/**
 * What `npm run progress -- --json` prints: who, when, and per kata the specs green, the state, the points
 * that would earn, the hints shown and when it was first green (a facilitator's real timings). One such file per learner is what `npm run gradebook` reads too.
 * @param {ProgressRow[]} rows
 * @param {object} context
 * @param {string} context.learner
 * @param {string} context.at  ISO date
 * @param {import('./state.mjs').State} context.state
 */
export function progressJson(rows, { learner, at, state }) {
  const katas = allKatas();
  const round2 = (/** @type {number} */ x) => Math.round(x * 100) / 100;
  const out = rows.map((r) => {
    const kata = katas.find((k) => k.number === r.number);
    const maxPoints = kata?.points ?? 0;
    const entry = state.katas[r.number];
    return {
      number: r.number,
      slug: r.slug,
      title: r.title,
      part: r.part,
      green: r.green,
      total: r.total,
      state: r.state,
      points: r.total === 0 ? 0 : round2((maxPoints * r.green) / r.total),
      maxPoints,
      current: r.state === 'done' ? undefined : entry?.current,
      doneAt: r.state === 'done' ? entry?.doneAt : undefined,
      hintsShown: Object.values(entry?.hints ?? {}).reduce((n, t) => n + t, 0),
    };
  });
  const next = out.find((r) => r.state !== 'done');
  return {
    format: 1,
    kind: 'memkata-progress',
    learner,
    at,
    done: out.filter((r) => r.state === 'done').length,
    katas: out.length,
    green: out.reduce((n, r) => n + r.green, 0),
    total: out.reduce((n, r) => n + r.total, 0),
    next: next ? { number: next.number, title: next.title, function: next.current } : null,
    rows: out,
  };
}
