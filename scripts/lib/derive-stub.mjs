// @ts-check
/**
 * Derives a learner's stub from a reference file (`npm run stub -- N`), so a stub never drifts from its
 * reference's signatures: the same imports, types, constants, error classes and doc comments; every exported
 * function's body — and every public method's, getter's and constructor's of an exported class — becomes
 * `return notImplemented('name')`; what only the reference needs (non-exported helper functions and
 * constants, private members, comments inside bodies, Stryker markers) goes. Pure: text in, text out. The
 * maintainer reads and edits the result (a doc comment may need a line for the learner).
 */
import MagicString from 'magic-string';
import { parseSync } from 'rolldown/utils';

export class StubError extends Error {
  /** @override */
  name = 'StubError';
}

/**
 * @param {string} code a reference file (TypeScript)
 * @param {string} filename for error messages
 * @returns {string} the stub
 */
export function deriveStub(code, filename) {
  const { program, comments, errors } = parseSync(filename, code, { lang: 'ts' });
  if (errors.length > 0) throw new StubError(`${filename} does not parse: ${errors[0]?.message}`);
  const out = new MagicString(code);
  /** @type {{ start: number, end: number }[]} top-level statements removed, for their comments */
  const removed = [];
  let needsNotImplemented = false;
  const body = (/** @type {any} */ node, /** @type {string} */ name, /** @type {boolean} */ returns) => {
    needsNotImplemented = true;
    const call = `notImplemented(${JSON.stringify(name).replaceAll('"', "'")});`;
    out.overwrite(node.start, node.end, `{\n  ${returns ? 'return ' : ''}${call}\n}`);
  };

  /** @type {any[]} */
  const statements = program.body;
  /** @type {any[]} non-exported statements: helpers of the reference, or constants kept code needs */
  const candidates = [];
  for (const statement of statements) {
    if (statement.type === 'ImportDeclaration') continue;
    if (isType(statement)) {
      candidates.push(statement); // a type of the reference's own: kept while something kept names it
      continue;
    }
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      const d = statement.declaration;
      if (!d) continue; // export { … } from …
      if (d.type === 'FunctionDeclaration' && d.body) body(d.body, d.id.name, !returnsVoid(d));
      else if (d.type === 'ClassDeclaration' && !isErrorClass(d)) stubClass(d, d.id.name, out, body, code);
      else if (d.type === 'VariableDeclaration') {
        for (const v of d.declarations) {
          const init = v.init;
          if (init?.type === 'ClassExpression' && !isErrorClass(init)) {
            // `export const PageTable: new (…) => PageTable = class { … }`: a class with private state whose
            // type is an interface (kata 09), stubbed like a class declaration.
            stubClass(init, v.id.name, out, body, code);
          } else if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
            if (init.body.type === 'BlockStatement') body(init.body, v.id.name, !returnsVoid(init));
            else {
              needsNotImplemented = true;
              out.overwrite(init.body.start, init.body.end, `notImplemented('${v.id.name}')`);
            }
          }
        }
      }
      continue;
    }
    candidates.push(statement);
  }
  // A non-exported statement stays only while what remains names it (a constant a kept type or constant
  // uses); removing one may free another, so repeat until nothing changes.
  let changed = true;
  while (changed) {
    changed = false;
    const text = withoutComments(out.toString());
    for (const statement of candidates) {
      if (removed.includes(statement)) continue;
      const own = withoutComments(out.slice(statement.start, statement.end));
      const used = declaredNames(statement).some((/** @type {string} */ n) => {
        const name = new RegExp(`(?<![\\w$])${n.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
        return (text.match(name)?.length ?? 0) > (own.match(name)?.length ?? 0);
      });
      if (used && (statement.type === 'VariableDeclaration' || isType(statement))) continue;
      removed.push(statement);
      out.remove(statement.start, statement.end);
      changed = true;
    }
  }

  // Comments: those inside removed code went with it. The comments right above a removed statement (no
  // blank line between) go with it, and so does every Stryker marker.
  const sorted = [...comments].sort((a, b) => b.start - a.start);
  for (const statement of removed) {
    // A comment at the end of the removed statement's last line goes with it.
    for (const c of comments) {
      if (
        c.start >= statement.end &&
        /^[ \t]*$/.test(code.slice(statement.end, c.start)) &&
        !isRemovedRange(out, c.start, c.end)
      )
        out.remove(c.start, c.end);
    }
    let anchor = statement.start;
    for (const c of sorted) {
      if (c.end > anchor) continue;
      const gap = code.slice(c.end, anchor);
      if (!/^[ \t]*\n?[ \t]*$/.test(gap)) break;
      if (!isRemovedRange(out, c.start, c.end)) out.remove(c.start, c.end);
      anchor = c.start;
    }
  }
  for (const c of comments) {
    if (/Stryker (?:disable|restore)/.test(code.slice(c.start, c.end)) && !isRemovedRange(out, c.start, c.end)) {
      out.remove(c.start, c.end);
    }
  }

  // Imports only the removed bodies used go too (the learner adds what their own code needs).
  const withoutImports = () => {
    let t = out.toString();
    for (const s of statements) if (s.type === 'ImportDeclaration') t = t.replace(out.slice(s.start, s.end), '');
    return t;
  };
  // Names in comments do not count: a doc comment may show `new ParseError(…)` to the learner.
  const rest = withoutComments(withoutImports());
  for (const s of statements) {
    if (s.type !== 'ImportDeclaration' || s.specifiers.length === 0) continue;
    const used = s.specifiers.filter((/** @type {any} */ sp) =>
      new RegExp(`(?<![\\w$.])${sp.local.name.replace(/\$/g, '\\$')}(?![\\w$])`).test(rest),
    );
    if (used.length === s.specifiers.length) continue;
    if (used.length === 0) {
      out.remove(s.start, s.end);
      continue;
    }
    const named = used.filter((/** @type {any} */ sp) => sp.type === 'ImportSpecifier');
    if (named.length !== used.length) continue; // default or namespace imports: leave the line as written
    const typeOnly = s.importKind === 'type' || named.every((/** @type {any} */ sp) => sp.importKind === 'type');
    const list = named
      .map((/** @type {any} */ sp) => {
        const imported = sp.imported.name ?? sp.imported.value;
        const name = imported === sp.local.name ? imported : `${imported} as ${sp.local.name}`;
        return !typeOnly && sp.importKind === 'type' ? `type ${name}` : name;
      })
      .join(', ');
    out.overwrite(
      s.start,
      s.end,
      `import ${typeOnly ? 'type ' : ''}{ ${list} } from ${code.slice(s.source.start, s.source.end)};`,
    );
  }

  let text = out.toString().replace(/^\s+/, '');
  if (
    needsNotImplemented &&
    !/\bnotImplemented\b[^(]/.test(
      text
        .split('\n')
        .filter((l) => l.startsWith('import'))
        .join('\n'),
    )
  ) {
    const shared = /^import \{([^}]*)\} from '#shared\/errors';$/m.exec(text);
    if (shared) {
      const names = new Set(
        (shared[1] ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      );
      names.add('notImplemented');
      text = text.replace(shared[0], `import { ${[...names].sort().join(', ')} } from '#shared/errors';`);
    } else {
      text = `import { notImplemented } from '#shared/errors';\n${text.startsWith('import ') ? '' : '\n'}${text}`;
    }
  }
  // Blank lines left where statements were removed: none between the imports at the top, at most one in a
  // row elsewhere, and the file ends in one newline.
  text = text.trim();
  const between = /^((?:import [^;]*;\n)*)\n+(?=import )/;
  while (between.test(text)) text = text.replace(between, '$1');
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** Names in comments do not count: a doc comment may mention a helper or `new ParseError(…)`. */
function withoutComments(/** @type {string} */ text) {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
}

/**
 * @param {MagicString} out
 * @param {number} start
 * @param {number} end
 */
function isRemovedRange(out, start, end) {
  try {
    return out.slice(start, end) === '';
  } catch {
    return true;
  }
}

/**
 * A function or method declared to return `void`: its stub calls notImplemented without `return` (Biome's
 * noVoidTypeReturn refuses a returned value there).
 * @param {any} fn
 */
function returnsVoid(fn) {
  return fn.returnType?.typeAnnotation?.type === 'TSVoidKeyword';
}

/**
 * `class X extends Error`: an error class the kata gives, kept whole.
 * @param {any} c a class declaration or expression
 */
function isErrorClass(c) {
  return c.superClass?.type === 'Identifier' && /Error$/.test(c.superClass.name);
}

/**
 * @param {any} d a class declaration or class expression
 * @param {string} className the name the stubs use (`notImplemented('PageTable.map')`)
 * @param {MagicString} out
 * @param {(node: any, name: string, returns: boolean) => void} body
 * @param {string} code
 */
function stubClass(d, className, out, body, code) {
  for (const m of d.body.body) {
    const isPrivate = m.accessibility === 'private' || m.key?.type === 'PrivateIdentifier';
    if (isPrivate) {
      out.remove(m.start, m.end);
      continue;
    }
    if (m.type === 'MethodDefinition' && m.value?.body) {
      const name =
        m.kind === 'constructor' ? className : `${className}.${m.key.name ?? code.slice(m.key.start, m.key.end)}`;
      body(m.value.body, name, m.kind !== 'constructor' && m.kind !== 'set' && !returnsVoid(m.value));
    }
  }
}

/** @param {any} s */
function isType(s) {
  return (
    s.type === 'TSTypeAliasDeclaration' ||
    s.type === 'TSInterfaceDeclaration' ||
    s.type === 'TSEnumDeclaration' ||
    s.type === 'TSModuleDeclaration'
  );
}

/** @param {any} s */
function declaredNames(s) {
  if (s.type === 'VariableDeclaration') return s.declarations.map((/** @type {any} */ v) => v.id?.name).filter(Boolean);
  return s.id?.name ? [s.id.name] : [];
}
