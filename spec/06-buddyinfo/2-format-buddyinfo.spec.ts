import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBuddyinfo, parseBuddyinfo } from '#kata/06-buddyinfo';
import { zones } from './arbitraries.ts';
import { CAPTURES, readCounts, SEED } from './captures.ts';

describe('formatBuddyinfo', () => {
  it.each(CAPTURES.map((c) => [c.name, c] as const))('prints the real capture %s byte for byte', (_, capture) => {
    expect(formatBuddyinfo(capture.zones)).toBe(capture.buddyinfoText);
  });

  it("prints seed 000's buddyinfo byte for byte", () => {
    for (const text of Object.values(SEED)) expect(formatBuddyinfo(readCounts(text))).toBe(text);
  });

  it('right-aligns the zone name in 8 columns and each count in 6, and ends every line with a blank', () => {
    expect(formatBuddyinfo([{ node: 0, zone: 'DMA', free: [0, 1, 752] }])).toBe(
      'Node 0, zone      DMA      0      1    752 \n',
    );
  });

  it('lets a count wider than six columns push the rest to the right, still with one blank after it', () => {
    expect(formatBuddyinfo([{ node: 1, zone: 'Normal', free: [1234567, 12] }])).toBe(
      'Node 1, zone   Normal 1234567     12 \n',
    );
  });

  it('prints a zone name of 8 characters or more without padding', () => {
    expect(formatBuddyinfo([{ node: 0, zone: 'LongName9', free: [3] }])).toBe('Node 0, zone LongName9      3 \n');
  });

  it('prints nothing for no zones', () => {
    expect(formatBuddyinfo([])).toBe('');
  });

  it('prints what parseBuddyinfo reads back: parse(format(zones)) gives the zones again', () => {
    fc.assert(
      fc.property(zones, (areas) => {
        expect(parseBuddyinfo(formatBuddyinfo(areas))).toEqual(areas);
      }),
    );
  });

  it('gives back the very text it read: format(parse(text)) = text, for every real capture', () => {
    for (const capture of CAPTURES)
      expect(formatBuddyinfo(parseBuddyinfo(capture.buddyinfoText))).toBe(capture.buddyinfoText);
  });
});
