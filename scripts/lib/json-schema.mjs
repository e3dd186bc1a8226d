// @ts-check
/**
 * A small JSON Schema validator for the keywords memkata's own schemas use (the manifest's), so that the
 * schema file is the one source of truth: editors read it for completion, and the scripts validate with it.
 * Keywords: type, properties, required, additionalProperties, propertyNames, minProperties, items, minItems,
 * minLength, pattern, minimum, maximum, exclusiveMinimum, enum, $ref (to #/$defs/…). Pure.
 */

/**
 * @typedef {object} SchemaProblem
 * @property {string} path     where, as a JSON path: `katas[3].hints.parseKb.nudge`
 * @property {string} message  what is wrong, in plain words: `is missing`, `must be a string`
 */

/**
 * @param {any} schema
 * @param {unknown} value
 * @returns {SchemaProblem[]} empty when the value is valid
 */
export function validateSchema(schema, value) {
  /** @type {SchemaProblem[]} */
  const problems = [];
  walk(schema, schema, value, '', problems);
  return problems;
}

/**
 * @param {any} root
 * @param {any} schema
 * @param {any} value
 * @param {string} path
 * @param {SchemaProblem[]} out
 */
function walk(root, schema, value, path, out) {
  if (schema.$ref) {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    if (!name || !root.$defs?.[name]) throw new Error(`schema: cannot resolve ${schema.$ref}`);
    walk(root, root.$defs[name], value, path, out);
    return;
  }
  const add = (/** @type {string} */ message) => out.push({ path, message });
  if (schema.type && !hasType(value, schema.type)) {
    add(`must be ${article(schema.type)}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) add(`must be one of ${schema.enum.map(String).join(', ')}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) add('must not be empty');
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) add(`must match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) add(`must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) add(`must be at most ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && !(value > schema.exclusiveMinimum))
      add(`must be more than ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      add(schema.minItems === 1 ? 'must not be empty' : `must have at least ${schema.minItems} items`);
    if (schema.items) {
      for (const [i, item] of value.entries()) walk(root, schema.items, item, `${path}[${i}]`, out);
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    for (const key of schema.required ?? []) {
      if (!(key in value)) out.push({ path: join(path, key), message: 'is missing' });
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) add('must not be empty');
    for (const key of keys) {
      const child = join(path, key);
      if (schema.propertyNames?.pattern && !new RegExp(schema.propertyNames.pattern, 'u').test(key)) {
        out.push({ path: child, message: `is not a valid name (${schema.propertyNames.pattern})` });
      }
      if (schema.properties?.[key]) walk(root, schema.properties[key], value[key], child, out);
      else if (schema.additionalProperties === false) out.push({ path: child, message: 'is not a known field' });
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        walk(root, schema.additionalProperties, value[key], child, out);
    }
  }
}

/** @param {unknown} value @param {string} type */
function hasType(value, type) {
  switch (type) {
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** @param {string} type */
function article(type) {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** @param {string} path @param {string} key */
function join(path, key) {
  return /^[A-Za-z_$][\w$-]*$/.test(key) && !key.includes('-')
    ? path
      ? `${path}.${key}`
      : key
    : `${path}[${JSON.stringify(key)}]`;
}
