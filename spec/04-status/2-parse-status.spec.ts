import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError, type ProcStatus, parseStatus, type StateCode } from '#kata/04-status';
import { CAPTURES, dropLine, editLine, kbValue, lineOf, statusText } from './helpers.ts';

const fixtureStatus = statusText('proc/fixture');

/** What parseStatus throws for this text, with its line; fails the test when it does not throw. */
function parseErrorOf(text: string): ParseError {
  try {
    parseStatus(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  return expect.unreachable('parseStatus should have thrown ParseError');
}

/** The parse succeeded (a ProcStatus came back) or failed properly (ParseError with a line in the text). */
function valueOrParseError(text: string): boolean {
  try {
    const status = parseStatus(text);
    return typeof status.name === 'string' && Number.isSafeInteger(status.pid);
  } catch (error) {
    const lines = text.split('\n').length;
    return error instanceof ParseError && Number.isInteger(error.line) && error.line >= 1 && error.line <= lines + 1;
  }
}

describe('parseStatus', () => {
  describe('on real captures (Linux 6.18)', () => {
    it('reads every typed field of a running process exactly (proc/fixture)', () => {
      expect(parseStatus(fixtureStatus)).toEqual({
        name: 'fixture',
        umask: '0022',
        state: { code: 'R', description: 'running' },
        tgid: 13870,
        pid: 13870,
        ppid: 13860,
        tracerPid: 0,
        uid: [0, 0, 0, 0],
        gid: [0, 0, 0, 0],
        groups: [],
        nsTgid: [13870],
        nsPid: [13870],
        nsPgid: [13860],
        nsSid: [2744],
        kthread: false,
        memory: {
          vmPeak: 10988,
          vmSize: 10988,
          vmLck: 16,
          vmPin: 0,
          vmHWM: 3572,
          vmRSS: 3572,
          rssAnon: 2236,
          rssFile: 1328,
          rssShmem: 8,
          vmData: 8688,
          vmStk: 132,
          vmExe: 4,
          vmLib: 1528,
          vmPTE: 48,
          vmSwap: 0,
          hugetlbPages: 0,
        },
        thpEnabled: true,
        threads: 1,
        sigQ: { queued: 0, limit: 96365 },
        signals: { sigPnd: 0n, shdPnd: 0n, sigBlk: 0n, sigIgn: 0n, sigCgt: 0n },
        capabilities: {
          capInh: 0n,
          capPrm: 0x000001fffeffffffn,
          capEff: 0x000001fffeffffffn,
          capBnd: 0x000001fffeffffffn,
          capAmb: 0n,
        },
        cpusAllowed: 3n,
        cpusAllowedList: [0, 1],
        memsAllowed: 1n,
        memsAllowedList: [0],
        fields: expect.any(Object),
      } satisfies ProcStatus);
    });

    it('reads CapEff 000001fffeffffff as a bigint with bit 24 (CAP_SYS_RESOURCE) clear, as root here lacks it', () => {
      const { capEff } = parseStatus(fixtureStatus).capabilities;
      expect(capEff).toBe(0x000001fffeffffffn);
      expect((capEff >> 24n) & 1n).toBe(0n);
    });

    it('reads "Groups:\\t " (no groups, the trailing space the kernel always prints) as []', () => {
      expect(fixtureStatus).toContain('\nGroups:\t \n');
      expect(parseStatus(fixtureStatus).groups).toEqual([]);
    });

    it('reads the 32 comma-separated groups of Mems_allowed as one bitmap: node 0 → 1n', () => {
      const status = parseStatus(fixtureStatus);
      expect(status.memsAllowed).toBe(1n);
      expect(status.memsAllowedList).toEqual([0]);
    });

    it('reads a quiet `sleep 600` (proc/sleep): VmRSS 1660 = 108 anon + 1552 file, SigIgn 0x6 = SIGINT and SIGQUIT', () => {
      const status = parseStatus(statusText('proc/sleep'));
      expect(status.memory).toMatchObject({ vmRSS: 1660, rssAnon: 108, rssFile: 1552, rssShmem: 0, vmSize: 2920 });
      expect(status.signals.sigIgn).toBe(0x6n);
      expect(status.ppid).toBe(1);
      expect(status.nsPgid).toEqual([13574]);
    });

    it('reads a bash shell (proc/bash): VmPeak 5260 above VmSize 5220, SIGCHLD blocked, handlers in SigCgt', () => {
      const status = parseStatus(statusText('proc/bash'));
      expect(status.memory).toMatchObject({ vmPeak: 5260, vmSize: 5220, vmHWM: 4156, vmRSS: 4156 });
      expect(status.signals).toEqual({ sigPnd: 0n, shdPnd: 0n, sigBlk: 0x10000n, sigIgn: 0x4n, sigCgt: 0x43817efbn });
      expect(status.fields.voluntary_ctxt_switches).toBe('949');
    });

    it('leaves memory out for a kernel thread (kthreadd, pid 2): no mm, no memory lines, Kthread 1', () => {
      const status = parseStatus(statusText('status/kthreadd'));
      expect(status).toMatchObject({ name: 'kthreadd', pid: 2, ppid: 0, kthread: true, threads: 1 });
      expect(status.state).toEqual({ code: 'S', description: 'sleeping' });
      expect('memory' in status).toBe(false);
      expect('thpEnabled' in status).toBe(false);
    });

    it('reads an idle kworker as "I (idle)" and its SigIgn ffffffffffffffff exactly, beyond 2^53', () => {
      const status = parseStatus(statusText('status/kworker-idle'));
      expect(status.name).toBe('kworker/R-rcu_gp');
      expect(status.state).toEqual({ code: 'I', description: 'idle' });
      expect(status.signals.sigIgn).toBe(0xffffffffffffffffn);
      expect(status.capabilities.capEff).toBe(0x000001ffffffffffn);
    });

    it('reads the CPU pinning of ksoftirqd/1: Cpus_allowed 2 and Cpus_allowed_list "1"', () => {
      const status = parseStatus(statusText('status/ksoftirqd'));
      expect(status.name).toBe('ksoftirqd/1');
      expect(status.cpusAllowed).toBe(2n);
      expect(status.cpusAllowedList).toEqual([1]);
    });

    it('reads the four ids of Uid and Gid in order (real, effective, saved, fs) and the supplementary groups', () => {
      const status = parseStatus(statusText('status/groups'));
      expect(status.uid).toEqual([1000, 1001, 1001, 1001]);
      expect(status.gid).toEqual([1000, 1002, 1002, 1002]);
      expect(status.groups).toEqual([4, 24, 27, 100]);
      expect(status.umask).toBe('0027');
    });

    it('reads the empty capability sets of a process that changed its uid away from root', () => {
      const { capabilities } = parseStatus(statusText('status/groups'));
      expect(capabilities).toEqual({ capInh: 0n, capPrm: 0n, capEff: 0n, capBnd: 0x000001fffeffffffn, capAmb: 0n });
    });

    it('reads a process stopped by SIGSTOP as "T (stopped)"', () => {
      expect(parseStatus(statusText('status/stopped')).state).toEqual({ code: 'T', description: 'stopped' });
    });

    it('reads a process stopped by its tracer as "t (tracing stop)", TracerPid naming the tracer', () => {
      const status = parseStatus(statusText('status/traced'));
      expect(status.state).toEqual({ code: 't', description: 'tracing stop' });
      expect(status.tracerPid).toBe(8718);
      expect(status.ppid).toBe(8718);
    });

    it('reads the parent of a vfork() waiting for its child as "D (disk sleep)"', () => {
      const status = parseStatus(statusText('status/vfork-parent'));
      expect(status.state).toEqual({ code: 'D', description: 'disk sleep' });
      expect(status.memory).toMatchObject({ vmPeak: 2380, vmSize: 2344 });
    });

    it('reads a zombie: "Z (zombie)", no memory lines and no Umask line (its mm and fs_struct are gone)', () => {
      const status = parseStatus(statusText('status/zombie'));
      expect(status.state).toEqual({ code: 'Z', description: 'zombie' });
      expect(status.kthread).toBe(false);
      expect('memory' in status).toBe(false);
      expect('umask' in status).toBe(false);
      expect('Umask' in status.fields).toBe(false);
      expect(status.fields.FDSize).toBe('0');
    });

    it('reads 4 threads, and a SIGUSR1 blocked by all of them pending for the process (ShdPnd) and counted in SigQ', () => {
      const status = parseStatus(statusText('status/threads'));
      expect(status.threads).toBe(4);
      expect(status.sigQ).toEqual({ queued: 1, limit: 96365 });
      expect(status.signals).toMatchObject({ sigPnd: 0n, shdPnd: 0x200n, sigBlk: 0x200n });
    });

    it('reads a SigQ count of two digits: 16 real-time signals queued for the user (12 sent to this process)', () => {
      const status = parseStatus(statusText('status/sigq'));
      expect(status.sigQ).toEqual({ queued: 16, limit: 96362 });
      expect(status.signals).toMatchObject({ sigPnd: 0n, shdPnd: 0x400000000n, sigBlk: 0x400000000n });
    });

    it('reads one id per pid namespace in NStgid, NSpid, NSpgid and NSsid (pid 1 inside its own namespace)', () => {
      const status = parseStatus(statusText('status/pidns'));
      expect(status.tgid).toBe(9891);
      expect(status.nsTgid).toEqual([9891, 1]);
      expect(status.nsPid).toEqual([9891, 1]);
      expect(status.nsPgid).toEqual([9886, 0]);
      expect(status.nsSid).toEqual([3494, 0]);
    });

    it("reads a name with spaces, a tab, a backslash and a newline exactly, undoing the kernel's \\\\ and \\n", () => {
      const text = statusText('status/odd-name');
      expect(text.split('\n')[0]).toBe('Name:\t a\tb\\\\c\\nd ');
      const status = parseStatus(text);
      expect(status.name).toBe(' a\tb\\c\nd ');
      expect(status.fields.Name).toBe('a\tb\\\\c\\nd');
    });

    it("reads the seed's status, pasted from a terminal with spaces where the tabs were", () => {
      const status = parseStatus(statusText('status/seed-python'));
      expect(status).toMatchObject({ name: 'python', pid: 1397, ppid: 1320, threads: 5, kthread: false });
      expect(status.uid).toEqual([1000, 1000, 1000, 1000]);
      expect(status.groups).toEqual([1000]);
      expect(status.nsTgid).toEqual([1397, 8]);
      expect(status.memory).toMatchObject({ vmHWM: 141868, vmRSS: 114896, rssAnon: 111716, rssFile: 3180, vmSwap: 0 });
      expect(status.sigQ).toEqual({ queued: 0, limit: 3739 });
      expect(status.capabilities.capBnd).toBe(0xa80425fbn);
      expect(status.cpusAllowed).toBe(1n);
      expect(status.cpusAllowedList).toEqual([0]);
    });

    it('keeps lines it does not type, even with an empty value (x86_Thread_features in the seed)', () => {
      const { fields } = parseStatus(statusText('status/seed-python'));
      expect(fields.x86_Thread_features).toBe('');
      expect(fields.Seccomp).toBe('2');
      expect(fields.Speculation_Store_Bypass).toBe('vulnerable');
    });

    it.each(CAPTURES)('keeps every line of %s in fields, value trimmed, in file order', (capture) => {
      const text = statusText(capture);
      const expected = text
        .trimEnd()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
      const { fields } = parseStatus(text);
      expect(Object.entries(fields)).toEqual(expected);
    });

    it.each(CAPTURES)('gives %s exactly the 16 memory keys, or none without memory lines', (capture) => {
      const text = statusText(capture);
      const { memory } = parseStatus(text);
      if (!text.includes('\nVmSize:')) {
        expect(memory).toBeUndefined();
        return;
      }
      expect(Object.keys(memory ?? {}).sort()).toEqual(
        [
          'vmPeak',
          'vmSize',
          'vmLck',
          'vmPin',
          'vmHWM',
          'vmRSS',
          'rssAnon',
          'rssFile',
          'rssShmem',
          'vmData',
          'vmStk',
          'vmExe',
          'vmLib',
          'vmPTE',
          'vmSwap',
          'hugetlbPages',
        ].sort(),
      );
    });
  });

  describe('on edited captures', () => {
    const states: [StateCode, string][] = [
      ['R', 'running'],
      ['S', 'sleeping'],
      ['D', 'disk sleep'],
      ['T', 'stopped'],
      ['t', 'tracing stop'],
      ['X', 'dead'],
      ['Z', 'zombie'],
      ['P', 'parked'],
      ['I', 'idle'],
    ];
    it.each(states)('reads "State:\\t%s (%s)", one of the nine states of task_state_array', (code, description) => {
      const text = editLine(fixtureStatus, 'State', `${code} (${description})`);
      expect(parseStatus(text).state).toEqual({ code, description });
    });

    it("keeps an unknown but well-formed line (a newer kernel's field) and reads the rest as before", () => {
      const text = fixtureStatus.replace('\nThreads:', '\nFuture_field:\tsome value\nThreads:');
      const edited = parseStatus(text);
      const { fields, ...rest } = parseStatus(fixtureStatus);
      expect(edited.fields.Future_field).toBe('some value');
      expect(edited).toMatchObject(rest);
      expect(Object.keys(edited.fields)).toHaveLength(Object.keys(fields).length + 1);
    });

    it('keeps lines named like Object properties (__proto__, constructor) as ordinary fields', () => {
      const text = fixtureStatus.replace('\nThreads:', '\n__proto__:\tx\nconstructor:\ty\nThreads:');
      const { fields } = parseStatus(text);
      expect(Object.entries(fields)).toContainEqual(['__proto__', 'x']);
      expect(Object.entries(fields)).toContainEqual(['constructor', 'y']);
    });

    it('leaves kthread out for an older kernel that prints no Kthread line, and reads the rest', () => {
      const { kthread, fields, ...rest } = parseStatus(fixtureStatus);
      const older = parseStatus(dropLine(fixtureStatus, 'Kthread'));
      expect(kthread).toBe(false);
      expect('kthread' in older).toBe(false);
      expect(older).toMatchObject(rest);
    });

    it('leaves thpEnabled and umask out when their lines are missing, and reads the rest', () => {
      const status = parseStatus(dropLine(dropLine(fixtureStatus, 'THP_enabled'), 'Umask'));
      expect(['thpEnabled' in status, 'umask' in status]).toEqual([false, false]);
      expect(status.memory?.vmRSS).toBe(3572);
    });

    it('reads Kthread 1 and THP_enabled 1 as true, 0 as false', () => {
      const status = parseStatus(editLine(editLine(fixtureStatus, 'Kthread', '1'), 'THP_enabled', '0'));
      expect([status.kthread, status.thpEnabled]).toEqual([true, false]);
      expect(parseStatus(fixtureStatus).thpEnabled).toBe(true);
    });

    it('reads a bitmap of several groups, the most significant first, 32 bits each', () => {
      const text = editLine(editLine(fixtureStatus, 'Cpus_allowed', '1,00000003'), 'Mems_allowed', 'ff,0,80000000');
      const status = parseStatus(text);
      expect(status.cpusAllowed).toBe(0x100000003n);
      expect(status.memsAllowed).toBe(0xff_00000000_80000000n);
    });

    it('reads CRLF line ends as it reads LF', () => {
      expect(parseStatus(fixtureStatus.replaceAll('\n', '\r\n'))).toEqual(parseStatus(fixtureStatus));
    });

    it('reads a file without its final newline', () => {
      expect(parseStatus(fixtureStatus.trimEnd())).toEqual(parseStatus(fixtureStatus));
    });

    it.each(['Name', 'State', 'Pid', 'PPid', 'Uid', 'Groups', 'NStgid', 'SigQ', 'CapEff', 'Cpus_allowed_list'])(
      'throws ParseError pointing past the last line when the %s line is missing',
      (key) => {
        const text = dropLine(fixtureStatus, key);
        expect(parseErrorOf(text).line).toBe(text.trimEnd().split('\n').length + 1);
      },
    );

    it('throws ParseError when some memory lines are there and VmSwap is not: task_mem() prints all 16 or none', () => {
      expect(parseErrorOf(dropLine(fixtureStatus, 'VmSwap')).line).toBe(lineOf(fixtureStatus, 'VmPeak'));
    });

    it.each(['VmPeak', 'HugetlbPages', 'RssShmem'])(
      'throws ParseError at the first memory line when %s alone is missing',
      (key) => {
        const text = dropLine(fixtureStatus, key);
        const first = key === 'VmPeak' ? 'VmSize' : 'VmPeak';
        expect(parseErrorOf(text).line).toBe(lineOf(text, first));
      },
    );

    it.each([
      ['VmRSS', '    3572 MB', 'another unit'],
      ['VmRSS', '    3572', 'no unit'],
      ['VmRSS', '99999999999999999 kB', 'a size beyond 2^53'],
      ['Tgid', '99999999999999999999', 'a number beyond 2^53'],
      ['PPid', '-1', 'a negative number'],
      ['Threads', '4.5', 'a fraction'],
      ['Uid', '0\t0\t0', 'three ids'],
      ['Gid', '0\t0\t0\t0\t0', 'five ids'],
      ['Groups', '4 x ', 'a word among the groups'],
      ['NSpid', '13870\t-', 'a dash'],
      ['CapEff', 'zz', 'not hexadecimal'],
      ['SigBlk', '', 'nothing'],
      ['SigQ', '0', 'no limit'],
      ['THP_enabled', '2', 'neither 0 nor 1'],
      ['Kthread', 'yes', 'neither 0 nor 1'],
      ['Umask', '22', 'not printed as %#04o'],
      ['State', 'R (sleeping)', 'a letter with the words of another'],
      ['State', 'W (waking)', 'a state this kernel does not have'],
      ['State', 'S', 'no words'],
      ['Cpus_allowed_list', '1-0', 'a range that runs backwards'],
      ['Cpus_allowed', '3g', 'not hexadecimal'],
      ['Mems_allowed', '000000001,00000001', 'a group of 9 digits'],
      ['Name', 'a\\tb', 'a backslash the kernel never writes'],
      ['Name', 'abc\\', 'a lone backslash at the end'],
      ['Pid', '1e3', 'an exponent'],
      ['Pid', '0x10', 'hexadecimal'],
      ['Pid', '12.0', 'a decimal point'],
      ['Pid', '+12', 'a plus sign'],
      ['Pid', '12 13', 'two numbers'],
      ['Threads', '', 'nothing'],
      ['State', 'SS (sleeping)', 'two letters'],
      ['State', 'S (sleeping)x', 'junk after the parenthesis'],
      ['State', 'S sleeping', 'no parentheses'],
      ['Umask', '0022x', 'junk after the digits'],
      ['Kthread', '01', 'two digits'],
      ['State', 'S  (sleeping)', 'two blanks before the words'],
      ['State', 's (sleeping)', 'a lower-case letter the kernel does not print'],
      ['Umask', '00022', 'four octal digits after the 0'],
      ['Umask', '0028', 'an 8 in octal'],
      ['Umask', '022', 'no leading 0 of %#04o … with only two digits after it'],
      ['SigQ', '-1/100', 'a negative count'],
      ['SigQ', '1/-100', 'a negative limit'],
      ['SigQ', '1 / 100', 'blanks around the slash'],
      ['SigQ', '1/100/3', 'a third number'],
      ['SigQ', '1/99999999999999999999', 'a limit beyond 2^53'],
      ['Uid', '0 0 0 0 0', 'five ids'],
      ['Groups', '4,24', 'commas'],
      ['SigPnd', '0x0000000000000000', 'a 0x the kernel does not print'],
      ['CapEff', '1fffeffffff', 'fewer than 16 digits'],
      ['SigIgn', 'FFFFFFFFFFFFFFFF', 'upper-case digits'],
      ['SigCgt', '00000000000000000', '17 digits'],
      ['Mems_allowed', '00000001,', 'an empty group'],
      ['Cpus_allowed_list', '0-1,', 'an empty item'],
    ])('throws ParseError on the %s line for %j (%s)', (key, value) => {
      expect(parseErrorOf(editLine(fixtureStatus, key, value)).line).toBe(lineOf(fixtureStatus, key));
    });

    it('throws ParseError on a line without a colon, with its line number', () => {
      const lines = fixtureStatus.split('\n');
      lines.splice(4, 0, 'garbage');
      expect(parseErrorOf(lines.join('\n')).line).toBe(5);
    });

    it('throws ParseError on a blank before a key, with its line number', () => {
      expect(parseErrorOf(fixtureStatus.replace('\nPid:', '\n Pid:')).line).toBe(lineOf(fixtureStatus, 'Pid'));
      expect(parseErrorOf(fixtureStatus.replace('\nPid:', '\n\tPid:')).line).toBe(lineOf(fixtureStatus, 'Pid'));
    });

    it('throws ParseError on a key with no tab or space after its colon', () => {
      expect(parseErrorOf(fixtureStatus.replace('Tgid:\t', 'Tgid:')).line).toBe(lineOf(fixtureStatus, 'Tgid'));
      expect(parseErrorOf(fixtureStatus.replace('Groups:\t', 'Groups:4')).line).toBe(lineOf(fixtureStatus, 'Groups'));
      expect(parseErrorOf(fixtureStatus.replace('Seccomp:\t', 'Seccomp:')).line).toBe(lineOf(fixtureStatus, 'Seccomp'));
    });

    it('throws ParseError on a blank line in the middle', () => {
      expect(parseErrorOf(fixtureStatus.replace('\nTgid:', '\n\nTgid:')).line).toBe(lineOf(fixtureStatus, 'Tgid'));
    });

    it('throws ParseError on a key that appears twice, at the second one', () => {
      const text = fixtureStatus.replace('\nThreads:\t1\n', '\nThreads:\t1\nThreads:\t2\n');
      expect(parseErrorOf(text).line).toBe(lineOf(fixtureStatus, 'Threads') + 1);
    });

    it('throws ParseError for an empty text', () => {
      expect(parseErrorOf('').line).toBe(1);
    });
  });

  describe('fuzz', () => {
    it('returns a ProcStatus or throws ParseError with a line, whatever the text', () => {
      const oddChars = fc.constantFrom('\u2028', '\u00a0', '\ufeff', 'é', ':', '\t', '\n', '\r', ' ', 'k', 'B', '1');
      const text = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary-ascii', maxLength: 200 }),
        fc.string({ unit: oddChars, maxLength: 200 }),
      );
      fc.assert(fc.property(text, valueOrParseError));
    });

    it('returns a ProcStatus or throws ParseError for any mix of status keys and values', () => {
      const keys = fc.constantFrom(
        ...fixtureStatus
          .trimEnd()
          .split('\n')
          .map((line) => line.split(':')[0]!),
        'New',
      );
      const values = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9a-f ,/()-]{0,12}( kB)?$/));
      const line = fc.tuple(keys, values).map(([key, value]) => `${key}:\t${value}`);
      fc.assert(fc.property(fc.array(line, { maxLength: 80 }), (lines) => valueOrParseError(lines.join('\n'))));
    });

    it('returns a ProcStatus or throws ParseError for every real capture cut short anywhere', () => {
      const captures = fc.constantFrom(...CAPTURES).map(statusText);
      fc.assert(
        fc.property(captures, fc.double({ min: 0, max: 1, noNaN: true }), (text, at) =>
          valueOrParseError(text.slice(0, Math.floor(at * text.length))),
        ),
      );
    });

    it('returns a ProcStatus or throws ParseError when any line of a real capture gets a strange value', () => {
      const strange = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.bigInt({ min: 0n, max: 2n ** 80n }).map(String),
        fc.bigInt({ min: 0n, max: 2n ** 80n }).map((n) => kbValue(Number(n))),
        fc.bigInt({ min: 0n, max: 2n ** 80n }).map((n) => n.toString(16)),
        fc.constantFrom('', ' ', '\t', '0-', '1-0', '0/', 'S (', 'kB', '3572 kB\r', '0\t0', '\\', '\\x'),
      );
      const captures = fc.constantFrom(...CAPTURES).map(statusText);
      fc.assert(
        fc.property(captures, fc.nat(), strange, fc.boolean(), (text, which, value, crlf) => {
          const lines = text.trimEnd().split('\n');
          const index = which % lines.length;
          const line = lines[index]!;
          lines[index] = `${line.slice(0, line.indexOf(':'))}:\t${value}`;
          return valueOrParseError(lines.join(crlf ? '\r\n' : '\n'));
        }),
      );
    });
  });
});
