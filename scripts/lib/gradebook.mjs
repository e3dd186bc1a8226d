// @ts-check
/**
 * The class at a glance, from one report per learner: `grade/results.json` (npm run grade, e.g. downloaded
 * Classroom artifacts) or the JSON of `npm run progress -- --json`. One table, learner × kata points and the
 * total, as CSV and as a self-contained HTML page with a bar per kata showing how many learners finished it
 * (all its specs green; a refused kata is not finished). The katas are the ones the reports name, so a course
 * of any subset works. Pure: reports in, text out (scripts/gradebook.mjs reads and writes the files).
 */

/**
 * @typedef {object} KataCell
 * @property {number} points
 * @property {number} maxPoints
 * @property {number} passed
 * @property {number} total
 * @property {boolean} finished
 * @property {boolean} refused
 */
/**
 * @typedef {object} LearnerRow
 * @property {string} learner
 * @property {string} source      the file it was read from
 * @property {Map<number, KataCell>} cells
 * @property {number} score
 * @property {number} maxScore
 * @property {string[]} notes     integrity, refusals
 */
/**
 * @typedef {object} Gradebook
 * @property {{ number: number, title: string, maxPoints: number }[]} katas
 * @property {LearnerRow[]} rows  by learner name
 * @property {Map<number, number>} finished  per kata: how many learners finished it
 */

/** @param {number} x */
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * One learner's report, either shape, as a row. Throws on a file that is neither.
 * @param {string} learner
 * @param {string} source
 * @param {any} report a parsed results.json or progress JSON
 * @returns {{ row: LearnerRow, katas: { number: number, title: string, maxPoints: number }[] }}
 */
export function readReport(learner, source, report) {
  /** @type {Map<number, KataCell>} */
  const cells = new Map();
  /** @type {string[]} */
  const notes = [];
  /** @type {{ number: number, title: string, maxPoints: number }[]} */
  const katas = [];
  if (report?.kind === 'memkata-progress' && Array.isArray(report.rows)) {
    for (const r of report.rows) {
      katas.push({ number: r.number, title: r.title, maxPoints: r.maxPoints });
      cells.set(r.number, {
        points: r.points,
        maxPoints: r.maxPoints,
        passed: r.green,
        total: r.total,
        finished: r.state === 'done',
        refused: false,
      });
    }
    notes.push(`progress at ${report.at}`);
  } else if (Array.isArray(report?.katas) && typeof report.maxScore === 'number') {
    for (const k of report.katas) {
      katas.push({ number: k.number, title: k.title, maxPoints: k.maxPoints });
      const refused = k.status === 'refused';
      cells.set(k.number, {
        points: k.points,
        maxPoints: k.maxPoints,
        passed: k.passed,
        total: k.total,
        finished: !refused && k.failed === 0 && k.total > 0,
        refused,
      });
      if (refused)
        notes.push(
          `kata ${k.number} refused: ${(k.refusals ?? []).map((/** @type {any} */ r) => r.message).join('; ')}`,
        );
    }
    if (report.integrity === 'modified') {
      const files = [
        ...(report.courseFiles?.changed ?? []),
        ...(report.courseFiles?.missing ?? []),
        ...(report.courseFiles?.added ?? []),
      ];
      notes.push(`course files modified: ${files.join(', ')}`);
    }
  } else {
    throw new Error(`${source} is neither a grade/results.json nor the JSON of npm run progress -- --json`);
  }
  const score = round2([...cells.values()].reduce((n, c) => n + c.points, 0));
  const maxScore = [...cells.values()].reduce((n, c) => n + c.maxPoints, 0);
  return { row: { learner, source, cells, score, maxScore, notes }, katas };
}

/**
 * @param {{ learner: string, source: string, report: any }[]} reports
 * @returns {Gradebook}
 */
export function buildGradebook(reports) {
  /** @type {Map<number, { number: number, title: string, maxPoints: number }>} */
  const katas = new Map();
  /** @type {LearnerRow[]} */
  const rows = [];
  for (const { learner, source, report } of reports) {
    const read = readReport(learner, source, report);
    rows.push(read.row);
    for (const k of read.katas) if (!katas.has(k.number)) katas.set(k.number, k);
  }
  rows.sort((a, b) => a.learner.localeCompare(b.learner));
  const list = [...katas.values()].sort((a, b) => a.number - b.number);
  const finished = new Map(list.map((k) => [k.number, rows.filter((r) => r.cells.get(k.number)?.finished).length]));
  return { katas: list, rows, finished };
}

