// @ts-check
/**
 * Which keys of two values differ, from vitest's serialized expected/received (pretty-format: two-space
 * indentation, one entry per line, `"key": value,`). The learner reads `low.used: expected 0, received
 * -200000` instead of a wall of JSON. Pure; anything it cannot read gives undefined, and the caller falls
 * back to a line diff.
 */

/**
 * @typedef {object} PathDiff
 * @property {string} path      `mem.used`, `rows.Swap[2]`, `[3].order`
 * @property {string | undefined} expected   the serialized leaf, undefined when the key is missing on that side
 * @property {string | undefined} actual
 */

/**
 * The leaves of one serialized value: path → serialized value. A container's own kind (`Map`, a class name,
 * `[]`) is kept as a leaf too, so that an object where an array was expected shows up.
 * @param {string} text
 * @returns {Map<string, string> | undefined}
 */
export function leaves(text) {
  const lines = text.split('\n');
  /** @type {Map<string, string>} */
  const out = new Map();
  /** @type {{ path: string, array: boolean, next: number }[]} */
  const stack = [];
  const open = /^(.*?)(\[|\{)$/; // `"key": {`, `Map {`, `[`, `Foo {`
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').trim();
    if (line === '') continue;
    // A multi-line string value: join its lines until the closing quote.
    while (/^(?:"(?:[^"\\]|\\.)*"\s*(?::|=>)\s*)?"(?:[^"\\]|\\.)*$/.test(line) && i + 1 < lines.length) {
      line += `\n${lines[++i]}`;
    }
    line = line.replace(/,$/, '');
    if (/^[\]}]$/.test(line)) {
      if (!stack.pop()) return undefined;
      continue;
    }
    const top = stack.at(-1);
    let key;
    let value = line;
    const keyed = /^("(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*)\s*(?::|=>)\s*(.*)$/s.exec(line);
    if (top && !top.array) {
      if (!keyed) return undefined;
      key = keyed[1]?.startsWith('"') ? JSON.parse(/** @type {string} */ (keyed[1])) : keyed[1];
      value = keyed[2] ?? '';
    } else if (top) {
      key = top.next++;
    }
    const path = top === undefined ? '' : childPath(top.path, key);
    const container = open.exec(value);
    if (container && !/^".*"$/s.test(value)) {
      const kind = (container[1] ?? '').trim() || (container[2] === '[' ? 'Array' : 'Object');
      out.set(path, kind);
      stack.push({ path, array: container[2] === '[', next: 0 });
    } else {
      if (top === undefined && i < lines.length - 1 && stack.length === 0 && out.size > 0) return undefined;
      out.set(path, value);
    }
  }
  return stack.length === 0 && out.size > 0 ? out : undefined;
}

/**
 * @param {string} parent
 * @param {string | number | undefined} key
 */
function childPath(parent, key) {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (key !== undefined && /^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The paths where two serialized values differ, in the order of the expected value.
 * @param {string} expected
 * @param {string} actual
 * @returns {PathDiff[] | undefined} undefined when either is not a serialized object or array
 */
export function diffPaths(expected, actual) {
  if (!/^\S*\s?[[{]\n/.test(expected) || !/^\S*\s?[[{]\n/.test(actual)) return undefined;
  const want = leaves(expected);
  const got = leaves(actual);
  if (!want || !got) return undefined;
  /** @type {PathDiff[]} */
  const diffs = [];
  for (const [path, value] of want) {
    if (got.get(path) !== value && !isInside(diffs, path)) diffs.push({ path, expected: value, actual: got.get(path) });
  }
  for (const [path, value] of got) {
    if (!want.has(path) && !isInside(diffs, path)) diffs.push({ path, expected: undefined, actual: value });
  }
  return diffs;
}

/** A path inside one already reported (a missing object's keys): report the object once. */
function isInside(/** @type {PathDiff[]} */ diffs, /** @type {string} */ path) {
  return diffs.some(
    (d) =>
      (d.expected === undefined || d.actual === undefined) &&
      d.path !== '' &&
      (path.startsWith(`${d.path}.`) || path.startsWith(`${d.path}[`)),
  );
}
