import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIndex, fragmentationIndex, parseBuddyinfo, unusableIndex } from '#kata/06-buddyinfo';
import { CAPTURES } from './captures.ts';

/** A debugfs line: "Node %d, zone %8s " and the values; extfrag_index prints its whole part as "%2d". */
function debugfsLine(node: number, zone: string, values: string[], padWhole: boolean): string {
  const cells = values.map((v) => {
    const [whole = '', fraction = ''] = v.split('.');
    return `${padWhole ? whole.padStart(2) : whole}.${fraction} `;
  });
  return `Node ${node}, zone ${zone.padStart(8)} ${cells.join('')}\n`;
}

describe('formatIndex', () => {
  it.each([
    [66, '0.066'],
    [200, '0.200'],
    [0, '0.000'],
    [1000, '1.000'],
    [880, '0.880'],
    [2, '0.002'],
    [-1000, '-1.000'],
  ])('prints %i thousandths as %s', (thousandths, printed) => {
    expect(formatIndex(thousandths)).toBe(printed);
  });

  it('prints every value of every real debugfs capture as the kernel printed it', () => {
    for (const capture of CAPTURES) {
      for (const line of [...capture.unusable, ...capture.extfrag]) {
        expect(line.thousandths.map(formatIndex)).toEqual(line.printed);
      }
    }
  });

  it('prints −500 as "0.-500", as C prints "%d.%03d" of −500 / 1000 = 0 and −500 % 1000 = −500', () => {
    expect(formatIndex(-500)).toBe('0.-500');
    expect(formatIndex(-7)).toBe('0.-07');
    expect(formatIndex(-62)).toBe('0.-62');
  });

  it('reads back as its number for every index the kernel can compute, −1000 to 1000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (t) => {
        const printed = formatIndex(t);
        expect(printed).toMatch(/^-?\d\.-?\d{2,3}$/);
        const [whole = '', fraction = ''] = printed.split('.');
        expect(Number(whole) * 1000 + Number(fraction)).toBe(t);
      }),
    );
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws RangeError for %s, which is not a whole number of thousandths',
    (t) => {
      expect(() => formatIndex(t)).toThrow(RangeError);
    },
  );

  it.each(CAPTURES.map((c) => [c.name, c] as const))(
    'rebuilds both debugfs files of the capture %s byte for byte from its buddyinfo',
    (_, capture) => {
      const zones = parseBuddyinfo(capture.buddyinfoText);
      const file = (index: typeof unusableIndex, padWhole: boolean) =>
        zones
          .map((z) =>
            debugfsLine(
              z.node,
              z.zone,
              z.free.map((_, order) => formatIndex(index(z, order))),
              padWhole,
            ),
          )
          .join('');
      expect(file(unusableIndex, false)).toBe(capture.unusableText);
      expect(file(fragmentationIndex, true)).toBe(capture.extfragText);
    },
  );
});
