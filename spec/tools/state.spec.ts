import { describe, expect, it } from 'vitest';
import manifest from '../../katas.json' with { type: 'json' };
import { kataFunctions } from '../../scripts/lib/manifest.mjs';
import { migrateState } from '../../scripts/lib/state.mjs';

describe('migrateState', () => {
  it("turns version 1's tier per kata into that tier for every function of the kata", () => {
    const old = { version: 1, baseCommit: 'abc', katas: { '2': { done: false, hintsShown: 2 }, '1': { done: true } } };
    const kata2 = manifest.katas.find((k) => k.number === 2);
    const migrated = migrateState(old);
    expect(migrated.version).toBe(2);
    expect(migrated.baseCommit).toBe('abc');
    expect(migrated.katas['1']).toEqual({ done: true });
    expect(migrated.katas['2']?.done).toBe(false);
    expect(migrated.katas['2']).not.toHaveProperty('hintsShown');
    expect(Object.keys(migrated.katas['2']?.hints ?? {})).toEqual(kataFunctions(kata2 as never));
    expect(Object.values(migrated.katas['2']?.hints ?? {}).every((t) => t === 2)).toBe(true);
  });

  it('leaves a version 2 file as it is', () => {
    const v2 = { version: 2, katas: { '3': { hints: { parseSmaps: 1 }, current: 'parseSmaps' } } };
    expect(migrateState(structuredClone(v2))).toEqual(v2);
  });

  it('drops a zero tier rather than recording it', () => {
    expect(migrateState({ version: 1, katas: { '1': { hintsShown: 0 } } }).katas['1']).toEqual({});
  });
});
