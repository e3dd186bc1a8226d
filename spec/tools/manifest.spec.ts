import { describe, expect, it } from 'vitest';
import manifest from '../../katas.json' with { type: 'json' };
import { validateSchema } from '../../scripts/lib/json-schema.mjs';
import { kataOfFile, ManifestError, SCHEMA_FILE, validateManifest } from '../../scripts/lib/manifest.mjs';
import { kata1 } from './builders.ts';

const parts = { I: 'Reading what Linux reports' };

describe('validateManifest', () => {
  it('accepts the repository’s katas.json', () => {
    expect(validateManifest(structuredClone(manifest)).katas.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a missing hint tier',
      { ...kata1, hints: { parseKb: { nudge: ['a'], approach: ['b'] } } },
      'katas[0] (01-pages-and-units): hints.parseKb["near-solution"] is missing',
    ],
    [
      'an empty hint tier',
      { ...kata1, hints: { parseKb: { nudge: [], approach: ['b'], 'near-solution': ['c'] } } },
      'katas[0] (01-pages-and-units): hints.parseKb.nudge must not be empty',
    ],
    ['hints in the old, kata-wide shape', { ...kata1, hints: { nudge: ['a'] } }, 'hints.nudge must be an object'],
    ['no hints at all', { ...kata1, hints: {} }, 'katas[0] (01-pages-and-units): hints must not be empty'],
    ['a Korean block without its title', { ...kata1, ko: { hints: kata1.hints } }, 'ko.title is missing'],
    ['a slug without its number', { ...kata1, slug: 'pages' }, 'katas[0] (pages): slug must match'],
    ['a slug with another number', { ...kata1, slug: '02-pages' }, 'must start with the kata number'],
    ['an unknown part', { ...kata1, part: 'IX' }, 'part "IX" is not one of I'],
    ['no points', { ...kata1, points: 0 }, 'points must be at least 1'],
    [
      'a field the schema does not know',
      { ...kata1, hint: 'x' },
      'katas[0] (01-pages-and-units): hint is not a known field',
    ],
  ])('rejects %s with a message naming the entry', (_what, entry, message) => {
    expect(() => validateManifest({ parts, katas: [entry] })).toThrow(ManifestError);
    expect(() => validateManifest({ parts, katas: [entry] })).toThrow(message);
  });

  it('rejects two katas with the same number', () => {
    expect(() => validateManifest({ parts, katas: [kata1, kata1] })).toThrow('number 1 is used twice');
  });
});

describe('validateSchema', () => {
  it('validates with scripts/manifest.schema.json itself: the one description of the manifest', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(validateSchema(schema, manifest)).toEqual([]);
    expect(validateSchema(schema, { parts })).toEqual([{ path: 'katas', message: 'is missing' }]);
  });

  it('reads the keywords the schemas use', () => {
    const schema = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: 'integer', minimum: 1, maximum: 3 }, s: { type: 'string', pattern: '^a' } },
      additionalProperties: false,
    };
    expect(validateSchema(schema, { n: 2, s: 'ab' })).toEqual([]);
    expect(validateSchema(schema, { n: 4, s: 'b', x: 1 }).map((p) => `${p.path} ${p.message}`)).toEqual([
      'n must be at most 3',
      's must match ^a',
      'x is not a known field',
    ]);
    expect(validateSchema(schema, [])).toEqual([{ path: '', message: 'must be an object' }]);
  });
});

describe('kataOfFile', () => {
  it('finds the kata of a spec, stub or reference file, on any platform', () => {
    expect(kataOfFile('/repo/spec/01-pages-and-units/1-units.spec.ts')?.number).toBe(1);
    expect(kataOfFile('C:\\repo\\katas\\01-pages-and-units\\units.ts')?.number).toBe(1);
    expect(kataOfFile('/repo/spec/tools/x.spec.ts')).toBeUndefined();
  });
});
