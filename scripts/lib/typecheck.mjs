// @ts-check
/**
 * Type-checks the learner's code with the TypeScript compiler and returns the diagnostics as
 * { file, line, column, message }. The runner starts it next to the specs and shows only the diagnostics in
 * the kata being run, so it checks only that kata's folder and spec files (and what they import: the earlier
 * katas it builds on): 0.4 s for kata 1 where the whole tree takes 2 s (docs/performance.md).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths.mjs';

/** @typedef {{ file: string, line: number, column: number, code: string, message: string }} Diagnostic */

const TSC = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/**
 * TypeScript 7's compiler is a native program; `bin/tsc` is a Node script that runs it in a child process.
 * Running the program itself saves starting Node, and a type-check that is cancelled (signal) really stops.
 * @returns {Promise<string[]>} the command line before tsc's own arguments
 */
async function tscCommand() {
  try {
    const { default: getExePath } = await import(
      pathToFileURL(join(repoRoot, 'node_modules', 'typescript', 'lib', 'getExePath.js')).href
    );
    return [getExePath()];
  } catch {
    return [process.execPath, TSC]; // another TypeScript: its bin/tsc through Node
  }
}
/** @type {Promise<string[]> | undefined} */
let command;

/**
 * @param {string} [project] tsconfig file
 * @param {AbortSignal} [signal] stops the type-check (its promise then resolves to no diagnostics)
 * @returns {Promise<Diagnostic[]>}
 */
export async function typecheck(project = 'tsconfig.json', signal) {
  command ??= tscCommand();
  const [file = '', ...args] = await command;
  return new Promise((resolve) => {
    execFile(
      file,
      [...args, '-p', project, '--pretty', 'false'],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, signal },
      (_error, stdout) => resolve(signal?.aborted ? [] : parseDiagnostics(String(stdout))),
    );
  });
}

/**
 * Type-checks one kata: a tsconfig that extends the learner's and includes katas/<slug>/ and spec/<slug>/,
 * kept in node_modules/.cache/memkata/.
 * @param {string} slug e.g. '01-pages-and-units'
 * @param {AbortSignal} [signal] stops the type-check (watch mode: the learner saved again)
 * @returns {Promise<Diagnostic[]>}
 */
export function typecheckKata(slug, signal) {
  const dir = join(repoRoot, 'node_modules', '.cache', 'memkata');
  const config = join(dir, `tsconfig.${slug}.json`);
  const up = (/** @type {string} */ path) => relative(dir, join(repoRoot, path));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    config,
    `${JSON.stringify({ extends: up('tsconfig.json'), include: [up(`katas/${slug}`), up(`spec/${slug}`)] }, null, 2)}\n`,
  );
  return typecheck(config, signal); // tsc names files from its working directory, the repository root
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
