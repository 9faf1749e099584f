/**
 * Hostile IPC payloads for one channel, built from its model (contract-model.ts) with a seeded
 * PRNG: malformed and oversized values, prototype-pollution keys, wrong types, extra keys,
 * hostile unicode, and near-valid requests (a valid one with exactly one thing broken). Every
 * payload is invalid by the model's rules; each carries recognisable fake secrets, so a test
 * can show that no error or log line ever repeats what the renderer sent.
 */
import type { FieldModel, Format, Model, ObjectModel, TextModel } from './contract-model';
import { validValue } from './contract-model';
import type { SeededRandom } from './fuzz-random';

/** Fake secrets planted in payloads. Every one contains SECRET_PROBE; nothing else does. */
export const PLANTED_SECRETS = [
  'gitpod_pat_FUZZSECRET0123456789abcdef',
  'AKIAFUZZ7EXAMPLE1234',
  'wJalrFUZZ/K7MDENG/bPxRfiCYEXAMPLEKEY',
] as const;
export const SECRET_PROBE = 'FUZZ';

export type PayloadFamily =
  | 'malformed'
  | 'oversized'
  | 'prototype'
  | 'wrong-type'
  | 'extra-key'
  | 'unicode'
  | 'near-valid';

export interface HostilePayload {
  readonly family: PayloadFamily;
  /** Where and how it is broken, e.g. `meta.releasedAt: the near miss "2026-02-30"`; never a whole payload. */
  readonly label: string;
  readonly payload: unknown;
}

type Path = ReadonlyArray<string | number>;

const secret = (rnd: SeededRandom): string => rnd.pick(PLANTED_SECRETS);

// ── Building blocks ──────────────────────────────────────────────────────────────────────

/** Code points that are never part of an id, a name pattern or a date. */
const HOSTILE_CHARS = [
  '\u0000', // NUL
  '\u202e', // right-to-left override
  '\u200b', // zero-width space
  '\ufeff', // byte-order mark
  '\ud800', // a lone surrogate
  '\u0301', // a combining accent
  '\uff11', // fullwidth digit one
  '\u0430', // Cyrillic a, a homoglyph
  '\u{1f4a5}', // an emoji (two UTF-16 units)
  '\n',
  '\u2028', // line separator
  '%00',
  '../',
  ' ',
];
/** Not trimmed by String.prototype.trim, so a string of them keeps its length. */
const UNTRIMMABLE = ['\u0000', '\u202e', '\u200b', '\ud800', '\u0301', '\u0430', '\u{1f4a5}', '\u0007'];
/** Characters that cannot appear in a host: the domain is no longer a bare host with one. */
const DOMAIN_BREAKERS = ['\u0000', ' ', '<', '>', '^', '|', '@', '/', '?'];

function insertInside(value: string, insert: string, rnd: SeededRandom): string {
  // Never at either end: a trimmed field would drop whitespace there and accept the rest.
  const at = value.length < 2 ? 0 : rnd.int(1, value.length - 1);
  return value.length < 2 ? `${insert}${value}${insert}` : `${value.slice(0, at)}${insert}${value.slice(at)}`;
}

/** Length in code points, as the contract counts it (an emoji or a lone surrogate is one). */
function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** A string of non-whitespace characters longer than `max` code points, secrets inside. */
function tooLong(max: number, rnd: SeededRandom, alphabet: readonly string[] = ['x']): string {
  let out = secret(rnd);
  while (codePoints(out) <= max) out += rnd.pick(alphabet).repeat(Math.min(64, max + 1));
  return out;
}

