import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSmaps, parseSmaps } from '#kata/03-smaps';
import { fixture } from '#support/fixtures';
import { CMDLINES, fakeProcesses, swapOut } from '../../scripts/lab/fake-processes.mjs';
import { writeProcTree } from '../../scripts/lab/proc-tree.mjs';
import { sumKbLines } from '../../scripts/lab/raw-proc.mjs';

const captures = ['sleep', 'bash', 'fixture'].map((name) => fixture(`proc/${name}/smaps.txt`));
const pages = fc.integer({ min: 0, max: 200 }).map((n) => n * 4);

describe('swapOut', () => {
  it('moves memory from Rss to Swap without losing any: Σ Rss + Σ Swap stays the same', () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), pages, (smaps, kb) => {
        const before = sumKbLines(smaps);
        const after = sumKbLines(swapOut(smaps, kb));
        const moved = (after.Swap ?? 0) - (before.Swap ?? 0);
        return (
          moved >= 0 &&
          moved <= kb &&
          (after.Rss ?? 0) + (after.Swap ?? 0) === (before.Rss ?? 0) + (before.Swap ?? 0) &&
          (before.Private_Dirty ?? 0) - (after.Private_Dirty ?? 0) === moved &&
          (after.SwapPss ?? 0) - (before.SwapPss ?? 0) === moved
        );
      }),
    );
  });

  it('keeps Rss = Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty in every mapping', () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), pages, (smaps, kb) =>
        parseSmaps(swapOut(smaps, kb)).every(
          ({ fields: f }) =>
            f.Rss === (f.Shared_Clean ?? 0) + (f.Shared_Dirty ?? 0) + (f.Private_Clean ?? 0) + (f.Private_Dirty ?? 0),
        ),
      ),
    );
  });

  it("keeps the kernel's layout: the edited file formats back to itself", () => {
    fc.assert(
      fc.property(fc.constantFrom(...captures), pages, (smaps, kb) => {
        const edited = swapOut(smaps, kb);
        return formatSmaps(parseSmaps(edited)) === edited;
      }),
      { numRuns: 20 },
    );
  });

  it('moves the 40 kB asked for out of the bash capture', () => {
    expect(sumKbLines(swapOut(captures[1]!, 40)).Swap).toBe(40);
  });
});

describe('fakeProcesses', () => {
  const source = {
    meminfo: 'MemTotal: 1 kB\n',
    captures: [
      { smaps: captures[0]!, cmdline: CMDLINES.sleep },
      { smaps: captures[1]!, cmdline: CMDLINES.bash },
      { smaps: captures[2]!, cmdline: CMDLINES.fixture },
    ],
  };

  it('makes count processes with distinct PIDs, plus a kernel thread and an unreadable process', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (count) => {
        const { processes } = fakeProcesses({ ...source, count });
        const pids = processes.map((p) => p.pid);
        return processes.length === count + 2 && new Set(pids).size === pids.length && pids[0] === 2 && pids[1] === 3;
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same tree for the same count', () => {
    expect(fakeProcesses({ ...source, count: 12 })).toEqual(fakeProcesses({ ...source, count: 12 }));
  });
});

describe('writeProcTree', () => {
  it('writes ROOT/proc/meminfo and ROOT/proc/PID/<file>, the layout `smem -S ROOT` reads', () => {
    const root = mkdtempSync(join(tmpdir(), 'memkata-spec-'));
    try {
      const { procDir } = writeProcTree(root, {
        meminfo: 'MemTotal: 1 kB\n',
        processes: [{ pid: 7, uid: undefined, files: { cmdline: 'x\u0000', smaps: '' } }],
      });
      expect(procDir).toBe(join(root, 'proc'));
      expect(readFileSync(join(procDir, 'meminfo'), 'utf8')).toBe('MemTotal: 1 kB\n');
      expect(readFileSync(join(procDir, '7', 'cmdline'), 'utf8')).toBe('x\u0000');
      expect(statSync(join(procDir, '7')).isDirectory()).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
