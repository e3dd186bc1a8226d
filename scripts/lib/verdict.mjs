// @ts-check
/**
 * Turns one kata's spec results into the short verdict a learner reads: how many specs are green, a tally per
 * function, the next failing spec in plain words (expected vs received, the keys that differ), the file to
 * edit (the learner's own frame nearest the failure, or the helper that fails its own specs), and the next
 * hint for that function. Pure: results in, text out (spec/tools/verdict.spec.ts covers it); it reads the
 * learner's files only to point into them.
 */

import { titleOf } from './lang.mjs';
import { callsOf, locateExport } from './locate.mjs';
import { allKatas, HINT_TIERS, kataDirs, kataFunctions } from './manifest.mjs';
import { messagesFor } from './messages.mjs';
import { stripAnsi, style } from './style.mjs';
import { displayWidth } from './text-width.mjs';
import { diffPaths } from './value-diff.mjs';

/** @typedef {import('./manifest.mjs').Kata} Kata */
/** @typedef {import('./run-specs.mjs').SpecResult} SpecResult */
/** @typedef {import('./run-specs.mjs').SpecError} SpecError */
/** @typedef {import('./run-specs.mjs').LoadFailure} LoadFailure */
/** @typedef {import('./typecheck.mjs').Diagnostic} Diagnostic */
/** @typedef {ReturnType<typeof messagesFor>} Messages */

const MAX_VALUE_CHARS = 600;
/** How many differing keys a structured diff lists before "… and N more". */
const MAX_PATHS = 5;

/**
 * @typedef {object} VerdictInput
 * @property {Kata} kata
 * @property {SpecResult[]} specs          this kata's specs, one project
 * @property {LoadFailure[]} loadFailures  this kata's spec files that could not load
 * @property {Diagnostic[]} diagnostics    type errors in this kata's folder
 * @property {boolean} solution            run on the reference tree
 * @property {Record<string, number>} hintsShown  per function: tiers already shown (0 … 3)
 * @property {Kata | undefined} next       the kata after this one, if any
 * @property {string} [dir]                the learner's kata folder (default katas/NN-slug), to point into it
 * @property {import('./lang.mjs').Lang} [lang]  the language of the texts (default English; scripts/lib/messages.mjs)
 */

/**
 * @param {VerdictInput} input
 * @returns {{ text: string, green: number, total: number, done: boolean, current: string | undefined }}
 *   current: the function the first failing spec is about (the one `npm run hint N` helps with)
 */
export function renderVerdict({
  kata,
  specs,
  loadFailures,
  diagnostics,
  solution,
  hintsShown,
  next,
  dir,
  lang = 'en',
}) {
  const m = messagesFor(lang);
  const folder = dir ?? kataDirs(kata).katas;
  const total = specs.length;
  const green = specs.filter((s) => s.state === 'passed').length;
  const done = total > 0 && green === total && loadFailures.length === 0;
  const tree = solution ? m.referenceTree : '';
  const compileError = loadFailures.some((f) =>
    /Transform failed|PARSE_ERROR|SyntaxError/.test(f.errors[0]?.message ?? ''),
  );
  const count =
    loadFailures.length > 0 && total === 0
      ? compileError
        ? m.doesNotCompileYet
        : m.couldNotLoad
      : m.specsGreen(green, total);
  const lines = [
    `${style.bold(m.kataHeading(kata.number, titleOf(kata, lang)))}${tree}: ${done ? style.green(count) : style.yellow(count)}`,
  ];
  if (total > 0 && !done) lines.push(...tallyLines(kata, specs));

  if (loadFailures.length > 0) lines.push('', ...describeLoadFailure(loadFailures[0], diagnostics, m));

  if (diagnostics.length > 0 && loadFailures.length === 0) {
    lines.push('', style.red(m.typeErrors));
    for (const d of diagnostics.slice(0, 5)) lines.push(`  ${d.file}:${d.line}:${d.column}  ${d.message}`);
    if (diagnostics.length > 5) lines.push(`  ${m.moreTypeErrors(diagnostics.length - 5)}`);
  }

  const failing = specs.find((s) => s.state === 'failed');
  if (failing && loadFailures.length === 0) {
    lines.push('', ...describeFailure(failing, kata, specs, folder, m));
  }
  const functions = kataFunctions(kata);
  const current = failing && functions.includes(failing.describe) ? failing.describe : undefined;

  if (done) {
    lines.push('', style.green(solution ? m.referencePasses : m.kataDone));
    if (next && !solution) lines.push(m.nextKata(next.number, titleOf(next, lang)));
  } else if (!solution) {
    const tiers = HINT_TIERS.length;
    const shown = current ? (hintsShown[current] ?? 0) : 0;
    lines.push(
      '',
      shown >= tiers
        ? style.dim(m.allHintsShown(tiers, current ?? '', kata.number))
        : style.dim(m.stuck(current ?? '', kata.number, shown + 1, tiers)),
    );
  }
  return { text: lines.join('\n'), green, total, done, current };
}

