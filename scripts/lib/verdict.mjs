// @ts-check
/**
 * Turns one kata's spec results into the short verdict a learner reads: how many specs are green, the next
 * failing spec in plain words (expected vs received), the file to edit, and where the hints are.
 * Pure: results in, text out (spec/tools/verdict.spec.ts covers it).
 */

import { locateExport } from './locate.mjs';
import { allKatas, kataDirs } from './manifest.mjs';
import { stripAnsi, style } from './style.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./run-specs.mjs').SpecResult} SpecResult */
/** @typedef {import('./run-specs.mjs').SpecError} SpecError */
/** @typedef {import('./run-specs.mjs').LoadFailure} LoadFailure */
/** @typedef {import('./typecheck.mjs').Diagnostic} Diagnostic */

const MAX_VALUE_CHARS = 600;

/**
 * @typedef {object} VerdictInput
 * @property {Kata} kata
 * @property {SpecResult[]} specs          this kata's specs, one project
 * @property {LoadFailure[]} loadFailures  this kata's spec files that could not load
 * @property {Diagnostic[]} diagnostics    type errors in this kata's folder
 * @property {boolean} solution            run on the reference tree
 * @property {number} hintsShown           tiers already shown (0 … 3)
 * @property {Kata | undefined} next       the kata after this one, if any
 */

/**
 * @param {VerdictInput} input
 * @returns {{ text: string, green: number, total: number, done: boolean }}
 */
export function renderVerdict({ kata, specs, loadFailures, diagnostics, solution, hintsShown, next }) {
  const total = specs.length;
  const green = specs.filter((s) => s.state === 'passed').length;
  const done = total > 0 && green === total && loadFailures.length === 0;
  const tree = solution ? ' (reference solution)' : '';
  const compileError = loadFailures.some((f) =>
    /Transform failed|PARSE_ERROR|SyntaxError/.test(f.errors[0]?.message ?? ''),
  );
  const count =
    loadFailures.length > 0 && total === 0
      ? compileError
        ? 'your code does not compile yet'
        : 'your code could not be loaded'
      : `${green}/${total} specs green`;
  const lines = [
    `${style.bold(`Kata ${kata.number} · ${kata.title}`)}${tree}: ${done ? style.green(count) : style.yellow(count)}`,
  ];

  if (loadFailures.length > 0) lines.push('', ...describeLoadFailure(loadFailures[0], diagnostics));

  if (diagnostics.length > 0 && loadFailures.length === 0) {
    lines.push('', style.red('TypeScript found type errors in your code:'));
    for (const d of diagnostics.slice(0, 5)) lines.push(`  ${d.file}:${d.line}:${d.column}  ${d.message}`);
    if (diagnostics.length > 5) lines.push(`  … and ${diagnostics.length - 5} more (npm run typecheck lists them all)`);
  }

  const failing = specs.find((s) => s.state === 'failed');
  if (failing && loadFailures.length === 0) {
    lines.push('', ...describeFailure(failing, kata));
  }

  if (done) {
    lines.push('', style.green(solution ? 'The reference passes every spec.' : 'Every spec is green: kata done!'));
    if (next && !solution) lines.push(`Next: kata ${next.number} · ${next.title} — npm run kata ${next.number}`);
  } else if (!solution && kata.hints) {
    const tiers = Object.keys(kata.hints).length;
    lines.push(
      '',
      hintsShown >= tiers
        ? style.dim(`All ${tiers} hints shown: npm run hint ${kata.number} shows the last one again.`)
        : style.dim(`Stuck? npm run hint ${kata.number} shows hint ${hintsShown + 1} of ${tiers}.`),
    );
  }
  return { text: lines.join('\n'), green, total, done };
}

/**
 * @param {LoadFailure | undefined} failure
 * @param {Diagnostic[]} diagnostics
 * @returns {string[]}
 */
function describeLoadFailure(failure, diagnostics) {
  if (!failure) return [];
  const error = failure.errors[0];
  const message = stripAnsi(error?.message ?? '');
  const where = /\b(katas\/[^\s:\]]+):(\d+):(\d+)/.exec(message);
  // tsc's wording ("',' expected.") is friendlier than the bundler's; use it when it points at the same file.
  const fromTsc = where ? diagnostics.find((d) => d.file === where[1]) : undefined;
  if (where) {
    const lines = [
      style.red(`Your code does not compile: ${where[1]}:${fromTsc?.line ?? where[2]}:${fromTsc?.column ?? where[3]}`),
      `  ${fromTsc?.message ?? firstMeaningfulLine(message)}`,
    ];
    const frame = codeFrame(message);
    if (frame) lines.push(frame);
    lines.push('Fix that line and save; the specs run again once the file compiles.');
    return lines;
  }
  return [
    style.red(`The specs in ${failure.file} could not start:`),
    `  ${firstMeaningfulLine(message)}`,
    error?.location ? `  at ${error.location}` : '',
  ].filter(Boolean);
}

/** @param {string} message */
function firstMeaningfulLine(message) {
  const line = message
    .split('\n')
    .map((l) => l.replace(/^\s*\[[A-Z_]+\]\s*/, '').trim())
    .find((l) => l && !/^Transform failed/.test(l));
  return line ?? message.trim();
}

