import { parseHex, parseKb } from '#kata/01-pages-and-units';
import { ParseError } from '#shared/errors';
import {
  type IdQuad,
  MEMORY_LINES,
  type ProcMemory,
  type ProcState,
  type ProcStatus,
  STATE_DESCRIPTIONS,
  type StateCode,
} from './proc-status.ts';
import { parseRangeList } from './range-list.ts';

/** One `Key:\tvalue` line. */
interface StatusLine {
  key: string;
  /** The text after the separating tab, exactly (Name needs it untrimmed). */
  printed: string;
  /** printed, trimmed: what `fields` keeps. */
  value: string;
  /** 1-based. */
  line: number;
}

type StatusLines = Map<string, StatusLine>;

// The kernel writes every line as "Key:\tvalue" (fs/proc/array.c, fs/proc/task_mmu.c), or "Key:\t" with
// nothing after it. Text pasted from a terminal has spaces where the tab was: accept a run of spaces too.
const LINE = /^([^\s:]+):(?:(?:\t| +)(.*))?$/s;

function readLines(text: string): StatusLines {
  const texts = text.split(/\r?\n/);
  if (texts.at(-1) === '') texts.pop(); // the newline that ends the last line
  const lines: StatusLines = new Map();
  texts.forEach((lineText, index) => {
    const line = index + 1;
    const match = LINE.exec(lineText);
    if (!match) throw new ParseError(`expected "Key:<tab>value", got ${JSON.stringify(lineText)}`, line);
    // Stryker disable next-line StringLiteral: group 1 takes part in every match; only the default of group 2 is ever used
    const [, key = '', printed = ''] = match;
    if (lines.has(key)) throw new ParseError(`${key} appears twice`, line);
    lines.set(key, { key, printed, value: printed.trim(), line });
  });
  return lines;
}

function required(lines: StatusLines, key: string): StatusLine {
  const found = lines.get(key);
  if (found) return found;
  // A missing line has no line number of its own: point just past the last line.
  throw new ParseError(`the ${key} line is missing`, lines.size + 1);
}

function decimal(entry: StatusLine, text = entry.value): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new ParseError(`${entry.key}: expected a decimal number below 2^53, got ${JSON.stringify(text)}`, entry.line);
  }
  return value;
}

/** Uid, Groups, NStgid…: decimals separated by tabs (spaces for Groups). Nothing at all → []. */
function decimals(entry: StatusLine): number[] {
  if (entry.value === '') return [];
  return entry.value.split(/[\t ]+/).map((text) => decimal(entry, text));
}

/** Uid, Gid: real, effective, saved, filesystem. */
function idQuad(entry: StatusLine): IdQuad {
  const ids = decimals(entry);
  if (ids.length !== 4) {
    throw new ParseError(`${entry.key}: expected four ids, got ${JSON.stringify(entry.value)}`, entry.line);
  }
  const [real = 0, effective = 0, saved = 0, filesystem = 0] = ids;
  return [real, effective, saved, filesystem];
}

/** proc_task_name() escapes only newline (as \n) and backslash (as \\); a tab or a space is printed as is. */
function unescapeName(entry: StatusLine): string {
  return entry.printed.replace(/\\(.?)/gs, (_escape, next: string) => {
    if (next === '\\') return '\\';
    if (next === 'n') return '\n';
    throw new ParseError(`${entry.key}: a backslash only comes before "n" or another one`, entry.line);
  });
}

function isStateCode(code: string): code is StateCode {
  return Object.hasOwn(STATE_DESCRIPTIONS, code);
}

/** `S (sleeping)`: one of the task_state_array strings, letter and words matching. */
function parseState(entry: StatusLine): ProcState {
  const match = /^(\S) \((.*)\)$/.exec(entry.value);
  // Stryker disable next-line StringLiteral,ArrayDeclaration: without a match the code '' (or any default) is no state code, the same ParseError below
  const [, code = '', description = ''] = match ?? [];
  if (!isStateCode(code) || STATE_DESCRIPTIONS[code] !== description) {
    throw new ParseError(
      `${entry.key}: expected a state like "S (sleeping)", got ${JSON.stringify(entry.value)}`,
      entry.line,
    );
  }
  return { code, description };
}

/** `0022`: printed with %#04o, so a 0 and three octal digits. */
function parseUmask(entry: StatusLine): string {
  if (!/^0[0-7]{3}$/.test(entry.value)) {
    throw new ParseError(
      `${entry.key}: expected an octal umask like "0022", got ${JSON.stringify(entry.value)}`,
      entry.line,
    );
  }
  return entry.value;
}

/** Kthread, THP_enabled: 0 or 1. */
function flag(entry: StatusLine): boolean {
  if (entry.value !== '0' && entry.value !== '1') {
    throw new ParseError(`${entry.key}: expected 0 or 1, got ${JSON.stringify(entry.value)}`, entry.line);
  }
  return entry.value === '1';
}

/** `SigQ:\t0/96365`: queued / limit. */
function parseSigQ(entry: StatusLine): { queued: number; limit: number } {
  const match = /^(\d+)\/(\d+)$/.exec(entry.value);
  if (!match) {
    throw new ParseError(
      `${entry.key}: expected queued/limit like "0/96365", got ${JSON.stringify(entry.value)}`,
      entry.line,
    );
  }
  // Stryker disable next-line StringLiteral: both groups take part in every match; the defaults only satisfy the types
  const [, queued = '', limit = ''] = match;
  return { queued: decimal(entry, queued), limit: decimal(entry, limit) };
}