/**
 * One entry per function, in the kata's order: `parseMeminfo 17/17 · computeFree 25/25 · formatFree 0/318`.
 * Specs whose describe is not one of the kata's functions are counted under their own name, after them.
 * @param {Kata} kata
 * @param {SpecResult[]} specs
 * @returns {string[]}
 */
function tallyLines(kata, specs) {
  /** @type {Map<string, { green: number, total: number }>} */
  const counts = new Map(kataFunctions(kata).map((fn) => [fn, { green: 0, total: 0 }]));
  for (const spec of specs) {
    const entry = counts.get(spec.describe) ?? { green: 0, total: 0 };
    entry.total++;
    if (spec.state === 'passed') entry.green++;
    counts.set(spec.describe, entry);
  }
  const parts = [...counts]
    .filter(([, c]) => c.total > 0)
    .map(([fn, c]) => {
      const text = `${fn} ${c.green}/${c.total}`;
      return c.green === c.total ? style.green(text) : text;
    });
  // Wrapped at about 100 columns, each line indented under the title.
  /** @type {string[]} */
  const lines = [];
  let line = '';
  for (const part of parts) {
    const joined = line ? `${line} · ${part}` : part;
    if (line && stripAnsi(joined).length > 98) {
      lines.push(`  ${line} ·`);
      line = part;
    } else line = joined;
  }
  if (line) lines.push(`  ${line}`);
  return lines;
}

/**
 * @param {LoadFailure | undefined} failure
 * @param {Diagnostic[]} diagnostics
 * @param {Messages} m
 * @returns {string[]}
 */
function describeLoadFailure(failure, diagnostics, m) {
  if (!failure) return [];
  const error = failure.errors[0];
  const message = stripAnsi(error?.message ?? '');
  const where = /\b(katas\/[^\s:\]]+):(\d+):(\d+)/.exec(message);
  // tsc's wording ("',' expected.") is friendlier than the bundler's; use it when it points at the same file.
  const fromTsc = where ? diagnostics.find((d) => d.file === where[1]) : undefined;
  if (where) {
    const lines = [
      style.red(m.doesNotCompileAt(`${where[1]}:${fromTsc?.line ?? where[2]}:${fromTsc?.column ?? where[3]}`)),
      `  ${fromTsc?.message ?? firstMeaningfulLine(message)}`,
    ];
    const frame = codeFrame(message);
    if (frame) lines.push(frame);
    lines.push(m.fixThatLine);
    return lines;
  }
  return [
    style.red(m.couldNotStart(failure.file)),
    `  ${firstMeaningfulLine(message)}`,
    error?.location ? `  ${m.at(error.location)}` : '',
  ].filter(Boolean);
}

/**
 * The loop guard's message (spec/support/setup.ts writes it in English, inside the worker) in the learner's language.
 * @param {string} message
 * @param {Messages} m
 */
