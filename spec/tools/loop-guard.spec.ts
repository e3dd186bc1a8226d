import { describe, expect, it } from 'vitest';
import { guardLoops } from '../../scripts/lib/loop-guard.mjs';

const GUARD = 'globalThis.__memkataLoopGuard?.();';

describe('guardLoops', () => {
  it('puts the guard at the top of every kind of loop body', () => {
    const code = 'for(;;){a()} while(x){b()} do{c()}while(y); for (const k in o){} for (const v of l){}';
    const out = guardLoops(code)?.code ?? '';
    expect(out.split(GUARD)).toHaveLength(6);
    expect(out).toContain(`for(;;){${GUARD}a()}`);
  });

  it('wraps a loop body that is a single statement', () => {
    expect(guardLoops('while (x) y();')?.code).toBe(`while (x) {${GUARD}y();}`);
  });

  it('keeps line numbers: it adds no line breaks', () => {
    const code = 'function f(n) {\n  while (n > 0) {\n    n--;\n  }\n  return n;\n}\n';
    expect(guardLoops(code)?.code.split('\n')).toHaveLength(code.split('\n').length);
  });

  it('leaves code without loops, and code that does not parse, alone', () => {
    expect(guardLoops('const a = 1;')).toBeNull();
    expect(guardLoops('const = ;')).toBeNull();
  });

  it('stops an endless loop once the guard throws', () => {
    const { code } = guardLoops('let n = 0; while (true) { n++; } ') ?? { code: '' };
    let calls = 0;
    const guard = () => {
      if (++calls > 1000) throw new Error('stopped');
    };
    expect(() => new Function('globalThis', code)({ __memkataLoopGuard: guard })).toThrow('stopped');
  });
});
