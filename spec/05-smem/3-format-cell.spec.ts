import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell } from '#kata/05-smem';
import { fixture } from '#support/fixtures';

describe('formatCell', () => {
  it('right-aligns a PID in 5 columns: "% 5s" → " 1203"', () => {
    expect(formatCell(1203, '% 5s')).toBe(' 1203');
  });

  it('does not cut a value wider than the width: a 7-digit PID stays 9999999', () => {
    expect(formatCell(9999999, '% 5s')).toBe('9999999');
  });

  it('left-aligns a user in 8 columns and leaves a longer name whole', () => {
    expect([formatCell('root', '%-8s'), formatCell('systemd-network', '%-8s')]).toEqual([
      'root    ',
      'systemd-network',
    ]);
  });

  it('cuts a command to 27 characters with "%-27.27s"', () => {
    expect(formatCell('/usr/sbin/apache2 -k start -DFOREGROUND', '%-27.27s')).toBe('/usr/sbin/apache2 -k start ');
    expect(formatCell('-bash', '%-27.27s')).toBe(`-bash${' '.repeat(22)}`);
  });

  it('counts characters, not bytes: a Korean command is cut after 27 characters, as smem printed it', () => {
    const printed = fixture('smem/outputs/swap-lab/t.txt')
      .split('\n')
      .find((line) => line.startsWith('  150 '))!;
    const cell = formatCell('python3 메모리-사용량-측정-도구-실험용-스크립트.py', '%-27.27s');
    expect(Array.from(cell)).toHaveLength(27);
    expect(printed.slice(15, 15 + cell.length)).toBe(cell);
  });

  it('prints the number 0 as "0" right-aligned in 8: "% 8s"', () => {
    expect(formatCell(0, '% 8s')).toBe('       0');
  });

  it.each([['%d'], ['% 8a'], ['%5x'], ['5s'], ['%s%s']])('throws RangeError for the format %j', (format) => {
    expect(() => formatCell('x', format)).toThrow(RangeError);
  });

  it('counts a character beyond U+FFFF as one, as Python does: "%-3.1s" of "😀x" is "😀  "', () => {
    expect(formatCell('😀x', '%-3.1s')).toBe('😀  ');
  });

  it('is max(width, min(length, precision)) characters long', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '메', '😀'), maxLength: 50 });
    fc.assert(
      fc.property(text, fc.nat(40), fc.option(fc.nat(40)), fc.boolean(), (text, width, precision, left) => {
        const format = `%${left ? '-' : ''}${width}${precision === null ? '' : `.${precision}`}s`;
        const length = Math.min(Array.from(text).length, precision ?? Number.POSITIVE_INFINITY);
        return Array.from(formatCell(text, format)).length === Math.max(width, length);
      }),
    );
  });
});
