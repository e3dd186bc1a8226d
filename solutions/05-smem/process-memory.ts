import { parseHex, parseKb } from '#kata/01-pages-and-units';
import { ParseError } from '#shared/errors';

/** What smem knows about a process before it reads its smaps. */
export interface ProcessInput {
  /** The process ID: the name of its /proc/PID directory. */
  readonly pid: number;
  /** The owner of /proc/PID by name (smem: `pwd.getpwuid(st_uid)`, or the uid as text when unknown). */
  readonly user: string;
  /** /proc/PID/cmdline as smem shows it: the last byte dropped, each NUL turned into a space ("sleep 600"). */
  readonly command: string;
  /** The text of /proc/PID/smaps. */
  readonly smaps: string;
}

/** One row of smem's process table. Sizes are KiB, as smaps prints them ("kB"). */
export interface ProcessMemory {
  readonly pid: number;
  readonly user: string;
  readonly command: string;
  /** Σ Swap: pages of this process that are out on swap. */
  readonly swap: number;
  /** Σ (Private_Clean + Private_Dirty): the unique set size, the memory only this process maps. */
  readonly uss: number;
  /** Σ Pss: each resident page divided by the number of processes that map it. */
  readonly pss: number;
  /** Σ Rss: every resident page, shared or not. */
  readonly rss: number;
  /** Σ Size: the virtual address space mapped. */
  readonly vss: number;
  /** How many mappings smem counted: one per distinct start address. */
  readonly maps: number;
}

// smem reads smaps with Python's str.splitlines() and cuts each line with str.split(): these are the line
// breaks and the blanks those two know. Not quite JavaScript's \s: Python adds \x1c-\x1f and \x85, not \ufeff.
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python counts \x1c-\x1e as line breaks
const PYTHON_LINE_BREAK = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;
// One blank at a time: words() drops the empty words between two blanks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: and \x1c-\x1f as blanks
const PYTHON_WHITESPACE = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** What smem's pidtotals() adds up over the mappings, in KiB. */
interface Totals {
  size: number;
  rss: number;
  pss: number;
  uss: number;
  swap: number;
}

interface Mapping {
  /** The 1-based line of the mapping's header, to name in an error (the shortcut counts it only then). */
  readonly line: () => number;
  /** The mapping's kB lines (the shortcut keeps those smem sums): key lower-cased without its colon → KiB. */
  readonly fields: Map<string, number>;
}

function words(line: string): string[] {
  return line.split(PYTHON_WHITESPACE).filter((word) => word !== '');
}

/**
 * smem pidmaps(): each smaps line is a kB line ("Rss:  1660 kB"), a mapping header ("555a…-555a… r--p …"),
 * or something smem skips (VmFlags, THPeligible). Mappings are kept by start address, so a start seen twice
 * replaces the first mapping, as smem's dict does.
 * Where smem gives up on the process (an exception it catches, and the process disappears from the table)
 * this throws ParseError instead; so does a number smem's int() would take but the kernel never prints
 * (a sign, underscores, non-ASCII digits) or that a number cannot hold (beyond 2^53).
 * Smaps as Linux prints it takes the shortcut below: the same mappings, ~7 times as fast.
 */
