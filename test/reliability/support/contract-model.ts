/**
 * An independent model of what each IPC channel accepts, written from the contract's intent
 * (CloudFormation's naming rules, AWS's id formats, the settings' ranges), not derived from the
 * zod schemas. The fuzzer builds valid requests from it and breaks them in ways the model says
 * are invalid; the real contract must then reject every one. Where the two disagree, either
 * the contract lets bad input through to a handler or the model is wrong: both are findings.
 */
import type { SeededRandom } from './fuzz-random';

/** String formats with rules of their own; anything outside them is malformed. */
export type Format =
  | 'uuid'
  | 'region'
  | 'account'
  | 'stack'
  | 'domain'
  | 'update-id'
  | 'run-id'
  | 'token'
  | 'datetime'
  | 'date-or-datetime'
  | 'https-url'
  | 'base64'
  | 'clock';

/** Lengths are in Unicode code points, as the contract counts them (an emoji is one). */
export interface TextModel {
  readonly kind: 'text';
  readonly min: number;
  readonly max: number;
  /** Surrounding whitespace is dropped before the length is checked. */
  readonly trimmed?: boolean;
}

export interface FieldModel {
  readonly model: Model;
  readonly optional?: boolean;
}

export interface ObjectModel {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, FieldModel>>;
  /** At least one of these optional fields must be present (a cell needs a stack). */
  readonly oneOf?: readonly string[];
  /** These two fields must differ (quiet hours cannot start and end at once). */
  readonly differ?: readonly [string, string];
}

export type Model =
  | { readonly kind: 'none' }
  | TextModel
  | { readonly kind: 'format'; readonly format: Format; readonly max?: number }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly of: Model; readonly min: number; readonly max: number }
  | { readonly kind: 'record'; readonly key: TextModel; readonly value: Model }
  | ObjectModel
  | { readonly kind: 'nullable'; readonly of: Model }
  | {
      readonly kind: 'tagged';
      readonly tag: string;
      readonly variants: Readonly<Record<string, ObjectModel>>;
    };

const none: Model = { kind: 'none' };
const text = (min: number, max: number, trimmed = false): TextModel => ({ kind: 'text', min, max, trimmed });
const fmt = (format: Format, max?: number): Model =>
  max === undefined ? { kind: 'format', format } : { kind: 'format', format, max };
const int = (min: number, max: number): Model => ({ kind: 'int', min, max });
const bool: Model = { kind: 'bool' };
const oneOfValues = (...values: string[]): Model => ({ kind: 'enum', values });
const list = (of: Model, min: number, max: number): Model => ({ kind: 'array', of, min, max });
const opt = (model: Model): FieldModel => ({ model, optional: true });
function obj(
  fields: Record<string, FieldModel | Model>,
  rules: { oneOf?: string[]; differ?: [string, string] } = {},
): ObjectModel {
  const normalised: Record<string, FieldModel> = {};
  for (const [key, field] of Object.entries(fields)) {
    normalised[key] = 'model' in field ? field : { model: field };
  }
  return { kind: 'object', fields: normalised, ...rules };
}

const stackKind = oneOfValues('role', 'instance');
const cellFields = {
  name: text(1, 60, true),
  profile: opt(text(1, 128)),
  region: fmt('region'),
  accountId: fmt('account'),
  roleStack: opt(fmt('stack')),
  instanceStack: opt(fmt('stack')),
  domain: opt(fmt('domain')),
  organizationId: opt(fmt('uuid')),
};
const cellIdOnly = (key: string): ObjectModel => obj({ [key]: fmt('uuid') });
const runRef = obj({ runId: fmt('run-id') });
const stackRef = { runId: fmt('run-id'), stackIndex: int(0, 1) };

