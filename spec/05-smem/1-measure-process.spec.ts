import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureProcess, ParseError, type ProcessMemory } from '#kata/05-smem';
import { fixture } from '#support/fixtures';
import { smapsText, vmasArb } from './smaps-text.ts';
import { printedNumbers, treeInputs } from './trees.ts';

const sleep = fixture('proc/sleep/smaps.txt');
const measure = (smaps: string) => measureProcess({ pid: 1203, user: 'root', command: 'sleep 600', smaps });
const sizes = (p: ProcessMemory) => ({ swap: p.swap, uss: p.uss, pss: p.pss, rss: p.rss, vss: p.vss, maps: p.maps });
const junk = (pid: number) => treeInputs('junk').find((input) => input.pid === pid)!.smaps;

/** The value of a kB field in a smaps_rollup file. */
const rollup = (name: string, field: string) =>
  Number(new RegExp(`^${field}: +(\\d+) kB$`, 'm').exec(fixture(`proc/${name}/smaps_rollup.txt`))![1]);

function throwsParseErrorAt(smaps: string, line: number) {
  try {
    measure(smaps);
    expect.unreachable('measureProcess should have thrown ParseError');
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
  }
}

/**
 * The spec's own model of the reading the README describes (smem pidmaps() and pidtotals(), with a ParseError
 * where smem gives up or the kernel never prints such a number). Slow and plain; for the model property only.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.split() breaks words at \x1c-\x1f too
const PYTHON_BLANKS = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function smemReads(smaps: string): ReturnType<typeof sizes> | 'ParseError' {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.splitlines() breaks at \x1c-\x1e
  const lines = smaps.split(/\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/);
  if (lines.at(-1) === '') lines.pop();
  const hex = (word = '') => /^(?:0[xX])?[0-9a-fA-F]+$/.test(word);
  const maps = new Map<bigint, Map<string, number>>();
  let current: Map<string, number> | undefined;
  for (const line of lines) {
    const f = line.split(PYTHON_BLANKS).filter(Boolean);
    const first = f[0];
    if (first === undefined) return 'ParseError';
    if (f.at(-1) === 'kB') {
      if (!current || !/^\d+$/.test(f[1] ?? '') || !Number.isSafeInteger(Number(f[1]))) return 'ParseError';
      current.set(Array.from(first).slice(0, -1).join('').toLowerCase(), Number(f[1]));
    } else if (first.includes('-') && !first.includes(':')) {
      const range = first.split('-');
      if (range.length !== 2 || f.length < 5 || !hex(range[0]) || !hex(range[1]) || !hex(f[2])) return 'ParseError';
      current = new Map();
      maps.set(BigInt(`0x${range[0]!.replace(/^0[xX]/, '')}`), current);
    }
  }
  const total = (pick: (m: Map<string, number>) => number) => [...maps.values()].reduce((sum, m) => sum + pick(m), 0);
  const field = (key: string) => (m: Map<string, number>) => m.get(key) ?? 0;
  const result = {
    swap: total(field('swap')),
    uss: total((m) => field('private_clean')(m) + field('private_dirty')(m)),
    pss: total(field('pss')),
    rss: total(field('rss')),
    vss: total(field('size')),
    maps: maps.size,
  };
  return Object.values(result).every(Number.isSafeInteger) ? result : 'ParseError';
}

describe('measureProcess', () => {
  it('measures `sleep 600` as smem 1.5 printed it: 37 maps, VSS 2924, RSS 1660, USS 144, PSS 289, no swap', () => {
    expect(sizes(measure(sleep))).toEqual({ swap: 0, uss: 144, pss: 289, rss: 1660, vss: 2924, maps: 37 });
  });

  it('hands back the pid, user and command it was given', () => {
    const p = measureProcess({ pid: 9999999, user: 'nobody', command: '/opt/leaky/bin/leaky-agent', smaps: sleep });
    expect([p.pid, p.user, p.command]).toEqual([9999999, 'nobody', '/opt/leaky/bin/leaky-agent']);
  });

  it('charges sleep only a share of libc: its 5 libc mappings have RSS 1140, PSS 128, USS 24', () => {
    const blocks = sleep.split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/);
    const libc = blocks.filter((block) => block.split('\n')[0]!.endsWith('/libc.so.6')).join('\n');
    expect(sizes(measure(`${libc}\n`))).toEqual({ swap: 0, uss: 24, pss: 128, rss: 1140, vss: 1876, maps: 5 });
  });

  it('splits a 1200 kB library among its three users: PSS 500, 600 and 700 add up to the 1800 kB in RAM', () => {
    const lib = { start: 0x7f0000000000n, pages: 300, rss: 1200, pss: 400, privateClean: 0, privateDirty: 0, swap: 0 };
    const heap = (kb: number) => ({
      start: 0x5000000n,
      pages: kb / 4,
      rss: kb,
      pss: kb,
      privateClean: 0,
      privateDirty: kb,
      swap: 0,
    });
    const table = [100, 200, 300].map((kb) => measure(smapsText([heap(kb), lib])));
    expect(table.map((p) => [p.rss, p.pss, p.uss])).toEqual([
      [1300, 500, 100],
      [1400, 600, 200],
      [1500, 700, 300],
    ]);
    expect(table.reduce((sum, p) => sum + p.pss, 0)).toBe(100 + 200 + 300 + 1200);
  });

  it.each(['swap-lab', 'seed', 'units', 'junk'])(
    'adds up what smem printed for every process of the %s tree',
    (tree) => {
      const printed = printedNumbers(tree);
      const inputs = treeInputs(tree).filter((input) => printed.has(input.pid));
      expect(inputs.length).toBe(printed.size);
      for (const input of inputs) {
        expect({ pid: input.pid, ...sizes(measureProcess(input)) }).toEqual({
          pid: input.pid,
          ...printed.get(input.pid),
        });
      }
    },
  );

  it('counts swapped-out pages: 2096 kB for the leaky agent, 300 kB for each apache2', () => {
    const swap = Object.fromEntries(treeInputs('swap-lab').map((input) => [input.pid, measureProcess(input).swap]));
    expect([swap[9999999], swap[3001], swap[3002], swap[2210], swap[1203]]).toEqual([2096, 300, 300, 20, 0]);
  });

  it.each([
    ['sleep', 289, 299],
    ['bash', 1201, 1220],
    ['fixture', 2471, 2474],
  ])(
    'sums Pss per mapping, so %s has PSS %i where smaps_rollup says %i (each mapping truncates its own)',
    (name, pss, rolled) => {
      const p = measure(fixture(`proc/${name}/smaps.txt`));
      expect([p.pss, rollup(name, 'Pss')]).toEqual([pss, rolled]);
      expect(rolled - p.pss).toBeLessThan(p.maps);
    },
  );

  it.each(['sleep', 'bash', 'fixture'])('gives the same RSS as smaps_rollup for %s: pages are not divided', (name) => {
    expect(measure(fixture(`proc/${name}/smaps.txt`)).rss).toBe(rollup(name, 'Rss'));
  });

  it('reads CRLF line ends as smem does: the numbers do not change', () => {
    expect(sizes(measure(junk(501)))).toEqual(sizes(measure(sleep)));
  });

  it('skips a last line cut before its unit, as smem does (it is not a kB line): 19 maps, RSS 1160', () => {
    expect(sizes(measure(junk(503)))).toEqual({ swap: 0, uss: 68, pss: 173, rss: 1160, vss: 2420, maps: 19 });
  });

  it('counts a start address seen twice once: the later mapping replaces the first, as in smem’s dict', () => {
    expect(sizes(measure(junk(505)))).toEqual(sizes(measure(sleep)));
  });

  it('reads the last line even without a final newline, as Linux-shaped text and word by word', () => {
    const [header, ...body] = sleep.split('\n');
    const upToRss = [header, ...body.slice(0, body.findIndex((line) => line.startsWith('Rss:')) + 1)].join('\n');
    expect(measure(upToRss).rss).toBe(measure(`${upToRss}\n`).rss);
    expect(measure(upToRss).rss).toBeGreaterThan(0);
    // CRLF line ends are not Linux's: this text is read word by word, and its last line counts too.
    expect(measure(upToRss.replaceAll('\n', '\r\n')).rss).toBe(measure(upToRss).rss);
    expect(sizes(measure(sleep.slice(0, -1)))).toEqual(sizes(measure(sleep)));
  });

  it.each([
    ['a line of words without a colon or a dash', 'hello world'],
    ['a word with a colon but no kB', 'Name: something else'],
    ['a kB in the middle of a line', 'Rss 4 kB later'],
    ['a size in KB, which smem does not take for kB', 'Rss:                   4 KB'],
  ])('skips %s, as smem does, and counts the rest as before', (_, extra) => {
    const lines = sleep.split('\n');
    const text = [...lines.slice(0, 5), extra, ...lines.slice(5)].join('\n');
    expect(sizes(measure(text))).toEqual(sizes(measure(sleep)));
  });

  it('counts 0 maps and zero sizes for an empty smaps (a process that has exited)', () => {
    expect(sizes(measure(''))).toEqual({ swap: 0, uss: 0, pss: 0, rss: 0, vss: 0, maps: 0 });
  });

  it('throws ParseError at line 4 for an empty line, where smem gives up on the process', () => {
    throwsParseErrorAt(junk(500), 4);
  });

  it('throws ParseError at line 1 for a kB line before the first mapping header', () => {
    throwsParseErrorAt(junk(502), 1);
  });

  it('throws ParseError at line 1 for a header whose addresses are not hexadecimal', () => {
    throwsParseErrorAt(junk(504), 1);
  });

  it('throws ParseError at line 1 for a text that is one empty line ("\\n"), as for any empty line', () => {
    throwsParseErrorAt('\n', 1);
  });

  it.each([
    ['a kB line', 'Rss:                   4 kB'],
    ['a VmFlags line', 'VmFlags: rd mr mw me '],
  ])('throws ParseError at line 3 for an empty line after a header and %s (a text ending in "\\n\\n")', (_, line) => {
    const [header] = sleep.split('\n');
    throwsParseErrorAt(`${header}\n${line}\n\n`, 3);
  });

  it('throws ParseError at line 1 for a header of two words, even with its blanks doubled', () => {
    throwsParseErrorAt('555a29c61000-555a29c63000  00000000  \nRss:                   4 kB\n', 1);
  });

  it.each([
    ['a header with four words', '555a29c61000-555a29c63000 r--p 00000000 fe:00'],
    ['a header with two dashes', '555a-29c61000-555a29c63000 r--p 00000000 fe:00 260875'],
    ['an offset that is not hexadecimal', '555a29c61000-555a29c63000 r--p 0000000g fe:00 260875'],
    ['a signed size', 'Rss:                  +8 kB'],
    ['a negative size', 'Rss:                  -8 kB'],
    ['a fraction', 'Rss:                 8.5 kB'],
    ['a size beyond 2^53', 'Rss:      9007199254740993 kB'],
    ['a unit without a number', 'Rss: kB'],
    ['a lone unit', 'kB'],
    ['a line of blanks', '   \t '],
  ])('throws ParseError at line 2 for %s', (_, text) => {
    const [header, ...body] = sleep.split('\n');
    throwsParseErrorAt([header, text, ...body].join('\n'), 2);
  });

  it('throws ParseError when a total passes 2^53 kB, which a number cannot hold exactly', () => {
    const huge = smapsText([
      { start: 0x1000n, pages: 1, rss: 4, pss: 4, privateClean: 0, privateDirty: 4, swap: 0 },
      { start: 0x2000n, pages: 1, rss: 4, pss: 4, privateClean: 0, privateDirty: 4, swap: 0 },
    ]).replaceAll(/^Size: +4 kB$/gm, 'Size:           4503599627370496 kB');
    expect(() => measure(huge)).toThrow(ParseError);
    // The first mapping's 2^52 fits; the second one's makes 2^53: the error names a line of the second mapping.
    const lines = huge.split('\n');
    const second = lines.findIndex((line, i) => i > 0 && /^[0-9a-f]+-/.test(line)) + 1;
    try {
      measure(huge);
    } catch (error) {
      expect((error as ParseError).line).toBeGreaterThanOrEqual(second);
      expect((error as ParseError).line).toBeLessThan(lines.length);
    }
  });

  it('names a line of the mapping whose size makes the total pass 2^53, in a smaps as Linux prints it', () => {
    // Ten mappings of 999999999999999 kB (15 digits, as Linux could print them): the tenth passes 2^53.
    const vma = { pages: 1, rss: 4, pss: 4, privateClean: 0, privateDirty: 4, swap: 0 };
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...vma, start: BigInt(i + 1) << 32n }));
    const text = smapsText(ten).replaceAll(/^Size: +4 kB$/gm, 'Size:           999999999999999 kB');
    const headers = text.split('\n').flatMap((line, i) => (/^[0-9a-f]+-/.test(line) ? [i + 1] : []));
    try {
      measure(text);
      expect.unreachable('measureProcess should have thrown ParseError');
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBeGreaterThanOrEqual(headers[9]!);
      expect((error as ParseError).line).toBeLessThan(headers[9]! + 18);
    }
    expect(measure(smapsText(ten.slice(0, 9)).replaceAll(/^Size: +4 kB$/gm, 'Size:     999999999999999 kB')).vss).toBe(
      9 * 999999999999999,
    );
  });

  it('throws ParseError for a header whose address has a letter beyond f, even one Python would split at', () => {
    const lines = sleep.split('\n');
    const second = lines.findIndex((line, i) => i > 0 && /^[0-9a-f]+-/.test(line));
    for (const letter of ['g', 'V', 'x']) {
      const edited = lines.map((line, i) => (i === second ? line.replace(/^([0-9a-f]{4})/, `$1${letter}`) : line));
      throwsParseErrorAt(edited.join('\n'), second + 1);
    }
  });

  it('names the line of a size beyond 2^53, wherever it is', () => {
    const lines = sleep.split('\n');
    const kbLines = lines.flatMap((line, index) => (line.endsWith(' kB') ? [index] : []));
    fc.assert(
      fc.property(fc.constantFrom(...kbLines), fc.bigInt({ min: 2n ** 53n, max: 10n ** 20n }), (index, big) => {
        const edited = lines.map((line, i) => (i === index ? line.replace(/\d+ kB$/, `${big} kB`) : line));
        throwsParseErrorAt(edited.join('\n'), index + 1);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps uss ≤ pss ≤ rss ≤ vss for any well-formed smaps', () => {
    fc.assert(
      fc.property(vmasArb, (vmas) => {
        const p = measure(smapsText(vmas));
        return p.uss <= p.pss && p.pss <= p.rss && p.rss <= p.vss;
      }),
    );
  });

  it('adds up each field over the mappings and counts one map per mapping', () => {
    fc.assert(
      fc.property(vmasArb, (vmas) => {
        const total = (pick: (v: (typeof vmas)[number]) => number) => vmas.reduce((s, v) => s + pick(v), 0);
        expect(sizes(measure(smapsText(vmas)))).toEqual({
          swap: total((v) => v.swap),
          uss: total((v) => v.privateClean + v.privateDirty),
          pss: total((v) => v.pss),
          rss: total((v) => v.rss),
          vss: total((v) => v.pages * 4),
          maps: vmas.length,
        });
      }),
    );
  });

  it('reads any smaps close to what Linux prints exactly as smem reads it, word by word (model)', () => {
    const lines = sleep.split('\n').slice(0, -1);
    const edits: ((line: string) => string)[] = [
      (l) => l.replace(' ', '\t'),
      (l) => `${l} `,
      (l) => `${l}\r`,
      (l) => l.toUpperCase(),
      (l) => l.toLowerCase(),
      (l) => l.replace(/\d+ kB$/, '1234567890123456 kB'),
      (l) => l.replace(/ kB$/, ' KB'),
      (l) => l.replace(/ kB$/, ''),
      (l) => `${l} x`,
      (l) => l.replace(' ', '  '),
      (l) => `${l} é`,
      () => '',
      (l) => l.replace(':', ''),
      (l) => l.replace('_', '-'),
      (l) => l.replace(/^([0-9a-f]+)-/, '0x$1-'),
      (l) => l.split(' ').slice(0, 4).join(' '),
      (l) => l.replace(/ +/, ''),
      (l) => l.replace(/^\w+:/, 'Swap:'),
    ];
    const edited = fc
      .array(fc.tuple(fc.nat(lines.length - 1), fc.nat(edits.length - 1)), { minLength: 1, maxLength: 3 })
      .map((picks) => {
        const text = [...lines];
        for (const [at, edit] of picks) text[at] = edits[edit]!(text[at]!);
        return `${text.join('\n')}\n`;
      });
    fc.assert(
      fc.property(edited, (smaps) => {
        const expected = smemReads(smaps);
        try {
          const got = sizes(measure(smaps));
          return expected !== 'ParseError' && JSON.stringify(got) === JSON.stringify(expected);
        } catch (error) {
          return error instanceof ParseError && expected === 'ParseError';
        }
      }),
      { numRuns: 200 },
    );
  });

  it('returns sizes or throws ParseError with a line, whatever the smaps text (fuzz)', () => {
    const lines = sleep.split('\n');
    // Characters that matter to smem's reading: line breaks and blanks Python knows, digits, hex, kB, - and :.
    const smapsChar = fc.constantFrom(
      ...'\n\r\v\f\t \u001c\u0085\u00a0\u2028\u3000\ufeff0123456789abcdefx-:kBRsPz\u0663\u{1f600}',
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: smapsChar, maxLength: 200 }),
      fc.nat(sleep.length).map((end) => sleep.slice(0, end)),
      fc.nat(sleep.length).map((end) => sleep.slice(0, end).replaceAll('\n', '\r\n')),
      fc
        .tuple(fc.nat(lines.length - 1), fc.constantFrom(' kB', 'kB', ' '))
        .map(([at, cut]) => lines.map((line, i) => (i === at ? line.replace(cut, '') : line)).join('\n')),
      fc
        .tuple(fc.nat(lines.length - 1), fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }))
        .map(([at, big]) =>
          lines.map((line, i) => (i === at ? line.replace(/\d+ kB$/, `${big} kB`) : line)).join('\n'),
        ),
      fc
        .tuple(
          fc.nat(lines.length),
          fc.oneof(fc.string(), fc.constantFrom('', 'a-b c d e', 'Rss: 4 kB', '0x10-0x20 r--p 0 00:00 0', 'x-y')),
        )
        .map(([at, extra]) => [...lines.slice(0, at), extra, ...lines.slice(at)].join('\n')),
    );
    fc.assert(
      fc.property(text, (smaps) => {
        try {
          const p = measure(smaps);
          return Object.values(sizes(p)).every((n) => Number.isSafeInteger(n) && n >= 0);
        } catch (error) {
          // Python's line breaks, \x1c-\x1e included (smem reads lines with str.splitlines()).
          // biome-ignore lint/suspicious/noControlCharactersInRegex: those are line breaks to Python
          const lineCount = smaps.split(/\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/).length;
          return (
            error instanceof ParseError && Number.isInteger(error.line) && error.line >= 1 && error.line <= lineCount
          );
        }
      }),
    );
  });
});
