// @ts-check
/**
 * One run of the dev check: the spec run on both trees (plus, when asked, the tools project), the layout and
 * the contract. Shared by `npm run check` and `npm test`, so `npm test` starts vitest only once.
 */
import { checkContracts, checkHintCoverage, checkLayout, compareTrees } from './dev-check.mjs';
import { openTree } from './load-kata.mjs';
import { allKatas } from './manifest.mjs';
import { runSpecs } from './run-specs.mjs';

/**
 * @param {{ withTools?: boolean, only?: import('./manifest.mjs').Kata[], specs?: boolean }} [options]
 *   only: check these katas alone (`npm run check -- 6 7`), their specs, layout and contract;
 *   specs: false skips the spec run (`--no-specs`: the layout, hints and contract in a second or two)
 */
export async function runDevCheck({ withTools = false, only, specs = true } = {}) {
  const katas = only ?? allKatas();
  const projects = withTools ? ['katas', 'solutions', 'tools'] : ['katas', 'solutions'];
  const filters = only ? only.map((k) => `spec/${k.slug}/`) : [];
  // Without isolation the spec files of a worker share one module cache: the dev check (every spec, on both
  // trees) takes 2.2–2.8× less CPU (docs/performance.md). The learner's runs and grading keep isolation.
  const { result } = specs
    ? await runSpecs({ projects, filters, overrides: { isolate: false } })
    : { result: { specs: [], loadFailures: [], unhandled: [], durationMs: 0 } };
  if (!result) throw new Error('vitest did not report a run');
  const trees = compareTrees(result);
  const layout = checkLayout(katas, allKatas());

  /** @type {Record<string, Awaited<ReturnType<typeof openTree>>>} */
  const open = {};
  const valueNames = async (/** @type {'katas' | 'solutions'} */ tree, /** @type {string} */ slug) => {
    open[tree] ??= await openTree(tree);
    try {
      return Object.keys(await open[tree].load(`#kata/${slug}`)).sort();
    } catch {
      return []; // a module that does not load is reported by the spec run already
    }
  };
  const contracts = await checkContracts(katas, valueNames);
  /** @type {import('./dev-check.mjs').Problem[]} */
  const hints = [];
  for (const kata of katas) {
    try {
      open.solutions ??= await openTree('solutions');
      hints.push(...checkHintCoverage(kata, await open.solutions.load(`#kata/${kata.slug}`)));
    } catch {
      // a reference that does not load is reported by the spec run already
    }
  }
  await Promise.all(Object.values(open).map((t) => t.close()));

  const tools = result.specs.filter((s) => s.project === 'tools');
  const toolFailures = [
    ...tools
      .filter((s) => s.state === 'failed')
      .map((s) => ({ kind: 'tool spec fails', message: `${s.file} › ${s.fullName}` })),
    ...result.loadFailures
      .filter((f) => f.project === 'tools')
      .map((f) => ({ kind: 'tool spec does not load', message: f.file })),
  ];
  const problems = [
    ...trees.problems.filter((p) => !/on the tools/.test(p.kind)),
    ...layout,
    ...contracts,
    ...hints,
    ...toolFailures,
  ];
  return {
    problems,
    solutionsPassed: trees.solutionsPassed,
    solutionsFailed: trees.solutionsFailed,
    stubsFailed: trees.stubsFailed,
    toolsPassed: tools.filter((s) => s.state === 'passed').length,
    toolsFailed: toolFailures.length,
    durationMs: result.durationMs,
  };
}

/**
 * @param {Awaited<ReturnType<typeof runDevCheck>>} check
 * @returns {string}
 */
export function renderCheck(check) {
  const lines = [
    `Specs on solutions/: ${check.solutionsPassed} passed, ${check.solutionsFailed} failed`,
    `Specs on the stubs:  ${check.stubsFailed} of ${check.solutionsPassed + check.solutionsFailed} fail, as they must`,
  ];
  if (check.toolsPassed + check.toolsFailed > 0)
    lines.push(`Tool specs:          ${check.toolsPassed} passed, ${check.toolsFailed} failed`);
  if (check.problems.length === 0) {
    lines.push('Dev check: every kata is honest, mirrored and complete.');
  } else {
    lines.push(`Dev check found ${check.problems.length} problem(s):`);
    /** @type {Map<string, { kind: string, message: string }[]>} */
    const byKind = new Map(); // Map.groupBy needs Node 21
    for (const p of check.problems) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
    for (const [kind, list] of byKind) {
      lines.push(`  ${kind}:`);
      for (const p of list.slice(0, 30)) lines.push(`    ${p.message}`);
      if (list.length > 30) lines.push(`    … and ${list.length - 30} more`);
    }
  }
  return lines.join('\n');
}
