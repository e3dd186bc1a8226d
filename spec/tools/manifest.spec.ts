import { describe, expect, it } from 'vitest';
import manifest from '../../katas.json' with { type: 'json' };
import { kataOfFile, ManifestError, validateManifest } from '../../scripts/lib/manifest.mjs';
import { kata1 } from './builders.ts';

const parts = { I: 'Reading what Linux reports' };

describe('validateManifest', () => {
  it('accepts the repository’s katas.json', () => {
    expect(validateManifest(structuredClone(manifest)).katas.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a missing hint tier',
      { ...kata1, hints: { nudge: ['a'], approach: ['b'] } },
      'hint tier "near-solution" is empty',
    ],
    ['a slug without its number', { ...kata1, slug: 'pages' }, '"slug" must look like'],
    ['a slug with another number', { ...kata1, slug: '02-pages' }, 'must start with the kata number'],
    ['an unknown part', { ...kata1, part: 'IX' }, 'part "IX" is not one of I'],
    ['no points', { ...kata1, points: 0 }, '"points" must be a positive integer'],
  ])('rejects %s with a message naming the entry', (_what, entry, message) => {
    expect(() => validateManifest({ parts, katas: [entry] })).toThrow(ManifestError);
    expect(() => validateManifest({ parts, katas: [entry] })).toThrow(message);
  });

  it('rejects two katas with the same number', () => {
    expect(() => validateManifest({ parts, katas: [kata1, kata1] })).toThrow('number 1 is used twice');
  });
});

describe('kataOfFile', () => {
  it('finds the kata of a spec, stub or reference file, on any platform', () => {
    expect(kataOfFile('/repo/spec/01-pages-and-units/1-units.spec.ts')?.number).toBe(1);
    expect(kataOfFile('C:\\repo\\katas\\01-pages-and-units\\units.ts')?.number).toBe(1);
    expect(kataOfFile('/repo/spec/tools/x.spec.ts')).toBeUndefined();
  });
});
