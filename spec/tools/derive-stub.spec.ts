import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveStub, StubError } from '../../scripts/lib/derive-stub.mjs';

const reference = `import { formatHex } from '#kata/01-pages-and-units';
import { ParseError } from '#shared/errors';
import type { Frame } from './frame.ts';

/** The largest order. */
export const MAX_ORDER = 10;

// The mask of an order: used only by the code.
const mask = (order: number) => (1 << order) - 1;

/** What went wrong. */
export class AllocatorError extends Error {
  override readonly name = 'AllocatorError';
}

/** A type the kata gives. */
export interface Block {
  pfn: number;
  order: number;
}

/** The buddy of a block: buddyOf(10, 0) → 11. */
export function buddyOf(pfn: number, order: number): number {
  // Stryker disable next-line ArithmeticOperator: equivalent
  return pfn ^ (1 << order) ^ mask(0);
}

/** Halves it. */
export const half = (n: number): number => n >> 1;

/** Hands out blocks. */
export class Allocator {
  readonly pages: number;
  #free: Block[] = [];
  private count = 0;

  /** Makes one. */
  constructor({ pages }: { pages: number }) {
    this.pages = pages;
  }

  /** One block of this order, or null. */
  alloc(order: number): number | null {
    if (order > MAX_ORDER) throw new ParseError(formatHex(1n), 1);
    return this.#take(order);
  }

  get size(): number {
    return this.count;
  }

  set size(value: number) {
    this.count = value;
  }

  #take(order: number): number | null {
    return this.#free.pop()?.pfn ?? order;
  }
}
`;

describe('deriveStub', () => {
  const stub = deriveStub(reference, 'x.ts');

  it('turns every exported function body into notImplemented, named as the spec runner expects', () => {
    expect(stub).toContain(
      "export function buddyOf(pfn: number, order: number): number {\n  return notImplemented('buddyOf');\n}",
    );
    expect(stub).toContain("export const half = (n: number): number => notImplemented('half');");
  });

  it("stubs a class's constructor, methods and accessors, and drops its private members", () => {
    expect(stub).toContain("constructor({ pages }: { pages: number }) {\n  notImplemented('Allocator');\n}");
    expect(stub).toContain("alloc(order: number): number | null {\n  return notImplemented('Allocator.alloc');\n}");
    expect(stub).toContain("get size(): number {\n  return notImplemented('Allocator.size');\n}");
    expect(stub).toContain("set size(value: number) {\n  notImplemented('Allocator.size');\n}");
    expect(stub).not.toMatch(/#free|#take|private count/);
    expect(stub).toContain('readonly pages: number;');
  });

  it('keeps the given types, constants, error classes and doc comments', () => {
    expect(stub).toContain('/** The largest order. */\nexport const MAX_ORDER = 10;');
    expect(stub).toContain(
      "export class AllocatorError extends Error {\n  override readonly name = 'AllocatorError';\n}",
    );
    expect(stub).toContain('/** A type the kata gives. */\nexport interface Block {');
    expect(stub).toContain('/** The buddy of a block: buddyOf(10, 0) → 11. */');
  });

  it("drops the reference's helpers with their comments, its Stryker markers, and the imports only they used", () => {
    expect(stub).not.toContain('mask');
    expect(stub).not.toContain('used only by the code');
    expect(stub).not.toContain('Stryker');
    expect(stub).not.toContain("from '#kata/01-pages-and-units'");
    expect(
      stub.startsWith("import { notImplemented } from '#shared/errors';\nimport type { Frame } from './frame.ts';") ||
        stub.startsWith("import { notImplemented } from '#shared/errors';\n"),
    ).toBe(true);
  });

  it('derives exactly the stubs Part I was written with (up to one kept comment)', () => {
    for (const kata of ['01-pages-and-units', '03-smaps', '04-status', '05-smem']) {
      for (const file of readdirSync(`solutions/${kata}`).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
        const derived = deriveStub(readFileSync(`solutions/${kata}/${file}`, 'utf8'), file);
        const names = (text: string) => [...text.matchAll(/notImplemented\('([^']+)'\)/g)].map((m) => m[1]).sort();
        expect(names(derived), `${kata}/${file}`).toEqual(names(readFileSync(`katas/${kata}/${file}`, 'utf8')));
      }
    }
  });

  it('stubs a class given as a const (a class with private state behind an interface), and void methods without return', () => {
    const stubbed = deriveStub(
      [
        'export interface Table { map(va: bigint): void; size(): number }',
        'export class TableError extends Error {',
        '  constructor(readonly code: string) {',
        '    super(code);',
        '  }',
        '}',
        'export const Table: new () => Table = class {',
        '  #pages = 0;',
        '  map(va: bigint): void {',
        '    this.#pages++;',
        '  }',
        '  size(): number {',
        '    return this.#pages;',
        '  }',
        '};',
        'export function clear(t: Table): void {',
        '  t.map(0n);',
        '}',
        '',
      ].join('\n'),
      't.ts',
    );
    expect(stubbed).toContain("map(va: bigint): void {\n  notImplemented('Table.map');\n}");
    expect(stubbed).toContain("size(): number {\n  return notImplemented('Table.size');\n}");
    expect(stubbed).toContain("export function clear(t: Table): void {\n  notImplemented('clear');\n}");
    expect(stubbed).toContain('constructor(readonly code: string) {\n    super(code);'); // the given error class, whole
    expect(stubbed).not.toContain('#pages');
  });

  it('refuses a file that does not parse, with a StubError naming it', () => {
    expect(() => deriveStub('export function (', 'broken.ts')).toThrow(StubError);
    expect(() => deriveStub('export function (', 'broken.ts')).toThrow('broken.ts does not parse');
  });
});
