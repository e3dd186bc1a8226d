import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTraceEvent, KSWAPD_TASK, type ReclaimEvent } from '#kata/13-kswapd';
import { fixture } from '#support/fixtures';
import { traceEvents } from './captures.ts';

/** The print fmt of each tracepoint on the capture machine (spec/fixtures/reclaim/tracefs-formats.txt). */
const FORMATS = Object.fromEntries(
  fixture('reclaim/tracefs-formats.txt')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [event = '', format = ''] = line.split('\t');
      return [event.split('/')[1], JSON.parse(format) as string];
    }),
);

/** A print fmt filled in with values, as the kernel's vsnprintf would (only %d, %lu and %s occur here). */
function printf(format: string, ...values: (string | number)[]): string {
  return format.replace(/%(?:d|lu|s)/g, () => String(values.shift()));
}

const PYTHON = { comm: 'python3', pid: 17321 };
/** Microsecond ticks, so a real timestamp is a tick number. */
const us = { tickMicroseconds: 1 };

describe('formatTraceEvent', () => {
  it('prints a memory cgroup reclaim exactly as the captured trace shows it', () => {
    const lines = traceEvents('reclaim/hog/no-swap/trace.txt')
      .filter((e) => e.event.startsWith('mm_vmscan_memcg_reclaim'))
      .map((e) => e.line);
    expect(
      formatTraceEvent(
        { t: 650272688, type: 'memcg_reclaim_begin', order: 0, gfp: 'GFP_HIGHUSER_MOVABLE' },
        { task: PYTHON, ...us },
      ),
    ).toBe(lines[0]);
    expect(
      formatTraceEvent({ t: 650272767, type: 'memcg_reclaim_end', nrReclaimed: 58 }, { task: PYTHON, ...us }),
    ).toBe(lines[1]);
  });

  it('prints the CPU and the irq-flag columns it is given: [001] and .N... (need-resched) as captured', () => {
    const line = '         python3-16319   [000] .N...   622.929555: mm_vmscan_memcg_reclaim_end: nr_reclaimed=43';
    expect(
      formatTraceEvent(
        { t: 622929555, type: 'memcg_reclaim_end', nrReclaimed: 43 },
        { task: { comm: 'python3', pid: 16319 }, irqFlags: '.N...', ...us },
      ),
    ).toBe(line);
    expect(formatTraceEvent({ t: 1, type: 'kswapd_sleep' }, { cpu: 1, ...us })).toContain(' [001] ');
  });

  it("follows each vmscan tracepoint's print fmt on this kernel", () => {
    const at = (e: ReclaimEvent) => formatTraceEvent(e, { task: PYTHON }).split(': ').slice(1).join(': ');
    expect(at({ t: 5, type: 'wakeup_kswapd', order: 0, gfp: 'GFP_HIGHUSER_MOVABLE' })).toBe(
      `mm_vmscan_wakeup_kswapd: ${printf(FORMATS.mm_vmscan_wakeup_kswapd, 0, 0, 'GFP_HIGHUSER_MOVABLE')}`,
    );
    expect(at({ t: 5, type: 'kswapd_wake', order: 0 })).toBe(
      `mm_vmscan_kswapd_wake: ${printf(FORMATS.mm_vmscan_kswapd_wake, 0, 0)}`,
    );
    expect(at({ t: 5, type: 'kswapd_sleep' })).toBe(
      `mm_vmscan_kswapd_sleep: ${printf(FORMATS.mm_vmscan_kswapd_sleep, 0)}`,
    );
    expect(at({ t: 5, type: 'direct_reclaim_begin', order: 0, gfp: 'GFP_KERNEL' })).toBe(
      `mm_vmscan_direct_reclaim_begin: ${printf(FORMATS.mm_vmscan_direct_reclaim_begin, 0, 'GFP_KERNEL')}`,
    );
    expect(at({ t: 5, type: 'direct_reclaim_end', nrReclaimed: 32 })).toBe(
      `mm_vmscan_direct_reclaim_end: ${printf(FORMATS.mm_vmscan_direct_reclaim_end, 32)}`,
    );
    expect(at({ t: 5, type: 'memcg_reclaim_begin', order: 3, gfp: 'GFP_KERNEL' })).toBe(
      `mm_vmscan_memcg_reclaim_begin: ${printf(FORMATS.mm_vmscan_memcg_reclaim_begin, 3, 'GFP_KERNEL')}`,
    );
  });

  it("prints kswapd's own events as kswapd0, pid 45, and the allocator's as its task", () => {
    expect(formatTraceEvent({ t: 42, type: 'kswapd_wake', order: 0 })).toBe(
      '         kswapd0-45      [000] .....     0.042000: mm_vmscan_kswapd_wake: nid=0 order=0',
    );
    expect(KSWAPD_TASK).toEqual({ comm: 'kswapd0', pid: 45 });
    expect(formatTraceEvent({ t: 42, type: 'kswapd_sleep' })).toMatch(/^ {9}kswapd0-45 {6}\[000\]/);
    expect(formatTraceEvent({ t: 42, type: 'kswapd_sleep' }, { task: { comm: 'kswapd1', pid: 46 } })).toContain(
      'kswapd1-46 ',
    );
    expect(
      formatTraceEvent({ t: 7, type: 'direct_reclaim_end', nrReclaimed: 3, task: { comm: 'stress', pid: 900 } }),
    ).toBe('          stress-900     [000] .....     0.007000: mm_vmscan_direct_reclaim_end: nr_reclaimed=3');
    expect(formatTraceEvent({ t: 7, type: 'direct_reclaim_end', nrReclaimed: 3 })).toMatch(/^ {9}memkata-1 {7}\[000\]/);
  });

  it('writes the OOM as a trace_marker line, as `echo … > trace_marker` appears in the capture', () => {
    const marker = '         python3-17321   [001] ...1.   643.321656: tracing_mark_write: memkata: hog 17321 starts';
    const line = formatTraceEvent(
      { t: 643321656, type: 'oom', order: 0, task: PYTHON },
      { cpu: 1, irqFlags: '...1.', ...us },
    );
    expect(line).toBe(
      `${marker.slice(0, marker.indexOf('tracing_mark_write'))}tracing_mark_write: memkata: out of memory: order=0`,
    );
  });

  it('counts time in ticks of 1 ms by default, printed as seconds with six decimals', () => {
    expect(formatTraceEvent({ t: 0, type: 'kswapd_sleep' })).toContain('     0.000000: ');
    expect(formatTraceEvent({ t: 1234567, type: 'kswapd_sleep' })).toContain('  1234.567000: ');
    expect(formatTraceEvent({ t: 99999, type: 'kswapd_sleep' }, { tickMicroseconds: 1000000 })).toContain(
      ' 99999.000000: ',
    );
    expect(formatTraceEvent({ t: 123456, type: 'kswapd_sleep' }, { tickMicroseconds: 1000000 })).toContain(
      ' 123456.000000: ',
    );
  });

  it('pads the task to 16 columns and the pid to 7, but never cuts them', () => {
    const line = formatTraceEvent(
      { t: 1, type: 'oom', order: 0 },
      { task: { comm: 'a-very-long-comm', pid: 12345678 } },
    );
    expect(line.startsWith('a-very-long-comm-12345678 [000]')).toBe(true);
  });

  it('keeps the layout for any task and time: the timestamp column ends at the same place when it fits', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9_./-]{1,15}$/),
        fc.integer({ min: 1, max: 4194304 }),
        fc.nat(99999999999),
        (comm, pid, t) => {
          const line = formatTraceEvent({ t, type: 'kswapd_sleep' }, { task: { comm, pid }, tickMicroseconds: 1 });
          expect(line.slice(25, 36)).toBe('[000] .....');
          expect(line.indexOf(': mm_vmscan_kswapd_sleep: nid=0')).toBe(
            line.length - ': mm_vmscan_kswapd_sleep: nid=0'.length,
          );
          expect(line.slice(37, line.indexOf(':', 37))).toBe(
            `${String(Math.floor(t / 1e6)).padStart(5)}.${String(t % 1e6).padStart(6, '0')}`,
          );
        },
      ),
    );
  });
});
