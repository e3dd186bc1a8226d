// @ts-check
/**
 * A StrykerJS ignorer plugin: mutants inside the message of `new SomethingError(message, …)` are ignored, and
 * of `new SomethingError('code', message)` (the Part II and III errors put a string code first).
 *
 * An error's message is written for people. The contract a learner's code is held to is the error's class,
 * its `code` and its 1-based `line` — the specs check those and never the wording, so a mutant that only
 * blanks a message (`new ParseError(``, line)`) is not a bug a learner could make that a spec should catch.
 * Everything else in the `new` expression (the line number, the other arguments) is still mutated. The
 * report lists these mutants as "Ignored" with this reason; they are not part of the score.
 *
 * No import of @stryker-mutator/api: a plugin is a plain { kind, name, value } object, and this file must
 * type-check where Stryker is not installed.
 */

const REASON = "an error's message is for people; specs check the error's class, code and line, not its words";

/**
 * @param {any} path a Babel NodePath
 * @returns {string | undefined}
 */
export function shouldIgnore(path) {
  return isMessageArgument(path) || isPassedOnlyToMessages(path) ? REASON : undefined;
}

/**
 * The message argument of `new SomethingError(…)`. Usually the first; but a kata's error may carry a code as
 * well, before or after the message (`new AddressSpaceError('EINVAL', message)`,
 * `new AllocatorError(message, 'misaligned')`): a one-word string literal beside another argument is the
 * code, and the other one the message. Failing that, a string beside a non-string (`code`, `line`) is the
 * message. A sentence is never a code (`new ParseError('no header line', 1)`).
 * @param {any} path
 */
function isMessageArgument(path) {
  const parent = path.parentPath;
  if (!parent?.isNewExpression?.()) return false;
  const callee = parent.node.callee;
  if (callee?.type !== 'Identifier' || !/Error$/.test(callee.name)) return false;
  const args = parent.node.arguments;
  return args[messageIndex(args[0], args[1])] === path.node;
}

/**
 * @param {any} first
 * @param {any} second
 */
function messageIndex(first, second) {
  if (second === undefined) return 0;
  /** @param {any} node */
  const isCode = (node) => node.type === 'StringLiteral' && /^[\w-]+$/.test(node.value);
  /** @param {any} node */
  const isText = (node) => node.type === 'StringLiteral' || node.type === 'TemplateLiteral';
  if (isCode(second)) return 0;
  if (isCode(first)) return 1;
  return isText(second) && !isText(first) ? 1 : 0;
}

/**
 * A string handed to a helper of the same file that only ever puts it into an error's message:
 * `fail(entry, 'a decimal number below 2^53')` with `function fail(entry, expected): never { throw new
 * ParseError(`… expected ${expected} …`, entry.line) }`. Every use of the parameter must be inside such a
 * message; a parameter that also becomes an error's `code`, or is compared, keeps its mutants.
 * @param {any} path
 */
function isPassedOnlyToMessages(path) {
  if (!path.isStringLiteral?.() && !path.isTemplateLiteral?.()) return false;
  const call = path.parentPath;
  if (!call?.isCallExpression?.() || call.node.callee?.type !== 'Identifier') return false;
  const index = call.node.arguments.indexOf(path.node);
  const declared = path.scope?.getBinding?.(call.node.callee.name)?.path;
  const fn = declared?.isVariableDeclarator?.() ? declared.get('init') : declared;
  if (index < 0 || !fn?.isFunction?.()) return false;
  const param = fn.node.params[index];
  if (param?.type !== 'Identifier') return false;
  const uses = fn.scope.getBinding(param.name)?.referencePaths ?? [];
  return uses.length > 0 && uses.every(isInMessage);
}

/**
 * Whether an expression is part of the message of `new SomethingError(…)` in the same function.
 * @param {any} path
 */
function isInMessage(path) {
  for (let at = path; at?.parentPath; at = at.parentPath) {
    if (isMessageArgument(at)) return true;
    if (at.isFunction?.()) return false;
  }
  return false;
}

export const strykerPlugins = [{ kind: 'Ignore', name: 'error-messages', value: { shouldIgnore } }];
