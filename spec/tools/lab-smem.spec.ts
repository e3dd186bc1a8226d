import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reference from '#kata/05-smem';
import { NotImplementedError, ParseError } from '#shared/errors';
import { fixture } from '#support/fixtures';
import { readSmemInputs } from '../../scripts/lab/proc-source.mjs';
import {
  compareSmem,
  liveTotalsNote,
  type SmemKata,
  smemArgs,
  smemCommand,
  smemProcessInputs,
  smemTable,
  smemTotals,
} from '../../scripts/lab/smem.mjs';

const kata: SmemKata = reference;
// spec/fixtures/lab/swapped: 9 processes made from the real captures, some anonymous pages moved to swap,
// read by real smem 1.5 (README there). The owners are in owners.txt: git does not keep a folder's owner.
const swapped = fileURLToPath(new URL('../fixtures/lab/swapped/proc', import.meta.url));
const owners = fixture('lab/swapped/owners.txt')
  .trim()
  .split('\n')
  .map((line) => line.split(' '));
const names = new Map(owners.map(([, uid, name]) => [Number(uid), name!]));
const uidOf = new Map(owners.map(([pid, uid]) => [Number(pid), Number(uid)]));
const processes = () =>
  smemProcessInputs(
    readSmemInputs(swapped).map((p) => ({ ...p, uid: uidOf.get(p.pid) })),
    names,
  );

describe('smemTable', () => {
  it('prints the very table real `smem -t -s swap -r` printed for the same tree, biggest swapper first', () => {
    const table = smemTable(kata, processes(), { sort: 'swap', reverse: true });
    expect(table).toEqual({ ok: true, value: fixture('lab/swapped/smem-t-s-swap-r.txt') });
  });

  it('prints the very table real `smem -t` printed: PSS, smallest first, equal PSS by PID', () => {
    const table = smemTable(kata, processes(), { sort: 'pss', reverse: false });
    expect(table.ok && table.value).toBe(fixture('lab/swapped/smem-t.txt'));
  });

  it('orders the swap column from 104 kB down to 0', () => {
    const table = smemTable(kata, processes(), { sort: 'swap', reverse: true });
    const swaps = table.ok
      ? table.value
          .split('\n')
          .slice(1, 10)
          .map((l) => Number(l.trim().split(/ +/).at(-4)))
      : [];
    expect(swaps).toEqual([104, 92, 68, 52, 28, 20, 20, 16, 0]);
  });

  it('tells the learner to finish kata 5 when measureProcess is still a stub', () => {
    const stub: SmemKata = {
      ...kata,
      measureProcess: () => {
        throw new NotImplementedError('measureProcess');
      },
    };
    const table = smemTable(stub, processes(), { sort: 'swap', reverse: true });
    expect(table.ok).toBe(false);
    if (!table.ok) {
      expect(table.check.verdict).toBe('todo');
      expect(table.check.lines[0]).toBe('measureProcess is not written yet: finish kata 5 first.');
    }
  });

  it('names the process and the smaps line a ParseError points at', () => {
    const refusing: SmemKata = {
      ...kata,
      measureProcess: () => {
        throw new ParseError('an empty line', 2);
      },
    };
    const table = smemTable(refusing, processes(), { sort: 'pss', reverse: false });
    expect(table.ok).toBe(false);
    if (!table.ok) {
      expect(table.check.title).toBe('measureProcess, PID 100');
      expect(table.check.lines[1]).toBe('  line 2: "Size:                  8 kB"');
    }
  });
});

describe('smemProcessInputs', () => {
  it('leaves out the kernel thread (empty cmdline) and the process whose smaps is unreadable', () => {
    const pids = processes().map((p) => p.pid);
    expect(pids).toEqual([100, 137, 174, 211, 248, 285, 322, 359, 4194000]);
  });

  it('shows a uid without a name as the number, as smem does', () => {
    expect(processes().find((p) => p.pid === 285)?.user).toBe('4242');
  });
});

describe('smemCommand', () => {
  it('turns the NULs of cmdline into spaces and drops the last one', () => {
    expect(smemCommand('sleep\u0000600\u0000')).toBe('sleep 600');
  });

  it('drops the last character even when it is not a NUL (a process that rewrote its argv)', () => {
    expect(smemCommand('nginx: worker process')).toBe('nginx: worker proces');
  });

  it('shows an unreadable cmdline as "?" and a kernel thread as ""', () => {
    expect([smemCommand(undefined), smemCommand('')]).toEqual(['?', '']);
  });

  // Any Unicode scalar value but NUL, astral ones (two UTF-16 units) included.
  const codePoint = fc
    .integer({ min: 1, max: 0x10ffff })
    .filter((cp) => cp < 0xd800 || cp > 0xdfff)
    .map((cp) => String.fromCodePoint(cp));
  const noNul = fc.array(codePoint).map((chars) => chars.join(''));

  it('drops one whole character, never half of a surrogate pair (Python slices code points)', () => {
    fc.assert(fc.property(noNul, codePoint, (body, last) => smemCommand(body + last) === body));
  });

  it('joins the arguments with spaces', () => {
    fc.assert(fc.property(fc.array(noNul), (args) => smemCommand(`${args.join('\u0000')}\u0000`) === args.join(' ')));
  });
});

describe('compareSmem', () => {
  const real = fixture('lab/swapped/smem-t-s-swap-r.txt');

  it('passes the same table', () => {
    expect(compareSmem(real, real, 'smem -t -s swap -r').verdict).toBe('pass');
  });

  it('names the line when one row differs, and points at kata 5', () => {
    const ours = real.replace('  359 root     bash    ', '  359 root     -bash   ');
    const check = compareSmem(real, ours, 'smem -t -s swap -r');
    expect(check.verdict).toBe('fail');
    expect(check.kata).toBe(5);
    expect(check.diff?.rows.map((r) => r.line)).toEqual([9]);
  });

  it('notices a missing trailing space', () => {
    const ours = real.replace(/ \n/g, '\n');
    // the header, 9 rows and the totals; the line of dashes has none
    expect(compareSmem(real, ours, 'smem -t').diff?.rows).toHaveLength(11);
  });
});

describe('smemTotals', () => {
  it('reads the totals row of a real smem -t table', () => {
    expect(smemTotals(fixture('lab/swapped/smem-t.txt'))).toEqual({
      processes: 9,
      users: 5,
      swap: 400,
      uss: 8132,
      pss: 11483,
      rss: 27764,
    });
  });
});

describe('liveTotalsNote', () => {
  it('is a note that says live numbers drift, never a failure', () => {
    const real = fixture('lab/swapped/smem-t.txt');
    const note = liveTotalsNote(real, real.replace('11483', '11500'));
    expect(note.verdict).toBe('note');
    expect(note.lines[0]).toBe('smem: 9 processes, 5 users, swap 400 kB, USS 8132 kB, PSS 11483 kB, RSS 27764 kB');
    expect(note.lines.join(' ')).toContain('Live numbers drift');
  });
});

describe('smemArgs', () => {
  it('asks smem for the order the lab used', () => {
    expect([smemArgs({ sort: 'swap', reverse: true }), smemArgs({ sort: 'pss', reverse: false })]).toEqual([
      ['-t', '-s', 'swap', '-r'],
      ['-t', '-s', 'pss'],
    ]);
  });
});
