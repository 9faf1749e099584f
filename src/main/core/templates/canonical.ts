import { createHash } from 'node:crypto';
import type { Template } from './parse-template';

/**
 * The canonical form of a parsed template, for deciding whether an imported template is the
 * one a stack already runs. GetTemplate returns the template as it was submitted (JSON or YAML
 * text, "the same template that was used when the stack was created" or last updated), so the
 * deployed and the imported template can differ in format while being the same template.
 * Comparisons are therefore made on the parsed form (`parseTemplate` already turns YAML's
 * short-form tags into the long form), never on the text.
 *
 * What counts as the same:
 * - Object key order never matters (keys are sorted); array order always does (a list of
 *   statements, subnets or tags is ordered in the template, and CloudFormation sees a
 *   reordered list as a change).
 * - `Fn::GetAtt` in its string form (`"Res.Attr"`, which YAML's `!GetAtt Res.Attr` and some
 *   tools produce) equals the list form `["Res", "Attr"]`. The split is at the first dot, as
 *   logical ids cannot contain dots but attribute names can (`DB.Endpoint.Address`).
 * - Numbers compare by value: `1.0`, `1` and `1e0` are the same number in JSON and YAML alike.
 *
 * What deliberately does not:
 * - A number and the string of its digits (`80` vs `"80"`), a boolean and `"true"`, `null`
 *   and `""`. CloudFormation often coerces these when it hands properties to a resource, but
 *   not everywhere, and the cost of being wrong is lopsided: calling two templates different
 *   when they are not costs one change set that ends "didn't contain changes" (which the apply
 *   flow reports as already up to date), while calling them equal when they are not would
 *   hide a mandatory update until the cell falls out of its SLA.
 * - YAML 1.1 spellings (`yes`, `on`, `0755`): templates are parsed as YAML 1.2, where those
 *   are plain strings or decimals. A template that relies on them compares unequal to its JSON
 *   twin, which again errs on the side of "not yet applied".
 * - Strings are compared exactly (no trimming, no Unicode normalisation): whitespace inside
 *   a UserData script or a policy is content.
 */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

const GET_ATT = 'Fn::GetAtt';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function getAttList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function canonicalise(value: unknown, path: string): CanonicalValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((item, index) => canonicalise(item, `${path}[${index}]`));
  if (isPlainObject(value)) {
    const entries: Array<[string, CanonicalValue]> = [];
    for (const key of Object.keys(value).sort()) {
      const item = key === GET_ATT ? getAttList(value[key]) : value[key];
      // `undefined` cannot come out of JSON or YAML; a key holding it is treated as absent.
      if (item === undefined) continue;
      entries.push([key, canonicalise(item, `${path}.${key}`)]);
    }
    // fromEntries defines own properties, so a "__proto__" key in a template stays data.
    return Object.fromEntries(entries);
  }
  // Only hand-built objects get here (the parsers produce plain JSON values); refusing them is
  // better than comparing a Date or a Map by accident.
  throw new TypeError(`${path || 'template'} holds a ${typeof value} that is not a JSON value`);
}

/** A deep copy of the template in canonical form: sorted keys, `Fn::GetAtt` as a list. */
export function canonicalTemplate(template: Template): CanonicalValue {
  return canonicalise(template, '');
}

function serialise(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  // String(n) rather than JSON.stringify: keeps YAML's .inf and .nan apart from null.
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (Array.isArray(value)) return `[${value.map(serialise).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue };
  // Keys are already sorted by canonicalise.
  return `{${Object.keys(object)
    .map((key) => `${JSON.stringify(key)}:${serialise(object[key] as CanonicalValue)}`)
    .join(',')}}`;
}

/** The canonical form as one compact string: equal strings mean equal templates. */
export function canonicalJson(template: Template): string {
  return serialise(canonicalTemplate(template));
}

/** Whether two parsed templates are the same template, whatever their original format. */
export function templatesEqual(a: Template, b: Template): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** sha256 of the canonical form: the same template in JSON or YAML gets the same fingerprint. */
export function templateFingerprint(template: Template): string {
  return sha256Hex(canonicalJson(template));
}

/**
 * sha256 of raw bytes, as lowercase hex: what `sha256sum` prints for the file the account
 * manager sent, so the admin can check it against theirs. Strings are hashed as UTF-8.
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
