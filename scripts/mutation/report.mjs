// @ts-check
/**
 * Reading StrykerJS's JSON report (mutation-testing-report-schema 1.x, what Stryker's `json` reporter writes)
 * into what `npm run mutation` prints: one table row per kata and one line per mutant the specs let through.
 * Pure: no file system, no clock (spec/tools/mutation.spec.ts).
 */

/** The score every kata's specs must reach: a green kata must mean a correct implementation. */
export const THRESHOLD = 90;

/**
 * The part of a Stryker report this module reads.
 * @typedef {{ line: number, column: number }} Position 1-based line and column; `end` is exclusive
 * @typedef {object} ReportMutant
 * @property {string} id
 * @property {string} mutatorName
 * @property {string} [replacement]
 * @property {string} status Killed, Survived, NoCoverage, Timeout, CompileError, RuntimeError, Ignored, Pending
 * @property {string} [statusReason]
 * @property {boolean} [static]
 * @property {number} [testsCompleted]
 * @property {{ start: Position, end: Position }} location
 * @typedef {{ source: string, mutants: ReportMutant[] }} ReportFile
 * @typedef {{ files: Record<string, ReportFile> }} Report
 */

/**
 * One row of the table. `mutants` counts the mutants that score (killed, survived, timeout, no coverage);
 * ignored ones (error messages, `// Stryker disable` lines) and errors are counted on their own.
 * @typedef {object} Row
 * @property {string} kata     the slug, e.g. "01-pages-and-units"
 * @property {number} mutants
 * @property {number} killed
 * @property {number} survived
 * @property {number} timeout
 * @property {number} noCoverage
 * @property {number} ignored
 * @property {number} errors   CompileError / RuntimeError: the mutant could not run at all (not scored)
 * @property {number} clockTimeouts timeouts by the clock, not by Stryker's hit counter (an endless loop): a slow
 *   mutant on a loaded machine lands here too, scored as caught — see the list summarizeReport returns
 * @property {number} unmeasured survivors whose run completed no spec: StrykerJS's vitest runner sometimes
 *   reports a run that never happened as "Survived" (stryker-js#6213); such a survivor proves nothing
 * @property {number | null} score  (killed + timeout) / mutants × 100, as Stryker computes it; null with no mutants
 * @property {number} [seconds] how long the run took
 * @property {string} [failure] why there is no report (Stryker failed, no reference files …)
 */

/**
 * A mutant the specs did not catch.
 * @typedef {object} Survivor
 * @property {string} file
 * @property {number} line
 * @property {number} column
 * @property {string} mutator
 * @property {'Survived' | 'NoCoverage' | 'Timeout'} status
 * @property {string} original     the source text the mutant replaced
 * @property {string} replacement
 * @property {boolean} static      in code that runs when the module loads (a top-level constant)
 * @property {boolean} unmeasured  Survived although no spec ran (see Row.unmeasured)
 */

/**
 * @param {string} kata
 * @param {Report} report
 * @returns {{ row: Row, survivors: Survivor[], clockTimeouts: Survivor[] }}
 */
export function summarizeReport(kata, report) {
  /** @type {Row} */
  const row = {
    kata,
    mutants: 0,
    killed: 0,
    survived: 0,
    timeout: 0,
    noCoverage: 0,
    ignored: 0,
    errors: 0,
    clockTimeouts: 0,
    unmeasured: 0,
    score: null,
  };
  /** @type {Survivor[]} */
  const survivors = [];
  /** @type {Survivor[]} */
  const clockTimeouts = [];
  for (const [file, { source, mutants }] of Object.entries(report.files ?? {})) {
    for (const m of mutants) {
      switch (m.status) {
        case 'Killed':
          row.killed++;
          break;
        case 'Timeout':
          row.timeout++;
          break;
        case 'Survived':
          row.survived++;
          break;
        case 'NoCoverage':
          row.noCoverage++;
          break;
        case 'Ignored':
          row.ignored++;
          continue;
        default: // CompileError, RuntimeError (and Pending, which a finished report does not have)
          row.errors++;
          continue;
      }
      const status = m.status;
      const byClock = status === 'Timeout' && !/hit limit/i.test(m.statusReason ?? '');
      if (status === 'Survived' || status === 'NoCoverage' || (status === 'Timeout' && byClock)) {
        (byClock ? clockTimeouts : survivors).push({
          file,
          line: m.location.start.line,
          column: m.location.start.column,
          mutator: m.mutatorName,
          status,
          original: sourceText(source, m.location),
          replacement: m.replacement ?? '',
          static: Boolean(m.static),
          unmeasured: m.status === 'Survived' && m.testsCompleted === 0,
        });
      }
    }
  }
  row.unmeasured = survivors.filter((s) => s.unmeasured).length;
  row.clockTimeouts = clockTimeouts.length;
  row.mutants = row.killed + row.timeout + row.survived + row.noCoverage;
  row.score = row.mutants === 0 ? null : ((row.killed + row.timeout) / row.mutants) * 100;
  /** @param {Survivor} a @param {Survivor} b */
  const byPlace = (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  return { row, survivors: survivors.sort(byPlace), clockTimeouts: clockTimeouts.sort(byPlace) };
}

/**
 * The text between two 1-based positions (end exclusive), as a report's `location` gives them.
 * @param {string} source
 * @param {{ start: Position, end: Position }} location
 */
export function sourceText(source, { start, end }) {
  const lines = source.split('\n');
  /** @param {Position} p */
  const offset = (p) => {
    let at = 0;
    for (let i = 0; i < p.line - 1 && i < lines.length; i++) at += (lines[i] ?? '').length + 1;
    return at + p.column - 1;
  };
  return source.slice(offset(start), offset(end));
}

/**
 * One line of code for a terminal: blanks (newlines included) collapsed, long text cut in the middle.
 * @param {string} text
 * @param {number} [width]
 */
export function oneLine(text, width = 60) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const head = Math.ceil((width - 1) / 2);
  return `${flat.slice(0, head)}…${flat.slice(flat.length - (width - 1 - head))}`;
}