const NEAR_MISSES: Readonly<Record<Format, readonly string[]>> = {
  uuid: [
    '6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d1',
    '6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11a',
    '6f1c1a524a8e4d7c9a432f0e8f3b9d11',
    'gf1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11',
    '{6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11}',
    '',
    'AKIAFUZZ7EXAMPLE1234',
  ],
  region: ['eu-west', 'EU-WEST-1', 'eu-west-12', ' eu-west-1', 'eu_west_1', 'mars-north-1', ''],
  account: ['12345678901', '1234567890123', '12345678901a', ' 123456789012', '', '-12345678901'],
  stack: ['1gitpod', 'gitpod_role', 'gitpod role', '-gitpod', '', 'gitpod.role', 'gitpod/role'],
  domain: [
    'http://gitpod.example.com',
    'https://gitpod.example.com/path',
    'https://user:wJalrFUZZ@gitpod.example.com',
    'gitpod.example.com?token=gitpod_pat_FUZZSECRET0123456789',
    'ftp://gitpod.example.com',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ],
  'update-id': ['-import', '.hidden', 'import id', '', 'import/../../etc', 'import\\x', '_x'],
  'run-id': [
    'run-2026030110T000Z-abcdef',
    'run-20260301T100000Z-ABCDEF',
    'run-20260301T100000-abcdef',
    'run-20260301T100000Z-abcde',
    'run-20260301T100000Z-abcdef0123456',
    '../run-20260301T100000Z-abcdef',
    'RUN-20260301T100000Z-abcdef',
  ],
  token: [
    'gitpod_pat_FUZZ',
    'github_pat_FUZZSECRET0123456789',
    'gitpod_pat_FUZZ SECRET0123',
    'Bearer gitpod_pat_FUZZSECRET0123456789',
    'GITPOD_PAT_FUZZSECRET0123456789',
  ],
  datetime: [
    '2026-02-30T10:00:00Z',
    '2026-03-01 10:00:00Z',
    '2026-03-01T25:00:00Z',
    '2026-03-01T10:00:00',
    '1767225600000',
    'tomorrow',
    '2026-03-01',
  ],
  'date-or-datetime': [
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-3-1',
    '01/03/2026',
    '2026-03-01T25:00:00Z',
    'next week',
  ],
  'https-url': [
    'http://changelog.example.com/v37',
    'javascript:alert(document.domain)',
    'ftp://changelog.example.com',
    'changelog.example.com/v37',
    'https//changelog.example.com',
    'file:///etc/passwd',
  ],
  base64: ['abc$', 'a=b=', '=====', 'YWJj\nZGVm', 'YWJj ZGVm', 'YWJj-_'],
  clock: ['24:00', '7:00', '07:60', '0700', '07:00:00', '-1:00'],
};

/** Longest string each format allows, where the format has one. */
const FORMAT_MAX: Partial<Record<Format, number>> = {
  stack: 128,
  domain: 253,
  'update-id': 200,
  'run-id': 64,
  token: 1024,
  'https-url': 2048,
};

// ── Sites: the places in a valid request where one thing can be broken ──────────────────

interface Site {
  readonly path: Path;
  readonly model: Model;
  readonly value: unknown;
  /** Inside a nullable: null is a valid value here. */
  readonly nullable: boolean;
}

function sitesOf(model: Model, value: unknown, path: Path, nullable = false): Site[] {
  const here: Site = { path, model, value, nullable };
  switch (model.kind) {
    case 'object':
    case 'tagged': {
      const object = model.kind === 'object' ? model : variantOf(model, value);
      const inner = Object.entries(object.fields).flatMap(([key, field]) =>
        (value as Record<string, unknown>)[key] === undefined
          ? []
          : sitesOf(field.model, (value as Record<string, unknown>)[key], [...path, key]),
      );
      return [here, ...inner];
    }
    case 'array':
      return [
        here,
        ...(value as unknown[]).flatMap((item, index) => sitesOf(model.of, item, [...path, index])),
      ];
    case 'record':
      return [
        here,
        ...Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
          sitesOf(model.value, item, [...path, key]),
        ),
      ];
    case 'nullable':
      return value === null
        ? [{ ...here, model: model.of, nullable: true }]
        : sitesOf(model.of, value, path, true);
    default:
      return [here];
  }
}

