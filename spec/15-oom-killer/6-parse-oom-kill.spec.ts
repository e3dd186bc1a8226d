import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOomKill, type OomContext, ParseError, parseOomContext, parseOomKill } from '#kata/15-oom-killer';
import { KILLS, MEMCG_CONTEXT } from './captures.ts';

const HOG_KILL =
  'Memory cgroup out of memory: Killed process 13695 (hog) total-vm:68268kB, anon-rss:64896kB, file-rss:972kB, shmem-rss:0kB, UID:0 pgtables:168kB oom_score_adj:0';
const HOG_SUMMARY =
  'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/memkata-oom,task_memcg=/memkata-oom,task=hog,pid=13695,uid=0';

const hogKill = {
  message: 'Memory cgroup out of memory',
  pid: 13695,
  name: 'hog',
  uid: 0,
  totalVmKb: 68268,
  anonRssKb: 64896,
  fileRssKb: 972,
  shmemRssKb: 0,
  pgtablesKb: 168,
  oomScoreAdj: 0,
};

/** Whatever the line, a value or a ParseError on line 1. */
function valueOrParseError(parse: (line: string) => unknown, line: string): boolean {
  try {
    parse(line);
    return true;
  } catch (error) {
    return error instanceof ParseError && error.line === 1;
  }
}

const victim = fc.record({
  pid: fc.integer({ min: 1, max: 4194304 }),
  name: fc.stringMatching(/^[^\n\r]{0,15}$/),
  uid: fc.nat(2 ** 32 - 1),
  totalVmKb: fc.maxSafeNat(),
  anonRssKb: fc.maxSafeNat(),
  fileRssKb: fc.maxSafeNat(),
  shmemRssKb: fc.maxSafeNat(),
  pgtablesBytes: fc.maxSafeNat(),
  oomScoreAdj: fc.integer({ min: -1000, max: 1000 }),
});
const path = fc.stringMatching(/^\/[a-z0-9._@/-]{0,20}$/);
const nodes = fc.stringMatching(/^[0-9]{1,2}(-[0-9]{1,2})?(,[0-9]{1,2})*$/);
const context: fc.Arbitrary<OomContext> = fc.record({
  constraint: fc.constantFrom('CONSTRAINT_NONE', 'CONSTRAINT_CPUSET', 'CONSTRAINT_MEMORY_POLICY', 'CONSTRAINT_MEMCG'),
  nodemask: fc.option(nodes, { nil: null }),
  cpuset: fc.stringMatching(/^[a-z0-9._/-]{1,12}$/),
  memsAllowed: nodes,
  oomMemcg: fc.option(path, { nil: null }),
  taskMemcg: path,
});

