/**
 * The most values (object entries and list items, at any depth) a request may hold. The largest
 * real ones hold a few hundred (500 resources to skip); a renderer sending 100,000 would make
 * zod list every extra key in its issue message, holding main for a noticeable time.
 */
export const MAX_PAYLOAD_VALUES = 10_000;

/**
 * What makes an IPC payload unfit for its schema to even look at, or null when it is fit: it
 * must be plain data (what JSON can say: objects, lists, strings, numbers, booleans, null, and
 * `undefined` for an absent optional field) of a sane size. Checked before the schema, because
 * zod is lenient in two places a renderer could exploit:
 * - `z.object` takes any object, so a Date, Map or Error passes for a request whose fields are
 *   all optional (`cells:check`), and its handler runs on it;
 * - `z.record` skips an own `__proto__` key without validating it, so a request carrying one
 *   passes with that part silently dropped.
 * Answers in fixed words, never with a key or a value from the payload (they may hold secrets).
 */
export function payloadProblem(payload: unknown): string | null {
  const pending: unknown[] = [payload];
  // Structured clone carries cycles and shared objects: each object is looked at once.
  const seen = new Set<object>();
  let values = 0;
  while (pending.length > 0) {
    if (++values > MAX_PAYLOAD_VALUES + 1) return 'more values than any request holds';
    const value = pending.pop();
    switch (typeof value) {
      case 'undefined':
      case 'boolean':
      case 'number':
      case 'string':
        continue;
      case 'bigint':
        return 'a bigint';
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
    }
    if (value === null || seen.has(value as object)) continue;
    seen.add(value as object);
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return 'a list that is not plain data';
      if (value.length > MAX_PAYLOAD_VALUES) return 'more values than any request holds';
      for (const item of value) pending.push(item);
      continue;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return 'an object that is not plain data';
    if (Object.hasOwn(value as object, '__proto__')) return 'a __proto__ key';
    const entries = Object.values(value as object);
    if (entries.length > MAX_PAYLOAD_VALUES) return 'more values than any request holds';
    for (const item of entries) pending.push(item);
  }
  return null;
}