/**
 * `file:line  mutator  original → replacement`, what a kata author needs to write the missing spec.
 * @param {Survivor} s
 */
export function survivorLine(s) {
  const notes = [
    s.status === 'NoCoverage' ? 'no spec runs this line' : '',
    s.status === 'Timeout' ? 'timed out by the clock' : '',
    s.static ? 'static' : '',
    s.unmeasured ? 'no spec ran: not measured, run again' : '',
  ].filter(Boolean);
  const note = notes.length > 0 ? `  (${notes.join(', ')})` : '';
  return `${s.file}:${s.line}  ${s.mutator}  ${oneLine(s.original)} → ${oneLine(s.replacement) || '(nothing)'}${note}`;
}

/** @param {number | null} score */
export function formatScore(score) {
  return score === null ? '–' : `${score.toFixed(1)} %`;
}

/** @param {Row} row */
export function belowThreshold(row) {
  return row.failure !== undefined || (row.score !== null && row.score < THRESHOLD);
}

const COLUMNS = /** @type {const} */ ([
  ['kata', 'kata'],
  ['mutants', 'mutants'],
  ['killed', 'killed'],
  ['survived', 'survived'],
  ['timeout', 'timeout'],
  ['noCoverage', 'no cov'],
  ['ignored', 'ignored'],
  ['score', 'score'],
  ['seconds', 'time'],
]);

/** @param {Row} row @param {(typeof COLUMNS)[number][0]} key */
function cell(row, key) {
  if (key === 'kata') return row.kata;
  if (key === 'score') return formatScore(row.score);
  if (key === 'seconds') return row.seconds === undefined ? '' : `${Math.round(row.seconds)} s`;
  return String(row[key]);
}

/**
 * The plain-text table: kata, mutants, killed, survived, timeout, no coverage, ignored, score, time.
 * A kata without a report gets its reason in place of the numbers.
 * @param {Row[]} rows
 */
export function renderTable(rows) {
  const head = COLUMNS.map(([, title]) => title);
  const cells = rows.map((row) => COLUMNS.map(([key]) => cell(row, key)));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  /** @param {string[]} r */
  const line = (r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(head),
    ...rows.map((row, i) =>
      row.failure === undefined ? line(cells[i] ?? []) : `${row.kata.padEnd(widths[0] ?? 0)}  ${row.failure}`,
    ),
  ].join('\n');
}

/**
 * The same table in Markdown (docs/quality.md, GitHub's job summary).
 * @param {Row[]} rows
 */
export function renderMarkdown(rows) {
  const head = COLUMNS.map(([, title]) => title);
  const out = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`];
  for (const row of rows) {
    const cells = row.failure === undefined ? COLUMNS.map(([key]) => cell(row, key)) : [row.kata, row.failure];
    out.push(`| ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

/**
 * The plain verdict lines under the table: one per kata below the threshold, or one saying all are above.
 * @param {Row[]} rows
 */
export function verdictLines(rows) {
  const low = rows.filter(belowThreshold);
  const lines = low.map((row) =>
    row.failure !== undefined
      ? `kata ${row.kata}: no score (${row.failure}).`
      : `kata ${row.kata} is below ${THRESHOLD} % (${formatScore(row.score)}): ${row.survived + row.noCoverage} mutants ` +
        'got through — write the specs they name, or mark an equivalent one (docs/quality.md).',
  );
  if (low.length === 0) lines.push(`Every kata's specs kill at least ${THRESHOLD} % of the mutants.`);
  for (const row of rows.filter((r) => r.clockTimeouts > 0)) {
    lines.push(
      `kata ${row.kata}: ${row.clockTimeouts} of its ${row.timeout} timeouts ran out of time rather than into an endless ` +
        'loop: scored as caught, they may be slow survivors on a busy machine (listed with --survivors).',
    );
  }
  for (const row of rows.filter((r) => r.unmeasured > 0)) {
    lines.push(
      `kata ${row.kata}: ${row.unmeasured} survivors ran no spec at all (a StrykerJS vitest-runner fault, ` +
        'stryker-js#6213): they prove nothing, and the score may be too low — run it again.',
    );
  }
  return lines;
}