/** The bundler's code frame (the lines with a gutter "NN │"), without its decorations. @param {string} message */
function codeFrame(message) {
  const frame = message
    .split('\n')
    .filter((l) => /^\s*\d*\s*│/.test(l))
    .map((l) => `    ${l.replace(/^\s*/, '')}`);
  return frame.length > 0 ? frame.join('\n') : '';
}

/**
 * @param {SpecResult} spec
 * @param {Kata} kata
 * @returns {string[]}
 */
function describeFailure(spec, kata) {
  const error = spec.errors[0];
  const lines = [style.red(`✗ ${spec.fullName}`), style.dim(`  ${spec.file}`)];
  const edit = error?.location ?? locateExport(kataDirs(kata).katas, spec.describe);

  if (!error) {
    lines.push('  The spec failed without an error message.');
  } else if (error.name === 'NotImplementedError') {
    const what = /^(\S+) is not implemented/.exec(error.message)?.[1] ?? spec.describe;
    const here = locateExport(kataDirs(kata).katas, what);
    const earlier = here ? undefined : ownerOf(what);
    if (earlier) {
      // This kata's code builds on an earlier kata that is not finished yet.
      lines.push(
        `  Your code uses ${what} from kata ${earlier.kata.number} (${earlier.kata.title}), which is not written yet.`,
      );
      lines.push(`  Finish kata ${earlier.kata.number} first: npm run kata ${earlier.kata.number}   (${earlier.at})`);
      return lines;
    }
    lines.push(`  ${what} is not written yet.`);
    lines.push(
      `  Open ${here ?? edit ?? kataDirs(kata).katas} and replace \`return notImplemented('${what}')\` with your code.`,
    );
    return lines;
  } else if (error.name === 'LoopTimeoutError') {
    lines.push(`  ${error.message}.`);
  } else if (/^Test timed out in \d+ms/.test(error.message)) {
    lines.push(
      `  spec "${spec.name}" did not finish in ${kata.timeoutSeconds} s — look for a loop that never ends (or a promise that never settles).`,
    );
  } else if (error.name === 'RangeError' && /call stack/.test(error.message)) {
    lines.push('  Your code calls itself without end (the call stack overflowed): check the recursion’s base case.');
  } else if (/^Property failed after/.test(error.message)) {
    lines.push(...describeProperty(error.message, kata.number));
  } else if (error.expected !== undefined && error.actual !== undefined) {
    lines.push(...describeMismatch(error));
  } else {
    const kind = error.name === 'AssertionError' ? '' : `${error.name}: `;
    lines.push(`  ${kind}${clip(stripAnsi(error.message))}`);
  }
  if (edit) lines.push(`  Edit: ${edit}${error?.location ? '' : ` (${spec.describe})`}`);
  return lines;
}

/**
 * The kata whose stub defines an export, for code that uses an earlier kata's function.
 * @param {string} name
 */
function ownerOf(name) {
  for (const other of allKatas()) {
    const at = locateExport(kataDirs(other).katas, name);
    if (at) return { kata: other, at };
  }
  return undefined;
}

/**
 * fast-check's report: keep the counterexample, the error, and how to replay it.
 * @param {string} message
 * @param {number} number the kata's number, for the replay command
 */
function describeProperty(message, number) {
  const text = stripAnsi(message);
  const counterexample = /Counterexample: (.*)/.exec(text)?.[1];
  const seed = /seed: (-?\d+)/.exec(text)?.[1];
  const got = /Got (?:error: )?(.*)/.exec(text)?.[1];
  const lines = ['  A property does not hold for every input.'];
  if (counterexample) lines.push(`  Smallest failing input: ${clip(counterexample)}`);
  if (got) lines.push(`  It gave: ${clip(got)}`);
  else lines.push('  The property returned false for it.');
  if (seed) lines.push(style.dim(`  Replay exactly: FC_SEED=${seed} npm run kata ${number}`));
  return lines;
}

/**
 * Expected vs received. Two multi-line texts (a formatter's output) are compared line by line and only the
 * first differing line is shown, with the columns that differ marked.
 * @param {SpecError} error
 */
function describeMismatch(error) {
  // vitest hands strings over as they are, other values serialized.
  const expected = error.expected ?? '';
  const actual = error.actual ?? '';
  if (expected.includes('\n') || actual.includes('\n')) {
    const want = expected.split('\n');
    const got = actual.split('\n');
    const i = want.findIndex((line, k) => line !== got[k]);
    const at = i >= 0 ? i : want.length;
    const wantLine = want[at];
    const gotLine = got[at];
    return [
      `  The text differs at line ${at + 1}:`,
      `    expected: ${wantLine === undefined ? '(no more lines)' : visible(wantLine)}`,
      `    received: ${gotLine === undefined ? '(no more lines)' : visible(gotLine)}`,
      `              ${marker(wantLine ?? '', gotLine ?? '')}`,
    ];
  }
  return [`  Expected: ${clip(error.expected ?? '')}`, `  Received: ${clip(error.actual ?? '')}`];
}

/** Shows trailing spaces and tabs, which matter in byte-for-byte output. @param {string} line */
function visible(line) {
  return `"${line.replace(/\t/g, '→')}"`;
}

/** A caret line under the first differing column. @param {string} a @param {string} b */
function marker(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `${' '.repeat(i + 1)}^ first difference, column ${i + 1}`;
}

/** @param {string} text */
function clip(text) {
  const one = text.trim();
  return one.length > MAX_VALUE_CHARS ? `${one.slice(0, MAX_VALUE_CHARS)} …` : one;
}
