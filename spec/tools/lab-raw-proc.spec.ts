import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '#support/fixtures';
import { freeFieldChanges, meminfoValues } from '../../scripts/lab/free.mjs';
import { parsePasswd, userName } from '../../scripts/lab/passwd.mjs';
import {
  mappingRanges,
  realVmas,
  statmPages,
  statusLines,
  statusMemoryKb,
  sumKbLines,
} from '../../scripts/lab/raw-proc.mjs';
import { smemTotals } from '../../scripts/lab/smem.mjs';

// The lab's own readers are the kernel's side of every comparison: they must read real files right and
// survive anything else (random text, a file cut anywhere, CRLF line ends) without throwing or hanging.
const REAL = [
  fixture('lab/proc/13577/smaps'),
  fixture('lab/proc/13870/smaps_rollup'),
  fixture('lab/proc/2744/status'),
  fixture('lab/proc/13870/statm'),
  fixture('lab/proc/meminfo'),
];
const anyText = fc.oneof(
  fc.string(),
  fc.constantFrom(...REAL).chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
  fc.constantFrom(...REAL).map((text) => text.replaceAll('\n', '\r\n')),
  fc.constantFrom(...REAL).map((text) => text.replace(/\d+ kB/, '99999999999999999999 kB')),
);

describe('sumKbLines', () => {
  it("adds up sleep's Rss over its 37 mappings to the rollup's 1660 kB", () => {
    expect(sumKbLines(fixture('lab/proc/13577/smaps')).Rss).toBe(1660);
  });

  it('returns numbers for any text, never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => Object.values(sumKbLines(text)).every((v) => typeof v === 'number' && v >= 0)),
    );
  });
});

describe('mappingRanges', () => {
  it('reads [vsyscall] at ffffffffff600000 exactly, beyond 2^53', () => {
    const last = mappingRanges(fixture('lab/proc/13577/smaps')).at(-1);
    expect(last).toEqual({ start: 0xffffffffff600000n, end: 0xffffffffff601000n, name: '[vsyscall]' });
  });

  it('reads the rollup header as one range', () => {
    expect(mappingRanges(fixture('lab/proc/13577/smaps_rollup'))).toEqual([
      { start: 0x555a29c61000n, end: 0x7ffcda65a000n, name: '[rollup]' },
    ]);
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => Array.isArray(mappingRanges(text))));
  });
});

describe('realVmas', () => {
  it('leaves out [vsyscall]: 37 mappings in smaps, 36 VMAs', () => {
    const smaps = fixture('lab/proc/13577/smaps');
    expect([mappingRanges(smaps).length, realVmas(smaps).length]).toEqual([37, 36]);
  });
});

describe('statusMemoryKb', () => {
  it('reads the 16 memory lines of a real status, and none of a kernel thread', () => {
    const bash = statusMemoryKb(fixture('lab/proc/2744/status'));
    expect(Object.keys(bash)).toHaveLength(16);
    expect(bash.VmRSS).toBe(4156);
    expect(statusMemoryKb(fixture('lab/proc/2/status'))).toEqual({});
  });
});

describe('statusLines', () => {
  it('keeps every value trimmed, tabs included', () => {
    const lines = statusLines(fixture('lab/proc/2744/status'));
    expect([lines.Name, lines.Uid, lines.Groups]).toEqual(['bash', '0\t0\t0\t0', '']);
  });

  it('never throws', () => {
    fc.assert(fc.property(anyText, (text) => typeof statusLines(text) === 'object'));
  });
});

describe('statmPages', () => {
  it('reads the seven page counts', () => {
    expect(statmPages(fixture('lab/proc/13870/statm'))).toEqual({
      size: 2747,
      resident: 893,
      shared: 334,
      text: 1,
      lib: 0,
      data: 2205,
      dt: 0,
    });
  });

  it('gives undefined for anything but seven numbers, never a wrong value', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const pages = statmPages(text);
        return pages === undefined || text.trim().split(' ').length === 7;
      }),
    );
  });
});

describe('meminfoValues', () => {
  it('reads the digits as printed', () => {
    expect(meminfoValues(fixture('lab/proc/meminfo')).MemAvailable).toBe('24140092');
  });

  it('never throws, and a text never differs from itself', () => {
    fc.assert(fc.property(anyText, (text) => freeFieldChanges(text, text).length === 0));
  });
});

describe('parsePasswd', () => {
  it('maps uids to the first name listed', () => {
    const names = parsePasswd(
      'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/:/bin/sh\nnobody:x:65534:65534::/:/usr/sbin/nologin\n',
    );
    expect([...names]).toEqual([
      [0, 'root'],
      [65534, 'nobody'],
    ]);
  });

  it('prints a uid without a name as the number, and an unknown owner as "?" (smem username)', () => {
    expect([userName(4242, new Map()), userName(undefined, new Map())]).toEqual(['4242', '?']);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => parsePasswd(text) instanceof Map));
  });
});

describe('smemTotals', () => {
  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string(), (text) => typeof smemTotals(text) === 'object'));
  });
});