/** Every invoke channel's request, by channel name. */
export const CHANNEL_MODELS: Readonly<Record<string, Model>> = {
  'app:get-info': none,
  'app:open-external': obj({ url: text(1, 2048) }),
  'app:open-log-folder': none,
  'status:get': none,
  'status:check-now': none,
  'aws:get-setup': none,
  'cells:list': none,
  'cells:discover': obj({ profile: opt(text(1, 128)), region: fmt('region') }),
  'cells:add': obj(cellFields, { oneOf: ['roleStack', 'instanceStack'] }),
  'cells:update': obj({ id: fmt('uuid'), ...cellFields }, { oneOf: ['roleStack', 'instanceStack'] }),
  'cells:remove': cellIdOnly('id'),
  'cells:check': obj({ id: opt(fmt('uuid')) }),
  'cells:events': obj({ id: fmt('uuid'), kind: stackKind }),
  'cells:dismiss-notice': none,
  'updates:list': none,
  'updates:import': obj({
    cellId: fmt('uuid'),
    meta: obj({
      label: text(1, 200, true),
      releasedAt: opt(fmt('date-or-datetime')),
      deadlineOverride: opt(fmt('date-or-datetime')),
      notes: opt(text(0, 4000)),
      changelogUrl: opt(fmt('https-url', 2048)),
    }),
    sources: list(
      {
        kind: 'tagged',
        tag: 'kind',
        variants: {
          file: obj({
            kind: oneOfValues('file'),
            name: text(1, 255),
            contentBase64: fmt('base64', 3 * 1024 * 1024),
            stack: opt(stackKind),
          }),
          address: obj({ kind: oneOfValues('address'), address: text(1, 2048, true), stack: opt(stackKind) }),
        },
      },
      1,
      2,
    ),
  }),
  'updates:remove-import': obj({ id: fmt('update-id') }),
  'updates:snooze': obj({ id: fmt('update-id'), until: fmt('datetime') }),
  'updates:unsnooze': obj({ id: fmt('update-id') }),
  'updates:save-calendar': obj({ id: fmt('update-id') }),
  'updates:dismiss-notice': none,
  'preferences:get': none,
  'preferences:set-start-at-login': obj({ enabled: bool }),
  'preferences:set-monitoring': obj({
    refreshIntervalMinutes: int(5, 60),
    quietHours: {
      kind: 'nullable',
      of: obj({ start: fmt('clock'), end: fmt('clock') }, { differ: ['start', 'end'] }),
    },
    liveStatus: obj({ dashboardPollSeconds: int(30, 600), trayPollMinutes: int(1, 60) }),
  }),
  'app-status:get': none,
  'app-status:check-now': obj({ cellId: opt(fmt('uuid')) }),
  'app-status:set-token': obj({ cellId: fmt('uuid'), token: fmt('token') }),
  'app-status:clear-token': cellIdOnly('cellId'),
  'apply:list': none,
  'apply:get': runRef,
  'apply:start': obj({ cellId: text(1, 64) }),
  'apply:provide-input': obj({
    runId: fmt('run-id'),
    // CloudFormation parameter names are alphanumeric logical ids; the contract bounds them 1–255.
    parameterValues: opt({ kind: 'record', key: text(1, 255), value: text(0, 4096) }),
    acknowledgeCapabilities: bool,
  }),
  'apply:get-review': obj(stackRef),
  'apply:confirm': obj({ runId: fmt('run-id'), stackName: text(1, 128, true), accountId: text(1, 32, true) }),
  'apply:recover': obj({ runId: fmt('run-id'), resourcesToSkip: list(text(1, 512), 0, 500) }),
  'apply:resume': runRef,
  'apply:cancel': runRef,
  'apply:end-maintenance': runRef,
  'apply:export-run': obj({ runId: fmt('run-id'), format: oneOfValues('markdown', 'json', 'csv') }),
  'apply:export-review': obj({ ...stackRef, format: oneOfValues('markdown', 'json') }),
};

// ── Valid values ────────────────────────────────────────────────────────────────────────

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'ca-central-1'];

function validUuid(rnd: SeededRandom): string {
  return [
    rnd.string(8, HEX),
    rnd.string(4, HEX),
    `4${rnd.string(3, HEX)}`,
    `${rnd.pick(['8', '9', 'a', 'b'])}${rnd.string(3, HEX)}`,
    rnd.string(12, HEX),
  ].join('-');
}

