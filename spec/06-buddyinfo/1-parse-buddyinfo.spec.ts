import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, parseBuddyinfo } from '#kata/06-buddyinfo';
import { zones } from './arbitraries.ts';
import { CAPTURES, kernelLine, readCounts, SEED } from './captures.ts';

const DMA = 'Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n';
const DMA32 = 'Node 0, zone    DMA32      2      3      0      2      3      2      1      4      4      2    752 \n';

/** Whatever parseBuddyinfo does with the text, it returns zones or throws a ParseError that names a line. */
function valueOrParseError(text: string): boolean {
  try {
    const areas = parseBuddyinfo(text);
    return areas.every((a) => a.free.every((c) => Number.isSafeInteger(c) && c >= 0) && Number.isSafeInteger(a.node));
  } catch (error) {
    return error instanceof ParseError && error.line >= 1 && error.line <= text.split('\n').length;
  }
}

function parseErrorLine(text: string): number | undefined {
  try {
    parseBuddyinfo(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  return undefined;
}

describe('parseBuddyinfo', () => {
  it('reads a zone: its node, its name, and one free block count per order', () => {
    expect(parseBuddyinfo(DMA32)).toEqual([{ node: 0, zone: 'DMA32', free: [2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752] }]);
  });

  it.each(CAPTURES.map((c) => [c.name, c] as const))('reads every zone of the real capture %s', (_, capture) => {
    expect(parseBuddyinfo(capture.buddyinfoText)).toEqual(capture.zones);
  });

  it("reads seed 000's buddyinfo, from a machine with no Normal zone", () => {
    expect(parseBuddyinfo(SEED.first)).toEqual(readCounts(SEED.first));
    expect(parseBuddyinfo(SEED.first).map((z) => z.zone)).toEqual(['DMA', 'DMA32']);
  });

  it('reads a count wider than six columns: "%6lu" pads but never cuts, so the columns shift', () => {
    const text =
      'Node 0, zone   Normal 1234567 262144      0      0      0      0      0      0      0      0      1 \n';
    expect(parseBuddyinfo(text)[0]?.free).toEqual([1234567, 262144, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('reads every node of a NUMA machine and keeps the order the kernel printed', () => {
    const text =
      kernelLine(0, 'Normal', [1, 2, 3]) + kernelLine(1, 'Normal', [4, 5, 6]) + kernelLine(12, 'Movable', [7, 8, 9]);
    expect(parseBuddyinfo(text)).toEqual([
      { node: 0, zone: 'Normal', free: [1, 2, 3] },
      { node: 1, zone: 'Normal', free: [4, 5, 6] },
      { node: 12, zone: 'Movable', free: [7, 8, 9] },
    ]);
  });

  it('keeps a zone name it has never heard of, as a newer kernel may add one', () => {
    expect(parseBuddyinfo(kernelLine(0, 'Future', [0, 1]))).toEqual([{ node: 0, zone: 'Future', free: [0, 1] }]);
  });

  it('reads as many orders as the kernel printed (another MAX_PAGE_ORDER prints another number of columns)', () => {
    const free = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 9];
    expect(parseBuddyinfo(kernelLine(0, 'Normal', free))[0]?.free).toEqual(free);
  });

  it('reads a copy that lost the blank at the end of each line and the last newline (a web page, a note)', () => {
    expect(parseBuddyinfo(`${DMA.replace(' \n', '\n')}${DMA32.replace(' \n', '')}`)).toEqual([
      { node: 0, zone: 'DMA', free: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3] },
      { node: 0, zone: 'DMA32', free: [2, 3, 0, 2, 3, 2, 1, 4, 4, 2, 752] },
    ]);
  });

  it.each([
    ['an empty file', 1, ''],
    ['a blank line', 1, '\n'],
    ['a blank line between zones', 2, `${DMA}\n${DMA32}`],
    ['a count "1x" (parseInt would read 1)', 1, DMA.replace('      3 \n', '     1x \n')],
    ['a count "0x10" (Number would read 16)', 1, DMA.replace('      3 \n', '   0x10 \n')],
    ['a count "1e3" (Number would read 1000)', 1, DMA.replace('      3 \n', '    1e3 \n')],
    ['a count "12.0"', 1, DMA.replace('      3 \n', '   12.0 \n')],
    ['a negative count', 1, DMA.replace('      3 \n', '     -1 \n')],
    ['a count with a plus sign', 1, DMA.replace('      3 \n', '     +3 \n')],
    ['text after the last count', 1, DMA.replace(' \n', ' x\n')],
    ['a CR before the newline (CRLF)', 1, DMA.replace(' \n', ' \r\n')],
    ['a line with one count fewer than the line before', 2, DMA + DMA32.replace('    752 \n', ' \n')],
    ['a line with one count more than the line before', 2, DMA + DMA32.replace(' \n', '      1 \n')],
    ['the same zone twice', 3, DMA + DMA32 + DMA],
    ['a zone without counts', 1, 'Node 0, zone      DMA \n'],
    ['a line without its zone name', 1, 'Node 0, zone            1      2 \n'],
    ['no comma after the node', 1, DMA.replace('Node 0,', 'Node 0')],
    ['a negative node', 1, DMA.replace('Node 0', 'Node -1')],
    ['a lower-case "node"', 1, DMA.replace('Node ', 'node ')],
    ['another word than "zone"', 1, DMA.replace(', zone', ', zones')],
    ['tabs between the columns (the kernel prints spaces)', 1, DMA.replaceAll('      ', '\t')],
    ['a count beyond 2^53', 1, DMA.replace('      3 \n', ' 99999999999999999 \n')],
    ['a node beyond 2^53', 1, DMA.replace('Node 0', 'Node 99999999999999999')],
    ['a line that is not a zone', 2, `${DMA}garbage\n`],
    ['text before "Node"', 1, `# ${DMA}`],
    ['a blank before "Node"', 1, ` ${DMA}`],
    ['two blanks after "Node" (the kernel prints one)', 1, DMA.replace('Node 0', 'Node  0')],
    ['two blanks after the comma (the kernel prints one)', 1, DMA.replace(', zone', ',  zone')],
  ])('throws ParseError for %s, on line %i', (_what, line, text) => {
    expect(() => parseBuddyinfo(text)).toThrow(ParseError);
    expect(parseErrorLine(text)).toBe(line);
  });

  it('reads back any buddyinfo printed the way the kernel prints it', () => {
    fc.assert(
      fc.property(zones, (areas) => {
        const text = areas.map((a) => kernelLine(a.node, a.zone, a.free)).join('');
        expect(parseBuddyinfo(text)).toEqual(areas);
      }),
    );
  });

  it('returns zones or throws ParseError with a line, whatever the text (fuzz)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), valueOrParseError));
    fc.assert(
      fc.property(
        fc.array(
          fc.stringMatching(/^(Node|node)? ?-?\d{0,3},? ?(zone)? +[A-Za-z0-9]{0,6}( +[-+0-9a-fx.e]{0,20})* ?\r?$/),
        ),
        (lines) => valueOrParseError(lines.join('\n')),
      ),
    );
  });

  it('returns zones or throws ParseError with a line for a real capture cut off anywhere (fuzz)', () => {
    const texts = CAPTURES.map((c) => c.buddyinfoText);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(400), (text, end) => valueOrParseError(text.slice(0, end))),
    );
  });

  it('names the line that was damaged, whichever line of a real capture it is (fuzz)', () => {
    const damages: ((line: string) => string)[] = [
      (l) => `${l}x`,
      (l) => l.replace(/ (\d+) $/, ' $1a '),
      (l) => l.replace(/ (\d+) $/, ' 0x$1 '),
      (l) => l.replace(/ (\d+) $/, ' $1e3 '),
      (l) => l.replace(/ (\d+) $/, ' $1.0 '),
      (l) => `${l}\r`,
      (l) => l.replace('zone', 'zon'),
      () => '',
      // These two change the number of counts: the first line sets it, so they damage a later line.
      (l) => l.replace(/ +\d+ $/, ' '),
      (l) => `${l}     7 `,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...CAPTURES), fc.nat(), fc.nat(damages.length - 1), (capture, which, how) => {
        const lines = capture.buddyinfoText.replace(/\n$/, '').split('\n');
        const at = how >= damages.length - 2 ? 1 + (which % (lines.length - 1)) : which % lines.length;
        lines[at] = damages[how]!(lines[at]!);
        expect(parseErrorLine(`${lines.join('\n')}\n`)).toBe(at + 1);
      }),
    );
  });

  it('throws ParseError, not a wrong number, for counts beyond 2^53 (fuzz)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), (big) => {
        expect(() => parseBuddyinfo(`Node 0, zone      DMA ${big} \n`)).toThrow(ParseError);
      }),
    );
  });
});