/** SigPnd…, Cap…: one mask of exactly 16 lower-case hex digits (render_sigset_t(), render_cap_t()'s "%016llx"). */
function mask(entry: StatusLine): bigint {
  if (!/^[0-9a-f]{16}$/.test(entry.value)) {
    throw new ParseError(`${entry.key}: expected 16 hex digits, got ${JSON.stringify(entry.value)}`, entry.line);
  }
  return parseHex(entry.value, entry.line);
}

/**
 * Cpus_allowed, Mems_allowed: the "%*pb" bitmap format (lib/bitmap.c), groups of up to 8 hex digits
 * (32 bits each) separated by commas, the most significant group first.
 */
function bitmap(entry: StatusLine): bigint {
  return entry.value.split(',').reduce((bits, group) => {
    if (!/^[0-9a-fA-F]{1,8}$/.test(group)) {
      throw new ParseError(
        `${entry.key}: expected groups of up to 8 hex digits, got ${JSON.stringify(entry.value)}`,
        entry.line,
      );
    }
    return (bits << 32n) | BigInt(`0x${group}`);
  }, 0n);
}

function rangeList(entry: StatusLine): number[] {
  return parseRangeList(entry.value, entry.line);
}

/**
 * The 16 lines of task_mem(), all or none: a task without an mm (a kernel thread, a zombie) prints none,
 * a task with one prints them all.
 */
function parseMemory(lines: StatusLines): ProcMemory | undefined {
  const keys = Object.keys(MEMORY_LINES) as (keyof ProcMemory)[];
  const first = keys.map((key) => lines.get(MEMORY_LINES[key])).find((entry) => entry !== undefined);
  if (!first) return undefined;
  const memory: Partial<ProcMemory> = {};
  for (const key of keys) {
    const entry = lines.get(MEMORY_LINES[key]);
    if (!entry) throw new ParseError(`${MEMORY_LINES[key]} is missing: task_mem() prints all 16 lines`, first.line);
    memory[key] = parseKb(entry.value, entry.line);
  }
  return memory as ProcMemory;
}

/**
 * Reads /proc/PID/status (fs/proc/array.c proc_pid_status). Every `Key:<tab>value` line lands in
 * `fields`, value trimmed; the lines ProcStatus names are parsed: `Pid:\t13870` → pid 13870,
 * `VmRSS:\t    3572 kB` → memory.vmRSS 3572, `CapEff:\t000001fffeffffff` → 0x1fffeffffffn,
 * `Cpus_allowed_list:\t0-1` → [0, 1]. Lines the kernel prints only sometimes (Umask, Kthread, the 16
 * memory lines, THP_enabled) are left out of the result when they are not in the text.
 * Throws ParseError with the 1-based line for a line that is not `Key:<tab>value`, a key seen twice, a
 * value that does not read, or a line ProcStatus needs that is missing (then the line after the last).
 * `parseKb` and `parseHex` from '#kata/01-pages-and-units', and parseRangeList, read most values.
 */
export function parseStatus(text: string): ProcStatus {
  const lines = readLines(text);
  const get = (key: string) => required(lines, key);

  const status: ProcStatus = {
    name: unescapeName(get('Name')),
    state: parseState(get('State')),
    tgid: decimal(get('Tgid')),
    pid: decimal(get('Pid')),
    ppid: decimal(get('PPid')),
    tracerPid: decimal(get('TracerPid')),
    uid: idQuad(get('Uid')),
    gid: idQuad(get('Gid')),
    groups: decimals(get('Groups')),
    nsTgid: decimals(get('NStgid')),
    nsPid: decimals(get('NSpid')),
    nsPgid: decimals(get('NSpgid')),
    nsSid: decimals(get('NSsid')),
    threads: decimal(get('Threads')),
    sigQ: parseSigQ(get('SigQ')),
    signals: {
      sigPnd: mask(get('SigPnd')),
      shdPnd: mask(get('ShdPnd')),
      sigBlk: mask(get('SigBlk')),
      sigIgn: mask(get('SigIgn')),
      sigCgt: mask(get('SigCgt')),
    },
    capabilities: {
      capInh: mask(get('CapInh')),
      capPrm: mask(get('CapPrm')),
      capEff: mask(get('CapEff')),
      capBnd: mask(get('CapBnd')),
      capAmb: mask(get('CapAmb')),
    },
    cpusAllowed: bitmap(get('Cpus_allowed')),
    cpusAllowedList: rangeList(get('Cpus_allowed_list')),
    memsAllowed: bitmap(get('Mems_allowed')),
    memsAllowedList: rangeList(get('Mems_allowed_list')),
    fields: Object.fromEntries([...lines].map(([key, entry]) => [key, entry.value])),
  };

  // Lines the kernel prints only sometimes: they stay absent from the result when absent from the file.
  const umask = lines.get('Umask'); // not for a zombie (no fs_struct left)
  if (umask) status.umask = parseUmask(umask);
  const kthread = lines.get('Kthread'); // newer kernels only
  if (kthread) status.kthread = flag(kthread);
  const memory = parseMemory(lines); // not without an mm
  if (memory) status.memory = memory;
  const thp = lines.get('THP_enabled'); // not without an mm
  if (thp) status.thpEnabled = flag(thp);
  return status;
}
