// @ts-check
/**
 * Type-checks the learner's tree with the TypeScript compiler (tsc -p tsconfig.json, ~0.4 s) and returns the
 * diagnostics as { file, line, column, message }. The runner starts it next to the specs and shows only the
 * diagnostics in the kata being run.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** @typedef {{ file: string, line: number, column: number, code: string, message: string }} Diagnostic */

const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * @param {string} [project] tsconfig file
 * @returns {Promise<Diagnostic[]>}
 */
export function typecheck(project = 'tsconfig.json') {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSC, '-p', project, '--pretty', 'false'],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout) => resolve(parseDiagnostics(String(stdout))),
    );
  });
}

/**
 * @param {string} output tsc --pretty false output
 * @returns {Diagnostic[]}
 */
export function parseDiagnostics(output) {
  /** @type {Diagnostic[]} */
  const out = [];
  for (const line of output.split('\n')) {
    const m = LINE.exec(line.trimEnd());
    if (m)
      out.push({ file: m[1] ?? '', line: Number(m[2]), column: Number(m[3]), code: m[4] ?? '', message: m[5] ?? '' });
    else if (line.startsWith('  ')) {
      const last = out.at(-1);
      if (last) last.message += `\n${line.trimEnd()}`;
    }
  }
  return out;
}
