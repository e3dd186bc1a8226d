// @ts-check
/**
 * The lab's command line: `npm run lab -- <mode> [pid] [--solution] [--proc DIR] [the mode's options]`.
 * Pure: argv and the modes in, options out; anything it cannot read is a UsageError (exit code 2).
 */
import { optionSpec } from './mode.mjs';

/** @typedef {import('./mode.mjs').LabMode} LabMode */
/** @typedef {import('./mode.mjs').LabArgs} LabArgs */

export class UsageError extends Error {
  /** @override */
  name = 'UsageError';
}

/**
 * The usage text, from the modes themselves.
 * @param {readonly LabMode[]} modes
 */
export function usage(modes) {
  const left = (/** @type {LabMode} */ m) => `${m.name}${m.takesPid ? ' [pid]' : ''}`;
  const width = Math.max(14, ...modes.map((m) => left(m).length)) + 2;
  const lines = [
    'usage: npm run lab -- <mode> [pid] [options]',
    '',
    'Runs your kata code on this machine (its /proc, its real tools) or on a simulation, and compares.',
    '',
    'modes:',
    ...modes.map((m) => `  ${left(m).padEnd(width)}${m.summary}`),
    '',
    'options:',
    '  --solution      run the reference solutions instead of your code',
    '  --proc DIR      read DIR instead of /proc (offline: --proc spec/fixtures/lab/proc)',
  ];
  for (const m of modes) {
    for (const [name, raw] of Object.entries(m.options ?? {})) {
      const spec = optionSpec(raw);
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'boolean' ? '' : ` ${spec.value ?? spec.type.toUpperCase()}`}`;
      lines.push(`  ${flag.padEnd(16)}${m.name}: ${spec.help ?? ''}`.trimEnd());
    }
  }
  lines.push(
    '  -h, --help      this text',
    '',
    'A mode that takes a pid reads a sleeping child the lab starts when none is given (the lab itself is a',
    'busy Node process whose memory moves while it reads).',
    'Exit code: 0 all comparisons hold, 1 a mismatch or an unfinished kata, 2 a usage error.',
  );
  return lines.join('\n');
}

/**
 * @param {readonly string[]} argv the arguments after `lab.mjs`
 * @param {readonly LabMode[]} modes
 * @returns {LabArgs | 'help'}
 */
export function parseArgs(argv, modes) {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  const names = modes.map((m) => m.name);
  const list = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const modeText = argv.find((a) => !a.startsWith('-') && !isValueOf(argv, a, modes));
  if (modeText === undefined) throw new UsageError(`which mode? ${list}`);
  const mode = modes.find((m) => m.name === modeText);
  if (!mode) throw new UsageError(`unknown mode "${modeText}": use ${list}`);

  const specs = Object.entries(mode.options ?? {}).map(([name, raw]) => ({ name, ...optionSpec(raw) }));
  const otherOptions = new Set(
    modes.filter((m) => m !== mode).flatMap((m) => Object.keys(m.options ?? {}).map((n) => `--${n}`)),
  );
  /** @type {string[]} */
  const positional = [];
  let tree = /** @type {'katas' | 'solutions'} */ ('katas');
  /** @type {string | undefined} */
  let procDir;
  /** @type {Record<string, string | number | boolean>} */
  const options = {};

  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const [flag = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    /** @param {string} option */
    const value = (option) => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next)))
        throw new UsageError(`${option} needs a value`);
      return next;
    };
    if (arg === '--solution' || arg === '--solutions') tree = 'solutions';
    else if (flag === '--proc') procDir = value('--proc');
    else if (arg.startsWith('-') && !/^-\d/.test(arg)) {
      const spec = specs.find((s) => `--${s.name}` === flag || (s.short && `-${s.short}` === arg));
      if (!spec) {
        if (otherOptions.has(flag)) throw new UsageError(`${flag} is not an option of ${mode.name}`);
        throw new UsageError(`unknown option ${arg}`);
      }
      if (spec.type === 'boolean') options[spec.name] = true;
      else {
        const text = value(flag.startsWith('--') ? flag : `-${spec.short}`);
        if (spec.type === 'number') {
          if (!/^-?\d+$/.test(text)) throw new UsageError(`--${spec.name} takes a whole number, not "${text}"`);
          options[spec.name] = Number(text);
        } else {
          if (spec.choices && !spec.choices.includes(text))
            throw new UsageError(`--${spec.name} takes one of ${spec.choices.join(', ')}, not "${text}"`);
          options[spec.name] = text;
        }
      }
    } else positional.push(arg);
  }

  const [, pidText, ...extra] = positional;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (pidText !== undefined && !mode.takesPid) throw new UsageError(`${mode.name} takes no pid`);
  if (procDir === '') throw new UsageError('--proc needs a folder');
  return { mode: mode.name, pid: pidText === undefined ? undefined : pidOf(pidText), tree, procDir, options };
}

/**
 * Whether `word` at its first place in argv is the value of the option before it (`--proc DIR`).
 * @param {readonly string[]} argv
 * @param {string} word
 * @param {readonly LabMode[]} modes
 */
function isValueOf(argv, word, modes) {
  const before = argv[argv.indexOf(word) - 1];
  if (before === '--proc') return true;
  return modes.some((m) =>
    Object.entries(m.options ?? {}).some(([name, raw]) => {
      const spec = optionSpec(raw);
      return (
        spec.type !== 'boolean' && (before === `--${name}` || (spec.short !== undefined && before === `-${spec.short}`))
      );
    }),
  );
}

/** @param {string} text */
function pidOf(text) {
  if (!/^[1-9]\d{0,9}$/.test(text)) throw new UsageError(`"${text}" is not a process id`);
  return Number(text);
}
