// @ts-check
/**
 * One run of the dev check: the spec run on both trees (plus, when asked, the tools project), the layout and
 * the contract. Shared by `npm run check` and `npm test`, so `npm test` starts vitest only once.
 */
import { checkContracts, checkLayout, compareTrees } from './dev-check.mjs';
import { openTree } from './load-kata.mjs';
import { allKatas } from './manifest.mjs';
import { runSpecs } from './run-specs.mjs';

/**
 * @param {{ withTools?: boolean }} [options]
 */
export async function runDevCheck({ withTools = false } = {}) {
  const katas = allKatas();
  const projects = withTools ? ['katas', 'solutions', 'tools'] : ['katas', 'solutions'];
  const { result } = await runSpecs({ projects });
  if (!result) throw new Error('vitest did not report a run');
  const trees = compareTrees(result);
  const layout = checkLayout(katas);

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