/** @param {string} value */
const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** @param {Gradebook} book */
export function gradebookCsv(book) {
  const maxScore = book.katas.reduce((n, k) => n + k.maxPoints, 0);
  const header = [
    'learner',
    ...book.katas.map((k) => `kata ${k.number} · ${k.title} (${k.maxPoints})`),
    `total (${maxScore})`,
    'notes',
  ];
  const lines = [header.map(csvField).join(',')];
  for (const row of book.rows) {
    lines.push(
      [
        row.learner,
        ...book.katas.map((k) => {
          const cell = row.cells.get(k.number);
          return cell ? String(cell.points) : '';
        }),
        String(row.score),
        row.notes.join(' | '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  lines.push(
    ['finished', ...book.katas.map((k) => `${book.finished.get(k.number) ?? 0}/${book.rows.length}`), '', '']
      .map(csvField)
      .join(','),
  );
  return `${lines.join('\n')}\n`;
}

/** @param {string} text */
const html = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A self-contained page: no script, no outside file. A bar per kata (how many finished it), then the table.
 * @param {Gradebook} book
 * @param {string} generatedAt
 */
export function gradebookHtml(book, generatedAt) {
  const learners = book.rows.length;
  const maxScore = book.katas.reduce((n, k) => n + k.maxPoints, 0);
  const bars = book.katas
    .map((k) => {
      const done = book.finished.get(k.number) ?? 0;
      const share = learners === 0 ? 0 : Math.round((done / learners) * 100);
      return `<div class="bar"><span class="label">${k.number} · ${html(k.title)}</span><span class="track"><span class="fill" style="width:${share}%"></span></span><span class="count">${done}/${learners} finished</span></div>`;
    })
    .join('\n');
  const head = `<tr><th>learner</th>${book.katas.map((k) => `<th title="${html(k.title)}">${k.number}<br><small>${k.maxPoints}</small></th>`).join('')}<th>total<br><small>${maxScore}</small></th><th>notes</th></tr>`;
  const body = book.rows
    .map((row) => {
      const cells = book.katas
        .map((k) => {
          const c = row.cells.get(k.number);
          if (!c) return '<td class="none">–</td>';
          const kind = c.refused ? 'refused' : c.finished ? 'done' : c.points > 0 ? 'part' : 'zero';
          return `<td class="${kind}" title="${c.passed}/${c.total} specs${c.refused ? ', refused' : ''}">${c.points}</td>`;
        })
        .join('');
      return `<tr><th>${html(row.learner)}</th>${cells}<td class="total">${row.score}</td><td class="notes">${html(row.notes.join('; '))}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>memkata gradebook</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; }
.bar { display: flex; align-items: center; gap: .8em; margin: .25em 0; }
.label { width: 18em; }
.track { width: 20em; height: 1em; background: #eee; border-radius: 3px; overflow: hidden; }
.fill { display: block; height: 100%; background: #2a9d4b; }
.count { color: #555; }
table { border-collapse: collapse; margin-top: 1.5em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th:first-child, td.notes { text-align: left; }
td.done { background: #d4f4dc; } td.part { background: #fff3c4; } td.zero { color: #999; }
td.refused { background: #f8d0d0; } td.total { font-weight: bold; } td.notes { color: #a33; font-size: .9em; }
</style>
</head>
<body>
<h1>memkata gradebook</h1>
<p>${learners} learner(s), ${book.katas.length} kata(s), generated ${html(generatedAt)}. A kata is finished when all its specs are green; a refused kata (its code imported the specs or tampered with the grading) earns nothing.</p>
<h2>Who finished each kata</h2>
${bars}
<h2>Points</h2>
<table>
${head}
${body}
</table>
</body>
</html>
`;
}

/**
 * The terminal table.
 * @param {Gradebook} book
 */
export function gradebookText(book) {
  const width = Math.max(8, ...book.rows.map((r) => r.learner.length));
  const head = `${'learner'.padEnd(width)} ${book.katas.map((k) => String(k.number).padStart(6)).join('')}  ${'total'.padStart(8)}`;
  const lines = [head];
  for (const row of book.rows) {
    const cells = book.katas.map((k) => {
      const c = row.cells.get(k.number);
      return (c ? `${c.points}${c.refused ? '!' : ''}` : '–').padStart(6);
    });
    lines.push(`${row.learner.padEnd(width)} ${cells.join('')}  ${`${row.score}/${row.maxScore}`.padStart(8)}`);
  }
  lines.push(
    `${'finished'.padEnd(width)} ${book.katas.map((k) => `${book.finished.get(k.number) ?? 0}/${book.rows.length}`.padStart(6)).join('')}`,
  );
  return lines.join('\n');
}
