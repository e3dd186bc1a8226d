// The zoneinfo lab: kata 12 against /proc/zoneinfo and the watermark sysctls (scripts/lab/zoneinfo.mjs), on
// real captures; and the mode as a learner runs it, on the bundled snapshot.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as reference from '#kata/12-watermarks';
import { notImplemented } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { type ZoneinfoCapture, zoneinfoCaptures } from '#support/zoneinfo';
import { checkZoneinfo, lowmemKbOf, type WatermarksKata } from '../../scripts/lab/zoneinfo.mjs';

const kata: WatermarksKata = reference;
const sampleOf = (capture: ZoneinfoCapture, thp: string | undefined = 'madvise') => ({
  zoneinfo: capture.zoneinfo,
  minFreeKbytes: capture.minFreeKbytes,
  watermarkScaleFactor: capture.watermarkScaleFactor,
  lowmemReserveRatio: capture.lowmemReserveRatio,
  thp,
});
const verdicts = (checks: { title: string; verdict: string }[]) => checks.map((c) => `${c.verdict} ${c.title}`);
const [nov22] = zoneinfoCaptures();

describe('lowmemKbOf', () => {
  it('sums managed − high over DMA, DMA32 and Normal, in KiB: 5495608 on 2026-11-22', () => {
    expect(lowmemKbOf(nov22?.zones ?? [])).toBe(5495608);
  });
});

describe('checkZoneinfo', () => {
  it.each(zoneinfoCaptures().map((c) => [c.file, c] as const))(
    'finds every zone of %s as the kernel set it',
    (_, capture) => {
      const { checks, body } = checkZoneinfo(kata, sampleOf(capture));
      expect(checks.every((c) => c.verdict === 'pass')).toBe(true);
      expect(verdicts(checks)).toContain('pass node 0 DMA32 watermarks');
      expect(verdicts(checks)).toContain('pass node 0 Normal protection');
      expect(body[2]).toMatch(/^zone +managed +free +min +low +high +promo +seed low\/high +protection$/);
    },
  );

  it("says min_free_kbytes came from khugepaged's raise, not the square root", () => {
    const check = checkZoneinfo(kata, sampleOf(nov22 as ZoneinfoCapture)).checks.find(
      (c) => c.title === 'min_free_kbytes',
    );
    expect(check?.verdict).toBe('pass');
    expect(check?.lines).toEqual([
      "lowmem (Σ managed − high up to Normal) = 5495608 KiB: your √ rule gives 9377, khugepaged's raise for 3 zones 67584 (THP is madvise)",
      "= 67584, the sysctl: it came from khugepaged's raise, not the square root",
    ]);
  });

  it('notes, without failing, a min_free_kbytes neither rule gives (THP off: an administrator wrote it)', () => {
    const check = checkZoneinfo(kata, sampleOf(nov22 as ZoneinfoCapture, 'never')).checks.find(
      (c) => c.title === 'min_free_kbytes',
    );
    expect(check?.verdict).toBe('note');
  });

  it('fails a zone whose watermarks come out wrong, and shows both', () => {
    const wrong: WatermarksKata = {
      ...kata,
      computeWatermarks: (zones, minFree, scale) =>
        kata.computeWatermarks(zones, minFree, scale).map((w, i) => (i === 2 ? { ...w, low: w.low + 1 } : w)),
    };
    const { checks } = checkZoneinfo(wrong, sampleOf(nov22 as ZoneinfoCapture));
    const normal = checks.find((c) => c.title === 'node 0 Normal watermarks');
    expect(normal?.verdict).toBe('fail');
    expect(normal?.lines[0]).toBe(
      'the kernel has min/low/high/promo 7517 / 9396 / 11275 / 13154, yours 7517 / 9397 / 11275 / 13154',
    );
    expect(checks.filter((c) => c.verdict === 'fail')).toHaveLength(1);
  });

  it("fails a protection line that differs, and a pressure that is not the kernel's strict comparison", () => {
    const wrong: WatermarksKata = {
      ...kata,
      lowmemReserve: (zones, ratios) => kata.lowmemReserve(zones, ratios).map((row) => row.map((v) => v + 1)),
      pressure: () => 'low',
    };
    const checks = checkZoneinfo(wrong, sampleOf(nov22 as ZoneinfoCapture)).checks;
    expect(checks.find((c) => c.title === 'node 0 DMA protection')?.verdict).toBe('fail');
    expect(checks.find((c) => c.title === 'pressure(free, watermarks)')?.verdict).toBe('fail');
  });

  it('says which function to write first when the parser is still a stub', () => {
    const stub: WatermarksKata = { ...kata, parseZoneinfo: () => notImplemented('parseZoneinfo') };
    const { checks } = checkZoneinfo(stub, sampleOf(nov22 as ZoneinfoCapture));
    expect(checks).toHaveLength(1);
    expect(checks[0]?.verdict).toBe('todo');
    expect(checks[0]?.lines[0]).toContain('parseZoneinfo is not written yet');
  });

  it('shows the line of the real file a parser refused', () => {
    const picky: WatermarksKata = {
      ...kata,
      parseZoneinfo: (text) => kata.parseZoneinfo(text.replace('  pagesets', 'pagesets?')),
    };
    const [check] = checkZoneinfo(picky, sampleOf(nov22 as ZoneinfoCapture)).checks;
    expect(check?.verdict).toBe('fail');
    expect(check?.lines.join('\n')).toContain('Linux wrote this file, so the parser must read it.');
  });
});

describe('lab.mjs zoneinfo', () => {
  it('exits 0 on the bundled snapshot with the reference solution', () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const run = spawnSync(
      process.execPath,
      ['scripts/lab.mjs', 'zoneinfo', '--solution', '--proc', 'spec/fixtures/zoneinfo/snapshot/proc'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(run.stdout).toContain('transparent huge pages: madvise');
    expect(run.stdout).toContain('✓ node 0 DMA watermarks — min/low/high/promo 57 / 71 / 85 / 99');
    expect(run.stdout).toContain('All 13 comparisons hold.');
    expect(run.status).toBe(0);
    expect(fixture('zoneinfo/snapshot/proc/sys/vm/min_free_kbytes')).toBe('67584\n');
  }, 20_000);
});
