import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWatermarks, lowmemReserve, minFreeKbytes } from '#kata/12-watermarks';
import {
  DEFAULT_DISK_KB,
  KERNEL_IMAGE_KB,
  type MachineConfig,
  MachineConfigError,
  NORMAL_START_PFN,
  planMachine,
  ZONE_NAMES,
} from '#kata/16-machine';

const GiB = 1024 * 1024;

/** The MachineConfigError a config gets, or a failure when it gets none. */
function refusal(config: MachineConfig): MachineConfigError {
  try {
    planMachine(config);
  } catch (error) {
    if (error instanceof MachineConfigError) return error;
    throw error;
  }
  throw new Error(`planMachine accepted ${JSON.stringify(config)}`);
}

describe('planMachine', () => {
  it("lays out seed 004's 1 GiB machine: 4096 pages of memory map and 8239 of kernel image kept back, 249809 managed", () => {
    const plan = planMachine({ memoryKb: GiB });
    expect(plan).toMatchObject({
      memoryKb: GiB,
      totalPages: 262144,
      reservedPages: 4096 + 8239,
      managedPages: 249809,
      startPfn: NORMAL_START_PFN,
      basePfn: 0x100000 + 12335,
      swapPages: 0,
      diskKb: DEFAULT_DISK_KB,
      thp: 'madvise',
      swappiness: 60,
      kswapdBatch: 1024,
      cpus: 2,
    });
  });

  it('raises min_free_kbytes as khugepaged does when THP is on: 3998 KiB becomes 22528 (5632 pages), watermarks 5632/7040/8448', () => {
    const plan = planMachine({ memoryKb: GiB });
    expect(plan.minFreeKbytes).toBe(22528);
    expect(plan.watermarks).toEqual({ min: 5632, low: 7040, high: 8448, promo: 9856 });
  });

  it("keeps the kernel's own rule with THP 'never': int_sqrt(managed × 4 × 16) = 3998 KiB, min 999", () => {
    const plan = planMachine({ memoryKb: GiB, thp: 'never' });
    expect(plan.minFreeKbytes).toBe(3998);
    expect(plan.minFreeKbytes).toBe(minFreeKbytes(249809 * 4));
    expect(plan.watermarks).toEqual({ min: 999, low: 1248, high: 1497, promo: 1746 });
  });

  it('caps khugepaged at 5 % of lowmem, measured below the first high watermark (64 MiB: 787 pages, not 5632)', () => {
    // 16128 managed; first min_free_kbytes 1015 → min 253, high 379; ⌊(16128 − 379) / 20⌋ = 787 pages = 3148 KiB
    const plan = planMachine({ memoryKb: 65536, kernelKb: 0 });
    expect(plan.managedPages).toBe(16128);
    expect(plan.minFreeKbytes).toBe(3148);
    expect(plan.watermarks).toEqual({ min: 787, low: 983, high: 1179, promo: 1375 });
  });

  it('lists the five zones of an x86-64 node: only Normal has memory, Movable keeps its clamped min of 32', () => {
    const { zones, managedPages } = planMachine({ memoryKb: GiB });
    expect(zones.map((z) => z.name)).toEqual([...ZONE_NAMES]);
    expect(zones[2]).toEqual({
      name: 'Normal',
      spanned: 262144,
      present: 262144,
      managed: managedPages,
      min: 5632,
      low: 7040,
      high: 8448,
      promo: 9856,
      protection: [0, 0, 0, 0, 0],
      startPfn: 0x100000,
    });
    expect(zones[3]).toMatchObject({ name: 'Movable', managed: 0, present: 0, min: 32, low: 32, high: 32, promo: 32 });
    for (const i of [0, 1, 4]) expect(zones[i]).toMatchObject({ managed: 0, min: 0, low: 0, high: 0, startPfn: 0 });
  });

  it('takes min_free_kbytes, the scale factor and the watermarks as given', () => {
    expect(planMachine({ memoryKb: GiB, minFreeKbytes: 4096 }).watermarks).toEqual({
      min: 1024,
      low: 1280,
      high: 1536,
      promo: 1792,
    });
    expect(planMachine({ memoryKb: GiB, minFreeKbytes: 4096, watermarkScaleFactor: 200 }).watermarks.low).toBe(
      1024 + 4996,
    );
    const plan = planMachine({ memoryKb: GiB, watermarks: { min: 100, low: 200, high: 300 } });
    expect(plan.watermarks).toEqual({ min: 100, low: 200, high: 300, promo: 9856 });
    expect(plan.zones[2]).toMatchObject({ min: 100, low: 200, high: 300 });
  });

  it('counts the memory map only when kernelKb is 0, and takes swap, disk, swappiness and kswapd batch as given', () => {
    const plan = planMachine({
      memoryKb: 65536,
      kernelKb: 0,
      swapKb: 40,
      diskKb: 40,
      swappiness: 200,
      kswapdBatch: 1,
      thp: 'always',
    });
    expect(plan).toMatchObject({
      reservedPages: 256,
      managedPages: 16128,
      swapPages: 10,
      diskKb: 40,
      swappiness: 200,
      kswapdBatch: 1,
      thp: 'always',
    });
    expect(planMachine({ memoryKb: 65536, kernelKb: 4 }).reservedPages).toBe(257);
    expect(planMachine({ memoryKb: 65536, kernelKb: 5 }).reservedPages).toBe(258);
    expect(KERNEL_IMAGE_KB).toBe(18906 + 2544 + 10284 + 1220);
  });

  it.each<[string, MachineConfig, string]>([
    ['a negative memory size', { memoryKb: -4 }, 'memoryKb'],
    ['memory that is not whole pages', { memoryKb: 65538 }, 'memoryKb'],
    ['a fractional memory size', { memoryKb: 4.5 }, 'memoryKb'],
    ['NaN', { memoryKb: Number.NaN }, 'memoryKb'],
    ['memory given as text', { memoryKb: '1G' as unknown as number }, 'memoryKb'],
    ['a negative swap size', { memoryKb: GiB, swapKb: -4 }, 'swapKb'],
    ['swap that is not whole pages', { memoryKb: GiB, swapKb: 42 }, 'swapKb'],
    ["swap smaller than mkswap's 10 pages", { memoryKb: GiB, swapKb: 36 }, 'swapKb'],
    ['swap larger than the disk', { memoryKb: GiB, swapKb: 2 * GiB, diskKb: GiB }, 'swapKb'],
    ['swap larger than the default 8 GiB disk', { memoryKb: GiB, swapKb: 8 * GiB + 4 }, 'swapKb'],
    ['a negative disk', { memoryKb: GiB, diskKb: -4 }, 'diskKb'],
    ['a negative kernel', { memoryKb: GiB, kernelKb: -1 }, 'kernelKb'],
    ['a fractional kernel', { memoryKb: GiB, kernelKb: 0.5 }, 'kernelKb'],
    ['an unknown THP mode', { memoryKb: GiB, thp: 'sometimes' as 'always' }, 'thp'],
    ['swappiness above 200', { memoryKb: GiB, swappiness: 201 }, 'swappiness'],
    ['negative swappiness', { memoryKb: GiB, swappiness: -1 }, 'swappiness'],
    ['fractional swappiness', { memoryKb: GiB, swappiness: 1.5 }, 'swappiness'],
    ['a scale factor of 0', { memoryKb: GiB, watermarkScaleFactor: 0 }, 'watermarkScaleFactor'],
    ['a scale factor above 3000', { memoryKb: GiB, watermarkScaleFactor: 3001 }, 'watermarkScaleFactor'],
    ['a negative min_free_kbytes', { memoryKb: GiB, minFreeKbytes: -1 }, 'minFreeKbytes'],
    ['a fractional min_free_kbytes', { memoryKb: GiB, minFreeKbytes: 1.5 }, 'minFreeKbytes'],
    [
      'watermarks out of order (low below min)',
      { memoryKb: GiB, watermarks: { min: 200, low: 100, high: 300 } },
      'watermarks',
    ],
    [
      'watermarks out of order (high below low)',
      { memoryKb: GiB, watermarks: { min: 100, low: 300, high: 200 } },
      'watermarks',
    ],
    ['a min of 0', { memoryKb: GiB, watermarks: { min: 0, low: 0, high: 0 } }, 'watermarks'],
    ['a high at managed', { memoryKb: GiB, watermarks: { min: 1, low: 2, high: 249809 } }, 'watermarks'],
    ['a fractional watermark', { memoryKb: GiB, watermarks: { min: 1, low: 2.5, high: 3 } }, 'watermarks'],
    [
      'a min_free_kbytes that puts high above the zone',
      { memoryKb: 65536, kernelKb: 0, minFreeKbytes: 65536 },
      'watermarks',
    ],
    ['a kswapd batch of 0', { memoryKb: GiB, kswapdBatch: 0 }, 'kswapdBatch'],
    ['a fractional kswapd batch', { memoryKb: GiB, kswapdBatch: 1.5 }, 'kswapdBatch'],
  ])('refuses %s with a MachineConfigError naming %s', (_, config, field) => {
    const error = refusal(config);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('takes the ends of the ranges: swappiness 0, watermark_scale_factor 3000', () => {
    expect(planMachine({ memoryKb: GiB, swappiness: 0 }).swappiness).toBe(0);
    expect(planMachine({ memoryKb: GiB, watermarkScaleFactor: 3000 }).watermarks.low).toBeGreaterThan(
      planMachine({ memoryKb: GiB, watermarkScaleFactor: 2999 }).watermarks.low,
    );
  });

  it('names its error MachineConfigError, as npm run machine tells a refusal from a crash', () => {
    expect(refusal({ memoryKb: GiB, swappiness: 201 }).name).toBe('MachineConfigError');
  });

  it("refuses memory no larger than the kernel's own reserve, and says how large that is", () => {
    // 16384 KiB = 4096 pages: 64 of memory map + 8239 of kernel image > 4096
    const error = refusal({ memoryKb: 16384 });
    expect(error.field).toBe('memoryKb');
    expect(error.message).toContain('33212 KiB');
    // exactly the reserve (1 page of memory map + 3 of kernel): nothing left to manage
    expect(refusal({ memoryKb: 16, kernelKb: 12 }).field).toBe('memoryKb');
    expect(refusal({ memoryKb: 20, kernelKb: 12 }).field).toBe('watermarks');
    expect(planMachine({ memoryKb: 32768, kernelKb: 0, watermarks: { min: 1, low: 1, high: 1 } }).managedPages).toBe(
      8064,
    );
  });

  it('says what is wrong in the message: the size, the disk, the order of the watermarks', () => {
    expect(refusal({ memoryKb: GiB, swapKb: 2 * GiB, diskKb: GiB }).message).toContain(
      'does not fit on a 1048576 KiB disk',
    );
    expect(refusal({ memoryKb: GiB, swapKb: 36 }).message).toContain('40 KiB');
    expect(refusal({ memoryKb: GiB, watermarks: { min: 200, low: 100, high: 300 } }).message).toContain(
      'min 200, low 100, high 300',
    );
    expect(refusal({ memoryKb: 65538 }).message).toContain('65538');
  });

  it("gives every machine kata 12's watermarks and protection, in order, with high below managed", () => {
    const config = fc.record({
      pages: fc.integer({ min: 2048, max: 2 ** 21 }),
      thp: fc.constantFrom('always' as const, 'madvise' as const, 'never' as const),
      factor: fc.integer({ min: 1, max: 100 }),
    });
    fc.assert(
      fc.property(config, ({ pages, thp, factor }) => {
        const plan = planMachine({ memoryKb: pages * 4, kernelKb: 0, thp, watermarkScaleFactor: factor });
        expect(plan.reservedPages + plan.managedPages).toBe(pages);
        expect(plan.reservedPages).toBe(Math.ceil(pages / 64));
        const sizes = ZONE_NAMES.map((name) => ({ name, managed: name === 'Normal' ? plan.managedPages : 0 }));
        expect(plan.watermarks).toEqual(computeWatermarks(sizes, plan.minFreeKbytes, factor)[2]);
        expect(plan.zones.map((z) => z.protection)).toEqual(lowmemReserve(sizes, [256, 256, 32, 0, 0]));
        expect(plan.minFreeKbytes).toBeGreaterThanOrEqual(minFreeKbytes(plan.managedPages * 4));
        if (thp === 'never') expect(plan.minFreeKbytes).toBe(minFreeKbytes(plan.managedPages * 4));
        const { min, low, high } = plan.watermarks;
        expect(1 <= min && min <= low && low <= high && high < plan.managedPages).toBe(true);
      }),
    );
  });
});
