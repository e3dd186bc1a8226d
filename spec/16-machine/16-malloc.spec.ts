import { describe, expect, it } from 'vitest';
import { parseSmaps } from '#kata/03-smaps';
import { parseStatus } from '#kata/04-status';
import { freePages, parseBuddyinfo } from '#kata/06-buddyinfo';
import { Machine, type MachineConfig, SCENARIOS } from '#kata/16-machine';
import { once } from './once.ts';

/** seed 000's test on a 64 MiB machine (the sizes do not matter here: 4 MiB is what is allocated). */
const machine = (thp: MachineConfig['thp']) => new Machine({ memoryKb: 65536, kernelKb: 0, thp });
const always = once(() => SCENARIOS.malloc.run(machine('always'), { sizeKb: 4096 }));
const madvise = once(() => SCENARIOS.malloc.run(machine('madvise'), { sizeKb: 4096 }));

const memory = (status: string) => parseStatus(status).memory;
const buddy = (text: string) => parseBuddyinfo(text)[0] as Parameters<typeof freePages>[0];

describe('Machine', () => {
  describe("seed 000's malloc of 4 MiB", () => {
    it('grows VSZ by 4 MiB at the mmap, and neither RSS nor buddyinfo moves', () => {
      const { before, mapped } = madvise();
      expect(memory(mapped.status)?.vmSize).toBe((memory(before.status)?.vmSize ?? 0) + 4096);
      expect(memory(mapped.status)?.vmRSS).toBe(0);
      expect(mapped.buddyinfo).toBe(before.buddyinfo);
    });

    it("takes one 4 KiB page at the first write (THP 'madvise', not advised): RSS 4 kB, one page fewer in buddyinfo", () => {
      const { mapped, touched } = madvise();
      expect(memory(touched.status)?.vmRSS).toBe(4);
      // the page and the three page tables above it
      expect(freePages(buddy(mapped.buddyinfo)) - freePages(buddy(touched.buddyinfo))).toBe(4);
      expect(parseSmaps(touched.smaps)[0]?.fields).toMatchObject({ Rss: 4, AnonHugePages: 0 });
    });

    it("maps a whole 2 MiB page at the first write with THP 'always' on a 2 MiB-aligned range: AnonHugePages 2048", () => {
      const { address, touched, mapped } = always();
      expect(address % (2n * 1024n * 1024n)).toBe(0n);
      const [mapping] = parseSmaps(touched.smaps);
      expect(mapping?.fields).toMatchObject({ Size: 4096, Rss: 2048, AnonHugePages: 2048 });
      expect(mapping?.thpEligible).toBe(true);
      expect(memory(touched.status)?.vmRSS).toBe(2048);
      // an order-9 block (and the PMD table pages above it) left the buddy allocator
      const took = freePages(buddy(mapped.buddyinfo)) - freePages(buddy(touched.buddyinfo));
      expect(took).toBeGreaterThanOrEqual(512);
      expect(took).toBeLessThan(512 + 4);
    });

    it('ends with all 4 MiB resident either way: two huge pages, or 1024 small ones', () => {
      expect(parseSmaps(always().filled.smaps)[0]?.fields).toMatchObject({ Rss: 4096, AnonHugePages: 4096 });
      expect(parseSmaps(madvise().filled.smaps)[0]?.fields).toMatchObject({ Rss: 4096, AnonHugePages: 0 });
    });
  });
});