function readMappings(smaps: string): Map<bigint, Mapping> {
  // Stryker disable next-line ConditionalExpression: → false reads every text word by word, which gives what the shortcut gives for every text it takes (the model spec compares the two); → true is not equivalent and is killed (measured with this line unmarked)
  if (isLinuxSmaps(smaps)) return pickMappings(smaps);
  const maps = new Map<bigint, Mapping>();
  let current: Mapping | undefined;
  const lines = smaps.split(PYTHON_LINE_BREAK);
  if (lines.at(-1) === '') lines.pop(); // a final line break ends the last line, it does not start another
  lines.forEach((text, index) => {
    const line = index + 1;
    const f = words(text);
    const first = f[0];
    if (first === undefined) {
      throw new ParseError('an empty line: smem 1.5 gives up on the process here (its f[-1] raises IndexError)', line);
    }
    if (f.at(-1) === 'kB') {
      if (current === undefined) throw new ParseError(`a kB line before the first mapping header`, line);
      // Python's f[0][:-1].lower(): drop the last character (the colon), whatever it is.
      const key = Array.from(first).slice(0, -1).join('').toLowerCase();
      current.fields.set(key, parseKb(`${f[1]} kB`, line));
    } else if (first.includes('-') && !first.includes(':')) {
      // "start-end perms offset dev inode [name]": smem reads the first five words, so all must be there.
      const range = first.split('-');
      if (range.length !== 2 || f.length < 5) {
        throw new ParseError(`expected a mapping header "start-end perms offset dev inode", got ${text}`, line);
      }
      // Stryker disable next-line StringLiteral: range has two parts and f at least five words (checked above)
      const start = parseHex(range[0] ?? '', line);
      // Stryker disable next-line StringLiteral: as above
      parseHex(range[1] ?? '', line); // the end and the offset must be hexadecimal too
      // Stryker disable next-line StringLiteral: as above
      parseHex(f[2] ?? '', line);
      current = { line: () => line, fields: new Map() };
      maps.set(start, current);
    }
  });
  return maps;
}

/** smem pidtotals(): each field summed over the mappings (a missing field counts 0); USS = private pages. */
function sumMappings(maps: Map<bigint, Mapping>): Totals {
  const totals: Totals = { size: 0, rss: 0, pss: 0, uss: 0, swap: 0 };
  for (const { line, fields } of maps.values()) {
    const field = (key: string) => fields.get(key) ?? 0;
    const mapping: Totals = {
      size: field('size'),
      rss: field('rss'),
      pss: field('pss'),
      uss: field('private_clean') + field('private_dirty'),
      swap: field('swap'),
    };
    for (const key of Object.keys(totals) as (keyof Totals)[]) {
      totals[key] += mapping[key];
      if (!Number.isSafeInteger(totals[key])) {
        throw new ParseError(`the ${key} total passes 2^53 kB here: a number cannot hold it exactly`, line());
      }
    }
  }
  return totals;
}

// The shortcut. Cutting every line into words is most of the time smem takes, and it was most of ours too:
// 1,000 processes are ~1,000,000 lines (scripts/bench/smem.mjs). But Linux (fs/proc/task_mmu.c show_smap)
// prints each line in one of three shapes, printable ASCII with spaces between the words:
//   555a29c61000-555a29c63000 r--p 00000000 fe:00 260875       /usr/bin/sleep    a mapping header
//   Rss:                1660 kB                                                   a kB line
//   VmFlags: rd mr mw me                                                          a line smem skips
// A text made only of these (a header first) splits into exactly the words smem expects, and none of smem's
// errors can happen in it; so the numbers smem adds up can be picked out of it with one regular expression.
// Any other text (a tab, a CR, a name in UTF-8, a number of 16 digits, an empty line…) is read word by word.
const WORD = '[!-~]+'; // printable ASCII, no space
// Stryker disable next-line StringLiteral: without REST the shortcut takes only a subset of the texts it takes now (no header with anything after its inode, no skipped line with anything after its label); the others are read word by word, which gives the same result
const REST = '(?: [ -~]*)?'; // what may follow the words smem reads: a space, then printable ASCII and spaces
// The line does not end in the word "kB" (smem would read it as a kB line), nor "KB" or "kb": SUMMED_LINE
// ignores case to catch "RSS:", so it must not meet a "Rss: 4 KB" that smem skips.
const NOT_KB = '(?<! [kK][bB] *)';
const HEADER = `[0-9a-f]+-[0-9a-f]+ +${WORD} +[0-9a-f]+ +${WORD} +${WORD}${REST}${NOT_KB}`;
const KB_LINE = '[A-Za-z_]+: +\\d{1,15} kB'; // 15 digits stay below 2^53
const SKIPPED_LINE = `[A-Za-z_]+:${REST}${NOT_KB}`;
/** One mapping as Linux prints it: the header, then kB lines and skipped lines, each line ended by \n. */
const LINUX_MAPPING = new RegExp(`${HEADER}(?:\\n(?:${KB_LINE}|${SKIPPED_LINE}))*(?:\\n|$)`, 'y');
/** In such a text, the lines smem's sums need: each header's start, and the five sums' kB lines (any case). */
const SUMMED_LINE = /(?:^|\n)(?:([0-9a-f]+)-|(size|rss|pss|private_clean|private_dirty|swap): +(\d+) kB(?=\n|$))/gi;

