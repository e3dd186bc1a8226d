import { describe, expect, it } from 'vitest';
import * as kata14 from '#kata/14-swap';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { checkSwaps, swapMeminfo } from '../../scripts/lab/swaps.mjs';

const many = { swaps: fixture('swap/areas/swaps-many.txt'), meminfo: fixture('swap/areas/meminfo-many.txt') };
const none = { swaps: fixture('swap/swapfile/swaps-after-swapoff.txt'), meminfo: fixture('free/meminfo/live.txt') };

describe('swapMeminfo', () => {
  it('reads SwapTotal, SwapFree and SwapCached in kB', () => {
    expect(swapMeminfo(many.meminfo)).toEqual({ SwapTotal: 10698712, SwapFree: 10698712, SwapCached: 0 });
  });
});

describe('checkSwaps', () => {
  it('reads the ten captured areas, prints them back byte for byte and adds them up to SwapTotal', () => {
    const { body, checks } = checkSwaps(kata14, many, new Map());
    expect(body).toHaveLength(10);
    expect(body[3]).toContain('"/var/tmp/memkata-swaps/스왑 파일"');
    expect(checks.map((c) => [c.title, c.verdict])).toEqual([
      ['/proc/swaps byte for byte', 'pass'],
      ['SwapTotal', 'pass'],
      ['free', 'note'],
    ]);
    expect(checks[2]?.lines[0]).toContain('Swap:       10698712           0    10698712');
  });

  it('says when no swap is on, and how to turn a swap file on for a minute', () => {
    const { body, checks } = checkSwaps(kata14, none, new Map());
    expect(body).toEqual([]);
    expect(checks[0]).toMatchObject({ title: 'no swap', verdict: 'note' });
    expect(checks[0]?.lines.join(' ')).toContain('swapon');
    expect(checks.find((c) => c.title === '/proc/swaps byte for byte')?.lines[0]).toContain("kernel's 1 line back");
  });

  it('shows the differing lines when formatSwaps does not give the file back', () => {
    const wrong = {
      ...kata14,
      formatSwaps: (areas: kata14.SwapArea[]) => kata14.formatSwaps(areas).replace('\t\t-2\n', '\t-2\n'),
    };
    const check = checkSwaps(wrong, many, new Map()).checks.find((c) => c.title === '/proc/swaps byte for byte');
    expect(check?.verdict).toBe('fail');
    expect(check?.diff?.rows.map((r) => r.line)).toEqual([2]);
  });

  it('fails SwapTotal when the areas do not add up', () => {
    const meminfo = many.meminfo.replace(/^SwapTotal:\s+\d+ kB$/m, 'SwapTotal:       1 kB');
    expect(
      checkSwaps(kata14, { ...many, meminfo }, new Map()).checks.find((c) => c.title === 'SwapTotal')?.verdict,
    ).toBe('fail');
  });

  it('sends a learner whose parseSwaps is not written back to kata 14', () => {
    const stub = {
      ...kata14,
      parseSwaps: () => {
        throw new NotImplementedError('parseSwaps');
      },
    };
    const { checks } = checkSwaps(stub, many, new Map());
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ verdict: 'todo', kata: 14 });
  });
});
