import { describe, expect, it } from 'vitest';
import * as reference from '#kata/06-buddyinfo';
import { NotImplementedError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import {
  type BuddyinfoKata,
  blockSize,
  checkBuddyinfo,
  debugfsAdvice,
  debugfsText,
  indexTable,
  kernelIndices,
} from '../../scripts/lab/buddyinfo.mjs';

const kata: BuddyinfoKata = reference;
const capture = (name: string) => ({
  buddyinfo: fixture(`buddyinfo/${name}/buddyinfo.txt`),
  unusable: fixture(`buddyinfo/${name}/unusable_index.txt`),
  extfrag: fixture(`buddyinfo/${name}/extfrag_index.txt`),
  debugfs: 'ok' as const,
  stable: true,
  attempts: 1,
});
const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => [c.title, c.verdict]);

describe('checkBuddyinfo', () => {
  it('finds every comparison holding for the reference on the fragmented capture', () => {
    const { checks } = checkBuddyinfo(kata, capture('run1-fragmented'));
    expect(verdicts(checks)).toEqual([
      ['parseBuddyinfo(/proc/buddyinfo)', 'pass'],
      ['formatBuddyinfo(parseBuddyinfo(buddyinfo)) is buddyinfo again', 'pass'],
      ['node 0 DMA: freePages, freeKb, largestFreeOrder', 'pass'],
      ['node 0 DMA32: freePages, freeKb, largestFreeOrder', 'pass'],
      ['node 0 Normal: freePages, freeKb, largestFreeOrder', 'pass'],
      ['debugfs extfrag/unusable_index from your unusableIndex and formatIndex', 'pass'],
      ['debugfs extfrag/extfrag_index from your fragmentationIndex and formatIndex', 'pass'],
    ]);
  });

  it('shows each zone: its free pages, kB and largest order, then both indices beside the kernel’s', () => {
    const { body } = checkBuddyinfo(kata, capture('run1-fragmented'));
    expect(body).toContain('node 0 Normal: 60125 free pages = 240500 kB, largest free block: order 8 (1 MiB)');
    const normal = body.slice(
      body.indexOf('node 0 Normal: 60125 free pages = 240500 kB, largest free block: order 8 (1 MiB)'),
    );
    expect(normal.find((l) => l.includes('fragmentation index, yours'))).toMatch(/ 0\.993 +0\.997$/);
    expect(normal.find((l) => l.includes('the kernel’s') && l.includes('0.993'))).toMatch(/ 0\.993 +0\.997$/);
  });

  it('fails a fragmentation index that clamps at 0, and shows the kernel’s line', () => {
    const clamped: BuddyinfoKata = {
      ...kata,
      fragmentationIndex: (area, order) => Math.max(0, reference.fragmentationIndex(area, order)),
    };
    const { checks } = checkBuddyinfo(clamped, capture('run1-fragmented'));
    const check = checks.find((c) => c.title.includes('extfrag_index'))!;
    expect(check.verdict).toBe('fail');
    expect(check.kata).toBe(6);
    expect(check.diff?.rows).toHaveLength(3);
  });

  it('fails a formatter that drops the trailing blank, with the kernel’s lines as the expected side', () => {
    const trimmed: BuddyinfoKata = {
      ...kata,
      formatBuddyinfo: (z) => reference.formatBuddyinfo(z).replaceAll(' \n', '\n'),
    };
    const check = checkBuddyinfo(trimmed, capture('2026-11-22')).checks[1]!;
    expect(check.verdict).toBe('fail');
    expect(check.expectedName).toBe('the kernel');
  });

  it('fails a freePages that shifts with <<, and names what it should be', () => {
    const shifty: BuddyinfoKata = { ...kata, freePages: (a) => a.free.reduce((s, c, o) => s + (c << o), 0) + 1 };
    const check = checkBuddyinfo(shifty, capture('2026-11-22')).checks[2]!;
    expect(check.verdict).toBe('fail');
    expect(check.lines[0]).toBe('freePages 3841, but Σ count × 2^order = 3840');
  });

  it('says how to mount debugfs when it cannot read the kernel’s indices, and compares the rest', () => {
    const { checks } = checkBuddyinfo(kata, {
      ...capture('run1-idle'),
      debugfs: 'not-mounted',
      unusable: undefined,
      extfrag: undefined,
    });
    const advice = checks.at(-1)!;
    expect(advice.verdict).toBe('note');
    expect(advice.lines.join('\n')).toContain("unshare -m sh -c 'mount -t debugfs none /sys/kernel/debug");
    expect(checks.filter((c) => c.verdict === 'pass')).toHaveLength(5);
  });

  it('says "finish kata 6 first" for the stub', () => {
    const stub = {
      ...kata,
      parseBuddyinfo: () => {
        throw new NotImplementedError('parseBuddyinfo');
      },
    };
    const { checks } = checkBuddyinfo(stub, capture('run1-idle'));
    expect(checks).toHaveLength(1);
    expect(checks[0]!.verdict).toBe('todo');
  });

  it('warns when the free lists kept moving between reads', () => {
    const { checks } = checkBuddyinfo(kata, { ...capture('run1-idle'), stable: false, attempts: 10 });
    expect(checks.at(-1)!.title).toBe('a moving target');
  });
});

describe('debugfsAdvice', () => {
  it('has advice for every state but ok', () => {
    expect(debugfsAdvice('ok')).toEqual([]);
    for (const state of ['not-mounted', 'not-root', 'no-extfrag', 'not-in-snapshot'] as const) {
      expect(debugfsAdvice(state).length).toBeGreaterThan(0);
    }
    expect(debugfsAdvice('not-root').join(' ')).toContain('sudo npm run lab -- buddyinfo');
    expect(debugfsAdvice('no-extfrag').join(' ')).toContain('CONFIG_COMPACTION');
  });
});

describe('debugfsText', () => {
  it('rebuilds both real debugfs files byte for byte from the reference', () => {
    for (const name of ['2026-11-22', 'run1-fragmented', 'run2-fragmented']) {
      const c = capture(name);
      const zones = reference.parseBuddyinfo(c.buddyinfo);
      expect(debugfsText(kata, zones, 'unusable')).toBe(c.unusable);
      expect(debugfsText(kata, zones, 'extfrag')).toBe(c.extfrag);
    }
  });
});

describe('kernelIndices and indexTable', () => {
  it('picks the zone’s line out of each file and lines the values up under their orders', () => {
    const c = capture('run1-fragmented');
    const zone = reference.parseBuddyinfo(c.buddyinfo)[2]!;
    const kernel = kernelIndices(c, zone);
    expect(kernel.extfrag?.slice(8)).toEqual(['-1.000', '0.993', '0.997']);
    const rows = indexTable(zone, { unusable: kernel.unusable!, extfrag: kernel.extfrag! }, kernel);
    expect(rows[0]).toBe(
      `  ${'order'.padEnd(28)}${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((o) => String(o).padStart(7)).join('')}`,
    );
    expect(rows).toHaveLength(6);
    expect(kernelIndices({ unusable: '', extfrag: '' }, zone)).toEqual({ unusable: undefined, extfrag: undefined });
  });

  it('names block sizes in KiB and MiB', () => {
    expect([0, 1, 8, 9, 10].map(blockSize)).toEqual(['4 KiB', '8 KiB', '1 MiB', '2 MiB', '4 MiB']);
  });
});
