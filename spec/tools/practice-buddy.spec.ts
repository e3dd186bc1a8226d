import { describe, expect, it } from 'vitest';
import * as kata7 from '#kata/07-buddy-allocator';
import exercise, { makeExercise } from '../../scripts/practice/buddy.mjs';
import { BuddyModel } from '../07-buddy-allocator/model.ts';

const katas = new Map<number, Record<string, unknown>>([[7, kata7]]);
const run = (seed: number, answers = false, options: Record<string, number> = {}) =>
  exercise.run({ seed, answers, options, katas }) as string;
const stepLine = /^ +\d+\. (\w+ = alloc\(\d+\)|free\(\w+\))/;

describe('practice buddy', () => {
  it('prints the seed and makes the same exercise from the same seed', () => {
    expect(run(42).split('\n')[0]).toBe('memkata practice · buddy · seed 42');
    expect(run(42)).toBe(run(42));
    expect(run(42, true)).toBe(run(42, true));
  });

  it('makes another exercise from another seed', () => {
    expect(run(1)).not.toBe(run(2));
  });

  it('keeps the answers for --answers, and says how to get them', () => {
    const text = run(7);
    expect(text).not.toContain('Answers (');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Answers: npm run practice -- buddy --seed 7 --answers');
  });

  it('asks --steps steps (10 by default)', () => {
    const steps = (t: string) =>
      t
        .split('Answers')[0]!
        .split('\n')
        .filter((l) => stepLine.test(l)).length;
    expect(steps(run(5))).toBe(10);
    expect(steps(run(5, false, { steps: 4 }))).toBe(4);
  });

  it('gives answers a buddy allocator written apart from kata 7 agrees with, for 40 seeds', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { zone, sequence } = makeExercise(seed, 10, kata7.BuddyAllocator);
      const text = run(seed, true);
      expect(text).toContain(`A zone of ${zone.pages} pages, PFNs ${zone.basePfn} to ${zone.basePfn + zone.pages - 1}`);
      const model = new BuddyModel(zone.pages, zone.basePfn, zone.maxOrder);
      const held = new Map<string, { pfn: number; order: number }>();
      const expected: string[] = [];
      for (const step of sequence) {
        if (step.kind === 'alloc') {
          const pfn = model.alloc(step.order);
          expect(pfn, `seed ${seed}: the sequence only asks for blocks that exist`).not.toBeNull();
          held.set(step.name, { pfn: pfn!, order: step.order });
          expected.push(`→  ${step.name} = ${pfn}`);
        } else {
          const block = held.get(step.name)!;
          model.free(block.pfn, block.order);
          held.delete(step.name);
          expected.push(`→  gave back ${block.pfn}@${block.order}`);
        }
        const counts = Array.from(
          { length: zone.maxOrder + 1 },
          (_, o) => model.blocks.filter((b) => b.order === o).length,
        );
        const blocks =
          model
            .sorted()
            .map((b) => `${b.pfn}@${b.order}`)
            .join(' ') || '(none)';
        expected.push(`buddyinfo ${counts.join(' ')}    free blocks ${blocks}`);
      }
      const answers = (text.split('Answers (kata 7 reference):')[1] ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => l.replace(/^\d+\. \S+( = alloc\(\d+\))? +/, ''));
      expect(answers, `seed ${seed}`).toEqual(expected);
    }
  });

  it('lets the first PFN be off the largest block’s alignment for some seeds, and frees for all', () => {
    const zones = Array.from({ length: 40 }, (_, i) => makeExercise(i + 1, 10, kata7.BuddyAllocator));
    expect(zones.some(({ zone }) => zone.basePfn % 2 ** zone.maxOrder !== 0)).toBe(true);
    expect(zones.every(({ sequence }) => sequence.some((s) => s.kind === 'free'))).toBe(true);
  });
});
