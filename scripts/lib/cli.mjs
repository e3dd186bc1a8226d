// @ts-check
/** What every command-line script shares: argument parsing and failing without a stack dump. */
import { allKatas, findKata } from './manifest.mjs';
import { style } from './style.mjs';

/**
 * Splits argv into positional words and --flags (a flag may take a value: --proc DIR, --proc=DIR).
 * @param {string[]} argv
 * @param {string[]} [valued] flags that take a value
 */
export function parseArgs(argv, valued = []) {
  /** @type {string[]} */
  const positional = [];
  /** @type {Record<string, string | true>} */
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const [name = '', value] = arg.slice(2).split('=', 2);
      if (value !== undefined) flags[name] = value;
      else if (valued.includes(name) && i + 1 < argv.length) flags[name] = argv[++i] ?? '';
      else flags[name] = true;
    } else if (/^-[a-z]$/.test(arg)) {
      flags[arg.slice(1)] = true;
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

/** The list of katas, for "which kata?" answers. */
export function kataList() {
  return allKatas()
    .map((k) => `  ${String(k.number).padStart(2)}  ${k.title.padEnd(28)} part ${k.part}`)
    .join('\n');
}

/**
 * Reads a kata number argument; prints the list of katas and exits 2 when it names none.
 * @param {string | undefined} word
 * @param {string} usage
 */
export function kataFromArg(word, usage) {
  const number = Number(word);
  const kata = word !== undefined && /^\d+$/.test(word) ? findKata(number) : undefined;
  if (!kata) {
    console.error(word === undefined ? usage : `There is no kata ${JSON.stringify(word)}. The katas are:`);
    console.error(kataList());
    process.exit(2);
  }
  return kata;
}

/**
 * Runs a script's main function; an unexpected error prints one plain line, not a stack dump
 * (MEMKATA_DEBUG=1 shows the stack for maintainers).
 * @param {() => Promise<number | void>} main
 */
export function run(main) {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error) => {
      console.error(style.red(`memkata: ${error instanceof Error ? error.message : String(error)}`));
      if (process.env.MEMKATA_DEBUG && error instanceof Error) console.error(error.stack);
      process.exitCode = 2;
    },
  );
}
