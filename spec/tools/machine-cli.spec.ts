import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMachineArgs, parseSize, USAGE, UsageError } from '../../scripts/machine/args.mjs';
import { frame, plainHeader, plainLine, seconds, thin, zoneBar, zoneWords } from '../../scripts/machine/view.mjs';

const zone = { free: 7000, min: 5632, low: 7040, high: 8448 };
const snap = {
  t: 12345,
  meminfo: { MemFree: 28000, MemAvailable: 30000, Cached: 1234 },
  free: '               total        used        free\nMem:         999236      971236       28000\n',
  zone,
  kswapd: 'running',
  vmstat: { pswpin: 3, pswpout: 4567, stalls: 12 },
  top: { pid: 16319, name: 'python3', rssKb: 900000, swapKb: 123456 },
};

describe('npm run machine: arguments', () => {
  it.each([
    ['1G', 1048576],
    ['512M', 524288],
    ['65536K', 65536],
    ['1.5G', 1572864],
    ['2GiB', 2097152],
    ['4gb', 4194304],
    ['1T', 1073741824],
    ['0', 0],
  ])('reads the size %s as %i KiB', (text, kb) => {
    expect(parseSize(text, '--mem')).toBe(kb);
  });

  it.each([
    ['-1G', 'cannot be negative'],
    ['1024', 'a number and a unit'],
    ['1X', 'a number and a unit'],
    ['', 'a number and a unit'],
    ['0.1K', 'not a whole number'],
  ])('refuses the size %j in plain words (%s)', (text, words) => {
    expect(() => parseSize(text, '--swap')).toThrow(UsageError);
    expect(() => parseSize(text, '--swap')).toThrow(words);
  });

  it('reads a scenario and its options', () => {
    expect(
      parseMachineArgs([
        'swap-test',
        '--mem',
        '2G',
        '--swap=512M',
        '--thp',
        'always',
        '--seed',
        '7',
        '--svg',
        'f.svg',
        '--solution',
        '--plain',
      ]),
    ).toEqual({
      scenario: 'swap-test',
      machine: { memoryKb: 2097152, swapKb: 524288, thp: 'always' },
      seed: 7,
      svg: 'f.svg',
      tree: 'solutions',
      plain: true,
    });
    expect(parseMachineArgs(['malloc', '--no-swap'])).toEqual({
      scenario: 'malloc',
      machine: { swapKb: 0 },
      seed: undefined,
      svg: undefined,
      tree: 'katas',
      plain: false,
    });
  });

  it('answers help for no scenario, -h and --help', () => {
    expect(parseMachineArgs([])).toBe('help');
    expect(parseMachineArgs(['swap-test', '--help'])).toBe('help');
    expect(parseMachineArgs(['-h'])).toBe('help');
    for (const name of ['swap-test', 'page-cache', 'malloc', 'sar']) expect(USAGE).toContain(name);
  });

  it.each([
    [['nope'], 'no scenario "nope"'],
    [['sar', 'malloc'], 'one scenario at a time'],
    [['sar', '--fast'], 'unknown option --fast'],
    [['sar', '--mem', '1G', '--mem', '2G'], 'given twice'],
    [['sar', '--mem'], '--mem needs a value'],
    [['sar', '--plain=yes'], 'takes no value'],
    [['sar', '--no-swap', '--swap', '1G'], '--no-swap and --swap together'],
    [['sar', '--thp', 'sometimes'], 'always, madvise or never'],
    [['sar', '--seed', '1.5'], 'a whole number'],
    [['sar', '--seed', '-3'], 'a whole number'],
  ])('refuses %j: %s', (argv, words) => {
    expect(() => parseMachineArgs(argv)).toThrow(UsageError);
    expect(() => parseMachineArgs(argv)).toThrow(words);
  });
});

describe('npm run machine: the view', () => {
  it('tells time in seconds with milliseconds', () => {
    expect(seconds(12345)).toBe('12.345 s');
    expect(seconds(0)).toBe('0.000 s');
  });

  it('draws the zone from 0 to twice high, with ● where free is and ► when free is off the bar', () => {
    const bar = zoneBar({ free: 4224, min: 1000, low: 2000, high: 4224 }, 48);
    expect(bar).toHaveLength(50);
    expect(bar.indexOf('●')).toBe(25);
    expect(bar.slice(1, 8)).toBe(`${'─'.repeat(6)}╌`); // min 1000 of 8448 over 48 cells: 6 cells up to min
    expect(zoneBar({ free: 100000, min: 1, low: 2, high: 4 }, 10).at(-2)).toBe('►');
  });

  it.each([
    [5632, 'direct reclaim'],
    [7000, 'kswapd is woken'],
    [8000, 'keeps going'],
    [9000, 'above high'],
  ])('says what the kernel does with free at %i', (free, words) => {
    expect(zoneWords({ ...zone, free })).toContain(words);
  });

  it('frames free, the zone, kswapd and the largest process', () => {
    const lines = frame(snap, 'heading');
    expect(lines[0]).toBe('heading');
    expect(lines).toContain('t = 12.345 s');
    expect(lines).toContain('Mem:         999236      971236       28000');
    expect(lines.join('\n')).toContain('kswapd running   direct-reclaim stalls 12   pswpin 3   pswpout 4567');
    expect(lines.at(-1)).toBe('python3 (16319)  VmRSS 900000 kB  VmSwap 123456 kB');
    expect(frame({ ...snap, top: null }, 'h').at(-1)).toBe('no process is running');
  });

  it('prints plain lines under their header, column by column', () => {
    const header = plainHeader();
    const line = plainLine(snap);
    expect(line).toHaveLength(header.length);
    expect(line.trim().split(/ +/)).toEqual([
      '12.345',
      's',
      '28000',
      '30000',
      '1234',
      '7000',
      'running',
      '12',
      '3',
      '4567',
      '900000',
      '123456',
    ]);
    expect(
      plainLine({ ...snap, top: null })
        .trim()
        .endsWith('-         -'),
    ).toBe(true);
  });

  it("thins samples for a picture, keeping the first, the last and each column's lowest and highest", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10000 }), { minLength: 1, maxLength: 600 }),
        fc.integer({ min: 2, max: 50 }),
        (frees, columns) => {
          const samples = frees.map((free, t) => ({ t, free }));
          const out = thin(samples, columns);
          expect(out[0]).toEqual(samples[0]);
          expect(out.at(-1)).toEqual(samples.at(-1));
          expect(out.length).toBeLessThanOrEqual(Math.max(samples.length, 2 * columns + 2));
          expect(Math.min(...out.map((s) => s.free))).toBe(Math.min(...frees));
          expect(Math.max(...out.map((s) => s.free))).toBe(Math.max(...frees));
          for (let i = 1; i < out.length; i++)
            expect((out[i] as { t: number }).t).toBeGreaterThan((out[i - 1] as { t: number }).t);
        },
      ),
    );
  });
});
