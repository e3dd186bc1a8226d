import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODES, parseArgs, UsageError } from '../../scripts/lab/args.mjs';

describe('parseArgs', () => {
  it("runs the learner's code on /proc by default", () => {
    expect(parseArgs(['free'])).toEqual({
      mode: 'free',
      pid: undefined,
      tree: 'katas',
      procDir: undefined,
      tableOnly: false,
      sort: 'swap',
      reverse: true,
    });
  });

  it('reads a pid, --solution and --proc in any order', () => {
    expect(parseArgs(['--proc', 'spec/fixtures/lab/proc', 'smaps', '--solution', '13577'])).toMatchObject({
      mode: 'smaps',
      pid: 13577,
      tree: 'solutions',
      procDir: 'spec/fixtures/lab/proc',
    });
    expect(parseArgs(['status', '--proc=/tmp/p'])).toMatchObject({ mode: 'status', procDir: '/tmp/p' });
  });

  it("sorts smem's table by swap, largest first, unless -s says otherwise (then smallest first, as smem does)", () => {
    expect(parseArgs(['smem'])).toMatchObject({ sort: 'swap', reverse: true });
    expect(parseArgs(['smem', '-s', 'pss'])).toMatchObject({ sort: 'pss', reverse: false });
    expect(parseArgs(['smem', '--sort=rss', '-r', '--table-only'])).toMatchObject({
      sort: 'rss',
      reverse: true,
      tableOnly: true,
    });
  });

  it('answers -h and --help with the usage', () => {
    expect([parseArgs(['-h']), parseArgs(['smem', '--help'])]).toEqual(['help', 'help']);
  });

  it.each([
    [[], 'which mode? free, smaps, status or smem'],
    [['meminfo'], 'unknown mode "meminfo": use free, smaps, status or smem'],
    [['free', '12'], 'free reads the whole machine: it takes no pid'],
    [['smaps', 'self'], '"self" is not a process id'],
    [['smaps', '0'], '"0" is not a process id'],
    [['smaps', '1', '2'], 'unexpected 2'],
    [['free', '--proc'], '--proc needs a value'],
    [['free', '--verbose'], 'unknown option --verbose'],
    [['smem', '-s', 'name'], 'cannot sort on "name": use one of pid, user, command, swap, uss, pss, rss'],
    [['status', '--table-only'], '--table-only, --sort and --reverse are smem options'],
  ])('refuses %j with a UsageError: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('gives a mode or a UsageError for any arguments, never another exception', () => {
    const word = fc.oneof(fc.constantFrom(...MODES, '--proc', '--solution', '-s', '-r', 'pss', '42'), fc.string());
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (argv) => {
        try {
          const args = parseArgs(argv);
          return args === 'help' || MODES.includes(args.mode);
        } catch (error) {
          return error instanceof UsageError;
        }
      }),
    );
  });
});