/** Whether the whole text is mappings as Linux prints them, one after another (or nothing at all). */
// Stryker disable next-line BlockStatement: a shortcut that says no sends the text to the word-by-word reading, same result
function isLinuxSmaps(smaps: string): boolean {
  // One mapping at a time: the regular expression engine keeps a stack for every line it has matched, and
  // runs out of it after ~1,600,000 lines (RangeError), which a whole smaps could reach (65,530 mappings).
  LINUX_MAPPING.lastIndex = 0;
  try {
    // Stryker disable next-line EqualityOperator: <= only adds one more test() at the end of the text, which fails and sends the text word by word, with the same result; >= is not equivalent and is killed (measured with this line unmarked)
    while (LINUX_MAPPING.lastIndex < smaps.length) {
      // Stryker disable next-line ConditionalExpression: → true says no at once, and the word-by-word reading gives the same result; → false (never say no) is not equivalent: it loops forever and times out (measured with this line unmarked)
      if (!LINUX_MAPPING.test(smaps)) return false;
    }
  } catch {
    return false; // a single mapping of over a million lines: Linux never prints one, read it word by word
  }
  // Stryker disable next-line BooleanLiteral: saying no sends the text to the word-by-word reading, same result
  return true;
}

/** readMappings for a text isLinuxSmaps accepts: the same mappings, with the fields smem sums. */
function pickMappings(smaps: string): Map<bigint, Mapping> {
  const maps = new Map<bigint, Mapping>();
  let fields = new Map<string, number>();
  for (const match of smaps.matchAll(SUMMED_LINE)) {
    const [, start, key, kb] = match;
    if (start !== undefined) {
      fields = new Map();
      const at = match.index; // the header's first character, or the line break before it
      // The header's line, counted only if an error names it (a sum beyond 2^53).
      maps.set(parseHex(start), { fields, line: () => smaps.slice(0, at + 1).split('\n').length });
      continue;
    }
    fields.set(String(key).toLowerCase(), Number(kb)); // any other match is one of the summed kB lines
  }
  return maps;
}

/**
 * One process measured the way smem 1.5 does it (pidmaps + pidtotals): sums over /proc/PID/smaps.
 * For `sleep 600` (spec/fixtures/proc/sleep/smaps.txt): swap 0, uss 144, pss 289, rss 1660, vss 2924, maps 37.
 *
 * Read it as smem reads it, line by line, word by word:
 * - a line whose last word is "kB" is a field of the current mapping: "Private_Dirty:  16 kB" →
 *   key "private_dirty" (the first word without its last character, lower case), value 16;
 * - a line whose first word has a '-' and no ':' is a mapping header "start-end perms offset dev inode [name]";
 *   mappings are kept by start address, so a start seen twice replaces the first mapping;
 * - any other line (VmFlags, THPeligible) is skipped.
 * Where smem gives up on the process (an empty line, a kB line before any header, a header that is not
 * hexadecimal or has fewer than five words) throw `new ParseError(message, line)`; so for a size that is not
 * plain decimal digits or is beyond 2^53. `parseKb` and `parseHex` from '#kata/01-pages-and-units' help.
 */
export function measureProcess(process: ProcessInput): ProcessMemory {
  const { pid, user, command, smaps } = process;
  const maps = readMappings(smaps);
  const { swap, uss, pss, rss, size } = sumMappings(maps);
  return { pid, user, command, swap, uss, pss, rss, vss: size, maps: maps.size };
}
