// @ts-check
/**
 * Turns an exception from the learner's code into a Check a learner can act on: a stub that is still
 * `notImplemented(…)` says "finish kata N first", a ParseError shows the line of the real file it refused,
 * anything else names the file and line where it was thrown. Never a stack dump. Pure.
 */
import { fail } from './checks.mjs';

/** The Part I contract: which kata each exported function belongs to (the curriculum's names). */
export const KATA_OF_FUNCTION = /** @type {Readonly<Record<string, number>>} */ ({
  pagesToKb: 1,
  kbToPages: 1,
  parseKb: 1,
  parseHex: 1,
  formatHex: 1,
  pageNumber: 1,
  pageOffset: 1,
  alignDown: 1,
  alignUp: 1,
  parseMeminfo: 2,
  computeFree: 2,
  formatFree: 2,
  scaleSize: 2,
  parseFree: 2,
  sarMemory: 2,
  parseSmaps: 3,
  parseSmapsRollup: 3,
  sumFields: 3,
  formatSmaps: 3,
  swapByMapping: 3,
  describeVmFlag: 3,
  parseStatus: 4,
  parseStatm: 4,
  parseRangeList: 4,
  checkMemoryInvariants: 4,
  measureProcess: 5,
  formatSmem: 5,
  formatSmemUsers: 5,
  topSwappers: 5,
});

/**
 * Where the stubs live: function name → the stub file (from stubs.mjs). A stub may be a helper the
 * contract does not name; the file tells the kata.
 * @typedef {ReadonlyMap<string, string>} StubIndex
 */

/**
 * @typedef {{ kind: 'not-implemented', what: string, kata: number | undefined, file: string | undefined }
 *   | { kind: 'parse-error', line: number, message: string, kata: number | undefined, where: string | undefined }
 *   | { kind: 'crash', name: string, message: string, kata: number | undefined, where: string | undefined }} Failure
 */

/**
 * @param {unknown} error what the learner's code threw
 * @param {StubIndex} [stubs]
 * @returns {Failure}
 */
export function classifyError(error, stubs = new Map()) {
  const e = /** @type {{ name?: unknown, message?: unknown, stack?: unknown, what?: unknown, line?: unknown }} */ (
    typeof error === 'object' && error !== null ? error : { name: typeof error, message: String(error) }
  );
  const where = firstKataFrame(typeof e.stack === 'string' ? e.stack : '');
  const kataOfFrame = where ? kataOfPath(where) : undefined;
  // Compare by name, not instanceof: the kata's classes are the kata's own modules' (katas/shared), not ours.
  if (e.name === 'NotImplementedError' && typeof e.what === 'string') {
    const file = stubs.get(e.what);
    const kata = (file ? kataOfPath(file) : undefined) ?? KATA_OF_FUNCTION[e.what.split('.')[0] ?? ''] ?? kataOfFrame;
    return { kind: 'not-implemented', what: e.what, kata, file };
  }
  const message = String(e.message ?? '');
  if (e.name === 'ParseError' && typeof e.line === 'number') {
    // ParseError's message starts with "line N: "; the line is shown separately.
    return { kind: 'parse-error', line: e.line, message: message.replace(/^line \d+: /, ''), kata: kataOfFrame, where };
  }
  return { kind: 'crash', name: String(e.name ?? 'Error'), message, kata: kataOfFrame, where };
}

/**
 * The check for a call into the learner's code that threw.
 * @param {string} title     the comparison that could not be made ("free -h")
 * @param {unknown} error
 * @param {{ call: string, kata: number, input?: { name: string, text: string }, stubs?: StubIndex }} context
 *   call: the expression, in the learner's terms; kata: the kata of the outermost call; input: the real file
 */
export function failureCheck(title, error, { call, kata, input, stubs }) {
  const failure = classifyError(error, stubs);
  const target = failure.kata ?? kata;
  const next = `Next: npm run kata ${target}`;
  switch (failure.kind) {
    case 'not-implemented':
      return {
        title,
        verdict: /** @type {const} */ ('todo'),
        kata: target,
        lines: [
          `${failure.what} is not written yet${failure.file ? ` (${failure.file})` : ''}: finish kata ${target} first.`,
          `${next}, then come back to the lab.`,
        ],
      };
    case 'parse-error': {
      const text = input ? input.text.split('\n')[failure.line - 1] : undefined;
      return fail(title, target, [
        `${call} threw ParseError for line ${failure.line}${input ? ` of ${input.name}` : ''}: ${failure.message}`,
        ...(text === undefined ? [] : [`  line ${failure.line}: ${JSON.stringify(text)}`]),
        'Linux wrote this file, so the parser must read it.',
        ...(failure.where ? [`Thrown at ${failure.where}.`] : []),
        next,
      ]);
    }
    case 'crash':
      return fail(title, target, [
        `${call} threw ${failure.name}: ${failure.message}`,
        ...(failure.where ? [`Thrown at ${failure.where}.`] : []),
        next,
      ]);
  }
}

/**
 * Calls the learner's code. `{ ok: true, value }`, or `{ ok: false, check }` with the failure explained.
 * @template T
 * @param {() => T} thunk
 * @param {string} title
 * @param {{ call: string, kata: number, input?: { name: string, text: string }, stubs?: StubIndex }} context
 * @returns {{ ok: true, value: T } | { ok: false, check: import('./checks.mjs').Check }}
 */
export function attempt(thunk, title, context) {
  try {
    return { ok: true, value: thunk() };
  } catch (error) {
    return { ok: false, check: failureCheck(title, error, context) };
  }
}

/** "katas/02-free/format-free.ts:31" from the first stack frame inside a kata folder. */
export function firstKataFrame(/** @type {string} */ stack) {
  const m = /[\\/]((?:katas|solutions)[\\/]\d{2}-[^\\/]+[\\/][^:()\s]+):(\d+)(?::\d+)?/.exec(stack);
  return m ? `${m[1]?.replaceAll('\\', '/')}:${m[2]}` : undefined;
}

/** 2 from "katas/02-free/format-free.ts". */
export function kataOfPath(/** @type {string} */ path) {
  const m = /(?:^|[\\/])(?:katas|solutions)[\\/](\d{2})-/.exec(path);
  return m ? Number(m[1]) : undefined;
}
