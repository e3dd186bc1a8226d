import { ParseError } from '#shared/errors';
import type { Statm } from './proc-status.ts';

const NAMES = ['size', 'resident', 'shared', 'text', 'lib', 'data', 'dt'] as const;

/**
 * "2747 893 334 1 0 2205 0\n" → { size: 2747, resident: 893, shared: 334, text: 1, lib: 0, data: 2205, dt: 0 },
 * all in pages: proc_pid_statm() prints "%lu %lu %lu %lu 0 %lu 0\n" (seven zeros for a task without an mm).
 * Anything but seven decimal counts below 2^53, separated by single spaces, on one line throws ParseError
 * (line 1; line 2 for a second line).
 */
export function parseStatm(text: string): Statm {
  const line = text.replace(/\r?\n$/, ''); // the newline that ends the line (LF, or CRLF)
  if (line.includes('\n')) throw new ParseError('statm is a single line', 2);

  const words = line.split(' '); // "%lu %lu …": one space between numbers, none before or after
  if (words.length !== NAMES.length) {
    throw new ParseError(`expected 7 numbers (size resident shared text lib data dt), got ${words.length}`, 1);
  }
  const values = words.map((word) => {
    const value = Number(word);
    if (!/^\d+$/.test(word) || !Number.isSafeInteger(value)) {
      throw new ParseError(`expected a page count below 2^53, got ${JSON.stringify(word)}`, 1);
    }
    return value;
  });
  const [size = 0, resident = 0, shared = 0, textPages = 0, lib = 0, data = 0, dt = 0] = values;
  return { size, resident, shared, text: textPages, lib, data, dt };
}