describe('parseOomKill', () => {
  it.each(KILLS.map((k) => [k.killed] as const))('reads the real kernel log line %s', (line) => {
    const killed = parseOomKill(line);
    const row = KILLS.flatMap((k) => k.tasks).find((t) => t.pid === killed.pid)?.victim;
    expect(killed).toEqual({
      message: 'Memory cgroup out of memory',
      pid: row?.pid,
      name: row?.name,
      uid: row?.uid,
      totalVmKb: row?.totalVmKb,
      anonRssKb: row?.anonRssKb,
      fileRssKb: row?.fileRssKb,
      shmemRssKb: row?.shmemRssKb,
      pgtablesKb: (row?.pgtablesBytes ?? 0) / 1024,
      oomScoreAdj: row?.oomScoreAdj,
    });
  });

  it("reads the line with or without dmesg's timestamp, and with one final newline", () => {
    expect(parseOomKill(HOG_KILL)).toEqual(hogKill);
    expect(parseOomKill(`[  522.049980] ${HOG_KILL}`)).toEqual(hogKill);
    expect(parseOomKill(`[1234567.000001] ${HOG_KILL}\n`)).toEqual(hogKill);
    expect(parseOomKill(`${HOG_KILL}\r\n`)).toEqual(hogKill);
  });

  it('reads the three messages the kernel uses', () => {
    const global = HOG_KILL.replace('Memory cgroup out of memory', 'Out of memory');
    const allocating = HOG_KILL.replace('Memory cgroup out of memory', 'Out of memory (oom_kill_allocating_task)');
    expect(parseOomKill(global).message).toBe('Out of memory');
    expect(parseOomKill(allocating).message).toBe('Out of memory (oom_kill_allocating_task)');
  });

  it('reads a name with spaces and parentheses, such as systemd\'s "(sd-pam)"', () => {
    expect(parseOomKill(HOG_KILL.replace('(hog)', '((sd-pam))')).name).toBe('(sd-pam)');
    expect(parseOomKill(HOG_KILL.replace('(hog)', '(Web Content)')).name).toBe('Web Content');
  });

  it('reads a negative oom_score_adj, and the ends of every range: adj ±1000, pid 1, UID 2^32 − 1', () => {
    expect(parseOomKill(HOG_KILL.replace('oom_score_adj:0', 'oom_score_adj:-500')).oomScoreAdj).toBe(-500);
    expect(parseOomKill(HOG_KILL.replace('oom_score_adj:0', 'oom_score_adj:-1000')).oomScoreAdj).toBe(-1000);
    expect(parseOomKill(HOG_KILL.replace('oom_score_adj:0', 'oom_score_adj:1000')).oomScoreAdj).toBe(1000);
    expect(parseOomKill(HOG_KILL.replace('process 13695', 'process 1')).pid).toBe(1);
    expect(parseOomKill(HOG_KILL.replace('UID:0', 'UID:4294967295')).uid).toBe(4294967295);
    expect(parseOomContext(HOG_SUMMARY.replace('pid=13695,uid=0', 'pid=1,uid=4294967295'))).toMatchObject({
      pid: 1,
      uid: 4294967295,
    });
  });

  it('removes only the timestamp at the start: a name that looks like one stays whole', () => {
    expect(parseOomKill(`[  522.049980] ${HOG_KILL.replace('(hog)', '([1.5] hog)')}`).name).toBe('[1.5] hog');
    expect(parseOomKill(HOG_KILL.replace('(hog)', '([1.5] hog)')).name).toBe('[1.5] hog');
  });

  it.each([
    ['an empty line', ''],
    ["the summary line, which is parseOomContext's", HOG_SUMMARY],
    [
      'another kernel log line',
      '[  522.049499] hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0',
    ],
    ['another message', HOG_KILL.replace('Memory cgroup out of memory', 'Out of Memory')],
    ['trailing junk', `${HOG_KILL} extra`],
    ['two lines', `${HOG_KILL}\n${HOG_KILL}`],
    ['a pid of `12a`', HOG_KILL.replace('process 13695', 'process 12a')],
    ['a size in hex', HOG_KILL.replace('total-vm:68268kB', 'total-vm:0x10kB')],
    ['a size like `1e3`', HOG_KILL.replace('total-vm:68268kB', 'total-vm:1e3kB')],
    ['a size like `12.0`', HOG_KILL.replace('total-vm:68268kB', 'total-vm:12.0kB')],
    ['a negative size', HOG_KILL.replace('anon-rss:64896kB', 'anon-rss:-64896kB')],
    ['a size beyond 2^53', HOG_KILL.replace('total-vm:68268kB', 'total-vm:9007199254740993kB')],
    ['a missing field', HOG_KILL.replace(' shmem-rss:0kB,', '')],
    ['a size without its unit', HOG_KILL.replace('file-rss:972kB', 'file-rss:972')],
    ['an oom_score_adj of 1001', HOG_KILL.replace('oom_score_adj:0', 'oom_score_adj:1001')],
    ['an oom_score_adj of −1001', HOG_KILL.replace('oom_score_adj:0', 'oom_score_adj:-1001')],
    ['a UID beyond 32 bits', HOG_KILL.replace('UID:0', 'UID:4294967296')],
    ['a pid of 0', HOG_KILL.replace('process 13695', 'process 0')],
    ['a broken timestamp', `[  522.04x] ${HOG_KILL}`],
    ['text before the timestamp', `kernel: [  522.049980] ${HOG_KILL}`],
  ])('throws ParseError for %s', (_, line) => {
    expect(() => parseOomKill(line)).toThrow(ParseError);
  });

  it('reads back every line formatOomKill prints, page tables in KiB', () => {
    fc.assert(
      fc.property(victim, context, (v, c) => {
        const [, killed = ''] = formatOomKill(v, c);
        const { pgtablesBytes, ...rest } = v;
        expect(parseOomKill(killed)).toEqual({
          ...rest,
          pgtablesKb: Math.floor(pgtablesBytes / 1024),
          message: c.constraint === 'CONSTRAINT_MEMCG' ? 'Memory cgroup out of memory' : 'Out of memory',
        });
      }),
    );
  });

  it('returns a value or throws ParseError on line 1, whatever the line (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (line) => valueOrParseError(parseOomKill, line)),
    );
    fc.assert(
      fc.property(fc.nat(HOG_KILL.length), fc.string({ maxLength: 4 }), (at, insert) =>
        valueOrParseError(parseOomKill, HOG_KILL.slice(0, at) + insert + HOG_KILL.slice(at)),
      ),
    );
  });
});