function loopMessage(message, m) {
  const spec = /^spec "(.*)" did not finish in (\d+) s/.exec(message);
  if (spec) return m.loopNeverEnds(spec[1] ?? '', Number(spec[2]));
  const loading = /^loading your code did not finish in (\d+) s/.exec(message);
  return loading ? m.loadingNeverEnds(Number(loading[1])) : message;
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
 * @param {SpecResult[]} specs every spec of the run, to tell whether a helper fails its own specs
 * @param {string} folder the learner's kata folder
 * @param {Messages} m
 * @returns {string[]}
 */
function describeFailure(spec, kata, specs, folder, m) {
  const error = spec.errors[0];
  const lines = [style.red(`✗ ${spec.fullName}`), style.dim(`  ${spec.file}`)];
  const edit = error?.location ?? error?.cause?.location ?? locateExport(folder, spec.describe);

  if (!error) {
    lines.push(`  ${m.noErrorMessage}`);
  } else if (error.name === 'NotImplementedError') {
    const what = /^(\S+) is not implemented/.exec(error.message)?.[1] ?? spec.describe;
    const here = locateExport(folder, what);
    const earlier = here ? undefined : ownerOf(what);
    if (earlier) {
      // This kata's code builds on an earlier kata that is not finished yet.
      lines.push(`  ${m.usesEarlierKata(what, earlier.kata.number, earlier.kata.title)}`);
      lines.push(`  ${m.finishEarlierFirst(earlier.kata.number, earlier.at)}`);
      return lines;
    }
    lines.push(`  ${m.notWrittenYet(what)}`);
    lines.push(`  ${m.openAndReplace(here ?? edit ?? folder, what)}`);
    return lines;
  } else if (error.name === 'LoopTimeoutError') {
    lines.push(`  ${loopMessage(error.message, m)}.`);
  } else if (/^Test timed out in \d+ms/.test(error.message)) {
    lines.push(`  ${m.timedOut(spec.name, kata.timeoutSeconds)}`);
  } else if (error.name === 'RangeError' && /call stack/.test(error.message)) {
    lines.push(`  ${m.stackOverflow}`);
  } else if (/^Property failed after/.test(error.message)) {
    lines.push(...describeProperty(error, kata.number, m));
  } else if (error.expected !== undefined && error.actual !== undefined) {
    lines.push(...describeMismatch(error, m));
  } else {
    const kind = error.name === 'AssertionError' ? '' : `${error.name}: `;
    lines.push(`  ${kind}${clip(stripAnsi(error.message))}`);
  }
  const location = error?.location ?? error?.cause?.location;
  const helper = location ? undefined : failingHelper(kata, spec.describe, specs, folder);
  if (helper) {
    lines.push(`  ${m.helperFails(spec.describe, helper.name, helper.failed, helper.total)}`);
    const at = locateExport(folder, helper.name);
    if (at) lines.push(`  ${m.edit(`${at} (${helper.name})`)}`);
  } else if (edit) lines.push(`  ${m.edit(`${edit}${location ? '' : ` (${spec.describe})`}`)}`);
  return lines;
}

/**
 * A function the failing one calls (in the learner's own file) that fails its own specs: the likelier cause.
 * @param {Kata} kata
 * @param {string} name the failing spec's function
 * @param {SpecResult[]} specs
 * @param {string} folder
 */
function failingHelper(kata, name, specs, folder) {
  const functions = kataFunctions(kata);
  if (!functions.includes(name)) return undefined;
  for (const helper of callsOf(folder, name, functions)) {
    const own = specs.filter((s) => s.describe === helper);
    const failed = own.filter((s) => s.state === 'failed').length;
    if (failed > 0) return { name: helper, failed, total: own.length };
  }
  return undefined;
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
 * fast-check's report: the counterexample, what failed inside the property for it (the assertion's expected
 * vs received, or the error the learner's code threw), and how to replay it.
 * @param {SpecError} error
 * @param {number} number the kata's number, for the replay command
 * @param {Messages} m
 */
function describeProperty(error, number, m) {
  const text = stripAnsi(error.message);
  const counterexample = /Counterexample: (.*)/.exec(text)?.[1];
  const seed = /seed: (-?\d+)/.exec(text)?.[1];
  const inner = error.cause;
  const lines = [`  ${m.propertyFails}`];
  if (counterexample) lines.push(`  ${m.smallestInput(clip(counterexample))}`);
  if (inner && inner.expected !== undefined && inner.actual !== undefined) {
    lines.push(`  ${m.forThatInput}`, ...describeMismatch(inner, m).map((l) => `  ${l}`));
  } else if (inner && !/^Property failed by returning false/.test(inner.message)) {
    const kind = inner.name === 'AssertionError' ? '' : `${inner.name}: `;
    lines.push(`  ${m.forThatInput} ${kind}${clip(stripAnsi(inner.message))}`);
  } else {
    const got = /Got (?:error: )?(.*)/.exec(text)?.[1];
    lines.push(got ? `  ${m.itGave(clip(got))}` : `  ${m.propertyFalse}`);
  }
  if (seed) lines.push(style.dim(`  ${m.replay(seed, number)}`));
  return lines;
}

/**
 * Expected vs received. Two multi-line texts (a formatter's output) are compared line by line and only the
 * first differing line is shown, with the columns that differ marked.
 * @param {SpecError} error
 * @param {Messages} m
 */
function describeMismatch(error, m) {
  // vitest hands strings over as they are, other values serialized.
  const expected = error.expected ?? '';
  const actual = error.actual ?? '';
  const paths = diffPaths(expected, actual);
  if (paths && paths.length > 0) {
    const lines = paths
      .slice(0, MAX_PATHS)
      .map(
        (d) =>
          `  ${d.path || m.theValue}: ${d.expected === undefined ? m.notExpected : m.expectedValue(oneLine(d.expected))}, ${d.actual === undefined ? m.missing : m.receivedValue(oneLine(d.actual))}`,
      );
    if (paths.length > MAX_PATHS) lines.push(`  ${m.moreDifferences(paths.length - MAX_PATHS)}`);
    return lines;
  }
  if (expected.includes('\n') || actual.includes('\n')) {
    const want = expected.split('\n');
    const got = actual.split('\n');
    const i = want.findIndex((line, k) => line !== got[k]);
    const at = i >= 0 ? i : want.length;
    const wantLine = want[at];
    const gotLine = got[at];
    return [
      `  ${m.textDiffers(at + 1)}`,
      `    ${m.expectedLine} ${wantLine === undefined ? m.noMoreLines : visible(wantLine)}`,
      `    ${m.receivedLine} ${gotLine === undefined ? m.noMoreLines : visible(gotLine)}`,
      `    ${' '.repeat(Math.max(displayWidth(m.expectedLine), displayWidth(m.receivedLine)) + 1)}${marker(wantLine ?? '', gotLine ?? '', m)}`,
    ];
  }
  return [`  ${m.expectedLabel} ${clip(error.expected ?? '')}`, `  ${m.receivedLabel} ${clip(error.actual ?? '')}`];
}

/** Shows trailing spaces and tabs, which matter in byte-for-byte output. @param {string} line */
function visible(line) {
  return `"${line.replace(/\t/g, '→')}"`;
}

/**
 * A caret line under the first differing character, placed by display columns (a Hangul syllable is two
 * columns wide on a terminal) and counted in them, as kata 02 teaches.
 * @param {string} a @param {string} b @param {Messages} m
 */
function marker(a, b, m) {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const before = displayWidth(x.slice(0, i).join('').replace(/\t/g, '→'));
  return `${' '.repeat(before + 1)}${m.firstDifference(before + 1)}`;
}

/** A serialized leaf on one line (a multi-line string shows its newlines as \n). @param {string} value */
function oneLine(value) {
  return clip(value.replace(/\n/g, '\\n'));
}

/** @param {string} text */
function clip(text) {
  const one = text.trim();
  return one.length > MAX_VALUE_CHARS ? `${one.slice(0, MAX_VALUE_CHARS)} …` : one;
}
