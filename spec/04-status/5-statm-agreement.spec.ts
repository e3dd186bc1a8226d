import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStatmAgainstStatus, type ProcMemory, type Statm } from '#kata/04-status';
import { CAPTURES_WITH_STATM, statmOf, statmText, statusForChecks, statusText } from './helpers.ts';

const fixtureStatm = statmOf(statmText('proc/fixture'));
const fixtureStatus = statusForChecks(statusText('proc/fixture'));

describe('checkStatmAgainstStatus', () => {
  it('agrees on the fixture: 2747 × 4 = 10988 VmSize, 893 × 4 = 3572 VmRSS, 334 × 4 = 1328 + 8, 2205 × 4 = 8688 + 132', () => {
    expect(fixtureStatm).toEqual({ size: 2747, resident: 893, shared: 334, text: 1, lib: 0, data: 2205, dt: 0 });
    expect(fixtureStatus.memory).toMatchObject({ vmSize: 10988, vmRSS: 3572, rssFile: 1328, rssShmem: 8 });
    expect(checkStatmAgainstStatus(fixtureStatm, fixtureStatus)).toEqual([]);
  });

  it.each(CAPTURES_WITH_STATM)('agrees on %s, whose statm was read right after its status', (capture) => {
    const statm = statmOf(statmText(capture));
    expect(checkStatmAgainstStatus(statm, statusForChecks(statusText(capture)))).toEqual([]);
  });

  it.each<[keyof Statm, number, string]>([
    ['size', 2748, 'size = VmSize / 4'],
    ['resident', 894, 'resident = VmRSS / 4'],
    ['shared', 332, 'shared = (RssFile + RssShmem) / 4'],
    ['text', 0, 'text >= VmExe / 4'],
    ['lib', 1, 'lib = 0'],
    ['data', 2206, 'data = (VmData + VmStk) / 4'],
    ['dt', 1, 'dt = 0'],
  ])('names "%s" disagreeing when the fixture\'s statm says %i: "%s"', (column, value, name) => {
    expect(checkStatmAgainstStatus({ ...fixtureStatm, [column]: value }, fixtureStatus)).toEqual([name]);
  });

  it('accepts text pages beyond VmExe: VmExe is capped at the executable mappings, statm text is not', () => {
    expect(checkStatmAgainstStatus({ ...fixtureStatm, text: 2 }, fixtureStatus)).toEqual([]);
  });

  it('wants seven zeros from a task without memory lines (a kernel thread has no mm)', () => {
    const kthreadd = statusForChecks(statusText('status/kthreadd'));
    expect(checkStatmAgainstStatus(statmOf(statmText('status/kthreadd')), kthreadd)).toEqual([]);
    expect(checkStatmAgainstStatus(fixtureStatm, kthreadd)).toEqual([
      'size = VmSize / 4',
      'resident = VmRSS / 4',
      'shared = (RssFile + RssShmem) / 4',
      'data = (VmData + VmStk) / 4',
    ]);
  });

  it('agrees for any counters, printed once in pages (statm) and once in kB (status)', () => {
    const pages = fc.nat(1 << 26);
    fc.assert(
      fc.property(pages, pages, pages, pages, pages, pages, pages, (size, anon, file, shmem, text, data, stack) => {
        const memory: ProcMemory = {
          vmPeak: size * 4,
          vmSize: size * 4,
          vmLck: 0,
          vmPin: 0,
          vmHWM: (anon + file + shmem) * 4,
          vmRSS: (anon + file + shmem) * 4,
          rssAnon: anon * 4,
          rssFile: file * 4,
          rssShmem: shmem * 4,
          vmData: data * 4,
          vmStk: stack * 4,
          vmExe: text * 4,
          vmLib: 0,
          vmPTE: 0,
          vmSwap: 0,
          hugetlbPages: 0,
        };
        const statm = {
          size,
          resident: anon + file + shmem,
          shared: file + shmem,
          text,
          lib: 0,
          data: data + stack,
          dt: 0,
        };
        expect(checkStatmAgainstStatus(statm, { ...statusForChecks(''), memory })).toEqual([]);
      }),
    );
  });
});