describe('parseOomContext', () => {
  it.each(KILLS.map((k) => [k.summary] as const))('reads the real kernel log line %s', (line) => {
    const pid = Number(/pid=(\d+)/.exec(line)?.[1]);
    const name = KILLS.flatMap((k) => k.tasks).find((t) => t.pid === pid)?.name;
    expect(parseOomContext(line)).toEqual({ ...MEMCG_CONTEXT, name, pid, uid: 0 });
  });

  it('reads nodemask=(null) as null and global_oom as an oomMemcg of null', () => {
    const line =
      'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=hog,pid=4242,uid=1000';
    expect(parseOomContext(line)).toEqual({
      constraint: 'CONSTRAINT_NONE',
      nodemask: null,
      cpuset: '/',
      memsAllowed: '0',
      oomMemcg: null,
      taskMemcg: '/user.slice',
      name: 'hog',
      pid: 4242,
      uid: 1000,
    });
  });

  it('reads node lists with commas, and a name with commas', () => {
    const line =
      '[ 99.000001] oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0-1,3,cpuset=/,mems_allowed=0-3,global_oom,task_memcg=/,task=a,b,pid=7,uid=0\n';
    expect(parseOomContext(line)).toMatchObject({ nodemask: '0-1,3', memsAllowed: '0-3', name: 'a,b', pid: 7 });
  });

  it.each([
    ['an empty line', ''],
    ["the Killed process line, which is parseOomKill's", HOG_KILL],
    ['an unknown constraint', HOG_SUMMARY.replace('CONSTRAINT_MEMCG', 'CONSTRAINT_OTHER')],
    ['no task_memcg', HOG_SUMMARY.replace(',task_memcg=/memkata-oom', '')],
    ['no cgroup part at all', HOG_SUMMARY.replace(',oom_memcg=/memkata-oom', '')],
    ['a pid of `12a`', HOG_SUMMARY.replace('pid=13695', 'pid=12a')],
    ['a uid beyond 32 bits', HOG_SUMMARY.replace('uid=0', 'uid=4294967296')],
    ['trailing junk', `${HOG_SUMMARY},extra=1`],
    ['text before the line', `kernel: ${HOG_SUMMARY}`],
    ['a pid of 0', HOG_SUMMARY.replace('pid=13695', 'pid=0')],
  ])('throws ParseError for %s', (_, line) => {
    expect(() => parseOomContext(line)).toThrow(ParseError);
  });

  it('reads back every summary line formatOomKill prints', () => {
    fc.assert(
      fc.property(victim, context, (v, c) => {
        const [summary = ''] = formatOomKill(v, c);
        expect(parseOomContext(summary)).toEqual({ ...c, name: v.name, pid: v.pid, uid: v.uid });
      }),
    );
  });

  it('returns a value or throws ParseError on line 1, whatever the line (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (line) => valueOrParseError(parseOomContext, line)),
    );
    fc.assert(
      fc.property(fc.nat(HOG_SUMMARY.length), fc.string({ maxLength: 4 }), (at, insert) =>
        valueOrParseError(parseOomContext, HOG_SUMMARY.slice(0, at) + insert + HOG_SUMMARY.slice(at)),
      ),
    );
  });
});
