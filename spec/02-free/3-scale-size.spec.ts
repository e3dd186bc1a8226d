import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScaleOptions, scaleSize, type Unit } from '#kata/02-free';
import { fixture } from './captures.ts';

// spec/fixtures/free/scale-size/scale-size.tsv: 1116 sizes, each printed by the real free 4.0.2 with 13 options.
const [titles, ...rows] = fixture('free/scale-size/scale-size.tsv')
  .trimEnd()
  .split('\n')
  .map((line) => line.split('\t'));
const COLUMN_OPTIONS: Record<string, ScaleOptions> = {
  'free -b': { unit: 'b' },
  'free -k': { unit: 'k' },
  'free -m': { unit: 'm' },
  'free -g': { unit: 'g' },
  'free --tebi': { unit: 't' },
  'free --pebi': { unit: 'p' },
  'free --kilo': { unit: 'k', si: true },
  'free --mega': { unit: 'm', si: true },
  'free --giga': { unit: 'g', si: true },
  'free --tera': { unit: 't', si: true },
  'free --peta': { unit: 'p', si: true },
  'free -h': { human: true },
  'free -h --si': { human: true, si: true },
};
const columns = titles!.slice(1).map((title, index) => ({ title, index: index + 1, options: COLUMN_OPTIONS[title]! }));

const units: Unit[] = ['b', 'k', 'm', 'g', 't', 'p'];
// Up to 2^43 KiB, so the byte count stays below 2^53 and every division is exact in a double.
const size = fc.nat(2 ** 43);

describe('scaleSize', () => {
  it.each([
    [9, {}, '9.0Ki'],
    [512, {}, '512Ki'],
    [1024, {}, '1.0Mi'],
    [10235, {}, '9Mi'],
    [0, {}, '0B'],
    [1, { si: true }, '1.0K'],
    [1048576, { si: true }, '1.1G'],
  ])('prints %i KiB with -h %j as %s (the edge_small table)', (kib, options, expected) => {
    expect(scaleSize(kib, { human: true, ...options })).toBe(expected);
  });

  it('prints 1023 KiB as 1.0Mi, because 1023Ki is 6 characters: a 4-digit Ki value never fits', () => {
    // Captured: free -h with MemTotal 1023 kB prints 1.0Mi (spec/fixtures/free/scale-size). 512Ki fits, 1000Ki not.
    expect(scaleSize(1023, { human: true })).toBe('1.0Mi');
    expect(scaleSize(999, { human: true })).toBe('999Ki');
    expect(scaleSize(1000, { human: true })).toBe('1.0Mi');
  });

  it('prints 10235 KiB as 9Mi, because %.1f gives 10.0Mi, one character too wide, and %ld cuts 9.995 to 9', () => {
    expect(scaleSize(10235, { human: true })).toBe('9Mi');
    expect(scaleSize(10188, { human: true })).toBe('9.9Mi');
  });

  it('rounds an exact tie to even, as C printf does: 1280 KiB = 1.25 MiB prints 1.2Mi (toFixed says 1.3)', () => {
    expect(scaleSize(1280, { human: true })).toBe('1.2Mi');
    expect(scaleSize(3840, { human: true })).toBe('3.8Mi');
  });

  it('rounds the float free casts to, not the double: 1.75 TiB − 1 KiB prints 1.8Ti', () => {
    expect(scaleSize(1879048191, { human: true })).toBe('1.8Ti');
    expect(scaleSize(1342177281, { human: true })).toBe('1.2Ti');
  });

  it('prints raw KiB with no unit, and kB of 1000 bytes with --si alone (procps 4.0.1+)', () => {
    expect(scaleSize(24683656)).toBe('24683656');
    expect(scaleSize(24683656, { si: true })).toBe('25276063');
  });

  it('truncates with a unit: 373880 KiB is 365 MiB, and 365 MiB is 0 GiB', () => {
    expect(scaleSize(373880, { unit: 'm' })).toBe('365');
    expect(scaleSize(373880, { unit: 'g' })).toBe('0');
  });

  it('prints bytes exactly, even beyond 2^53 (2^50 KiB = 2^60 bytes)', () => {
    expect(scaleSize(2 ** 50, { unit: 'b' })).toBe('1152921504606846976');
  });

  it('prints a negative size as free does after its unsigned subtraction wraps (overcommitted Comm line)', () => {
    expect(scaleSize(-3246776)).toBe('-3246776');
    expect(scaleSize(-3246776, { human: true })).toBe('-3Gi');
    expect(scaleSize(-1, { human: true })).toBe('-1Ki');
    expect(scaleSize(-200000, { human: true })).toBe('0Gi');
    expect(scaleSize(-200000, { human: true, si: true })).toBe('0G');
  });

  it('prints its last, too wide try when even P does not fit: 2^50 KiB (1 EiB) is 1024Pi', () => {
    expect(scaleSize(2 ** 50, { human: true })).toBe('1024Pi');
  });

  it.each(columns)('prints all $title cells of 1116 sizes exactly as the real free did', ({ index, options }) => {
    const wrong = rows
      .map((row) => ({ kib: Number(row[0]), expected: row[index]! }))
      .map(({ kib, expected }) => ({ kib, expected, actual: scaleSize(kib, options) }))
      .filter(({ expected, actual }) => expected !== actual);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('never prints a smaller number for a larger size, for a fixed unit', () => {
    fc.assert(
      fc.property(size, size, fc.constantFrom(...units), fc.boolean(), (a, b, unit, si) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        return BigInt(scaleSize(small, { unit, si })) <= BigInt(scaleSize(large, { unit, si }));
      }),
    );
  });

  it('is not monotonic with -h: 10188 KiB prints 9.9Mi but the larger 10235 KiB prints 9Mi', () => {
    expect([scaleSize(10188, { human: true }), scaleSize(10235, { human: true })]).toEqual(['9.9Mi', '9Mi']);
  });

  it('divides by base^(exponent − 1) and truncates: -k is the KiB itself, -m is ⌊KiB / 1024⌋', () => {
    fc.assert(
      fc.property(size, (kib) => {
        expect(scaleSize(kib, { unit: 'k' })).toBe(String(kib));
        expect(scaleSize(kib)).toBe(String(kib));
        expect(scaleSize(kib, { unit: 'm' })).toBe(String(Math.floor(kib / 1024)));
        expect(scaleSize(kib, { unit: 'b' })).toBe(String(BigInt(kib) * 1024n));
      }),
    );
  });

  it('fits -h output in 5 characters (4 with --si), as a number and a unit', () => {
    fc.assert(
      fc.property(size, fc.boolean(), (kib, si) => {
        const text = scaleSize(kib, { human: true, si });
        const shape = si ? /^(0B|\d+(\.\d)?[KMGTP])$/ : /^(0B|\d+(\.\d)?[KMGTP]i)$/;
        return shape.test(text) && text.length <= (si ? 4 : 5);
      }),
    );
  });

  it('stays within 1 unit below and 0.05 above the true size with -h', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 43 }), fc.boolean(), (kib, si) => {
        const text = scaleSize(kib, { human: true, si });
        const match = /^([\d.]+)([KMGTP])/.exec(text);
        if (!match) return false;
        const base = si ? 1000 : 1024;
        const exponent = 'KMGTP'.indexOf(match[2]!) + 1;
        const exact = (kib * 1024) / base ** exponent;
        const printed = Number(match[1]);
        return printed > exact - 1 && printed <= exact + 0.05 + 1e-6 * exact;
      }),
    );
  });
});