function variantOf(model: Extract<Model, { kind: 'tagged' }>, value: unknown): ObjectModel {
  const tag = (value as Record<string, unknown>)[model.tag];
  const variant = typeof tag === 'string' ? model.variants[tag] : undefined;
  if (!variant) throw new Error(`no variant ${String(tag)}`);
  return variant;
}

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined` with remove). */
function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  parent[last] = value;
  return copy;
}

/** Defines an own property, as JSON.parse and structured clone do: `__proto__` stays a plain key. */
function withOwnKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(object);
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function pathLabel(path: Path): string {
  return path.length === 0 ? 'payload' : path.join('.');
}

// ── Mutations ────────────────────────────────────────────────────────────────────────────

interface Mutation {
  readonly family: PayloadFamily;
  readonly what: string;
  readonly value: unknown;
}

function wrongTypes(model: Model, rnd: SeededRandom): unknown[] {
  const s = secret(rnd);
  switch (model.kind) {
    case 'int':
      return ['7', '', true, null, [], {}, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, s];
    case 'bool':
      return ['true', 'false', 1, 0, null, [], {}, s];
    case 'array':
      return [s, 0, true, null, {}, { 0: s, length: 1 }];
    case 'record':
    case 'object':
    case 'tagged':
      return [s, 0, true, null, [], [{}], [s]];
    default:
      return [0, 1, -1, 3.14, Number.NaN, true, false, null, [], [s], {}, { value: s }];
  }
}

function wrongType(site: Site, rnd: SeededRandom): Mutation {
  const pool = wrongTypes(site.model, rnd).filter((value) => !(site.nullable && value === null));
  const value = rnd.pick(pool);
  return {
    family: 'wrong-type',
    what: `a ${value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value}`,
    value,
  };
}

function extraKeys(object: ObjectModel, rnd: SeededRandom): string[] {
  const first = Object.keys(object.fields)[0] ?? 'id';
  const cased = first.charAt(0).toUpperCase() + first.slice(1);
  return [
    secret(rnd),
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'then',
    '__defineGetter__',
    '\uff49\uff44',
    `${first}\u0000`,
    ...(cased !== first ? [cased] : []),
    '',
    ' ',
    'aws_secret_access_key',
  ];
}

function objectMutations(site: Site, object: ObjectModel, rnd: SeededRandom): Mutation[] {
  const value = site.value as Record<string, unknown>;
  const out: Mutation[] = [];
  const key = rnd.pick(extraKeys(object, rnd));
  out.push({
    family: 'extra-key',
    what: 'an unknown key',
    value: withOwnKey(value, key, rnd.pick([secret(rnd), { polluted: secret(rnd) }, 1])),
  });
  const required = Object.entries(object.fields).filter(([, field]) => !field.optional);
  if (required.length > 0) {
    const [drop] = rnd.pick(required);
    const { [drop]: _dropped, ...rest } = value;
    out.push({ family: 'near-valid', what: `without ${drop}`, value: rest });
  }
  if (object.oneOf) {
    const rest = { ...value };
    for (const key of object.oneOf) delete rest[key];
    out.push({ family: 'near-valid', what: `without any of ${object.oneOf.join(', ')}`, value: rest });
  }
  if (object.differ) {
    const [a, b] = object.differ;
    out.push({ family: 'near-valid', what: `${b} equal to ${a}`, value: { ...value, [b]: value[a] } });
  }
  const absent = Object.entries(object.fields).filter(([name]) => value[name] === undefined);
  if (absent.length > 0) {
    const [name, field] = rnd.pick(absent);
    const broken = wrongType({ path: [], model: field.model, value: undefined, nullable: false }, rnd);
    if (broken.value !== null || field.model.kind !== 'nullable') {
      out.push({
        family: 'near-valid',
        what: `with a broken ${name}`,
        value: { ...value, [name]: broken.value },
      });
    }
  }
  return out;
}

function textMutations(model: TextModel, rnd: SeededRandom): Mutation[] {
  const out: Mutation[] = [
    { family: 'near-valid', what: 'one character too long', value: tooLong(model.max, rnd) },
    { family: 'unicode', what: 'too long in hostile unicode', value: tooLong(model.max, rnd, UNTRIMMABLE) },
  ];
  if (model.min > 0) {
    out.push({ family: 'near-valid', what: 'empty', value: model.trimmed ? ' \t\u00a0\n ' : '' });
  }
  return out;
}

function formatMutations(format: Format, value: string, rnd: SeededRandom, exhaustive: boolean): Mutation[] {
  const misses = exhaustive ? NEAR_MISSES[format] : [rnd.pick(NEAR_MISSES[format])];
  const out: Mutation[] = misses.map((miss) => ({
    family: 'near-valid',
    what: `the near miss ${JSON.stringify(miss).slice(0, 40)}`,
    value: miss,
  }));
  const max = FORMAT_MAX[format];
  if (max !== undefined) {
    const long =
      format === 'token' ? `gitpod_pat_${tooLong(max, rnd)}` : `${value}${tooLong(max, rnd, ['a'])}`;
    out.push({ family: 'near-valid', what: 'too long', value: long });
  }
  if (format === 'https-url') {
    out.push({ family: 'unicode', what: 'a hostile prefix', value: `${rnd.pick(HOSTILE_CHARS)}${value}` });
  } else if (format === 'domain') {
    out.push({
      family: 'unicode',
      what: 'a character no host has',
      value: insertInside(value, rnd.pick(DOMAIN_BREAKERS), rnd),
    });
  } else {
    // A token may hold any visible ASCII, so only what is not visible ASCII breaks it.
    const pool = format === 'token' ? [...UNTRIMMABLE, ' ', '\n', '\ufeff'] : HOSTILE_CHARS;
    out.push({
      family: 'unicode',
      what: 'hostile unicode inside',
      value: insertInside(value, rnd.pick(pool), rnd),
    });
  }
  return out;
}

/** Text that reads like a number or a boolean to a person, and is neither. */
const LOOK_ALIKES = ['\uff11', '\u0661', 'true\u0000', '\u{1d42d}rue', '5\u200b', '\u22121'];

/** The ways to break the value at `site`; `exhaustive` lists every near miss of a format. */
function mutationsAt(site: Site, rnd: SeededRandom, exhaustive = false): Mutation[] {
  const out: Mutation[] = [wrongType(site, rnd)];
  if (site.model.kind === 'int' || site.model.kind === 'bool') {
    out.push({ family: 'unicode', what: 'a unicode look-alike', value: rnd.pick(LOOK_ALIKES) });
  }
  // A null where null is allowed: only another type can break it.
  if (site.value === null) return out;
  const { model } = site;
  switch (model.kind) {
    case 'text':
      return [...out, ...textMutations(model, rnd)];
    case 'format':
      return [...out, ...formatMutations(model.format, site.value as string, rnd, exhaustive)];
    case 'int':
      return [
        ...out,
        { family: 'near-valid', what: 'below the minimum', value: model.min - rnd.int(1, 1000) },
        { family: 'near-valid', what: 'above the maximum', value: model.max + rnd.int(1, 1000) },
        { family: 'near-valid', what: 'not whole', value: model.min + 0.5 },
        { family: 'near-valid', what: 'huge', value: 1e21 },
      ];
    case 'enum': {
      const value = rnd.pick(model.values);
      return [
        ...out,
        {
          family: 'near-valid',
          what: 'another word',
          value: rnd.pick([value.toUpperCase(), `${value} `, '', 'both', 'all']),
        },
        { family: 'unicode', what: 'a homoglyph', value: insertInside(value, rnd.pick(HOSTILE_CHARS), rnd) },
      ];
    }
    case 'array': {
      const items = site.value as unknown[];
      const more = Array.from({ length: model.max + 1 - items.length }, () => validValue(model.of, rnd));
      if (model.max <= 1000)
        out.push({ family: 'near-valid', what: 'one item too many', value: [...items, ...more] });
      if (model.min > 0) out.push({ family: 'near-valid', what: 'too few items', value: [] });
      return out;
    }
    case 'record': {
      const value = site.value as Record<string, unknown>;
      return [
        ...out,
        {
          family: 'near-valid',
          what: 'a key too long',
          value: { ...value, [tooLong(model.key.max, rnd)]: 'x' },
        },
        { family: 'near-valid', what: 'an empty key', value: { ...value, '': 'x' } },
        {
          family: 'near-valid',
          what: 'a bad value under a secret-looking key',
          value: { ...value, [secret(rnd)]: rnd.pick([42, null, true, [], tooLong(4096, rnd)]) },
        },
        {
          family: 'unicode',
          what: 'a hostile unicode key with a bad value',
          value: { ...value, [`${secret(rnd)}${rnd.pick(HOSTILE_CHARS)}`]: { nested: secret(rnd) } },
        },
      ];
    }
    case 'object':
      return [...out, ...objectMutations(site, model, rnd)];
    case 'tagged': {
      const value = site.value as Record<string, unknown>;
      const tags = Object.keys(model.variants);
      const other = tags.find((tag) => tag !== value[model.tag]) ?? 'other';
      return [
        ...out,
        {
          family: 'near-valid',
          what: `${model.tag} of another variant`,
          value: { ...value, [model.tag]: other },
        },
        {
          family: 'near-valid',
          what: `an unknown ${model.tag}`,
          value: { ...value, [model.tag]: rnd.pick(['File', 'url', '', secret(rnd)]) },
        },
        ...objectMutations(site, variantOf(model, value), rnd),
      ];
    }
    default:
      return out;
  }
}

// ── The corpus for one channel ───────────────────────────────────────────────────────────

let oversized: {
  huge: string;
  longList: string[];
  deepObject: unknown;
  deepList: unknown;
  wide: unknown;
} | null = null;

/**
 * Built once per process: a 4 MiB string, a 100,000-item list, 10,000-deep nesting, and an
 * object with 20,000 keys (V8 needs tens of milliseconds just to list 100,000 keys of one
 * object, so more would only slow the suite down).
 */
function oversizedValues(): NonNullable<typeof oversized> {
  if (oversized) return oversized;
  const mark = `${PLANTED_SECRETS.join(' ')} `;
  const huge = mark.repeat(Math.ceil((4 * 1024 * 1024 + 1) / mark.length));
  const longList = Array.from({ length: 100_000 }, () => PLANTED_SECRETS[0]);
  let deepObject: unknown = { leaf: PLANTED_SECRETS[1] };
  let deepList: unknown = [PLANTED_SECRETS[2]];
  for (let i = 0; i < 10_000; i++) {
    deepObject = { a: deepObject };
    deepList = [deepList];
  }
  const wide: Record<string, string> = { [PLANTED_SECRETS[1]]: PLANTED_SECRETS[2] };
  for (let i = 0; i < 20_000; i++) wide[`k${i}`] = 'v';
  oversized = { huge, longList, deepObject, deepList, wide };
  return oversized;
}

function malformed(model: Model, sample: unknown, rnd: SeededRandom): HostilePayload[] {
  const s = secret(rnd);
  const values: Array<[string, unknown]> = [
    ['null', null],
    ['true', true],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an empty string', ''],
    ['a secret string', s],
    ['a bigint', 10n],
    ['a symbol', Symbol(s)],
    ['a function', () => s],
    ['an empty list', []],
    ['a list of the request', [sample]],
    ['the request as JSON text', JSON.stringify(sample ?? {})],
    ['a Date', new Date(0)],
    ['a Map', new Map([[s, s]])],
    ['a Set', new Set([s])],
    ['a RegExp', /FUZZ/],
    ['an Error', new Error(s)],
    ['bytes', new Uint8Array([1, 2, 3])],
    ['a boxed string', new String(s)],
  ];
  const requiresSomething =
    model.kind === 'none' ||
    (model.kind === 'object' &&
      (Object.values(model.fields).some((f: FieldModel) => !f.optional) || !!model.oneOf));
  if (requiresSomething) values.push(['an empty object', {}]);
  if (model.kind === 'none') values.push(['an object', { value: s }], ['false', false]);
  return values.map(([what, payload]) => ({ family: 'malformed', label: `payload: ${what}`, payload }));
}

function oversizedPayloads(sites: readonly Site[]): HostilePayload[] {
  const { huge, longList, deepObject, deepList, wide } = oversizedValues();
  const out: HostilePayload[] = [
    { family: 'oversized', label: 'payload: a 4 MiB string', payload: huge },
    { family: 'oversized', label: 'payload: 100,000 items', payload: longList },
    { family: 'oversized', label: 'payload: nested 10,000 deep', payload: deepObject },
    { family: 'oversized', label: 'payload: lists nested 10,000 deep', payload: deepList },
    { family: 'oversized', label: 'payload: 20,000 keys', payload: wide },
  ];
  const root = sites[0]?.value;
  for (const site of sites) {
    if (site.path.length === 0) continue;
    const at = pathLabel(site.path);
    const stringy = site.model.kind === 'text' || site.model.kind === 'format' || site.model.kind === 'enum';
    if (stringy)
      out.push({
        family: 'oversized',
        label: `${at}: a 4 MiB string`,
        payload: replaceAt(root, site.path, huge),
      });
    out.push({
      family: 'oversized',
      label: `${at}: 100,000 items`,
      payload: replaceAt(root, site.path, longList),
    });
    out.push({
      family: 'oversized',
      label: `${at}: nested 10,000 deep`,
      payload: replaceAt(root, site.path, deepObject),
    });
  }
  return out;
}

function prototypePayloads(model: Model, sites: readonly Site[], rnd: SeededRandom): HostilePayload[] {
  const polluter = (): unknown => ({ polluted: secret(rnd), isAdmin: true });
  const out: HostilePayload[] = [
    {
      family: 'prototype',
      label: 'payload: only __proto__',
      payload: JSON.parse(`{"__proto__": {"polluted": "${PLANTED_SECRETS[0]}"}}`),
    },
    {
      family: 'prototype',
      label: 'payload: constructor.prototype',
      payload: JSON.parse(`{"constructor": {"prototype": {"polluted": "${PLANTED_SECRETS[1]}"}}}`),
    },
  ];
  if (model.kind === 'none') return out;
  const root = sites[0]?.value;
  for (const site of sites) {
    const at = pathLabel(site.path);
    const kind = site.model.kind;
    if (kind !== 'object' && kind !== 'tagged' && kind !== 'record') continue;
    if (typeof site.value !== 'object' || site.value === null) continue;
    const object = site.value as Record<string, unknown>;
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      out.push({
        family: 'prototype',
        label: `${at}: an own ${key} key`,
        payload: replaceAt(root, site.path, withOwnKey(object, key, polluter())),
      });
    }
    if (kind === 'record') {
      // A string value is what a record of strings expects: only the key is hostile here.
      out.push({
        family: 'prototype',
        label: `${at}: an own __proto__ key with a string value`,
        payload: replaceAt(root, site.path, withOwnKey(object, '__proto__', 'polluted')),
      });
    }
  }
  return out;
}

/** Random junk for channels that take no payload: anything but `undefined` is malformed. */
function junk(rnd: SeededRandom, depth = 0): unknown {
  const s = secret(rnd);
  const choice = rnd.int(0, depth > 2 ? 4 : 7);
  switch (choice) {
    case 0:
      return s;
    case 1:
      return rnd.int(-1e6, 1e6) / rnd.pick([1, 3, 7]);
    case 2:
      return rnd.chance(0.5);
    case 3:
      return null;
    case 4:
      return `${rnd.pick(HOSTILE_CHARS)}${s}`;
    case 5:
      return Array.from({ length: rnd.int(0, 4) }, () => junk(rnd, depth + 1));
    default: {
      let out: Record<string, unknown> = {};
      for (let i = rnd.int(0, 4); i > 0; i--) {
        out = withOwnKey(
          out,
          rnd.pick([s, 'id', 'cellId', 'runId', 'token', '__proto__']),
          junk(rnd, depth + 1),
        );
      }
      return out;
    }
  }
}

/**
 * The hostile payloads for one channel: the fixed malformed, oversized and prototype sets; a
 * request with every field present, broken at each field in each way the model knows (every
 * near miss of every format); and `randomCount` more, each a fresh valid request broken in one
 * place drawn at random (wrong type, extra key, unicode, near miss).
 */
export function hostilePayloads(model: Model, rnd: SeededRandom, randomCount: number): HostilePayload[] {
  const sample = validValue(model, rnd, true);
  const sites = model.kind === 'none' ? [] : sitesOf(model, sample, []);
  const out: HostilePayload[] = [
    ...malformed(model, sample, rnd),
    ...oversizedPayloads(sites),
    ...prototypePayloads(model, sites, rnd),
  ];
  for (const site of sites) {
    for (const mutation of mutationsAt(site, rnd, true)) {
      out.push({
        family: mutation.family,
        label: `${pathLabel(site.path)}: ${mutation.what}`,
        payload: replaceAt(sample, site.path, mutation.value),
      });
    }
  }
  for (let i = 0; i < randomCount; i++) {
    if (sites.length === 0) {
      out.push({ family: 'malformed', label: 'payload: random junk', payload: junk(rnd) });
      continue;
    }
    // A fresh valid request each time, so optional fields come and go.
    const base = validValue(model, rnd);
    const baseSites = sitesOf(model, base, []);
    const site = rnd.pick(baseSites);
    const mutation = rnd.pick(mutationsAt(site, rnd));
    out.push({
      family: mutation.family,
      label: `${pathLabel(site.path)}: ${mutation.what}`,
      payload: replaceAt(base, site.path, mutation.value),
    });
  }
  return out;
}

/** A valid request for the channel, from the same model: the control the hostile ones break. */
export function validRequest(model: Model, rnd: SeededRandom): unknown {
  return validValue(model, rnd);
}
