/**
 * Runs before every spec file of the `katas` project (the learner's tree), after setup.ts and before the spec
 * imports the learner's module. It keeps the learner's code from changing how the specs judge it:
 * - it freezes what an assertion goes through (the matchers, chai's Assertion methods, the equality testers)
 *   and the built-ins they and the loop guard use, so a learner's module that patches them fails to load;
 * - it defines the check every dynamic `import(x)` in the learner's code goes through (scripts/lib/import-guard.mjs
 *   rewrites them), which refuses a specifier computed at run time that reaches into spec/, solutions/ or the
 *   test framework;
 * - after every spec it checks that nothing it could not freeze was replaced (fast-check's settings, the loop
 *   guard, Object.is …) and, after the last spec of a file, that a false assertion still fails. A change is a
 *   GradingIntegrityError, which fails the spec, and `npm run grade` refuses the kata (never full marks).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, afterEach, expect } from 'vitest';
import { refusal } from '../../scripts/lib/import-rules.mjs';

/** The name `npm run grade` looks for (scripts/lib/grading.mjs INTEGRITY_ERROR). */
export class GradingIntegrityError extends Error {
  override readonly name = 'GradingIntegrityError';
}

type Global = typeof globalThis & { __memkataLoopGuard?: () => void; [key: symbol]: unknown };
const global = globalThis as Global;

const MATCHERS = Symbol.for('$$jest-matchers-object');
const matchersObject = global[MATCHERS] as { matchers?: object; customEqualityTesters?: unknown[] } | undefined;
const asymmetricMatchers = global[Symbol.for('asymmetric-matchers-object')] as object | undefined;
const assertionPrototype = Object.getPrototypeOf(expect(0)) as object;
// @vitest/expect defines the matchers' registry as a configurable getter: pin it.
const registry = Object.getOwnPropertyDescriptor(globalThis, MATCHERS);
if (registry?.configurable) Object.defineProperty(globalThis, MATCHERS, { ...registry, configurable: false });

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!Object.getOwnPropertyDescriptor(globalThis, '__memkataCheckImport')) {
  Object.defineProperty(globalThis, '__memkataCheckImport', {
    value: (specifier: unknown, from: string) => {
      const text = String(specifier);
      const file = from.startsWith('file:') ? fileURLToPath(from) : from;
      const why = refusal(text, file, root);
      if (why) throw new Error(`${relative(root, file)} ${why}: memkata refuses that in kata code`);
      return text;
    },
    writable: false,
    configurable: false,
  });
}

// Frozen: assigning to them throws in the learner's (strict, ES module) code.
for (const target of [
  assertionPrototype,
  matchersObject?.matchers,
  matchersObject?.customEqualityTesters,
  asymmetricMatchers,
  Object,
  Array,
  Number,
  String,
  Math,
  JSON,
  Reflect,
  Date,
]) {
  if (target) Object.freeze(target);
}

const pristine = {
  fastCheck: JSON.stringify(fc.readConfigureGlobal()),
  loopGuard: global.__memkataLoopGuard,
  registry: Object.getOwnPropertyDescriptor(globalThis, MATCHERS)?.get,
  testers: matchersObject?.customEqualityTesters?.length ?? 0,
  objectIs: Object.is,
  dateNow: Date.now,
};

/** What changed since the spec file started, in plain words (empty: nothing). */
function changes(): string[] {
  const found: string[] = [];
  if (JSON.stringify(fc.readConfigureGlobal()) !== pristine.fastCheck) found.push("fast-check's settings");
  if (global.__memkataLoopGuard !== pristine.loopGuard) found.push('the loop guard');
  if (Object.getOwnPropertyDescriptor(globalThis, MATCHERS)?.get !== pristine.registry) found.push("expect's matchers");
  if ((matchersObject?.customEqualityTesters?.length ?? 0) !== pristine.testers) found.push("expect's equality");
  if (Object.is !== pristine.objectIs || Date.now !== pristine.dateNow) found.push('a built-in function');
  return found;
}

afterEach(() => {
  const found = changes();
  if (found.length > 0) {
    throw new GradingIntegrityError(
      `your code changed ${found.join(', ')} while the specs ran: the specs cannot judge it (grading gives this kata no points)`,
    );
  }
});

afterAll(() => {
  // A false assertion must still fail, whatever the learner's code did to the objects assertions use.
  const mustFail: [string, () => void][] = [
    ['toBe', () => expect(1).toBe(2)],
    ['toEqual', () => expect({ a: [1, 2] }).toEqual({ a: [1, 3] })],
    ['toThrow', () => expect(() => 0).toThrow(Error)],
  ];
  const broken = mustFail.filter(([, check]) => {
    try {
      check();
      return true;
    } catch {
      return false;
    }
  });
  if (broken.length > 0) {
    throw new GradingIntegrityError(
      `a false assertion passed after your code ran (${broken.map(([name]) => name).join(', ')}): your code changed how the specs judge it (grading gives this kata no points)`,
    );
  }
});
