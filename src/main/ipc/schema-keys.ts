import { z } from 'zod';

/** The JSON Schema keywords that hold sub-schemas: where declared keys can be found. */
const SUBSCHEMA_KEYWORDS = [
  'items',
  'prefixItems',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$defs',
  'definitions',
] as const;

const cache = new WeakMap<z.ZodType, ReadonlySet<string>>();

/**
 * Every object key a schema declares, at any depth. A zod issue's path mixes those with keys
 * the payload chose (a record's keys: `parameterValues.<anything>`); only declared keys may be
 * repeated in an error or a log line, because the others can be a pasted secret.
 */
export function declaredKeys(schema: z.ZodType): ReadonlySet<string> {
  const cached = cache.get(schema);
  if (cached) return cached;
  const keys = new Set<string>();
  const pending: unknown[] = [];
  try {
    // The input side, as the payload arrives; transforms and `undefined` have no JSON form and
    // are read as "anything", which declares no key.
    pending.push(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  } catch {
    // A schema with no JSON form at all: no key is known, so every key is shown as `*`.
  }
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const properties = record.properties;
    if (typeof properties === 'object' && properties !== null) {
      for (const [key, sub] of Object.entries(properties)) {
        keys.add(key);
        pending.push(sub);
      }
    }
    for (const keyword of SUBSCHEMA_KEYWORDS) {
      const sub = record[keyword];
      if (keyword === '$defs' || keyword === 'definitions') {
        if (typeof sub === 'object' && sub !== null) pending.push(...Object.values(sub));
      } else if (sub !== undefined) {
        pending.push(sub);
      }
    }
  }
  cache.set(schema, keys);
  return keys;
}

/** An issue's path with every key the schema does not declare shown as `*`. */
export function safeIssuePath(path: ReadonlyArray<PropertyKey>, keys: ReadonlySet<string>): string {
  return path
    .map((part) =>
      typeof part === 'number' || (typeof part === 'string' && keys.has(part)) ? String(part) : '*',
    )
    .join('.');
}
