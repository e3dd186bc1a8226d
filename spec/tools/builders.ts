/** Small builders of run results for the tools' specs. */
import type { Kata } from '../../scripts/lib/manifest.mjs';
import type { RunResult, SpecResult } from '../../scripts/lib/run-specs.mjs';

export const kata1: Kata = {
  number: 1,
  slug: '01-pages-and-units',
  title: 'pages and units',
  part: 'I',
  points: 5,
  timeoutSeconds: 5,
  hints: {
    pagesToKb: { nudge: ['pages nudge'], approach: ['pages approach'], 'near-solution': ['pages near'] },
    parseKb: { nudge: ['parseKb nudge'], approach: ['parseKb approach'], 'near-solution': ['parseKb near'] },
  },
};

export function spec(overrides: Partial<SpecResult> = {}): SpecResult {
  return {
    project: 'katas',
    slug: kata1.slug,
    file: 'spec/01-pages-and-units/1-units.spec.ts',
    describe: 'parseKb',
    name: 'reads a value',
    fullName: 'parseKb > reads a value',
    state: 'passed',
    errors: [],
    durationMs: 1,
    ...overrides,
  };
}

export function runOf(specs: SpecResult[], loadFailures: RunResult['loadFailures'] = []): RunResult {
  return { specs, loadFailures, unhandled: [], durationMs: 10 };
}
