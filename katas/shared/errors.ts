/**
 * Errors shared by every kata. Each kata's module re-exports the ones its contract names, so a spec can
 * write `import { ParseError } from '#kata/01-pages-and-units'` and get this very class.
 */

/** Thrown by a parser for input it cannot read. `line` is 1-based, as an editor counts lines. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** Thrown by every stub in katas/ until the learner writes the function. */
export class NotImplementedError extends Error {
  override readonly name = 'NotImplementedError';
  readonly what: string;

  constructor(what: string) {
    super(`${what} is not implemented yet: replace the notImplemented('${what}') line with your code`);
    this.what = what;
  }
}

/** The body of every stub: `return notImplemented('parseKb')`. */
export function notImplemented(what: string): never {
  throw new NotImplementedError(what);
}