function validIso(rnd: SeededRandom): string {
  const at = Date.UTC(2026, 0, 1) + rnd.int(0, 365 * 24 * 60) * 60_000;
  return new Date(at).toISOString();
}

function validFormat(format: Format, rnd: SeededRandom): string {
  switch (format) {
    case 'uuid':
      return validUuid(rnd);
    case 'region':
      return rnd.pick(REGIONS);
    case 'account':
      return rnd.string(12, '0123456789');
    case 'stack':
      return `${rnd.pick(['gitpod', 'acme', 'Cell'])}-${rnd.string(rnd.int(1, 12), `${ALNUM}-`)}`;
    case 'domain':
      return rnd.pick(['gitpod.acme.example', 'https://cell.example.com', 'gitpod.example.org:8443']);
    case 'update-id':
      return `${rnd.pick(['import', 'changeset'])}:${rnd.string(rnd.int(4, 20), `${ALNUM}._-`)}`;
    case 'run-id':
      return `run-2026030${rnd.int(1, 9)}T10${rnd.string(4, '012345')}Z-${rnd.string(rnd.int(6, 12), HEX)}`;
    case 'token':
      return `gitpod_pat_FUZZSECRET${rnd.string(rnd.int(8, 40), ALNUM)}`;
    case 'datetime':
      return validIso(rnd);
    case 'date-or-datetime':
      return rnd.chance(0.5) ? validIso(rnd) : validIso(rnd).slice(0, 10);
    case 'https-url':
      return `https://changelog.example.com/${rnd.string(rnd.int(1, 20), ALNUM)}`;
    case 'base64':
      return Buffer.from(rnd.bytes(rnd.int(1, 48))).toString('base64');
    case 'clock':
      return `${String(rnd.int(0, 23)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}`;
  }
}

function validText(model: TextModel, rnd: SeededRandom): string {
  const length = rnd.int(Math.max(model.min, 1), Math.min(model.max, model.min + 24));
  // Letters only at the ends, so a trimmed field keeps its length.
  const inner = rnd.string(Math.max(0, length - 2), `${ALNUM} ._-`);
  const word = `${rnd.string(1, ALNUM)}${inner}${length > 1 ? rnd.string(1, ALNUM) : ''}`;
  return word.slice(0, length);
}

/**
 * A value the model accepts. Optional fields are present about half of the time, or always
 * with `full` (and nullable values are then never null), so every field can be broken.
 */
export function validValue(model: Model, rnd: SeededRandom, full = false): unknown {
  switch (model.kind) {
    case 'none':
      return undefined;
    case 'text':
      return validText(model, rnd);
    case 'format':
      return validFormat(model.format, rnd);
    case 'int':
      return rnd.int(model.min, model.max);
    case 'bool':
      return rnd.chance(0.5);
    case 'enum':
      return rnd.pick(model.values);
    case 'array': {
      const length = rnd.int(Math.max(model.min, 0), Math.min(model.max, model.min + 3));
      return Array.from({ length: full ? Math.max(length, 1) : length }, () =>
        validValue(model.of, rnd, full),
      );
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      for (let i = rnd.int(0, 3); i > 0; i--)
        out[`Param${rnd.string(6, ALNUM)}`] = validValue(model.value, rnd);
      return out;
    }
    case 'object':
      return validObject(model, rnd, full);
    case 'nullable':
      return !full && rnd.chance(0.3) ? null : validValue(model.of, rnd, full);
    case 'tagged':
      return validObject(model.variants[rnd.pick(Object.keys(model.variants))] as ObjectModel, rnd, full);
  }
}

function validObject(model: ObjectModel, rnd: SeededRandom, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const forced = model.oneOf ? rnd.pick(model.oneOf) : undefined;
  for (const [key, field] of Object.entries(model.fields)) {
    if (field.optional && !full && key !== forced && rnd.chance(0.5)) continue;
    out[key] = validValue(field.model, rnd, full);
  }
  if (model.differ) {
    const [a, b] = model.differ;
    while (out[a] === out[b]) out[b] = validValue((model.fields[b] as FieldModel).model, rnd);
  }
  return out;
}
