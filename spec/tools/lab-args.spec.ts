import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, usage } from '../../scripts/lab/args.mjs';
import { type LabMode, loadModes } from '../../scripts/lab/mode.mjs';

const modes = await loadModes();
const names = modes.map((m) => m.name);
const parse = (argv: string[]) => parseArgs(argv, modes);

describe('parseArgs', () => {
  it("runs the learner's code on /proc by default", () => {
    expect(parse(['free'])).toEqual({ mode: 'free', pid: undefined, tree: 'katas', procDir: undefined, options: {} });
  });

  it('reads a pid, --solution and --proc in any order', () => {
    expect(parse(['--proc', 'spec/fixtures/lab/proc', 'smaps', '--solution', '13577'])).toMatchObject({
      mode: 'smaps',
      pid: 13577,
      tree: 'solutions',
      procDir: 'spec/fixtures/lab/proc',
    });
    expect(parse(['status', '--proc=/tmp/p'])).toMatchObject({ mode: 'status', procDir: '/tmp/p' });
  });

  it("reads a mode's own options: short and long, with the value after a space or an equals sign", () => {
    expect(parse(['smem'])).toMatchObject({ options: {} });
    expect(parse(['smem', '-s', 'pss'])).toMatchObject({ options: { sort: 'pss' } });
    expect(parse(['smem', '--sort=rss', '-r', '--table-only'])).toMatchObject({
      options: { sort: 'rss', reverse: true, 'table-only': true },
    });
  });

  it('reads number options as numbers, negative ones too, and string options as they are', () => {
    const toy: LabMode = {
      name: 'toy',
      summary: 'a mode for this spec',
      katas: [7],
      needsProc: false,
      options: { seed: 'number', svg: 'string', fast: 'boolean' },
      run: async () => ({ heading: [], checks: [] }),
    };
    expect(parseArgs(['toy', '--seed', '-3', '--svg', 'out.svg', '--fast'], [toy])).toMatchObject({
      options: { seed: -3, svg: 'out.svg', fast: true },
    });
    expect(() => parseArgs(['toy', '--seed', 'x'], [toy])).toThrow('--seed takes a whole number, not "x"');
  });

  it('answers -h and --help with the usage', () => {
    expect([parse(['-h']), parse(['smem', '--help'])]).toEqual(['help', 'help']);
  });

  it('lists every mode and its options in the usage text', () => {
    const text = usage(modes);
    for (const name of names) expect(text).toContain(`\n  ${name}`);
    expect(text).toContain('-s, --sort COL  smem: sort on COL');
  });

  it.each([
    [[], 'which mode?'],
    [['meminfo'], 'unknown mode "meminfo": use'],
    [['free', '12'], 'free takes no pid'],
    [['smaps', 'self'], '"self" is not a process id'],
    [['smaps', '0'], '"0" is not a process id'],
    [['smaps', '1', '2'], 'unexpected 2'],
    [['free', '--proc'], '--proc needs a value'],
    [['free', '--verbose'], 'unknown option --verbose'],
    [['smem', '-s', 'name'], '--sort takes one of pid, user, command, swap, uss, pss, rss, not "name"'],
    [['status', '--table-only'], '--table-only is not an option of status'],
  ])('refuses %j with a UsageError: %s', (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });

  it('gives a mode or a UsageError for any arguments, never another exception', () => {
    const word = fc.oneof(fc.constantFrom(...names, '--proc', '--solution', '-s', '-r', 'pss', '42'), fc.string());
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
        try {
          const args = parse(argv);
          return args === 'help' || names.includes(args.mode);
        } catch (error) {
          return error instanceof UsageError;
        }
      }),
    );
  });
});
